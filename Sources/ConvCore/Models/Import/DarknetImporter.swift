/// Reads a Darknet `.cfg` into the same layer graph the zoo builds, so that shapes, parameters,
/// multiply-adds and receptive fields come from ``ShapeInference``. Semantics follow pjreddie/darknet
/// (`src/parser.c` `parse_*`, and the layers' `make_*_layer`):
///
/// | section | graph nodes | output |
/// |---------|-------------|--------|
/// | `[convolutional]` | Conv2d (+ BatchNorm2d when `batch_normalize=1`, the conv then has no bias: darknet's biases are BN's beta) + activation | (H + 2p - size)/stride + 1, p = size/2 if `pad`, else `padding` |
/// | `[maxpool]` | MaxPool2d, Darknet rule | (H + padding - size)/stride + 1, `padding` defaults to size - 1 in all |
/// | `[avgpool]` | AvgPool2d over the whole map | 1 x 1 x C |
/// | `[connected]` | Linear over the flattened input + activation | `output` |
/// | `[local]` | LocallyConnected2d + activation | (H - (pad ? 1 : size))/stride + 1 |
/// | `[dropout]`, `[softmax]`, `[cost]` | Dropout, Softmax, Cost | unchanged |
/// | `[crop]` | Crop | crop_height x crop_width x C |
/// | `[route] layers=` | Concat of the layers (negative: relative) | channels summed |
/// | `[shortcut] from=` | Add (+ activation) | the previous layer's shape |
/// | `[upsample] stride=` | Upsample | H·s x W·s x C |
/// | `[reorg] stride=` | Reorg | H/s x W/s x C·s² |
/// | `[yolo]`, `[region]`, `[detection]` | the head, checking its input size | unchanged |
///
/// Other sections are named in the table with their output "shape unknown", and so is every
/// later layer that reads them. Activations: `linear` adds no row, `leaky` is LeakyReLU, `relu`
/// ReLU, `logistic` (darknet's default for conv, connected and local) Sigmoid, others by name.
///
/// Parameter conventions (``ModelSource/parameterCounts``): ``ModelSummary/totalParams`` is the
/// PyTorch count of the same graph (conv weights, BatchNorm's gamma and beta); "darknet_stored" is
/// what a `.weights` file holds (biases, weights, and scales + rolling mean + rolling variance under
/// `batch_normalize`) = total + 2n per BN; "bn_folded" is the count after folding BN into the conv
/// (weights + one bias per filter) = total - n per BN.
public enum DarknetImporter {
    /// True when `text` looks like a Darknet cfg: its first non-comment line is `[net]` or `[network]`.
    public static func recognizes(_ text: String) -> Bool {
        for line in text.split(separator: "\n").prefix(2000) {
            let stripped = line.unicodeScalars.filter { $0 != " " && $0 != "\t" && $0 != "\r" }
            let word = String(String.UnicodeScalarView(stripped)).lowercased()
            if word.isEmpty || word.hasPrefix("#") || word.hasPrefix(";") { continue }
            return word == "[net]" || word == "[network]"
        }
        return false
    }

