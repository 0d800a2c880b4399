/// Reads a Caffe `.prototxt` (deploy or test network) into the same layer graph the zoo builds,
/// following BVLC/caffe's semantics (`src/caffe/proto/caffe.proto`, the layers' `Reshape()`):
///
/// - Layers in the current form `layer { type: "Convolution" }`, the V1 form
///   `layers { type: CONVOLUTION }`, and SPP-net's V0-like nesting `layers { layer { type: "conv"
///   conv_param {...} } bottom top }`; type names are matched without case and underscores.
/// - Inputs from top-level `input` + `input_dim` (4 per input) or `input_shape { dim }`, or an
///   `Input` layer. The first input is the network input (summarised with batch 1); others (such as
///   py-faster-rcnn's `im_info`) are extra inputs. A file without any (FCN-32s's val.prototxt reads
///   a Python data layer) needs `--input`, which then feeds the first data layer's first top.
/// - Blobs are wired by name (`bottom`, `top`; in-place layers rewrite their blob).
///
/// | type | graph node | rule |
/// |------|------------|------|
/// | Convolution | Conv2d | (H + 2p - d(k-1) - 1)/s + 1, weights [n, C/group, kh, kw] + bias |
/// | Deconvolution | ConvTranspose2d | s(H-1) + d(k-1) + 1 - 2p, weights [C, n/group, kh, kw] |
/// | Pooling | MaxPool2d / AvgPool2d, Caffe's rule | ceil by default, `round_mode: FLOOR` (or the non-BVLC `ceil_mode: false`) floors; the last window starts inside the input; `global_pooling` |
/// | InnerProduct | Linear over the flattened input | K = C·H·W |
/// | ReLU, PReLU, Sigmoid, TanH, Dropout, LRN, BatchNorm, Scale, Softmax | same-shape layers | BatchNorm: mean, variance, factor as buffers; Scale: gamma (+ beta) |
/// | Eltwise, Concat, Flatten, Split, Crop | merges and reshapes | Crop: axes >= axis take bottom[1]'s sizes |
///
/// Reshape over all axes (0 copies, -1 is inferred) is read too. Other types (Python, ROIPooling,
/// Slice, SPP, losses, ...) are named, with their output
/// "shape unknown", as is every later layer that reads them.
///
/// Counts (``ModelSource/parameterCounts``): "caffe_learnable" = weights and biases of Convolution,
/// Deconvolution and InnerProduct, plus Scale's gamma/beta and PReLU's slopes
/// (= ``ModelSummary/totalParams``); "caffe_bn_statistics" = BatchNorm's mean(C) + variance(C) + 1
/// factor per layer (= ``ModelSummary/bufferCount``).
public enum CaffeImporter {
    /// True when `text` parses as text format and has Caffe's top-level fields (`layer`, `layers`,
    /// `input`).
    public static func recognizes(_ text: String) -> Bool {
        guard let root = try? PrototxtParser.parse(text) else { return false }
        return root.fields.contains { ["layer", "layers", "input", "input_shape", "input_dim"].contains($0.name) }
    }

