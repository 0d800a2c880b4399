import Foundation
import ConvCore

/// What one ONNX node becomes.
enum ONNXTranslation {
    /// A row: `kind` reading builder nodes `inputs`.
    case layer(LayerKind, inputs: [Int])
    /// A value fixed by the file (no row).
    case value(ONNXConstant)
    /// The node passes one of its inputs on unchanged (Identity or Cast of a constant).
    case alias(ONNXValue)
    /// A row of unknown shape, with the reason when the op type is supported but this use is not.
    case unknown(reason: String?)
}

/// One node with its resolved inputs: the operator rules (onnx operator spec,
/// https://onnx.ai/onnx/operators/) mapped to ``LayerKind``.
struct ONNXNodeContext {
    let node: Onnx_NodeProto
    let location: String
    let inputs: [ONNXValue?]
    let builder: GraphBuilder

    /// The builder nodes this node reads as activations, in input order.
    var activations: [Int] {
        inputs.compactMap { value in
            if case let .activation(index)? = value { return index }
            return nil
        }
    }

    /// The shape of activation `index`; `[]` when unknown.
    func shape(_ index: Int) -> [Int] { builder.shape(of: index) }

    func fail(_ problem: String) -> ModelImportError { .layer(location: location, problem: problem) }

    // MARK: Attributes

    func attribute(_ name: String) -> Onnx_AttributeProto? {
        node.attribute.first { $0.name == name }
    }

    func int(_ name: String, default value: Int) -> Int {
        guard let attribute = attribute(name) else { return value }
        return Int(attribute.i)
    }

    func ints(_ name: String) -> [Int]? {
        attribute(name).map { $0.ints.map { Int($0) } }
    }

    func string(_ name: String, default value: String) -> String {
        guard let attribute = attribute(name) else { return value }
        return String(decoding: attribute.s, as: UTF8.self)
    }

    /// Two spatial values (H, W) of attribute `name`, or `value` for both when absent.
    func pair(_ name: String, default value: Int) throws(ModelImportError) -> HeightWidth {
        guard let list = ints(name) else { return HeightWidth(value) }
        guard list.count == 2 else { throw fail("\(name) \(list) needs 2 values (H, W)") }
        return HeightWidth(height: list[0], width: list[1])
    }

    /// The constant at input `position`, if it is one.
    func constant(_ position: Int) -> ONNXConstant? {
        guard inputs.indices.contains(position), case let .constant(value)? = inputs[position] else { return nil }
        return value
    }

    /// The activation at input `position`, if it is one.
    func activation(_ position: Int) -> Int? {
        guard inputs.indices.contains(position), case let .activation(index)? = inputs[position] else { return nil }
        return index
    }

    func has(_ position: Int) -> Bool { inputs.indices.contains(position) && inputs[position] != nil }

    // MARK: Translation

