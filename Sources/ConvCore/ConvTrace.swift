/// One kernel tap of one output cell: where it reads, what it reads, and what it contributes.
public struct ConvTap: Equatable, Sendable {
    /// Input channel index (absolute, 0-based).
    public let channel: Int
    /// Kernel row and column (0-based).
    public let kernelRow: Int, kernelColumn: Int
    /// Row and column in padded coordinates (0-based; padding cells included).
    public let paddedRow: Int, paddedColumn: Int
    /// True when the tap reads a padding zero rather than a real input cell.
    public let isPadding: Bool
    /// The input value read (0 for padding).
    public let inputValue: Float
    /// The kernel weight.
    public let weight: Float
    /// inputValue x weight.
    public var product: Float { inputValue * weight }
}

/// The step-by-step account of one output cell of a convolution: its position, the window it
/// reads, every tap with its product, the bias and the sum. Diagrams animate traces; they never
/// recompute.
///
/// Source: the definition of `torch.nn.functional.conv2d` written out cell by cell.
public struct ConvCellTrace: Equatable, Sendable {
    /// The output cell (n, f, row, column), 0-based.
    public let batch: Int, outputChannel: Int, row: Int, column: Int
    /// The padded-coordinate rows and columns of the window's top-left tap.
    public let windowTop: Int, windowLeft: Int
    /// Every tap, in (channel, kernel row, kernel column) order.
    public let taps: [ConvTap]
    /// The bias added (0 when there is none).
    public let bias: Float
    /// Σ products + bias: the output value.
    public let sum: Float
}

/// A convolution with concrete tensors, its output, and on-demand traces for every output cell.
/// Steps are numbered 1...``stepCount`` in row-major order over (n, f, row, column).
///
/// Source: matches `torch.nn.functional.conv2d`; traces follow Dumoulin & Visin 2016's animations.
public struct ConvComputation: Sendable {
    /// (N, C_in, H, W).
    public let input: Tensor
    /// (C_out, C_in/groups, kH, kW).
    public let weight: Tensor
    /// (C_out), or nil.
    public let bias: Tensor?
    /// The validated geometry.
    public let geometry: Conv2dGeometry
    /// (N, C_out, H_out, W_out).
    public let output: Tensor

    /// Runs the convolution.
    /// - Throws: ``ConvError`` as ``conv2d(input:weight:bias:stride:padding:dilation:groups:)``.
    public init(input: Tensor, weight: Tensor, bias: Tensor? = nil, stride: (Int, Int) = (1, 1),
                padding: (Padding, Padding) = (.explicit(0), .explicit(0)), dilation: (Int, Int) = (1, 1),
                groups: Int = 1) throws(ConvError) {
        let (output, geometry) = try conv2d(input: input, weight: weight, bias: bias, stride: stride,
                                            padding: padding, dilation: dilation, groups: groups)
        self.input = input
        self.weight = weight
        self.bias = bias
        self.geometry = geometry
        self.output = output
    }

    /// The number of steps: one per output cell.
    public var stepCount: Int { geometry.outputCellCount }

    /// The output cell (n, f, row, column) of 1-based step `step`.
    /// - Throws: ``ConvError/stepOutOfRange(step:count:)``.
    public func cell(ofStep step: Int) throws(ConvError) -> (batch: Int, channel: Int, row: Int, column: Int) {
        guard step >= 1 && step <= stepCount else { throw .stepOutOfRange(step: step, count: stepCount) }
        let oh = geometry.height.outputSize, ow = geometry.width.outputSize, f = geometry.outputChannels
        var i = step - 1
        let column = i % ow; i /= ow
        let row = i % oh; i /= oh
        let channel = i % f; i /= f
        return (i, channel, row, column)
    }

    /// The trace of 1-based step `step`.
    /// - Throws: ``ConvError/stepOutOfRange(step:count:)``.
    public func trace(step: Int) throws(ConvError) -> ConvCellTrace {
        let (n, f, oy, ox) = try cell(ofStep: step)
        let g = geometry, h = g.height, w = g.width
        let cinPerGroup = g.inputChannels / g.groups
        let group = f / (g.outputChannels / g.groups)
        var taps: [ConvTap] = []
        taps.reserveCapacity(cinPerGroup * h.kernelSize * w.kernelSize)
        for cl in 0..<cinPerGroup {
            let c = group * cinPerGroup + cl
            for ky in 0..<h.kernelSize {
                for kx in 0..<w.kernelSize {
                    let py = h.paddedIndex(window: oy, tap: ky), px = w.paddedIndex(window: ox, tap: kx)
                    let y = py - h.paddingBefore, x = px - w.paddingBefore
                    let inside = y >= 0 && y < h.inputSize && x >= 0 && x < w.inputSize
                    taps.append(ConvTap(channel: c, kernelRow: ky, kernelColumn: kx, paddedRow: py, paddedColumn: px,
                                        isPadding: !inside, inputValue: inside ? input[n, c, y, x] : 0,
                                        weight: weight[f, cl, ky, kx]))
                }
            }
        }
        let biasValue = bias?.data[f] ?? 0
        return ConvCellTrace(batch: n, outputChannel: f, row: oy, column: ox,
                             windowTop: oy * h.stride, windowLeft: ox * w.stride, taps: taps,
                             bias: biasValue, sum: output[n, f, oy, ox])
    }
}