    /// Summarises the prototxt `text`.
    /// - Parameters:
    ///   - text: the file's contents.
    ///   - model: the name shown (the file's `name:` is added when it has one).
    ///   - file: the file as given.
    ///   - input: [C, H, W] overriding the first input's size.
    /// - Throws: ``ModelImportError`` naming the layer and line; ``ModelImportError/noInputSize(problem:)``.
    public static func summary(text: String, model: String, file: String,
                               input: [Int]? = nil) throws(ModelImportError) -> ModelSummary {
        let root = try PrototxtParser.parse(text)
        let layers = root.fields.filter { $0.name == "layer" || $0.name == "layers" }
        guard layers.count <= ImportLimits.maximumLayers else {
            throw .limit(problem: "more than \(ImportLimits.maximumLayers) layers")
        }
        guard !layers.isEmpty else {
            throw .unrecognized(problem: "no layer or layers message: not a Caffe network")
        }
        var notes: [String] = []

        // Declared inputs: top-level input + input_dim / input_shape, else Input layers.
        var declared: [(name: String, dims: [Int], line: Int)] = []
        let inputNames = root.all("input")
        let inputDims = root.all("input_dim")
        let inputShapes = root.messages("input_shape")
        for (offset, field) in inputNames.enumerated() {
            let name = field.text ?? ""
            var dims: [Int] = []
            if offset < inputShapes.count {
                dims = try ints(inputShapes[offset].all("dim"), location: "input '\(name)' (line \(field.line))")
            } else if inputDims.count >= 4 * (offset + 1) {
                dims = try ints(Array(inputDims[(4 * offset)..<(4 * offset + 4)]), location: "input '\(name)' (line \(field.line))")
            } else {
                throw .layer(location: "input '\(name)' (line \(field.line))",
                             problem: "no input_dim or input_shape for this input (\(inputDims.count) input_dim values for \(inputNames.count) inputs)")
            }
            declared.append((name, dims, field.line))
        }
        var inputLayerTops: Set<String> = []
        if declared.isEmpty {
            for field in layers {
                guard case let .message(message) = field.value else { continue }
                let layer = Layer(message)
                guard normalized(layer.type) == "input" else { continue }
                let shapes = layer.params.message("input_param")?.messages("shape") ?? []
                for (offset, top) in layer.tops.enumerated() {
                    let shape = offset < shapes.count ? shapes[offset] : shapes.last
                    guard let shape else {
                        throw .layer(location: location(layer, field.line), problem: "no input_param { shape { dim ... } }")
                    }
                    declared.append((top, try ints(shape.all("dim"), location: location(layer, field.line)), field.line))
                    inputLayerTops.insert(top)
                }
            }
        }

        // The network input: the first declared input, or with --input the first data layer's top.
        var blobs: [String: Int] = [:]
        let size: [Int]
        var extraInputs: [(name: String, dims: [Int], line: Int)] = []
        var dataLayerTop: String?
        if let first = declared.first {
            guard first.dims.count == 4 || input != nil else {
                throw .layer(location: "input '\(first.name)' (line \(first.line))",
                             problem: "shape \(ModelError.shape(first.dims)) is not N x C x H x W")
            }
            size = input ?? Array(first.dims.suffix(3))
            if first.dims.first.map({ $0 != 1 }) ?? false {
                notes.append("the file's batch of \(first.dims[0]) is summarised as 1")
            }
            blobs[first.name] = GraphNode.graphInput
            extraInputs = Array(declared.dropFirst())
        } else {
            var dataLayer: (name: String, type: String)?
            for field in layers {
                guard case let .message(message) = field.value else { continue }
                let layer = Layer(message)
                if layer.bottoms.isEmpty, let top = layer.tops.first {
                    dataLayer = (layer.name, layer.type)
                    dataLayerTop = top
                    break
                }
            }
            guard let input else {
                let from = dataLayer.map { " (the data comes from layer '\($0.name)', type \($0.type))" } ?? ""
                throw .noInputSize(problem: "the file declares no input shape\(from)")
            }
            size = input
            if let dataLayerTop { blobs[dataLayerTop] = GraphNode.graphInput }
        }
        for (name, value) in zip(["channels", "height", "width"], size) where !(1...maximumExtent).contains(value) {
            throw .layer(location: "input", problem: "\(name) \(value) is out of range; allowed: 1...\(maximumExtent)")
        }

        var builder = GraphBuilder(input: size)
        for extra in extraInputs {
            let location = "input '\(extra.name)' (line \(extra.line))"
            let shape = extra.dims.isEmpty ? [] : [1] + extra.dims.dropFirst()
            blobs[extra.name] = try builder.append(GraphNode(name: extra.name, kind: .input(shape: shape), inputs: [],
                                                             location: location), location: location)
        }

        var ignored: Set<String> = []
        for field in layers {
            guard case let .message(message) = field.value else {
                throw .syntax(line: field.line, problem: "'\(field.name)' must be a message { ... }")
            }
            let layer = Layer(message)
            let place = location(layer, field.line)
            if layer.skippedInTest { continue }
            let type = normalized(layer.type)
            if type == "input" || (dataLayerTop != nil && layer.tops.first == dataLayerTop && layer.bottoms.isEmpty) {
                // Already the network input; its other tops (labels) have no shape here.
                for top in layer.tops.dropFirst() where blobs[top] == nil && !inputLayerTops.contains(top) {
                    blobs[top] = try builder.append(GraphNode(name: top, kind: .unknown(type: layer.type), inputs: [],
                                                              location: place), location: place)
                }
                continue
            }
            guard !layer.name.isEmpty || !layer.tops.isEmpty else {
                throw .layer(location: place, problem: "a layer with neither name nor top")
            }
            var inputs: [Int] = []
            for bottom in layer.bottoms {
                guard let index = blobs[bottom] else {
                    throw .layer(location: place, problem: "bottom '\(bottom)' is not the top of any earlier layer or an input")
                }
                inputs.append(index)
            }
            let shapes = inputs.map { builder.shape(of: $0) }
            let name = layer.name.isEmpty ? (layer.tops.first ?? "layer") : layer.name
            var kind: LayerKind
            var flattens = false
            if inputs.isEmpty {
                kind = .unknown(type: layer.type)
            } else if shapes.contains(where: \.isEmpty) {
                kind = .unknown(type: typeName(type, original: layer.type))
            } else {
                (kind, flattens) = try self.kind(of: layer, type: type, shapes: shapes, location: place,
                                                 ignored: &ignored)
            }
            let singleInput: Bool
            switch kind {
            case .concat, .elementwise, .crop: singleInput = false
            default: singleInput = true
            }
            let node = GraphNode(name: name, kind: kind, inputs: singleInput ? Array(inputs.prefix(1)) : inputs,
                                 flattensInput: flattens, location: place)
            let index = try builder.append(node, location: place)
            for top in layer.tops { blobs[top] = index }
        }
        if !ignored.isEmpty {
            notes.append("fields not read: \(ignored.sorted().joined(separator: ", "))")
        }
        if !builder.unknownOrigins.isEmpty {
            notes.append("shape unknown after \(builder.unknownOrigins.joined(separator: ", ")): not a layer this importer infers")
        }
        let name = root.string("name").map { "\(model) (\($0))" } ?? model
        var summary = try builder.summary(model: name, type: "Caffe", source: ModelSource(file: file, format: "caffe"))
        let partial = summary.layers.contains { $0.outputShape.isEmpty } ? "; layers of known shape only" : ""
        summary.source = ModelSource(file: file, format: "caffe", parameterCounts: [
            .init(key: "caffe_learnable", label: "Caffe learnable (Convolution, Deconvolution, InnerProduct weights and biases; Scale gamma/beta; PReLU\(partial))",
                  value: summary.totalParams),
            .init(key: "caffe_bn_statistics", label: "Caffe BatchNorm statistics (mean, variance, 1 factor per layer; not learnable\(partial))",
                  value: summary.bufferCount),
        ], notes: notes)
        return summary
    }

