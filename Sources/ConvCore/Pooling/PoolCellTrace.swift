/// One tap of one pooling window: where it lies and what it reads.
public struct PoolTap: Equatable, Sendable {
    /// The tap's row and column in the window (0-based).
    public let kernelRow: Int, kernelColumn: Int
    /// The input row and column covered (negative or past the input for padding).
    public let row: Int, column: Int
    /// Real input, padding, or beyond the padded input.
    public let kind: PoolCellKind
    /// The input value, for a real input cell; nil for padding (never read).
    public let value: Float?
}

/// The step-by-step account of one output cell of a pooling: its window, every tap, which tap is
/// the maximum (max pooling) or the sum and divisor used (average pooling), and the value.
///
/// Source: the window loops of PyTorch's CPU `max_pool2d` (first maximum in row-major order wins;
/// NaN wins) and `avg_pool2d` (divisor with or without padding cells; ceil mode's overhang never counts).
public struct PoolCellTrace: Equatable, Sendable {
    /// The output cell (n, c, row, column), 0-based.
    public let batch: Int, channel: Int, row: Int, column: Int
    /// Every tap, in row-major window order.
    public let taps: [PoolTap]
    /// Max pooling: the index in ``taps`` of the maximum (nil when the window reads no input cell).
    public let maxTapIndex: Int?
    /// Average pooling: the sum of the real input values read.
    public let sum: Float?
    /// Average pooling: the divisor used (cells of input and padding with count_include_pad,
    /// input cells only without it; never cells beyond the padded input; or divisor_override
    /// when the pooling has one).
    public let divisor: Int?
    /// The output value.
    public let value: Float
}
