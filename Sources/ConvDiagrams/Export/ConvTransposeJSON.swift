import ConvCore

/// The JSON of `convscope deconv --format json`: every field of ``ConvTransposeCaseJSON`` (the
/// form of `conv_transpose2d.json`: `input`, `weight`, `bias`, `stride`, `padding`,
/// `output_padding`, `dilation`, `groups`, `equivalent_direct_conv` and `output` as a tensor
/// `{"shape", "data"}`), plus `op` ("conv_transpose2d"), `output_size` [H_out, W_out], and the
/// equivalent direct convolution in full: `direct_input_size` [H, W] of the stretched, padded
/// input, `stretched_input` (that input as a tensor, N x C_in x H x W), `direct_weight` (the
/// flipped kernel with channels swapped, C_out x C_in/groups x kH x kW), and `row_kinds` /
/// `column_kinds`: what each grid row and column of the stretched input is ("input",
/// "inserted_zero", "border_padding", "output_padding"). A cell is real input only when both
/// its row and its column are (see ``StretchedCellKind/combining(row:column:)``).
///
/// Source: Dumoulin & Visin 2016, relationship 14; `torch.nn.functional.conv_transpose2d`.
public enum ConvTransposeJSON {
    struct Document: Encodable {
        var base: ConvTransposeCaseJSON
        var op = "conv_transpose2d"
        var outputSize: [Int]
        var directInputSize: [Int]
        var stretchedInput: TensorJSON?
        var directWeight: TensorJSON?
        var rowKinds: [String]
        var columnKinds: [String]

        enum CodingKeys: String, CodingKey {
            case op
            case outputSize = "output_size"
            case directInputSize = "direct_input_size"
            case stretchedInput = "stretched_input"
            case directWeight = "direct_weight"
            case rowKinds = "row_kinds"
            case columnKinds = "column_kinds"
        }

        func encode(to encoder: Encoder) throws {
            try base.encode(to: encoder)
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(op, forKey: .op)
            try c.encode(outputSize, forKey: .outputSize)
            try c.encode(directInputSize, forKey: .directInputSize)
            try c.encodeIfPresent(stretchedInput, forKey: .stretchedInput)
            try c.encodeIfPresent(directWeight, forKey: .directWeight)
            try c.encode(rowKinds, forKey: .rowKinds)
            try c.encode(columnKinds, forKey: .columnKinds)
        }
    }

    /// The name a grid row or column kind has in the JSON.
    public static func name(of kind: StretchedCellKind) -> String {
        switch kind {
        case .input: return "input"
        case .insertedZero: return "inserted_zero"
        case .borderPadding: return "border_padding"
        case .outputPadding: return "output_padding"
        }
    }

    /// The JSON text of `computation`, keys sorted, ending in a newline.
    public static func render(_ computation: ConvTransposeComputation, name: String? = nil) -> String {
        let g = computation.geometry, h = g.height, w = g.width
        let doc = Document(
            base: ConvTransposeCaseJSON(computation, name: name),
            outputSize: [h.outputSize, w.outputSize],
            directInputSize: [h.directInputSize, w.directInputSize],
            stretchedInput: (try? g.stretchedInput(computation.input)).map(TensorJSON.init),
            directWeight: (try? g.directWeight(computation.weight)).map(TensorJSON.init),
            rowKinds: (0..<h.directInputSize).map { Self.name(of: h.directCellKind(atGridIndex: $0)) },
            columnKinds: (0..<w.directInputSize).map { Self.name(of: w.directCellKind(atGridIndex: $0)) })
        return encodeJSON(doc)
    }
}