    /// Summarises the cfg `text`.
    /// - Parameters:
    ///   - text: the file's contents.
    ///   - model: the name shown (the file name without its folder).
    ///   - file: the file as given, for ``ModelSource/file``.
    ///   - input: [C, H, W] overriding `[net]`'s channels, height and width.
    /// - Throws: ``ModelImportError`` naming the section and line.
    public static func summary(text: String, model: String, file: String,
                               input: [Int]? = nil) throws(ModelImportError) -> ModelSummary {
        let config = try DarknetConfig(text: text)
        let net = config.sections[0]
        let netLocation = "[net] (line \(net.line))"
        let size: [Int]
        if let input {
            size = input
        } else {
            let c = try int(net, "channels", default: 0, location: netLocation)
            let h = try int(net, "height", default: 0, location: netLocation)
            let w = try int(net, "width", default: 0, location: netLocation)
            guard c > 0, h > 0, w > 0 else {
                throw .noInputSize(problem: "\(netLocation) gives no input size (channels \(c), height \(h), width \(w))")
            }
            size = [c, h, w]
        }
        for (name, value) in zip(["channels", "height", "width"], size) where !(1...maximumExtent).contains(value) {
            throw .layer(location: netLocation, problem: "\(name) \(value) is out of range; allowed: 1...\(maximumExtent)")
        }
        guard config.sections.count > 1 else {
            throw .layer(location: netLocation, problem: "the file has no layers after [net]")
        }

        var builder = GraphBuilder(input: size)
        var layerOutputs: [Int] = []          // darknet layer index -> its last graph node
        var batchNormChannels = 0
        for (offset, section) in config.sections.dropFirst().enumerated() {
            let index = offset
            let location = "[\(section.type)] layer \(index) (line \(section.line))"
            let previous = layerOutputs.last ?? GraphNode.graphInput
            let name = String(index)
            func add(_ kind: LayerKind, _ inputs: [Int], suffix: String = "", flattens: Bool = false) throws(ModelImportError) -> Int {
                try builder.append(GraphNode(name: suffix.isEmpty ? name : "\(name).\(suffix)", kind: kind, inputs: inputs,
                                             flattensInput: flattens, location: location), location: location)
            }
            func activation(after node: Int, default fallback: String) throws(ModelImportError) -> Int {
                let word = (section.value("activation")?.value ?? fallback).lowercased()
                guard let kind = activationKind(word) else { return node }
                return try add(kind, [node], suffix: word)
            }
            let inputShape = builder.shape(of: previous)
            if inputShape.isEmpty, !["route", "shortcut"].contains(section.type) {
                // Reads a tensor of unknown shape: named, never guessed.
                layerOutputs.append(try add(.unknown(type: typeName(section.type)), [previous]))
                continue
            }
            var output: Int
            switch section.type {
            case "convolutional":
                let filters = try int(section, "filters", default: 1, location: location)
                let kernel = try int(section, "size", default: 1, location: location)
                let stride = try int(section, "stride", default: 1, location: location)
                let pad = try int(section, "pad", default: 0, location: location)
                var padding = try int(section, "padding", default: 0, location: location)
                if pad != 0 { padding = kernel / 2 }
                let groups = try int(section, "groups", default: 1, location: location)
                let batchNormalize = try int(section, "batch_normalize", default: 0, location: location) != 0
                let channels = try rank4(inputShape, location: location)
                output = try add(.conv2d(inChannels: channels, outChannels: filters, kernelSize: HeightWidth(kernel),
                                         stride: HeightWidth(stride), padding: HeightWidth(padding),
                                         dilation: HeightWidth(1), groups: groups, bias: !batchNormalize), [previous])
                if batchNormalize {
                    output = try add(.batchNorm2d(numFeatures: filters), [output], suffix: "bn")
                    batchNormChannels = try checkedSum(batchNormChannels, filters, location: location)
                }
                output = try activation(after: output, default: "logistic")
            case "maxpool":
                let stride = try int(section, "stride", default: 1, location: location)
                let kernel = try int(section, "size", default: stride, location: location)
                // Darknet's default: size - 1 in all (`parse_maxpool`); a size below 1 is refused later.
                let padding = try int(section, "padding", default: kernel > 0 ? kernel - 1 : 0, location: location)
                output = try add(.pool2d(reduction: .max, kernelSize: HeightWidth(kernel), stride: HeightWidth(stride),
                                         padding: HeightWidth(max(padding, 0) / 2),
                                         rule: .darknet(totalPadding: HeightWidth(padding))), [previous])
            case "avgpool":
                _ = try rank4(inputShape, location: location)
                output = try add(.avgPool2d(kernelSize: HeightWidth(height: inputShape[2], width: inputShape[3]),
                                            stride: HeightWidth(1), padding: HeightWidth(0), ceilMode: false), [previous])
            case "connected":
                let units = try int(section, "output", default: 1, location: location)
                if try int(section, "batch_normalize", default: 0, location: location) != 0 {
                    throw .layer(location: location, problem: "batch_normalize on [connected] is not supported yet")
                }
                let features = try product(inputShape.dropFirst(), location: location)
                output = try add(.linear(inFeatures: features, outFeatures: units, bias: true), [previous], flattens: true)
                output = try activation(after: output, default: "logistic")
            case "local":
                let filters = try int(section, "filters", default: 1, location: location)
                let kernel = try int(section, "size", default: 1, location: location)
                let stride = try int(section, "stride", default: 1, location: location)
                let pad = try int(section, "pad", default: 0, location: location)
                let channels = try rank4(inputShape, location: location)
                output = try add(.locallyConnected2d(inChannels: channels, outChannels: filters, kernelSize: kernel,
                                                     stride: stride, padded: pad != 0), [previous])
                output = try activation(after: output, default: "logistic")
            case "dropout":
                let probability = try double(section, "probability", default: 0.5, location: location)
                output = try add(.dropout(probability: probability), [previous])
            case "softmax":
                output = try add(.passThrough(type: "Softmax"), [previous])
            case "cost":
                output = try add(.passThrough(type: "Cost"), [previous])
            case "crop":
                let height = try int(section, "crop_height", default: 1, location: location)
                let width = try int(section, "crop_width", default: 1, location: location)
                output = try add(.crop(axis: 2, offsets: [], size: HeightWidth(height: height, width: width)), [previous])
            case "route":
                guard let (list, line) = section.value("layers").map({ ($0.value, $0.line) }), !list.isEmpty else {
                    throw .layer(location: location, problem: "no layers= given")
                }
                var inputs: [Int] = []
                for word in list.split(separator: ",", omittingEmptySubsequences: false) {
                    guard let value = Int(word) else {
                        throw .layer(location: location, problem: "layers=\(DarknetConfig.excerpt(list)) (line \(line)): '\(word)' is not a whole number")
                    }
                    inputs.append(try resolve(value, current: index, layerOutputs: layerOutputs, key: "layers",
                                              location: location))
                }
                guard inputs.count <= 1024 else { throw .layer(location: location, problem: "more than 1024 layers in one route") }
                output = try add(.concat(axis: 1), inputs)
            case "shortcut":
                let from = try int(section, "from", default: Int.min, location: location)
                guard from != Int.min else { throw .layer(location: location, problem: "no from= given") }
                let source = try resolve(from, current: index, layerOutputs: layerOutputs, key: "from", location: location)
                guard index > 0 else { throw .layer(location: location, problem: "a [shortcut] needs a layer before it") }
                output = try add(.elementwise(operation: .add, matchFirst: true), [previous, source])
                output = try activation(after: output, default: "linear")
            case "upsample":
                let stride = try int(section, "stride", default: 2, location: location)
                guard stride >= 1 else {
                    throw .layer(location: location, problem: "stride \(stride) (downsampling) is not supported; allowed: 1 or more")
                }
                output = try add(.upsample(scale: stride), [previous])
            case "reorg":
                let stride = try int(section, "stride", default: 1, location: location)
                let reverse = try int(section, "reverse", default: 0, location: location)
                let flatten = try int(section, "flatten", default: 0, location: location)
                if reverse != 0 || flatten != 0 {
                    throw .layer(location: location, problem: "reverse= and flatten= are not supported; allowed: stride= only")
                }
                output = try add(.reorg(stride: stride), [previous])
            case "yolo":
                let classes = try int(section, "classes", default: 20, location: location)
                let total = try int(section, "num", default: 1, location: location)
                var anchors = total
                if let mask = section.value("mask") {
                    anchors = mask.value.split(separator: ",").count
                }
                output = try add(.detectionHead(.yolo(anchorsPerCell: anchors, classes: classes)), [previous])
            case "region":
                let classes = try int(section, "classes", default: 20, location: location)
                let coords = try int(section, "coords", default: 4, location: location)
                let num = try int(section, "num", default: 1, location: location)
                output = try add(.detectionHead(.region(anchors: num, classes: classes, coords: coords)), [previous])
            case "detection":
                let classes = try int(section, "classes", default: 1, location: location)
                let coords = try int(section, "coords", default: 1, location: location)
                let num = try int(section, "num", default: 1, location: location)
                let side = try int(section, "side", default: 7, location: location)
                output = try add(.detectionHead(.detection(side: side, boxes: num, classes: classes, coords: coords)), [previous])
            case "net":
                throw .layer(location: location, problem: "a second [net] section")
            default:
                output = try add(.unknown(type: typeName(section.type)), [previous])
            }
            layerOutputs.append(output)
        }

        var notes: [String] = []
        if batchNormChannels > 0 {
            notes.append("Total params is PyTorch's count of the same graph: each batch_normalize conv as Conv2d without bias plus BatchNorm2d (gamma, beta)")
        }
        if !builder.unknownOrigins.isEmpty {
            notes.append("shape unknown after \(builder.unknownOrigins.joined(separator: ", ")): not a layer this importer infers")
        }
        let placeholder = ModelSource(file: file, format: "darknet")
        var summary = try builder.summary(model: model, type: "Darknet", source: placeholder)
        let total = summary.totalParams
        let stored = total.addingReportingOverflow(batchNormChannels.multipliedReportingOverflow(by: 2).partialValue)
        let folded = total - batchNormChannels
        summary.source = ModelSource(file: file, format: "darknet", parameterCounts: [
            .init(key: "darknet_stored", label: "Darknet .weights (biases, weights; scales, rolling mean and variance under batch_normalize)",
                  value: stored.overflow ? Int.max : stored.partialValue),
            .init(key: "bn_folded", label: "BatchNorm folded into the conv (weights + one bias per filter)", value: folded),
        ], notes: notes)
        return summary
    }

