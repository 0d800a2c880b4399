import Foundation
import ConvCore

/// What one ONNX node becomes.
enum ONNXTranslation {
    /// A row: `kind` reading builder nodes `inputs`.
    case layer(LayerKind, inputs: [Int])
    /// Two rows: a ``LayerKind/pad2d(top:left:bottom:right:mode:)`` row reading `inputs` (ONNX pads
    /// that are not the same on both sides), then `kind` reading it.
    case padded(LayerKind, pad: LayerKind, inputs: [Int])
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
        case "ReduceMean", "ReduceMax", "ReduceMin", "ReduceSum", "ReduceProd", "ReduceL1", "ReduceL2", "ReduceLogSumExp",
             "ReduceSumSquare", "ReduceLogSum":
            return try reduction(op)
        case "Transpose": return try transposition()
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
        case "Identity", "Cast":
            return constant(0) ?? .opaque
        case "Unsqueeze", "Squeeze", "Reshape", "Flatten":
            guard var value = constant(0) else { return .opaque }
            value.dims = value.dims.flatMap { try? reshapedDims($0, op) }
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

    /// The dims of a constant after Unsqueeze / Squeeze / Reshape / Flatten (onnx operator specs;
    /// axes from the attribute before opset 13, from input 1 after), or nil when they are not known.
    func reshapedDims(_ dims: [Int], _ op: String) throws(ModelImportError) -> [Int]? {
        switch op {
        case "Unsqueeze":
            guard let axes = constant(1)?.integers ?? ints("axes") else { return nil }
            let rank = dims.count + axes.count
            let positions = Set(axes.map { $0 < 0 ? $0 + rank : $0 })
            guard positions.count == axes.count, positions.allSatisfy({ (0..<rank).contains($0) }) else {
                throw fail("axes \(axes) are not distinct axes of the rank-\(rank) output")
            }
            var source = dims.makeIterator()
            return (0..<rank).map { positions.contains($0) ? 1 : (source.next() ?? 1) }
        case "Squeeze":
            guard let axes = constant(1)?.integers ?? ints("axes") else { return dims.filter { $0 != 1 } }
            let positions = Set(axes.map { $0 < 0 ? $0 + dims.count : $0 })
            guard positions.allSatisfy({ dims.indices.contains($0) && dims[$0] == 1 }) else {
                throw fail("axes \(axes) do not name axes of size 1 in \(dims)")
            }
            return dims.enumerated().filter { !positions.contains($0.offset) }.map(\.element)
        case "Flatten":
            let axis = int("axis", default: 1)
            let position = axis < 0 ? axis + dims.count : axis
            guard (0...dims.count).contains(position) else { throw fail("axis \(axis) is out of range for \(dims)") }
            return [try ONNXGraphReader.elements(Array(dims[..<position]), location: location),
                    try ONNXGraphReader.elements(Array(dims[position...]), location: location)]
        default:
            guard let target = constant(1)?.integers, target.count <= 64 else { return nil }
            let elements = try ONNXGraphReader.elements(dims, location: location)
            var result: [Int] = []
            var inferred: Int?
            for (position, dim) in target.enumerated() {
                if dim == 0, int("allowzero", default: 0) == 0 {
                    guard dims.indices.contains(position) else { throw fail("shape \(target) copies dim \(position) of \(dims), which has none") }
                    result.append(dims[position])
                } else if dim == -1 {
                    guard inferred == nil else { throw fail("shape \(target) has more than one -1") }
                    inferred = position
                    result.append(1)
                } else {
                    guard dim >= 0 else { throw fail("shape \(target) has dim \(dim); allowed: -1, 0 or more") }
                    result.append(dim)
                }
            }
            let known = try ONNXGraphReader.elements(result, location: location)
            if let inferred {
                guard known > 0, elements % known == 0 else { throw fail("\(elements) elements of \(dims) cannot be reshaped to \(target)") }
                result[inferred] = elements / known
            } else if known != elements {
                throw fail("\(elements) elements of \(dims) cannot be reshaped to \(target)")
            }
            return result
        }
    }

    // MARK: Convolutions and pools

