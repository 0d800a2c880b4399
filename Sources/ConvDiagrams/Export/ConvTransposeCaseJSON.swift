import ConvCore

/// One transposed-convolution case in the form of the reference file `conv_transpose2d.json`:
/// `input`, `weight` (C_in x C_out/groups x kH x kW), optional `bias`, `stride`, `padding`,
/// `output_padding`, `dilation` (pairs [height, width]), `groups`, and optionally
/// `equivalent_direct_conv` and the expected `output`. Read by `convscope deconv --from` and by
/// the tests; written (with `output` filled in) by the JSON exporter.
///
/// Source: the reference vectors of `torch.nn.functional.conv_transpose2d` (Fixtures/README.md).
public struct ConvTransposeCaseJSON: Codable, Sendable {
    /// A label for the case.
    public var name: String?
    /// (N, C_in, H, W).
    public var input: TensorJSON
    /// (C_in, C_out/groups, kH, kW), as `torch.nn.ConvTranspose2d.weight`.
    public var weight: TensorJSON
    /// (C_out), or absent for none.
    public var bias: TensorJSON?
    /// [height, width] (or one number for both); default 1.
    public var stride: [Int]?
    /// [height, width] (or one number for both); default 0.
    public var padding: [Int]?
    /// `output_padding`: [height, width] (or one number for both); default 0.
    public var outputPadding: [Int]?
    /// [height, width] (or one number for both); default 1.
    public var dilation: [Int]?
    /// Channel groups; default 1.
    public var groups: Int?
    /// `equivalent_direct_conv`: the direct convolution that computes the same output.
    public var equivalentDirectConv: EquivalentDirectConvJSON?
    /// (N, C_out, H_out, W_out): the expected or computed output.
    public var output: TensorJSON?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, input, weight, bias, stride, padding, dilation, groups, output
        case outputPadding = "output_padding"
        case equivalentDirectConv = "equivalent_direct_conv"
    }

    /// The keys a case may have (a `--from` file with any other key is refused).
    public static let allowedKeys = CodingKeys.allCases.map(\.rawValue)

    /// A case from a computation: its tensors, parameters, equivalent direct convolution and output.
    public init(_ computation: ConvTransposeComputation, name: String? = nil) {
        let g = computation.geometry
        self.name = name
        input = TensorJSON(computation.input)
        weight = TensorJSON(computation.weight)
        bias = computation.bias.map(TensorJSON.init)
        stride = [g.height.stride, g.width.stride]
        padding = [g.height.padding, g.width.padding]
        outputPadding = [g.height.outputPadding, g.width.outputPadding]
        dilation = [g.height.dilation, g.width.dilation]
        groups = g.groups
        equivalentDirectConv = EquivalentDirectConvJSON(g)
        output = TensorJSON(computation.output)
    }

    /// Runs the case through the core (`equivalent_direct_conv` and `output` are not inputs).
    /// - Throws: ``ConvTransposeError`` for a malformed pair (not one or two numbers), tensors
    ///   whose shape and data disagree, or an invalid geometry.
    public func computation() throws(ConvTransposeError) -> ConvTransposeComputation {
        let s: (Int, Int), p: (Int, Int), op: (Int, Int), d: (Int, Int)
        let x: Tensor, w: Tensor, b: Tensor?
        do throws(ConvError) {
            s = try ConvCaseJSON.pair(stride, name: "stride", default: 1)
            p = try ConvCaseJSON.pair(padding, name: "padding", default: 0)
            op = try ConvCaseJSON.pair(outputPadding, name: "output_padding", default: 0)
            d = try ConvCaseJSON.pair(dilation, name: "dilation", default: 1)
            x = try input.tensor()
            w = try weight.tensor()
            b = try bias?.tensor()
        } catch {
            throw .invalid(error)
        }
        return try ConvTransposeComputation(input: x, weight: w, bias: b, stride: s, padding: p, outputPadding: op,
                                            dilation: d, groups: groups ?? 1)
    }
}

/// The equivalent direct convolution of a transposed convolution, as `conv_transpose2d.json`
/// records it: per axis [height, width], the zeros inserted between input cells (s - 1), the
/// padding before (d(k-1) - p) and after (d(k-1) - p + output_padding; negative means cropping),
/// unit stride, the dilation, and how the kernel is transformed.
///
/// Source: Dumoulin & Visin 2016, relationship 14, generalised to dilation and output_padding.
public struct EquivalentDirectConvJSON: Codable, Equatable, Sendable {
    /// `zeros_between`: s - 1 per axis.
    public var zerosBetween: [Int]
    /// `pad_before`: d(k-1) - p per axis (negative: cropped).
    public var padBefore: [Int]
    /// `pad_after`: d(k-1) - p + output_padding per axis (negative: cropped).
    public var padAfter: [Int]
    /// Always [1, 1].
    public var stride: [Int]
    /// The transposed convolution's dilation, unchanged.
    public var dilation: [Int]
    /// How the kernel is transformed (flipped, channels swapped).
    public var kernel: String?

    enum CodingKeys: String, CodingKey {
        case stride, dilation, kernel
        case zerosBetween = "zeros_between"
        case padBefore = "pad_before"
        case padAfter = "pad_after"
    }

    /// The text the reference file uses for the kernel transformation.
    public static let kernelTransformation = "flipped spatially, in/out channels swapped (per group)"

    /// The equivalent direct convolution of `geometry`.
    public init(_ geometry: ConvTranspose2dGeometry) {
        let h = geometry.height, w = geometry.width
        zerosBetween = [h.zerosBetween, w.zerosBetween]
        padBefore = [h.directPaddingBefore, w.directPaddingBefore]
        padAfter = [h.directPaddingAfter, w.directPaddingAfter]
        stride = [1, 1]
        dilation = [h.dilation, w.dilation]
        kernel = Self.kernelTransformation
    }
}
