import ConvCore

/// The JSON of `convscope conv1x1 --format json`: `direct` (one layer) and `reduced` (two
/// layers), each layer with `name`, `type` ("Conv2d"), `in_channels`, `out_channels`,
/// `kernel_size`, `padding`, `input_shape` and `output_shape` ([N, C, H, W]), `weight_shape`,
/// `params` and `mult_adds` (torchinfo 1.8, bias included); then `direct_params`,
/// `direct_mult_adds`, `reduced_params`, `reduced_mult_adds`. Keys sorted.
public enum Conv1x1JSON {
    struct Layer: Encodable {
        var name: String
        var type = "Conv2d"
        var in_channels: Int
        var out_channels: Int
        var kernel_size: [Int]
        var padding: [Int]
        var input_shape: [Int]
        var output_shape: [Int]
        var weight_shape: [Int]
        var params: Int
        var mult_adds: Int

        init(_ name: String, _ g: Conv2dGeometry, bias: Bool) {
            self.name = name
            in_channels = g.inputChannels
            out_channels = g.outputChannels
            kernel_size = [g.height.kernelSize, g.width.kernelSize]
            padding = [g.height.paddingBefore, g.width.paddingBefore]
            input_shape = g.inputShape
            output_shape = g.outputShape
            weight_shape = g.weightShape
            params = g.parameterCount(bias: bias)
            mult_adds = g.multiplyAdds(bias: bias)
        }
    }

    struct Document: Encodable {
        var op = "conv1x1"
        var direct: [Layer]
        var reduced: [Layer]
        var direct_params: Int
        var direct_mult_adds: Int
        var reduced_params: Int
        var reduced_mult_adds: Int
    }

    /// The JSON text, ending in a newline.
    public static func render(_ r: OneByOneReduction) -> String {
        encodeJSON(Document(direct: [Layer("conv3x3", r.direct, bias: r.bias)],
                            reduced: [Layer("conv1x1", r.reduce, bias: r.bias), Layer("conv3x3", r.expand, bias: r.bias)],
                            direct_params: r.direct.parameterCount(bias: r.bias), direct_mult_adds: r.direct.multiplyAdds(bias: r.bias),
                            reduced_params: r.reducedParameters, reduced_mult_adds: r.reducedMultiplyAdds))
    }
}