    /// The padding of a window over `input` as (top, left, bottom, right). `auto_pad`
    /// SAME_UPPER / SAME_LOWER give a total of max(0, (ceil(i/s) - 1)·s + d·(k - 1) + 1 - i) per axis
    /// (onnx Conv spec), the odd one at the end (UPPER) or the beginning (LOWER); nil when the input
    /// size is unknown under SAME.
    func windowPads(input: Int, kernel: HeightWidth, stride: HeightWidth, dilation: HeightWidth) throws(ModelImportError) -> [Int]? {
        let mode = string("auto_pad", default: "NOTSET")
        switch mode {
        case "NOTSET", "":
            guard let pads = ints("pads") else { return [0, 0, 0, 0] }
            guard pads.count == 4 else { throw fail("pads \(pads) needs 4 values (top, left, bottom, right)") }
            guard pads.allSatisfy({ (0...(1 << 20)).contains($0) }) else { throw fail("pads \(pads) are out of range; allowed: 0...\(1 << 20)") }
            return pads
        case "VALID":
            return [0, 0, 0, 0]
        case "SAME_UPPER", "SAME_LOWER":
            let full = shape(input)
            guard full.count == 4 else { return nil }
            var before: [Int] = [], after: [Int] = []
            for (size, k, s, d) in [(full[2], kernel.height, stride.height, dilation.height), (full[3], kernel.width, stride.width, dilation.width)] {
                guard s >= 1, k >= 1, d >= 1, k <= 1 << 20, d <= 1 << 20, s <= 1 << 20 else {
                    throw fail("kernel \(k), stride \(s), dilation \(d) are out of range; allowed: 1...\(1 << 20)")
                }
                let out = (size + s - 1) / s
                let total = max(0, (out - 1) * s + d * (k - 1) + 1 - size)
                let small = total / 2, large = total - total / 2
                before.append(mode == "SAME_UPPER" ? small : large)
                after.append(mode == "SAME_UPPER" ? large : small)
            }
            return before + after
        default:
            throw fail("auto_pad '\(mode)'; allowed: NOTSET, VALID, SAME_UPPER, SAME_LOWER")
        }
    }

    /// `kind` built with the symmetric part of `pads`; the rest, if any, becomes a ZeroPad2d row
    /// before it (how TensorFlow's SAME padding of an even input reaches ONNX).
    func windowed(_ pads: [Int], input: Int, _ make: (HeightWidth) -> LayerKind) -> ONNXTranslation {
        let symmetric = HeightWidth(height: min(pads[0], pads[2]), width: min(pads[1], pads[3]))
        let extra = [pads[0] - symmetric.height, pads[1] - symmetric.width, pads[2] - symmetric.height, pads[3] - symmetric.width]
        guard extra.contains(where: { $0 != 0 }) else { return .layer(make(symmetric), inputs: [input]) }
        return .padded(make(symmetric), pad: .pad2d(top: extra[0], left: extra[1], bottom: extra[2], right: extra[3], mode: "constant"),
                       inputs: [input])
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
        guard let pads = try windowPads(input: input, kernel: kernel, stride: stride, dilation: dilation) else {
            return .unknown(reason: "auto_pad \(string("auto_pad", default: "NOTSET")) on an input of unknown size")
        }
        let (inChannels, overflow) = weight[1].multipliedReportingOverflow(by: group)
        guard !overflow, group >= 1 else { throw fail("group \(group) x weight dim \(weight[1]) is out of range") }
        let bias = has(2)
        if bias, let dims = constant(2)?.dims, dims != [weight[0]] { throw fail("bias dims \(dims) do not match \(weight[0]) filters") }
        return windowed(pads, input: input) { padding in
            .conv2d(inChannels: inChannels, outChannels: weight[0], kernelSize: kernel, stride: stride, padding: padding,
                    dilation: dilation, groups: group, bias: bias)
        }
    }

