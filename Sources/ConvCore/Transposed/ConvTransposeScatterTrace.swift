/// One tap of the kernel stamped by one input cell in the scatter view of a transposed
/// convolution: where it lands on the output, what it adds, and the cell's running sum.
public struct ConvTransposeStamp: Equatable, Sendable {
    /// The output channel stamped (absolute, 0-based).
    public let outputChannel: Int
    /// Row and column in the original kernel weight[c, f, :, :], 0-based.
    public let kernelRow: Int, kernelColumn: Int
    /// The output row and column, y·s - p + kernelRow·d and x·s - p + kernelColumn·d; outside
    /// the output when the stamp falls in the cropped padding.
    public let row: Int, column: Int
    /// True when (row, column) lies outside the output (cropped by the padding), so nothing is added.
    public let isCropped: Bool
    /// The kernel weight.
    public let weight: Float
    /// inputValue x weight: what this tap adds to its output cell.
    public let contribution: Float
    /// The output cell's value after this stamp: its bias plus the contributions of every input
    /// cell up to and including this one, in step order; nil when cropped. After the last step it
    /// equals the output.
    public let runningSum: Float?
}

/// The step-by-step account of one input cell of a transposed convolution seen as a scatter:
/// the cell stamps the kernel, scaled by its value, onto the output, and overlapping stamps add up.
///
/// Source: the definition of `torch.nn.functional.conv_transpose2d` as the gradient of conv2d
/// (each input cell spreads over the cells that would have read it), Dumoulin & Visin 2016 section 4.
public struct ConvTransposeScatterTrace: Equatable, Sendable {
    /// The input cell (n, c, row, column), 0-based.
    public let batch: Int, inputChannel: Int, inputRow: Int, inputColumn: Int
    /// The input value that scales the kernel.
    public let inputValue: Float
    /// The output row and column of kernel tap (0, 0): row·s - p and column·s - p (may be negative).
    public let stampTop: Int, stampLeft: Int
    /// Every tap for every output channel of the group, in (channel, kernel row, kernel column) order.
    public let stamps: [ConvTransposeStamp]
}
