/// The full geometry of a 2-D transposed convolution: batch, channels, groups and one
/// ``ConvTransposeAxis`` per spatial axis. The weight is (C_in, C_out/groups, kH, kW), as in
/// PyTorch; the output is (N, C_out, H_out, W_out).
///
/// Source: `torch.nn.ConvTranspose2d` (shapes, groups, output_padding) and Dumoulin & Visin 2016,
/// relationships 8-14 (per-axis arithmetic and the equivalent direct convolution).
///
///     let g = try ConvTranspose2dGeometry(inputSize: (3, 3), kernelSize: (3, 3), stride: (2, 2),
///                                         padding: (1, 1), outputPadding: (1, 1))
///     g.outputShape   // [1, 1, 6, 6]
public struct ConvTranspose2dGeometry: Equatable, Sendable {
    /// N.
    public let batch: Int
    /// C_in.
    public let inputChannels: Int
    /// C_out.
    public let outputChannels: Int
    /// The number of channel groups; each input channel stamps onto C_out/groups output channels.
    public let groups: Int
    /// The vertical axis (rows).
    public let height: ConvTransposeAxis
    /// The horizontal axis (columns).
    public let width: ConvTransposeAxis

    /// Creates and validates a transposed-convolution geometry.
    /// - Throws: ``ConvTransposeError/invalid(_:)`` wrapping ``ConvError/outOfRange(name:value:allowed:)``
    ///   for batch, channel counts or groups outside 1...65536,
    ///   ``ConvError/channelsNotDivisibleByGroups(name:channels:groups:)``, and
    ///   ``ConvError/shapeMismatch(_:)`` when the input, weight, output or stretched input would
    ///   hold more than ``Tensor/maximumElementCount`` elements.
    public init(batch: Int = 1, inputChannels: Int = 1, outputChannels: Int = 1, groups: Int = 1,
                height: ConvTransposeAxis, width: ConvTransposeAxis) throws(ConvTransposeError) {
        do throws(ConvError) {
            try requireInRange("batch", batch, 1...65536)
            try requireInRange("in-channels", inputChannels, 1...65536)
            try requireInRange("out-channels", outputChannels, 1...65536)
            try requireInRange("groups", groups, 1...65536)
            guard inputChannels % groups == 0 else {
                throw .channelsNotDivisibleByGroups(name: "in-channels", channels: inputChannels, groups: groups)
            }
            guard outputChannels % groups == 0 else {
                throw .channelsNotDivisibleByGroups(name: "out-channels", channels: outputChannels, groups: groups)
            }
            // Every tensor of the operation must be storable; this also bounds every product below.
            for shape in [[batch, inputChannels, height.inputSize, width.inputSize],
                          [inputChannels, outputChannels / groups, height.kernelSize, width.kernelSize],
                          [batch, outputChannels, height.outputSize, width.outputSize],
                          [batch, inputChannels, height.directInputSize, width.directInputSize]] {
                _ = try Tensor.elementCount(of: shape)
            }
        } catch {
            throw .invalid(error)
        }
        self.batch = batch
        self.inputChannels = inputChannels
        self.outputChannels = outputChannels
        self.groups = groups
        self.height = height
        self.width = width
    }

    /// Convenience: per-axis sizes, stride, padding, output_padding and dilation as
    /// (height, width) pairs.
    /// - Throws: the errors of ``ConvTransposeAxis/init(inputSize:kernelSize:stride:padding:outputPadding:dilation:name:)``
    ///   and of ``init(batch:inputChannels:outputChannels:groups:height:width:)``.
    public init(batch: Int = 1, inputChannels: Int = 1, outputChannels: Int = 1, groups: Int = 1,
                inputSize: (Int, Int), kernelSize: (Int, Int), stride: (Int, Int) = (1, 1),
                padding: (Int, Int) = (0, 0), outputPadding: (Int, Int) = (0, 0),
                dilation: (Int, Int) = (1, 1)) throws(ConvTransposeError) {
        let h = try ConvTransposeAxis(inputSize: inputSize.0, kernelSize: kernelSize.0, stride: stride.0,
                                      padding: padding.0, outputPadding: outputPadding.0, dilation: dilation.0,
                                      name: "height")
        let w = try ConvTransposeAxis(inputSize: inputSize.1, kernelSize: kernelSize.1, stride: stride.1,
                                      padding: padding.1, outputPadding: outputPadding.1, dilation: dilation.1,
                                      name: "width")
        try self.init(batch: batch, inputChannels: inputChannels, outputChannels: outputChannels, groups: groups,
                      height: h, width: w)
    }