    /// ConvTranspose: W [C, M/group, kH, kW]. Output per axis (onnx ConvTranspose spec):
    /// s(i - 1) + output_padding + d(k - 1) + 1 - pad_begin - pad_end. `output_shape` (or auto_pad
    /// SAME_*, whose output is i·s) fixes the output and the total padding; an odd total becomes
    /// padding ceil(total/2) with output_padding 1 (the same output size, as PyTorch would write it).
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
        var outputPadding = try pair("output_padding", default: 0)
        for value in [stride.height, stride.width, dilation.height, dilation.width, kernel.height, kernel.width]
        where !(1...(1 << 20)).contains(value) {
            throw fail("kernel \(kernel), strides \(stride), dilations \(dilation) are out of range; allowed: 1...\(1 << 20)")
        }
        guard (0...(1 << 20)).contains(outputPadding.height), (0...(1 << 20)).contains(outputPadding.width) else {
            throw fail("output_padding \(ints("output_padding") ?? []) is out of range; allowed: 0...\(1 << 20)")
        }
        let mode = string("auto_pad", default: "NOTSET")
        guard ["NOTSET", "", "VALID", "SAME_UPPER", "SAME_LOWER"].contains(mode) else {
            throw fail("auto_pad '\(mode)'; allowed: NOTSET, VALID, SAME_UPPER, SAME_LOWER")
        }
        var target: [Int]?
        if let stated = ints("output_shape") {
            guard stated.count == 2 || stated.count == 4 else { throw fail("output_shape \(stated) needs 2 values (H, W)") }
            guard stated.suffix(2).allSatisfy({ (1...(1 << 20)).contains($0) }) else {
                throw fail("output_shape \(stated) is out of range; allowed: 1...\(1 << 20)")
            }
            target = Array(stated.suffix(2))
        } else if mode == "SAME_UPPER" || mode == "SAME_LOWER" {
            let full = shape(input)
            guard full.count == 4 else { return .unknown(reason: "auto_pad \(mode) on an input of unknown size") }
            target = [full[2] * stride.height, full[3] * stride.width]
        }
        var padding = HeightWidth(0)
        if let target {
            let full = shape(input)
            guard full.count == 4 else { return .unknown(reason: "output_shape on an input of unknown size") }
            var pads: [Int] = [], extras: [Int] = []
            for (axis, (size, want)) in zip([full[2], full[3]], target).enumerated() {
                let s = axis == 0 ? stride.height : stride.width, d = axis == 0 ? dilation.height : dilation.width
                let k = axis == 0 ? kernel.height : kernel.width
                // want = s(i - 1) + d(k - 1) + 1 - 2p + output_padding: 2p - output_padding = natural - want.
                let natural = s * (size - 1) + d * (k - 1) + 1 - want
                if natural < 0 { pads.append(0); extras.append(-natural) } else if natural % 2 == 0 { pads.append(natural / 2); extras.append(0) } else { pads.append(natural / 2 + 1); extras.append(1) }
            }
            padding = HeightWidth(height: pads[0], width: pads[1])
            outputPadding = HeightWidth(height: extras[0], width: extras[1])
        } else if mode != "VALID", let pads = ints("pads") {
            guard pads.count == 4 else { throw fail("pads \(pads) needs 4 values (top, left, bottom, right)") }
            guard pads.allSatisfy({ (0...(1 << 20)).contains($0) }) else { throw fail("pads \(pads) are out of range; allowed: 0...\(1 << 20)") }
            // begin + end = 2p - output_padding' with output_padding' in {0, 1}.
            var symmetric: [Int] = [], extras: [Int] = []
            for axis in 0..<2 {
                let total = pads[axis] + pads[axis + 2]
                let given = axis == 0 ? outputPadding.height : outputPadding.width
                if total % 2 == 0 { symmetric.append(total / 2); extras.append(given) } else { symmetric.append(total / 2 + 1); extras.append(given + 1) }
            }
            padding = HeightWidth(height: symmetric[0], width: symmetric[1])
            outputPadding = HeightWidth(height: extras[0], width: extras[1])
        }
        for (extra, s, d) in [(outputPadding.height, stride.height, dilation.height), (outputPadding.width, stride.width, dilation.width)]
        where extra >= s && extra >= d {
            return .unknown(reason: "pads \(ints("pads") ?? []), output_padding \(ints("output_padding") ?? []), output_shape \(ints("output_shape") ?? []): needs output_padding \(extra), which stride \(s) and dilation \(d) do not allow (torch.nn.ConvTranspose2d: below one of them)")
        }
        let (outChannels, overflow) = weight[1].multipliedReportingOverflow(by: group)
        guard !overflow, group >= 1 else { throw fail("group \(group) x weight dim \(weight[1]) is out of range") }
        return .layer(.convTranspose2d(inChannels: weight[0], outChannels: outChannels, kernelSize: kernel, stride: stride,
                                       padding: padding, dilation: dilation, groups: group, bias: has(2),
                                       outputPadding: outputPadding), inputs: [input])
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
        guard let pads = try windowPads(input: input, kernel: kernel, stride: stride, dilation: dilation) else {
            return .unknown(reason: "auto_pad \(string("auto_pad", default: "NOTSET")) on an input of unknown size")
        }
        let ceil = int("ceil_mode", default: 0) != 0
        return windowed(pads, input: input) { padding in
            max ? .maxPool2d(kernelSize: kernel, stride: stride, padding: padding, ceilMode: ceil)
                : .avgPool2d(kernelSize: kernel, stride: stride, padding: padding, ceilMode: ceil)
        }
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

