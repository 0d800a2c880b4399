/// The semantic role of a canvas cell. A theme maps roles to colours, or to bold/reverse when
/// colour is off; plain exports ignore roles.
public enum Role: UInt8, Sendable, CaseIterable {
    case plain, title, label, border, dim, error, accent
    /// A real input cell, a padding zero, a zero inserted between input pixels (transposed
    /// convolution), an input cell no window reads.
    case input, padding, zeroInserted, unread
    /// The cells under the current kernel window.
    case window
    /// Kernel taps.
    case kernel
    /// Output cells already computed, the current output cell, cells not computed yet.
    case output, current, pending
    /// The row/column added by output_padding.
    case outputPadding
    /// Emphasis for a selected item.
    case highlight
}