    // MARK: - Layers

    /// One layer's fields, whichever of the three syntaxes wrote it.
    struct Layer {
        var name: String
        var type: String
        var bottoms: [String]
        var tops: [String]
        /// The message holding the `*_param` fields (the inner `layer` of SPP-net's nesting).
        var params: PrototxtMessage
        var skippedInTest: Bool

        init(_ message: PrototxtMessage) {
            let inner = message.message("layer")
            params = inner ?? message
            name = message.string("name") ?? inner?.string("name") ?? ""
            type = message.string("type") ?? inner?.string("type") ?? ""
            bottoms = message.strings("bottom") + (inner?.strings("bottom") ?? [])
            tops = message.strings("top") + (inner?.strings("top") ?? [])
            let phases = message.messages("include").compactMap { $0.string("phase") }
            let excluded = message.messages("exclude").compactMap { $0.string("phase") }
            skippedInTest = phases.contains("TRAIN") || excluded.contains("TEST")
        }
    }

    /// "convolution" for "Convolution", "CONVOLUTION", "conv"; "innerproduct" for "INNER_PRODUCT",
    /// "inner_product", "InnerProduct".
    static func normalized(_ type: String) -> String {
        let plain = String(type.lowercased().filter { $0 != "_" })
        switch plain {
        case "conv": return "convolution"
        case "deconv": return "deconvolution"
        case "pool": return "pooling"
        case "softmaxloss": return "softmaxwithloss"
        default: return plain
        }
    }