    /// Pad on H and W (pads [x1_begin, x2_begin, ..., x1_end, x2_end], opset 18's `axes` too):
    /// torch.nn.ZeroPad2d / ReflectionPad2d / ReplicationPad2d. Pads of N or C, negative pads (crops)
    /// and mode "wrap" are not inferred.
    func padding() throws(ModelImportError) -> ONNXTranslation {
        let input = try data()
        guard let pads = constant(1)?.integers ?? ints("pads") else { return .unknown(reason: "pads are not a constant") }
        let full = shape(input)
        let rank = full.isEmpty ? pads.count / 2 : full.count
        let axes: [Int]
        if has(3) {
            guard let given = constant(3)?.integers else { return .unknown(reason: "axes are not a constant") }
            axes = given.map { $0 < 0 ? $0 + rank : $0 }
        } else {
            axes = Array(0..<rank)
        }
        guard pads.count == 2 * axes.count, axes.allSatisfy({ (0..<rank).contains($0) }) else {
            throw fail("pads \(pads) need 2 values per axis of a rank-\(rank) input")
        }
        guard pads.allSatisfy({ $0 >= 0 }) else { return .unknown(reason: "negative pads \(pads) (cropping)") }
        guard pads.allSatisfy({ $0 <= 1 << 20 }) else { throw fail("pads \(pads) are out of range; allowed: 0...\(1 << 20)") }
        var begin = Array(repeating: 0, count: rank), end = begin
        for (position, axis) in axes.enumerated() {
            begin[axis] = pads[position]
            end[axis] = pads[position + axes.count]
        }
        if begin.allSatisfy({ $0 == 0 }), end.allSatisfy({ $0 == 0 }) { return .layer(.passThrough(type: "Pad"), inputs: [input]) }
        guard rank == 4, begin[0] == 0, begin[1] == 0, end[0] == 0, end[1] == 0 else {
            return .unknown(reason: "pads \(pads) pad an axis other than H and W")
        }
        let mode = string("mode", default: "constant")
        guard ["constant", "reflect", "edge"].contains(mode) else { return .unknown(reason: "mode '\(mode)'") }
        return .layer(.pad2d(top: begin[2], left: begin[3], bottom: end[2], right: end[3], mode: mode), inputs: [input])
    }

    /// Transpose(perm), perm defaulting to the reversed axes (onnx Transpose spec).
    func transposition() throws(ModelImportError) -> ONNXTranslation {
        let input = try data()
        let full = shape(input)
        if let perm = ints("perm") {
            guard perm.count <= 64 else { throw fail("perm has \(perm.count) axes; allowed: at most 64") }
            return .layer(.transpose(perm: perm), inputs: [input])
        }
        guard !full.isEmpty else { return .layer(.unknown(type: "Transpose"), inputs: [input]) }
        return .layer(.transpose(perm: Array((0..<full.count).reversed())), inputs: [input])
    }

