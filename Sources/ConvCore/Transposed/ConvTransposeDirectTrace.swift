/// One kernel tap of one output cell in the direct-convolution view of a transposed convolution:
/// which grid cell of the stretched input it reads, what kind of cell that is, and its product.
public struct ConvTransposeDirectTap: Equatable, Sendable {
    /// Input channel index (absolute, 0-based).
    public let channel: Int
    /// Row and column in the flipped kernel (the direct convolution's kernel), 0-based.
    public let kernelRow: Int, kernelColumn: Int
    /// Row and column of the same weight in the original (unflipped) kernel: kH-1-kernelRow, kW-1-kernelColumn.
    public let originalKernelRow: Int, originalKernelColumn: Int
    /// Row and column in the direct convolution's grid (stretched input with padding), 0-based.
    public let gridRow: Int, gridColumn: Int
    /// What the grid cell holds: real input, inserted zero, border padding or output_padding.
    public let kind: StretchedCellKind
    /// The input row and column read, when ``kind`` is ``StretchedCellKind/input``; nil for a zero.
    public let inputRow: Int?, inputColumn: Int?
    /// The value read (0 for every kind of zero).
    public let inputValue: Float
    /// The flipped kernel's weight.
    public let weight: Float
    /// inputValue x weight.
    public var product: Float { inputValue * weight }
}

/// The step-by-step account of one output cell of a transposed convolution seen as a direct
/// convolution over the stretched, padded input: its window, every tap (tagged real input,
/// inserted zero, border padding or output_padding), the bias and the sum.
///
/// Source: Dumoulin & Visin 2016, relationship 14 and the transposed animations of
/// conv_arithmetic, generalised to dilation and output_padding as `torch.nn.ConvTranspose2d`.
public struct ConvTransposeDirectTrace: Equatable, Sendable {
    /// The output cell (n, f, row, column), 0-based.
    public let batch: Int, outputChannel: Int, row: Int, column: Int
    /// The grid row and column of the window's top-left tap (equal to the output row and column:
    /// the direct convolution has unit stride).
    public let windowTop: Int, windowLeft: Int
    /// Every tap, in (channel, kernel row, kernel column) order of the flipped kernel.
    public let taps: [ConvTransposeDirectTap]
    /// The bias added (0 when there is none).
    public let bias: Float
    /// Σ products + bias, summed in tap order: the direct convolution's value for this cell
    /// (equal to the scatter output for integer data, up to Float rounding order otherwise).
    public let sum: Float
}