    func translate() throws(ModelImportError) -> ONNXTranslation {
        let op = node.opType
        // Shape arithmetic and constants first: they make no row.
        switch op {
        case "Constant": return .value(try constantAttribute())
        case "ConstantOfShape":
            guard let shape = constant(0)?.integers else { return .value(.opaque) }
            let dims = try ONNXGraphReader.checkedDims(shape.map { Int64($0) }, location: location)
            _ = try ONNXGraphReader.elements(dims, location: location)
            return .value(ONNXConstant(dims: dims, integers: nil, reals: nil))
        case "Shape":
            guard let input = activation(0) else {
                if let dims = constant(0)?.dims { return .value(ONNXConstant(dims: [dims.count], integers: dims, reals: nil)) }
                return .value(.opaque)
            }
            let full = shape(input)
            guard !full.isEmpty else { return .value(.opaque) }
            let start = clamp(int("start", default: 0), full.count), end = clamp(int("end", default: full.count), full.count)
            let slice = start < end ? Array(full[start..<end]) : []
            return .value(ONNXConstant(dims: [slice.count], integers: slice, reals: nil))
        default:
            break
        }
        if activations.isEmpty {
            return .value(try fold(op))
        }
        switch op {
        case "Conv": return try convolution()
        case "ConvTranspose": return try transposedConvolution()
        case "MaxPool", "AveragePool": return try pooling(max: op == "MaxPool")
        case "GlobalAveragePool":
            return .layer(.adaptiveAvgPool2d(outputSize: HeightWidth(1)), inputs: [try data()])
        case "GlobalMaxPool":
            let input = try data()
            let full = shape(input)
            guard full.count == 4 else { return full.isEmpty ? .layer(.unknown(type: op), inputs: [input]) : .unknown(reason: "input \(full) is not N x C x H x W") }
            return .layer(.pool2d(reduction: .max, kernelSize: HeightWidth(height: full[2], width: full[3]), stride: HeightWidth(1),
                                  padding: HeightWidth(0), rule: .caffe(roundUp: false)), inputs: [input])
        case "BatchNormalization":
            let input = try data()
            guard let channels = constant(1)?.dims, channels.count == 1 else { return .unknown(reason: "scale of unknown size") }
            let full = shape(input)
            if !full.isEmpty, full.count != 4 { return .unknown(reason: "input \(full) is not N x C x H x W (BatchNorm2d)") }
            return .layer(.batchNorm2d(numFeatures: channels[0]), inputs: [input])
        case "LRN":
            return .layer(.localResponseNorm(size: int("size", default: 0)), inputs: [try data()])
        case "Gemm": return try gemm()
        case "MatMul": return try matrixProduct()
        case "Flatten": return try flatten()
        case "Reshape":
            let input = try data()
            guard let dims = constant(1)?.integers else { return .unknown(reason: "shape is not a constant") }
            if int("allowzero", default: 0) != 0, dims.contains(0) { return .unknown(reason: "allowzero with a 0 dim") }
            return .layer(.reshape(dims: dims), inputs: [input])
        case "Concat": return try concatenation()
        case "Add", "Sum", "Mul", "Sub", "Div", "Max", "Min", "Pow", "Mean": return try elementwise(op)
        case "PRelu":
            let input = try data()
            guard let slope = constant(1)?.dims else { return .unknown(reason: "slope of unknown size") }
            let channels = try ONNXGraphReader.elements(slope, location: location)
            let full = shape(input)
            guard channels == 1 || (full.count >= 2 && channels == full[1]) || full.isEmpty else {
                return .unknown(reason: "slope dims \(slope) are neither shared nor per channel")
            }
            return .layer(.prelu(channels: channels), inputs: [input])
        case "Relu":
            return .layer(.relu, inputs: [try data()])
        case "Dropout", "Identity", "Clip", "Sigmoid", "Tanh", "LeakyRelu", "HardSigmoid", "HardSwish", "Softmax",
             "LogSoftmax", "Elu", "Selu", "Celu", "Gelu", "Erf", "Exp", "Log", "Sqrt", "Reciprocal", "Neg", "Abs",
             "Softplus", "Softsign", "Mish", "Cast", "ThresholdedRelu", "Floor", "Ceil", "Round", "Sign", "Sin", "Cos",
             "Not", "IsNaN", "Swish":
            return .layer(.passThrough(type: op), inputs: [try data()])
        case "Pad": return try padding()
        case "Resize", "Upsample": return try resize(op)
        case "ReduceMean": return try reduceMean()
        default:
            return .unknown(reason: nil)
        }
    }

    func clamp(_ value: Int, _ count: Int) -> Int {
        let shifted = value < 0 ? value + count : value
        return min(max(shifted, 0), count)
    }

    /// The first input as an activation.
    func data() throws(ModelImportError) -> Int {
        guard let index = activation(0) else { throw fail("input 0 is a constant, not a tensor a layer reads") }
        return index
    }

    /// Constant's `value`, `value_int(s)` or `value_float(s)`.
    func constantAttribute() throws(ModelImportError) -> ONNXConstant {
        if let value = attribute("value"), value.hasT {
            let dims = try ONNXGraphReader.checkedDims(value.t.dims, location: location)
            let elements = try ONNXGraphReader.elements(dims, location: location)
            return ONNXConstant(tensor: value.t, dims: dims, elements: elements)
        }
        if let value = attribute("value_int") { return ONNXConstant(dims: [], integers: [Int(value.i)], reals: nil) }
        if let value = attribute("value_ints") { return ONNXConstant(dims: [value.ints.count], integers: value.ints.map { Int($0) }, reals: nil) }
        if let value = attribute("value_float") { return ONNXConstant(dims: [], integers: nil, reals: [Double(value.f)]) }
        if let value = attribute("value_floats") { return ONNXConstant(dims: [value.floats.count], integers: nil, reals: value.floats.map { Double($0) }) }
        return .opaque
    }