    // MARK: - Options

    /// The row type of a section the importer does not infer, or of a layer reading an unknown shape.
    static func typeName(_ section: String) -> String {
        switch section {
        case "convolutional": return "Conv2d"
        case "maxpool": return "MaxPool2d"
        case "avgpool": return "AvgPool2d"
        case "connected": return "Linear"
        case "local": return "LocallyConnected2d"
        case "dropout": return "Dropout"
        case "softmax": return "Softmax"
        default: return "[\(section)]"
        }
    }

    /// The row of a darknet activation, or nil for `linear` (no row).
    static func activationKind(_ word: String) -> LayerKind? {
        switch word {
        case "linear": return nil
        case "relu": return .relu
        case "leaky": return .passThrough(type: "LeakyReLU")
        case "logistic": return .passThrough(type: "Sigmoid")
        case "tanh": return .passThrough(type: "Tanh")
        case "elu": return .passThrough(type: "ELU")
        case "mish": return .passThrough(type: "Mish")
        case "swish": return .passThrough(type: "SiLU")
        default: return .passThrough(type: "activation " + DarknetConfig.excerpt(word))
        }
    }

    /// A darknet layer index (negative: relative to `current`) as the graph node of that layer.
    static func resolve(_ value: Int, current: Int, layerOutputs: [Int], key: String,
                        location: String) throws(ModelImportError) -> Int {
        let absolute: (Int, overflow: Bool) = value < 0 ? current.addingReportingOverflow(value) : (value, false)
        guard !absolute.overflow, absolute.0 >= 0, absolute.0 < current, absolute.0 < layerOutputs.count else {
            let target = absolute.overflow ? "" : " (layer \(absolute.0))"
            throw .layer(location: location,
                         problem: "\(key)=\(value) points to\(target) outside layers 0...\(current - 1); allowed: an earlier layer")
        }
        return layerOutputs[absolute.0]
    }