    /// Resize / Upsample with constant scales [1, 1, sH, sW] or sizes [N, C, H', W']: one whole
    /// factor on both axes is Darknet's Upsample; other factors and sizes give floor(H·s) (onnx
    /// Resize spec). `tf_crop_and_resize` (which reads the roi) is not inferred.
    func resize(_ op: String) throws(ModelImportError) -> ONNXTranslation {
        let input = try data()
        let full = shape(input)
        if string("coordinate_transformation_mode", default: "half_pixel") == "tf_crop_and_resize" {
            return .unknown(reason: "coordinate_transformation_mode tf_crop_and_resize")
        }
        var scales: [Double]?
        if op == "Upsample" {
            scales = constant(1)?.reals ?? constant(1)?.integers?.map(Double.init) ?? attribute("scales").map { $0.floats.map { Double($0) } }
        } else {
            if let values = constant(2)?.reals ?? constant(2)?.integers?.map(Double.init), !values.isEmpty { scales = values }
            if scales == nil, let sizes = constant(3)?.integers {
                guard sizes.count == 4 else { return .unknown(reason: "sizes \(sizes) are not N, C, H, W") }
                if !full.isEmpty, full.count == 4, (sizes[0] != full[0] || sizes[1] != full[1]) {
                    return .unknown(reason: "sizes \(sizes) resize N or C")
                }
                if full.count == 4, full[2] > 0, full[3] > 0, sizes[2] % full[2] == 0, sizes[3] % full[3] == 0,
                   sizes[2] / full[2] == sizes[3] / full[3], sizes[2] >= full[2] {
                    return .layer(.upsample(scale: sizes[2] / full[2]), inputs: [input])
                }
                guard sizes[2] >= 1, sizes[3] >= 1 else { throw fail("sizes \(sizes) have a dim below 1") }
                return .layer(.resize(target: .sizes(HeightWidth(height: sizes[2], width: sizes[3]))), inputs: [input])
            }
        }
        guard let scales else { return .unknown(reason: "scales and sizes are not constants") }
        guard scales.count == 4, scales[0] == 1, scales[1] == 1 else { return .unknown(reason: "scales \(scales) are not [1, 1, sH, sW]") }
        guard scales[2].isFinite, scales[3].isFinite, scales[2] > 0, scales[3] > 0 else {
            throw fail("scales \(scales) have a value that is not positive")
        }
        if scales[2] == scales[3], scales[2] >= 1, scales[2] <= Double(1 << 20), scales[2].rounded() == scales[2] {
            return .layer(.upsample(scale: Int(scales[2])), inputs: [input])
        }
        return .layer(.resize(target: .scales(height: scales[2], width: scales[3])), inputs: [input])
    }

    /// ReduceMean / ReduceMax / ... over `axes` (attribute, or input 1 from opset 18; none means
    /// every axis unless noop_with_empty_axes). ReduceMean over H and W with keepdims is
    /// torch's x.mean((2, 3), keepdim=True), the same output as AdaptiveAvgPool2d(1), and is shown so.
    func reduction(_ op: String) throws(ModelImportError) -> ONNXTranslation {
        let input = try data()
        let full = shape(input)
        let keepDims = int("keepdims", default: 1) != 0
        var axes = constant(1)?.integers ?? ints("axes")
        if has(1), constant(1)?.integers == nil { return .unknown(reason: "axes are not a constant") }
        if axes == nil || axes == [] {
            if int("noop_with_empty_axes", default: 0) != 0 { return .layer(.passThrough(type: op), inputs: [input]) }
            guard !full.isEmpty else { return .layer(.unknown(type: op), inputs: [input]) }
            axes = Array(0..<full.count)
        }
        guard let given = axes else { return .unknown(reason: "axes are not a constant") }
        guard !full.isEmpty else { return .layer(.unknown(type: op), inputs: [input]) }
        var normalized: [Int] = []
        for axis in given {
            let position = axis < 0 ? axis + full.count : axis
            guard (0..<full.count).contains(position) else { throw fail("axis \(axis) is out of range for input \(full)") }
            normalized.append(position)
        }
        normalized = Array(Set(normalized)).sorted()
        if op == "ReduceMean", full.count == 4, normalized == [2, 3], keepDims {
            return .layer(.adaptiveAvgPool2d(outputSize: HeightWidth(1)), inputs: [input])
        }
        return .layer(.reduce(type: op, axes: normalized, keepDims: keepDims), inputs: [input])
    }
}