    /// A node whose inputs are all constants: shape arithmetic is folded when the values are known.
    func fold(_ op: String) throws(ModelImportError) -> ONNXConstant {
        switch op {
        case "Identity", "Cast", "Unsqueeze", "Squeeze":
            guard var value = constant(0) else { return .opaque }
            if op != "Identity" && op != "Cast" { value.dims = nil }
            return value
        case "Gather":
            guard let data = constant(0)?.integers, let indices = constant(1)?.integers,
                  int("axis", default: 0) == 0, constant(0)?.dims?.count == 1 else { return .opaque }
            var result: [Int] = []
            for index in indices {
                let position = index < 0 ? index + data.count : index
                guard data.indices.contains(position) else { throw fail("index \(index) is out of range for \(data.count) values") }
                result.append(data[position])
            }
            return ONNXConstant(dims: constant(1)?.dims ?? [result.count], integers: result, reals: nil)
        case "Concat":
            var result: [Int] = []
            for position in inputs.indices {
                guard let values = constant(position)?.integers else { return .opaque }
                result += values
            }
            return ONNXConstant(dims: [result.count], integers: result, reals: nil)
        case "Slice":
            guard let data = constant(0)?.integers else { return .opaque }
            let starts = constant(1)?.integers ?? ints("starts"), ends = constant(2)?.integers ?? ints("ends")
            let axes = constant(3)?.integers ?? ints("axes") ?? [0], steps = constant(4)?.integers ?? [1]
            guard let starts, let ends, starts.count == 1, ends.count == 1, axes == [0] || axes == [-1], steps == [1] else {
                return .opaque
            }
            let start = clamp(starts[0], data.count), end = clamp(ends[0] > Int.max / 2 ? data.count : ends[0], data.count)
            let slice = start < end ? Array(data[start..<end]) : []
            return ONNXConstant(dims: [slice.count], integers: slice, reals: nil)
        default:
            return .opaque
        }
    }

    // MARK: Convolutions and pools

    /// The padding per side of a window over `input`: nil when it is not the same on both sides
    /// (ConvScope's layers pad symmetrically). `auto_pad` SAME_UPPER/SAME_LOWER give a total of
    /// max(0, (ceil(i/s) - 1)·s + d·(k - 1) + 1 - i) per axis (onnx Conv spec), split evenly.
    func windowPadding(input: Int, kernel: HeightWidth, stride: HeightWidth, dilation: HeightWidth) throws(ModelImportError) -> HeightWidth? {
        let mode = string("auto_pad", default: "NOTSET")
        switch mode {
        case "NOTSET", "":
            guard let pads = ints("pads") else { return HeightWidth(0) }
            guard pads.count == 4 else { throw fail("pads \(pads) needs 4 values (top, left, bottom, right)") }
            guard pads.allSatisfy({ $0 >= 0 }) else { throw fail("pads \(pads) has a negative value") }
            guard pads[0] == pads[2], pads[1] == pads[3] else { return nil }
            return HeightWidth(height: pads[0], width: pads[1])
        case "VALID":
            return HeightWidth(0)
        case "SAME_UPPER", "SAME_LOWER":
            let full = shape(input)
            guard full.count == 4 else { return nil }
            var result: [Int] = []
            for (size, k, s, d) in [(full[2], kernel.height, stride.height, dilation.height), (full[3], kernel.width, stride.width, dilation.width)] {
                guard s >= 1, k >= 1, d >= 1, k <= 1 << 20, d <= 1 << 20, s <= 1 << 20 else {
                    throw fail("kernel \(k), stride \(s), dilation \(d) are out of range; allowed: 1...\(1 << 20)")
                }
                let out = (size + s - 1) / s
                let total = max(0, (out - 1) * s + d * (k - 1) + 1 - size)
                guard total % 2 == 0 else { return nil }
                result.append(total / 2)
            }
            return HeightWidth(height: result[0], width: result[1])
        default:
            throw fail("auto_pad '\(mode)'; allowed: NOTSET, VALID, SAME_UPPER, SAME_LOWER")
        }
    }