    static func int(_ section: DarknetConfig.Section, _ key: String, default fallback: Int,
                    location: String) throws(ModelImportError) -> Int {
        guard let (text, line) = section.value(key).map({ ($0.value, $0.line) }) else { return fallback }
        guard let value = Int(text) else {
            throw .layer(location: location, problem: "\(key)=\(DarknetConfig.excerpt(text)) (line \(line)) is not a whole number")
        }
        return value
    }

    static func double(_ section: DarknetConfig.Section, _ key: String, default fallback: Double,
                       location: String) throws(ModelImportError) -> Double {
        guard let (text, line) = section.value(key).map({ ($0.value, $0.line) }) else { return fallback }
        guard let value = Double(text), value.isFinite else {
            throw .layer(location: location, problem: "\(key)=\(DarknetConfig.excerpt(text)) (line \(line)) is not a number")
        }
        return value
    }

    static func rank4(_ shape: [Int], location: String) throws(ModelImportError) -> Int {
        guard shape.count == 4 else {
            throw .layer(location: location, problem: "needs a C x H x W input, got \(ModelError.shape(Array(shape.dropFirst())))")
        }
        return shape[1]
    }

    static func product(_ values: ArraySlice<Int>, location: String) throws(ModelImportError) -> Int {
        var result = 1
        for value in values {
            let (next, overflow) = result.multipliedReportingOverflow(by: value)
            guard !overflow else { throw .layer(location: location, problem: "the input size overflows a 64-bit integer") }
            result = next
        }
        return result
    }

    static func checkedSum(_ a: Int, _ b: Int, location: String) throws(ModelImportError) -> Int {
        let (value, overflow) = a.addingReportingOverflow(b)
        guard !overflow else { throw .layer(location: location, problem: "the parameter count overflows a 64-bit integer") }
        return value
    }
}