    /// The row type of a layer that reads an unknown shape.
    static func typeName(_ type: String, original: String) -> String {
        switch type {
        case "convolution": return "Conv2d"
        case "deconvolution": return "ConvTranspose2d"
        case "pooling": return "Pool2d"
        case "innerproduct": return "Linear"
        case "relu": return "ReLU"
        default: return original
        }
    }

    static func location(_ layer: Layer, _ line: Int) -> String {
        let name = layer.name.isEmpty ? (layer.tops.first ?? "?") : layer.name
        return "layer '\(name)' (\(layer.type.isEmpty ? "no type" : layer.type), line \(line))"
    }

    /// The graph layer of a Caffe layer whose inputs have known `shapes`.
    static func kind(of layer: Layer, type: String, shapes: [[Int]], location: String,
                     ignored: inout Set<String>) throws(ModelImportError) -> (LayerKind, Bool) {
        let p = layer.params
        let input = shapes[0]
        func needSpatial() throws(ModelImportError) {
            guard input.count == 4 else {
                throw .layer(location: location, problem: "needs an N x C x H x W input, got \(ModelError.shape(input))")
            }
        }
        switch type {
        case "convolution", "deconvolution":
            try needSpatial()
            guard let param = p.message("convolution_param") ?? p.message("conv_param") else {
                throw .layer(location: location, problem: "no convolution_param")
            }
            guard let outputs = try int(param, "num_output", location: location) else {
                throw .layer(location: location, problem: "convolution_param has no num_output")
            }
            let kernel = try pair(param, "kernel_size", "kernel_h", "kernel_w", default: nil, location: location)
            let stride = try pair(param, "stride", "stride_h", "stride_w", default: 1, location: location) ?? HeightWidth(1)
            let pad = try pair(param, "pad", "pad_h", "pad_w", default: 0, location: location) ?? HeightWidth(0)
            let dilation = try pair(param, "dilation", nil, nil, default: 1, location: location) ?? HeightWidth(1)
            let group = try int(param, "group", location: location) ?? 1
            let bias = try bool(param, "bias_term", location: location) ?? true
            guard let kernel else { throw .layer(location: location, problem: "no kernel_size (or kernel_h and kernel_w)") }
            if type == "convolution" {
                return (.conv2d(inChannels: input[1], outChannels: outputs, kernelSize: kernel, stride: stride, padding: pad,
                                dilation: dilation, groups: group, bias: bias), false)
            }
            return (.convTranspose2d(inChannels: input[1], outChannels: outputs, kernelSize: kernel, stride: stride,
                                     padding: pad, dilation: dilation, groups: group, bias: bias,
                                     outputPadding: HeightWidth(0)), false)

        case "pooling":
            try needSpatial()
            let param = p.message("pooling_param") ?? p.message("pool_param") ?? PrototxtMessage(fields: [])
            let method = (param.string("pool") ?? "MAX").uppercased()
            let reduction: PoolReduction
            switch method {
            case "MAX", "STOCHASTIC", "0", "2": reduction = .max
            case "AVE", "1": reduction = .average
            default: throw .layer(location: location, problem: "pool: \(method) is not MAX, AVE or STOCHASTIC")
            }
            var roundUp = true
            if let mode = param.string("round_mode") {
                switch mode.uppercased() {
                case "CEIL", "0": roundUp = true
                case "FLOOR", "1": roundUp = false
                default: throw .layer(location: location, problem: "round_mode: \(mode) is not CEIL or FLOOR")
                }
            }
            if let ceil = try bool(param, "ceil_mode", location: location) {
                // Not a BVLC field (DenseNet-Caffe's fork); its meaning is BVLC's round_mode.
                roundUp = ceil
            }
            if try bool(param, "global_pooling", location: location) == true {
                return (.pool2d(reduction: reduction, kernelSize: HeightWidth(height: input[2], width: input[3]),
                                stride: HeightWidth(1), padding: HeightWidth(0), rule: .caffe(roundUp: roundUp)), false)
            }
            guard let kernel = try pair(param, "kernel_size", "kernel_h", "kernel_w", default: nil, location: location) else {
                throw .layer(location: location, problem: "no kernel_size (or kernel_h and kernel_w, or global_pooling)")
            }
            let stride = try pair(param, "stride", "stride_h", "stride_w", default: 1, location: location) ?? HeightWidth(1)
            let pad = try pair(param, "pad", "pad_h", "pad_w", default: 0, location: location) ?? HeightWidth(0)
            return (.pool2d(reduction: reduction, kernelSize: kernel, stride: stride, padding: pad,
                            rule: .caffe(roundUp: roundUp)), false)

        case "innerproduct":
            guard let param = p.message("inner_product_param") else {
                throw .layer(location: location, problem: "no inner_product_param")
            }
            guard let outputs = try int(param, "num_output", location: location) else {
                throw .layer(location: location, problem: "inner_product_param has no num_output")
            }
            let axis = try int(param, "axis", location: location) ?? 1
            guard axis == 1 else { throw .layer(location: location, problem: "axis \(axis) is not supported; allowed: 1") }
            if try bool(param, "transpose", location: location) == true { ignored.insert("inner_product_param.transpose") }
            var features = 1
            for value in input.dropFirst() {
                let (next, overflow) = features.multipliedReportingOverflow(by: value)
                guard !overflow else { throw .layer(location: location, problem: "the input size overflows a 64-bit integer") }
                features = next
            }
            let bias = try bool(param, "bias_term", location: location) ?? true
            return (.linear(inFeatures: features, outFeatures: outputs, bias: bias), true)

        case "relu":
            let slope = try double(p.message("relu_param"), "negative_slope", location: location) ?? 0
            return (slope == 0 ? .relu : .passThrough(type: "LeakyReLU"), false)
        case "prelu":
            let shared = try bool(p.message("prelu_param"), "channel_shared", location: location) ?? false
            guard input.count >= 2 else { throw .layer(location: location, problem: "needs channels") }
            return (.prelu(channels: shared ? 1 : input[1]), false)
        case "sigmoid": return (.passThrough(type: "Sigmoid"), false)
        case "tanh": return (.passThrough(type: "Tanh"), false)
        case "softmax": return (.passThrough(type: "Softmax"), false)
        case "split": return (.passThrough(type: "Split"), false)
        case "dropout":
            let ratio = try double(p.message("dropout_param"), "dropout_ratio", location: location) ?? 0.5
            return (.dropout(probability: ratio), false)
        case "lrn":
            let size = try int(p.message("lrn_param"), "local_size", location: location) ?? 5
            return (.localResponseNorm(size: size), false)
        case "batchnorm":
            guard input.count >= 2 else { throw .layer(location: location, problem: "needs channels") }
            return (.batchNormStatistics(numFeatures: input[1]), false)
        case "scale":
            guard shapes.count == 1 else { return (.unknown(type: "Scale (two bottoms)"), false) }
            guard input.count >= 2 else { throw .layer(location: location, problem: "needs channels") }
            let param = p.message("scale_param")
            let axis = try int(param, "axis", location: location) ?? 1
            guard axis == 1 else { throw .layer(location: location, problem: "axis \(axis) is not supported; allowed: 1") }
            return (.scale(channels: input[1], bias: try bool(param, "bias_term", location: location) ?? false), false)
        case "eltwise":
            let operation = (p.message("eltwise_param")?.string("operation") ?? "SUM").uppercased()
            switch operation {
            case "SUM", "1": return (.elementwise(operation: .add, matchFirst: false), false)
            case "PROD", "0": return (.elementwise(operation: .multiply, matchFirst: false), false)
            case "MAX", "2": return (.elementwise(operation: .maximum, matchFirst: false), false)
            default: throw .layer(location: location, problem: "operation: \(operation) is not SUM, PROD or MAX")
            }
        case "concat":
            let param = p.message("concat_param")
            let axisField = try int(param, "axis", location: location)
            let concatDim = try int(param, "concat_dim", location: location)
            var axis = axisField ?? concatDim ?? 1
            if axis < 0 { axis += input.count }
            return (.concat(axis: axis), false)
        case "flatten":
            let param = p.message("flatten_param")
            let axis = try int(param, "axis", location: location) ?? 1
            let end = try int(param, "end_axis", location: location) ?? -1
            guard axis == 1, end == -1 else {
                throw .layer(location: location, problem: "axis \(axis), end_axis \(end) are not supported; allowed: 1 and -1")
            }
            return (.flatten, false)
        case "crop":
            guard shapes.count == 2 else {
                throw .layer(location: location, problem: "needs two bottoms (the blob to crop and the reference), got \(shapes.count)")
            }
            let param = p.message("crop_param")
            var axis = try int(param, "axis", location: location) ?? 2
            if axis < 0 { axis += input.count }
            let offsets = try ints(param?.all("offset") ?? [], location: location)
            return (.crop(axis: axis, offsets: offsets, size: nil), false)
        case "reshape":
            let param = p.message("reshape_param")
            let axis = try int(param, "axis", location: location) ?? 0
            let axes = try int(param, "num_axes", location: location) ?? -1
            guard axis == 0, axes == -1 else {
                throw .layer(location: location, problem: "axis \(axis), num_axes \(axes) are not supported; allowed: 0 and -1")
            }
            let dims = try ints(param?.message("shape")?.all("dim") ?? [], location: location)
            guard !dims.isEmpty, dims.count <= 32 else {
                throw .layer(location: location, problem: "reshape_param needs a shape { dim ... } of 1 to 32 dims")
            }
            return (.reshape(dims: dims), false)
        default:
            return (.unknown(type: layer.type.isEmpty ? "no type" : layer.type), false)
        }
    }