    /// Conv: X [N, C, H, W], W [M, C/group, kH, kW], optional B [M].
    func convolution() throws(ModelImportError) -> ONNXTranslation {
        let input = try data()
        guard let weight = constant(1)?.dims else { return .unknown(reason: "weights of unknown size") }
        guard weight.count == 4 else { return .unknown(reason: "\(max(weight.count - 2, 0))-D convolution (weights \(weight)); 2-D is inferred") }
        let kernel = HeightWidth(height: weight[2], width: weight[3])
        if let stated = ints("kernel_shape"), stated != [weight[2], weight[3]] {
            throw fail("kernel_shape \(stated) disagrees with weights \(weight)")
        }
        let group = int("group", default: 1)
        let stride = try pair("strides", default: 1), dilation = try pair("dilations", default: 1)
        guard let padding = try windowPadding(input: input, kernel: kernel, stride: stride, dilation: dilation) else {
            return .unknown(reason: "asymmetric padding (pads \(ints("pads") ?? []), auto_pad \(string("auto_pad", default: "NOTSET")))")
        }
        let (inChannels, overflow) = weight[1].multipliedReportingOverflow(by: group)
        guard !overflow, group >= 1 else { throw fail("group \(group) x weight dim \(weight[1]) is out of range") }
        let bias = has(2)
        if bias, let dims = constant(2)?.dims, dims != [weight[0]] { throw fail("bias dims \(dims) do not match \(weight[0]) filters") }
        return .layer(.conv2d(inChannels: inChannels, outChannels: weight[0], kernelSize: kernel, stride: stride, padding: padding,
                              dilation: dilation, groups: group, bias: bias), inputs: [input])
    }

    /// ConvTranspose: W [C, M/group, kH, kW]; output_padding and output_shape beyond the plain rule
    /// are not represented (unknown).
    func transposedConvolution() throws(ModelImportError) -> ONNXTranslation {
        let input = try data()
        guard let weight = constant(1)?.dims else { return .unknown(reason: "weights of unknown size") }
        guard weight.count == 4 else { return .unknown(reason: "\(max(weight.count - 2, 0))-D transposed convolution; 2-D is inferred") }
        let kernel = HeightWidth(height: weight[2], width: weight[3])
        if let stated = ints("kernel_shape"), stated != [weight[2], weight[3]] {
            throw fail("kernel_shape \(stated) disagrees with weights \(weight)")
        }
        let group = int("group", default: 1)
        let stride = try pair("strides", default: 1), dilation = try pair("dilations", default: 1)
        if let extra = ints("output_padding"), extra.contains(where: { $0 != 0 }) {
            return .unknown(reason: "output_padding \(extra) is not represented yet")
        }
        if ints("output_shape") != nil { return .unknown(reason: "output_shape is not represented yet") }
        let mode = string("auto_pad", default: "NOTSET")
        guard mode == "NOTSET" || mode == "VALID" || mode.isEmpty else { return .unknown(reason: "auto_pad \(mode) on ConvTranspose") }
        var padding = HeightWidth(0)
        if mode != "VALID", let pads = ints("pads") {
            guard pads.count == 4 else { throw fail("pads \(pads) needs 4 values (top, left, bottom, right)") }
            guard pads.allSatisfy({ $0 >= 0 }) else { throw fail("pads \(pads) has a negative value") }
            guard pads[0] == pads[2], pads[1] == pads[3] else { return .unknown(reason: "asymmetric pads \(pads)") }
            padding = HeightWidth(height: pads[0], width: pads[1])
        }
        let (outChannels, overflow) = weight[1].multipliedReportingOverflow(by: group)
        guard !overflow, group >= 1 else { throw fail("group \(group) x weight dim \(weight[1]) is out of range") }
        return .layer(.convTranspose2d(inChannels: weight[0], outChannels: outChannels, kernelSize: kernel, stride: stride,
                                       padding: padding, dilation: dilation, groups: group, bias: has(2)), inputs: [input])
    }

