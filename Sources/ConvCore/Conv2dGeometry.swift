/// The full geometry of a 2-D convolution: batch, channels, groups and one ``ConvAxis`` per
/// spatial axis. Weight shape is (C_out, C_in/groups, kH, kW); output shape (N, C_out, H_out, W_out).
///
/// Source: `torch.nn.Conv2d` (shapes, groups) and Dumoulin & Visin 2016 (per-axis arithmetic).
public struct Conv2dGeometry: Equatable, Sendable {
    /// N.
    public let batch: Int
    /// C_in.
    public let inputChannels: Int
    /// C_out: one output channel (feature map) per filter.
    public let outputChannels: Int
    /// The number of channel groups; each filter sees C_in/groups input channels.
    public let groups: Int
    /// The vertical axis (rows).
    public let height: ConvAxis
    /// The horizontal axis (columns).
    public let width: ConvAxis

    /// Creates and validates a convolution geometry.
    /// - Throws: ``ConvError/outOfRange(name:value:allowed:)`` for channel counts or groups
    ///   outside 1...65536, ``ConvError/channelsNotDivisibleByGroups(name:channels:groups:)``,
    ///   and the errors of ``ConvAxis/init(inputSize:kernelSize:stride:padding:dilation:name:)``.
    public init(batch: Int = 1, inputChannels: Int = 1, outputChannels: Int = 1, groups: Int = 1,
                height: ConvAxis, width: ConvAxis) throws(ConvError) {
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
        self.batch = batch
        self.inputChannels = inputChannels
        self.outputChannels = outputChannels
        self.groups = groups
        self.height = height
        self.width = width
    }

    /// Convenience: square or rectangular kernels with per-axis stride, padding and dilation.
    /// - Throws: as ``init(batch:inputChannels:outputChannels:groups:height:width:)``.
    public init(batch: Int = 1, inputChannels: Int = 1, outputChannels: Int = 1, groups: Int = 1,
                inputSize: (Int, Int), kernelSize: (Int, Int), stride: (Int, Int) = (1, 1),
                padding: (Padding, Padding) = (.explicit(0), .explicit(0)),
                dilation: (Int, Int) = (1, 1)) throws(ConvError) {
        let h = try ConvAxis(inputSize: inputSize.0, kernelSize: kernelSize.0, stride: stride.0,
                             padding: padding.0, dilation: dilation.0, name: "height")
        let w = try ConvAxis(inputSize: inputSize.1, kernelSize: kernelSize.1, stride: stride.1,
                             padding: padding.1, dilation: dilation.1, name: "width")
        try self.init(batch: batch, inputChannels: inputChannels, outputChannels: outputChannels,
                      groups: groups, height: h, width: w)
    }

    /// (N, C_in, H, W).
    public var inputShape: [Int] { [batch, inputChannels, height.inputSize, width.inputSize] }
    /// (C_out, C_in/groups, kH, kW), as `torch.nn.Conv2d.weight`.
    public var weightShape: [Int] { [outputChannels, inputChannels / groups, height.kernelSize, width.kernelSize] }
    /// (N, C_out, H_out, W_out).
    public var outputShape: [Int] { [batch, outputChannels, height.outputSize, width.outputSize] }

    /// Learnable parameters: C_out·(C_in/groups)·kH·kW weights, plus C_out biases when `bias`.
    /// Saturates at `Int.max` rather than overflow for absurd (but valid) geometries.
    public func parameterCount(bias: Bool) -> Int {
        saturatingProduct(weightShape).addingReportingOverflow(bias ? outputChannels : 0).partialValue.clampedNonNegative
    }

    /// Multiply-adds as torchinfo 1.8 counts a Conv2d: parameters x H_out x W_out x N (bias included).
    /// Saturates at `Int.max` rather than overflow.
    public func multiplyAdds(bias: Bool) -> Int {
        saturatingProduct([parameterCount(bias: bias), height.outputSize, width.outputSize, batch])
    }

    /// The number of output cells, i.e. the number of steps of a step-through (N·C_out·H_out·W_out).
    public var outputCellCount: Int { saturatingProduct(outputShape) }
}

/// The product of non-negative factors, or `Int.max` when it would overflow.
@inlinable
public func saturatingProduct(_ factors: [Int]) -> Int {
    var result = 1
    for f in factors {
        let (p, overflow) = result.multipliedReportingOverflow(by: f)
        if overflow { return Int.max }
        result = p
    }
    return result
}

extension Int {
    /// `self`, or `Int.max` when an addition wrapped below zero.
    @usableFromInline var clampedNonNegative: Int { self < 0 ? Int.max : self }
}