    // MARK: - Field values

    static func int(_ message: PrototxtMessage?, _ name: String, location: String) throws(ModelImportError) -> Int? {
        guard let field = message?.first(name) else { return nil }
        return try int(field, location: location)
    }

    static func int(_ field: PrototxtField, location: String) throws(ModelImportError) -> Int {
        guard let text = field.text, let value = Int(text) else {
            throw .layer(location: location, problem: "\(field.name) (line \(field.line)) is not a whole number")
        }
        return value
    }

    static func ints(_ fields: [PrototxtField], location: String) throws(ModelImportError) -> [Int] {
        var values: [Int] = []
        for field in fields { values.append(try int(field, location: location)) }
        return values
    }

    static func double(_ message: PrototxtMessage?, _ name: String, location: String) throws(ModelImportError) -> Double? {
        guard let field = message?.first(name) else { return nil }
        guard let text = field.text, let value = Double(text), value.isFinite else {
            throw .layer(location: location, problem: "\(name) (line \(field.line)) is not a number")
        }
        return value
    }

    static func bool(_ message: PrototxtMessage?, _ name: String, location: String) throws(ModelImportError) -> Bool? {
        guard let field = message?.first(name) else { return nil }
        switch field.text?.lowercased() {
        case "true", "1", "t": return true
        case "false", "0", "f": return false
        default: throw .layer(location: location, problem: "\(name) (line \(field.line)) is not true or false")
        }
    }

    /// A height/width pair from a repeated scalar field (one value for both, or two: height, width)
    /// or from its `_h`/`_w` fields.
    static func pair(_ message: PrototxtMessage, _ name: String, _ heightName: String?, _ widthName: String?,
                     default fallback: Int?, location: String) throws(ModelImportError) -> HeightWidth? {
        if let heightName, let widthName, message.first(heightName) != nil || message.first(widthName) != nil {
            let h = try int(message, heightName, location: location)
            let w = try int(message, widthName, location: location)
            guard let h, let w else {
                throw .layer(location: location, problem: "\(heightName) and \(widthName) must be given together")
            }
            return HeightWidth(height: h, width: w)
        }
        let values = try ints(message.all(name), location: location)
        switch values.count {
        case 0: return fallback.map(HeightWidth.init)
        case 1: return HeightWidth(values[0])
        case 2: return HeightWidth(height: values[0], width: values[1])
        default: throw .layer(location: location, problem: "\(values.count) \(name) values; allowed: 1 or 2 for a 2-D layer")
        }
    }
}