    /// MaxPool / AveragePool with PyTorch's output rule (ceil_mode drops a last window starting in
    /// the right padding); count_include_pad does not change shapes.
    func pooling(max: Bool) throws(ModelImportError) -> ONNXTranslation {
        let input = try data()
        guard let list = ints("kernel_shape") else { throw fail("kernel_shape is missing") }
        guard list.count == 2 else { return .unknown(reason: "\(list.count)-D pooling; 2-D is inferred") }
        let kernel = HeightWidth(height: list[0], width: list[1])
        let stride = try pair("strides", default: 1), dilation = try pair("dilations", default: 1)
        guard dilation == HeightWidth(1) else { return .unknown(reason: "dilations \(ints("dilations") ?? []) on a pool") }
        guard let padding = try windowPadding(input: input, kernel: kernel, stride: stride, dilation: dilation) else {
            return .unknown(reason: "asymmetric padding (pads \(ints("pads") ?? []), auto_pad \(string("auto_pad", default: "NOTSET")))")
        }
        let ceil = int("ceil_mode", default: 0) != 0
        let kind: LayerKind = max ? .maxPool2d(kernelSize: kernel, stride: stride, padding: padding, ceilMode: ceil)
                                  : .avgPool2d(kernelSize: kernel, stride: stride, padding: padding, ceilMode: ceil)
        return .layer(kind, inputs: [input])
    }

    // MARK: Matrix products and reshapes

    /// Gemm: A [N, K] (transA 0), B [K, N] or [N, K] with transB, optional C: torch.nn.Linear.
    func gemm() throws(ModelImportError) -> ONNXTranslation {
        let input = try data()
        guard int("transA", default: 0) == 0 else { return .unknown(reason: "transA = 1") }
        guard let weight = constant(1)?.dims else { return .unknown(reason: "weights of unknown size (B is not a constant)") }
        guard weight.count == 2 else { throw fail("B dims \(weight) are not 2-D") }
        let transposed = int("transB", default: 0) != 0
        let inFeatures = transposed ? weight[1] : weight[0], outFeatures = transposed ? weight[0] : weight[1]
        return .layer(.linear(inFeatures: inFeatures, outFeatures: outFeatures, bias: has(2)), inputs: [input])
    }

    /// MatMul with a constant 2-D B [K, N] on an N x K input: torch.nn.Linear without bias.
    func matrixProduct() throws(ModelImportError) -> ONNXTranslation {
        let input = try data()
        guard let weight = constant(1)?.dims, weight.count == 2 else { return .unknown(reason: "B is not a constant 2-D matrix") }
        let full = shape(input)
        if !full.isEmpty, full.count != 2 { return .unknown(reason: "input \(full) is not N x K") }
        return .layer(.linear(inFeatures: weight[0], outFeatures: weight[1], bias: false), inputs: [input])
    }

    /// Flatten(axis): axis 1 is torch.flatten(x, 1); other axes reshape to [prod(before), prod(after)].
    func flatten() throws(ModelImportError) -> ONNXTranslation {
        let input = try data()
        let axis = int("axis", default: 1)
        if axis == 1 { return .layer(.flatten, inputs: [input]) }
        let full = shape(input)
        guard !full.isEmpty else { return .layer(.unknown(type: "Flatten"), inputs: [input]) }
        let position = axis < 0 ? axis + full.count : axis
        guard position >= 0, position <= full.count else { throw fail("axis \(axis) is out of range for input \(full)") }
        let before = try ONNXGraphReader.elements(Array(full[..<position]), location: location)
        let after = try ONNXGraphReader.elements(Array(full[position...]), location: location)
        return .layer(.reshape(dims: [before, after]), inputs: [input])
    }

    /// Concat of activations along `axis` (negative counts from the end).
    func concatenation() throws(ModelImportError) -> ONNXTranslation {
        guard activations.count == inputs.count else { return .unknown(reason: "a constant among the inputs") }
        guard attribute("axis") != nil else { throw fail("axis is missing") }
        let axis = int("axis", default: 0)
        var position = axis
        if axis < 0 {
            let rank = shape(activations[0]).count
            guard rank > 0 else { return .layer(.unknown(type: "Concat"), inputs: activations) }
            position = axis + rank
        }
        return .layer(.concat(axis: position), inputs: activations)
    }

    /// Numpy broadcasting of `shapes` (onnx Broadcasting.md), or nil when they do not broadcast.
    static func broadcast(_ shapes: [[Int]]) -> [Int]? {
        let rank = shapes.map(\.count).max() ?? 0
        var result = Array(repeating: 1, count: rank)
        for shape in shapes {
            let offset = rank - shape.count
            for (position, dim) in shape.enumerated() {
                let current = result[offset + position]
                if dim == current || dim == 1 { continue }
                guard current == 1 else { return nil }
                result[offset + position] = dim
            }
        }
        return result
    }