    /// Builds and checks the geometry that `input`, `weight` and `bias` imply.
    /// - Parameters:
    ///   - input: (N, C_in, H, W).
    ///   - weight: (C_in, C_out/groups, kH, kW).
    ///   - bias: (C_out), or nil.
    /// - Throws: ``ConvTransposeError/invalid(_:)`` wrapping ``ConvError/shapeMismatch(_:)`` for
    ///   tensors of the wrong rank or channel counts that disagree, and the geometry's own errors.
    public static func validated(input: Tensor, weight: Tensor, bias: Tensor?, stride: (Int, Int),
                                 padding: (Int, Int), outputPadding: (Int, Int), dilation: (Int, Int),
                                 groups: Int) throws(ConvTransposeError) -> ConvTranspose2dGeometry {
        do throws(ConvError) {
            guard input.rank == 4 else {
                throw .shapeMismatch("input must be N x C x H x W, got shape \(Tensor.describe(input.shape))")
            }
            guard weight.rank == 4 else {
                throw .shapeMismatch("conv_transpose2d weight must be C_in x C_out/groups x kH x kW, got shape \(Tensor.describe(weight.shape))")
            }
            try requireInRange("groups", groups, 1...65536)
            guard weight.shape[0] == input.shape[1] else {
                throw .shapeMismatch("conv_transpose2d weight shape \(Tensor.describe(weight.shape)) expects \(weight.shape[0]) input channels (its first dimension), input has \(input.shape[1])")
            }
            try requireInRange("out-channels per group", weight.shape[1], 1...65536)
            if let bias {
                guard bias.shape == [weight.shape[1] * groups] else {
                    throw .shapeMismatch("bias shape \(Tensor.describe(bias.shape)) must be [\(weight.shape[1] * groups)] (one per output channel: C_out/groups \(weight.shape[1]) x groups \(groups))")
                }
            }
        } catch {
            throw .invalid(error)
        }
        return try ConvTranspose2dGeometry(batch: input.shape[0], inputChannels: input.shape[1],
                                           outputChannels: weight.shape[1] * groups, groups: groups,
                                           inputSize: (input.shape[2], input.shape[3]),
                                           kernelSize: (weight.shape[2], weight.shape[3]), stride: stride,
                                           padding: padding, outputPadding: outputPadding, dilation: dilation)
    }

    /// (N, C_in, H, W).
    public var inputShape: [Int] { [batch, inputChannels, height.inputSize, width.inputSize] }
    /// (C_in, C_out/groups, kH, kW), as `torch.nn.ConvTranspose2d.weight`.
    public var weightShape: [Int] { [inputChannels, outputChannels / groups, height.kernelSize, width.kernelSize] }
    /// (N, C_out, H_out, W_out).
    public var outputShape: [Int] { [batch, outputChannels, height.outputSize, width.outputSize] }

    /// (N, C_in, H_out + d(kH-1), W_out + d(kW-1)): the stretched and padded input the equivalent
    /// direct convolution slides over.
    public var directInputShape: [Int] { [batch, inputChannels, height.directInputSize, width.directInputSize] }
    /// (C_out, C_in/groups, kH, kW): the flipped kernel with input and output channels swapped.
    public var directWeightShape: [Int] { [outputChannels, inputChannels / groups, height.kernelSize, width.kernelSize] }

    /// The equivalent direct convolution (relationship 14): over ``directInputShape`` with the
    /// ``directWeightShape`` kernel, unit stride, no further padding, the same dilation and groups.
    /// Its output shape is ``outputShape``.
    /// - Throws: ``ConvTransposeError/invalid(_:)`` (not expected for a validated geometry).
    public func directConvolution() throws(ConvTransposeError) -> Conv2dGeometry {
        do throws(ConvError) {
            return try Conv2dGeometry(batch: batch, inputChannels: inputChannels, outputChannels: outputChannels,
                                      groups: groups, height: height.directAxis, width: width.directAxis)
        } catch {
            throw .invalid(error)
        }
    }

    /// What the direct convolution reads at grid cell (row, column); see
    /// ``StretchedCellKind/combining(row:column:)``.
    public func directCellKind(row: Int, column: Int) -> StretchedCellKind {
        .combining(row: height.directCellKind(atGridIndex: row), column: width.directCellKind(atGridIndex: column))
    }

    /// Learnable parameters: C_in·(C_out/groups)·kH·kW weights, plus C_out biases when `bias`.
    public func parameterCount(bias: Bool) -> Int {
        saturatingProduct(weightShape).addingReportingOverflow(bias ? outputChannels : 0).partialValue.clampedNonNegative
    }

    /// The number of output cells: the steps of the direct-convolution view (N·C_out·H_out·W_out).
    public var outputCellCount: Int { saturatingProduct(outputShape) }

    /// The number of input cells: the steps of the scatter view (N·C_in·H·W).
    public var inputCellCount: Int { saturatingProduct(inputShape) }
}
