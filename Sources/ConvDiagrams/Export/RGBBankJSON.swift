import ConvCore

/// The JSON of `convscope rgb --format json`, in the form of the reference file `rgb_bank.json`:
/// `input` (the crop, 1 x 3 x H x W), `weight` (N x 3 x kH x kW), `bias` (N), `output`
/// (1 x N x H_out x W_out) as `{"shape", "data"}` tensors, plus `image` and `crop`
/// ([top, left, height, width]), `padding`, `stride`, and `channel_sums`: for each filter, its
/// three per-channel sums (1 x 1 x H_out x W_out each) before they are added with the bias.
public enum RGBBankJSON {
    struct Document: Encodable {
        var op = "rgb_bank"
        var image: String
        var crop: [Int]
        var input: TensorJSON
        var weight: TensorJSON
        var bias: TensorJSON?
        var padding: Int
        var stride: Int
        var output: TensorJSON
        var channel_sums: [[TensorJSON]]
    }

    /// The JSON text, ending in a newline.
    public static func render(computation: ConvComputation, result: FilterBank.Result, image: String, crop: [Int]) -> String {
        let g = computation.geometry
        let doc = Document(image: image, crop: crop, input: TensorJSON(computation.input), weight: TensorJSON(computation.weight),
                           bias: computation.bias.map(TensorJSON.init), padding: g.height.paddingBefore, stride: g.height.stride,
                           output: TensorJSON(result.output), channel_sums: result.channelSums.map { $0.map(TensorJSON.init) })
        return encodeJSON(doc)
    }
}
