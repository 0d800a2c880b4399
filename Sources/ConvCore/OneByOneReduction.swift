/// A 3 x 3 convolution with and without a 1 x 1 convolution in front that reduces the channels:
/// direct, C -> F with a 3 x 3 kernel; reduced, C -> R with a 1 x 1 kernel, then R -> F with the
/// 3 x 3 kernel (the "bottleneck" of Network in Network, GoogLeNet's Inception reductions and
/// ResNet's bottleneck blocks). Both keep the H x W map (padding 1 for the 3 x 3, 0 for the 1 x 1,
/// stride 1) and end with F channels; the reduction saves parameters and multiply-adds when
/// R is small against C.
///
/// A 1 x 1 convolution computes, at every pixel on its own, out[f] = bias[f] + Σ_c w[f, c] · in[c]:
/// a dot product across channels, a linear layer applied at each position.
///
///     let r = try OneByOneReduction(inputChannels: 128, reducedChannels: 32, outputChannels: 128, height: 28, width: 28)
///     r.direct.parameterCount(bias: true)      // 147,584 = 128·128·3·3 + 128
///     r.reducedParameters                      // 41,120  = (128·32 + 32) + (32·128·3·3 + 128)
///
/// Sources: Lin, Chen & Yan, "Network in Network" (2014), section 3.2 (cross-channel pooling as a
/// 1 x 1 convolution); Szegedy et al., "Going deeper with convolutions" (2015), section 4
/// ("1 x 1 convolutions are used to compute reductions before the expensive 3 x 3"). Counts as
/// torchinfo 1.8 (see ``Conv2dGeometry/multiplyAdds(bias:)``).
public struct OneByOneReduction: Equatable, Sendable {
    /// C -> F, 3 x 3, padding 1.
    public let direct: Conv2dGeometry
    /// C -> R, 1 x 1.
    public let reduce: Conv2dGeometry
    /// R -> F, 3 x 3, padding 1.
    public let expand: Conv2dGeometry
    /// Whether the counts include biases (as `torch.nn.Conv2d(bias=True)`).
    public let bias: Bool

    /// - Throws: ``ConvError/outOfRange(name:value:allowed:)`` for channel counts outside
    ///   1...65536 or map sides outside the core's limits.
    public init(inputChannels: Int, reducedChannels: Int, outputChannels: Int, height: Int, width: Int, bias: Bool = true) throws(ConvError) {
        direct = try Conv2dGeometry(inputChannels: inputChannels, outputChannels: outputChannels, inputSize: (height, width),
                                    kernelSize: (3, 3), padding: (.explicit(1), .explicit(1)))
        reduce = try Conv2dGeometry(inputChannels: inputChannels, outputChannels: reducedChannels, inputSize: (height, width),
                                    kernelSize: (1, 1))
        expand = try Conv2dGeometry(inputChannels: reducedChannels, outputChannels: outputChannels, inputSize: (height, width),
                                    kernelSize: (3, 3), padding: (.explicit(1), .explicit(1)))
        self.bias = bias
    }

    /// Parameters of the 1 x 1 then 3 x 3 path.
    public var reducedParameters: Int { reduce.parameterCount(bias: bias) + expand.parameterCount(bias: bias) }
    /// Multiply-adds of the 1 x 1 then 3 x 3 path.
    public var reducedMultiplyAdds: Int { reduce.multiplyAdds(bias: bias) + expand.multiplyAdds(bias: bias) }
    /// reduced / direct parameters.
    public var parameterRatio: Double { Double(reducedParameters) / Double(direct.parameterCount(bias: bias)) }
    /// reduced / direct multiply-adds.
    public var multiplyAddRatio: Double { Double(reducedMultiplyAdds) / Double(direct.multiplyAdds(bias: bias)) }
}