    /// Add, Mul, ... with broadcasting: equal activations become an element-wise row; otherwise the
    /// activation whose shape is the broadcast result comes first and the row keeps its shape.
    func elementwise(_ op: String) throws(ModelImportError) -> ONNXTranslation {
        let reads = activations
        let shapes = reads.map { shape($0) }
        if shapes.contains(where: \.isEmpty) { return .layer(.passThrough(type: op), inputs: reads) }
        var all = shapes
        for position in inputs.indices where constant(position) != nil {
            guard let dims = constant(position)?.dims else { return .unknown(reason: "broadcast with a constant of unknown size") }
            all.append(dims)
        }
        guard let result = Self.broadcast(all) else { throw fail("shapes \(all.map { "\($0)" }.joined(separator: ", ")) do not broadcast") }
        guard let first = shapes.firstIndex(of: result) else {
            return .unknown(reason: "the broadcast output \(result) is larger than every input")
        }
        var ordered = reads
        ordered.swapAt(0, first)
        if reads.count >= 2, shapes.allSatisfy({ $0 == result }), all.count == shapes.count {
            switch op {
            case "Add", "Sum": return .layer(.elementwise(operation: .add, matchFirst: false), inputs: ordered)
            case "Mul": return .layer(.elementwise(operation: .multiply, matchFirst: false), inputs: ordered)
            case "Max": return .layer(.elementwise(operation: .maximum, matchFirst: false), inputs: ordered)
            default: break
            }
        }
        return .layer(.passThrough(type: op), inputs: ordered)
    }

    /// Pad: only zero pads keep the shape (padding layers are not represented yet).
    func padding() throws(ModelImportError) -> ONNXTranslation {
        let input = try data()
        guard let pads = constant(1)?.integers ?? ints("pads") else { return .unknown(reason: "pads are not a constant") }
        guard pads.allSatisfy({ $0 == 0 }) else { return .unknown(reason: "pads \(pads): padding layers are not represented yet") }
        return .layer(.passThrough(type: "Pad"), inputs: [input])
    }

    /// Resize / Upsample by one whole factor on H and W (scales [1, 1, s, s] or sizes [N, C, s·H, s·W]).
    func resize(_ op: String) throws(ModelImportError) -> ONNXTranslation {
        let input = try data()
        let full = shape(input)
        var scales: [Int]?
        if op == "Upsample" {
            scales = constant(1)?.wholeNumbers ?? attribute("scales").flatMap { attribute in
                ONNXConstant(dims: nil, integers: nil, reals: attribute.floats.map { Double($0) }).wholeNumbers
            }
        } else {
            if let values = constant(2)?.wholeNumbers, !values.isEmpty { scales = values }
            if scales == nil, let sizes = constant(3)?.integers, sizes.count == 4, full.count == 4,
               sizes[0] == full[0], sizes[1] == full[1], sizes[2] % full[2] == 0, sizes[3] % full[3] == 0 {
                scales = [1, 1, sizes[2] / full[2], sizes[3] / full[3]]
            }
        }
        guard let scales, scales.count == 4, scales[0] == 1, scales[1] == 1, scales[2] == scales[3], scales[2] >= 1 else {
            return .unknown(reason: "scales or sizes are not one constant whole factor on H and W")
        }
        return .layer(.upsample(scale: scales[2]), inputs: [input])
    }

    /// ReduceMean over H and W with keepdims 1: torch's x.mean((2, 3), keepdim=True), the same
    /// output as AdaptiveAvgPool2d(1).
    func reduceMean() throws(ModelImportError) -> ONNXTranslation {
        let input = try data()
        let full = shape(input)
        guard let axes = constant(1)?.integers ?? ints("axes") else { return .unknown(reason: "axes are not a constant") }
        let rank = full.isEmpty ? 4 : full.count
        let normalized = axes.map { $0 < 0 ? $0 + rank : $0 }.sorted()
        guard rank == 4, normalized == [2, 3], int("keepdims", default: 1) == 1 else {
            return .unknown(reason: "axes \(axes), keepdims \(int("keepdims", default: 1)): only H and W with keepdims are inferred")
        }
        return .layer(.adaptiveAvgPool2d(outputSize: HeightWidth(1)), inputs: [input])
    }
}
