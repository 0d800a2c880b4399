/// What one tap of a pooling window covers: a real input cell, a padding cell (within p of the
/// input: ignored by max pooling, counted by average pooling only with count_include_pad), or a
/// cell beyond the padded input (only ceil mode's partial last window reaches there; never read,
/// never counted).
///
/// Source: the window bounds of PyTorch's CPU `max_pool2d` and `avg_pool2d` kernels
/// (`hend = min(hstart + kH, H + padH)` for the divisor, then clipped to the input).
public enum PoolCellKind: Equatable, Sendable, CaseIterable {
    /// A real input cell, 0 <= index < i.
    case input
    /// A padding cell, -p <= index < 0 or i <= index < i + p.
    case padding
    /// Past the padded input, index >= i + p (ceil mode's partial last window).
    case beyondPadding

    /// The kind of a 2-D tap from the kinds of its row and column: input only when both are,
    /// beyond the padded input when either is, padding otherwise.
    public static func combining(row: PoolCellKind, column: PoolCellKind) -> PoolCellKind {
        if row == .beyondPadding || column == .beyondPadding { return .beyondPadding }
        if row == .padding || column == .padding { return .padding }
        return .input
    }
}
