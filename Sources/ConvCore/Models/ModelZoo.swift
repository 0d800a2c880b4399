/// The classic CNNs of the lecture, built in code with torchvision's module names and structure:
/// AlexNet, VGG 11/13/16/19 (plain and `_bn`), GoogLeNet, ResNet 18/34/50/101/152 and DenseNet
/// 121/161/169/201 as torchvision 0.29 constructs them (`weights=None`, GoogLeNet with
/// `aux_logits=False`), plus `alexnet-original` (Krizhevsky et al. 2012 as Caffe's bvlc_alexnet:
/// 227 x 227 input, 96 first-layer filters, groups=2 in conv2/4/5, LRN) and `googlenet-original`
/// (Szegedy et al. 2015, table 1: true 5x5 branches, biases, no BatchNorm, LRN, no auxiliary heads).
///
///     ModelZoo.names                                   // ["alexnet", "alexnet-original", "vgg11", ...]
///     let summary = try ModelZoo.build("resnet50")     // 1 x 3 x 224 x 224
///     summary.totalParams                              // 25,557,032
///     try ModelZoo.build("vgg16", input: [3, 500, 375]).outputShape   // [1, 1000]
public enum ModelZoo {
    /// One model of the zoo: its name and default input.
    public struct Entry: Hashable, Sendable {
        /// The name, as torchvision spells it ("resnet50"), or "alexnet-original" / "googlenet-original".
        public let name: String
        /// The default input [C, H, W]: 3 x 224 x 224, or 3 x 227 x 227 for alexnet-original.
        public let defaultInput: [Int]
        /// Where the architecture comes from.
        public let source: String
    }

    /// One line of ``listing()``: a model's name, total parameters and default input.
    public struct Listing: Hashable, Sendable {
        /// The model's name.
        public let name: String
        /// Its learnable parameters (independent of the input size).
        public let totalParams: Int
        /// Its default input [C, H, W].
        public let defaultInput: [Int]
    }

    /// Every model, in the lecture's order (AlexNet, VGG, GoogLeNet, ResNet, DenseNet).
    public static let entries: [Entry] = {
        let torchvision = "torchvision 0.29 (weights=None)"
        let imagenet = [3, 224, 224]
        var list = [
            Entry(name: "alexnet", defaultInput: imagenet, source: torchvision),
            Entry(name: "alexnet-original", defaultInput: [3, 227, 227],
                  source: "Krizhevsky, Sutskever & Hinton 2012; Caffe bvlc_alexnet deploy.prototxt"),
        ]
        for depth in [11, 13, 16, 19] {
            list.append(Entry(name: "vgg\(depth)", defaultInput: imagenet, source: torchvision))
            list.append(Entry(name: "vgg\(depth)_bn", defaultInput: imagenet, source: torchvision))
        }
        list.append(Entry(name: "googlenet", defaultInput: imagenet, source: torchvision + ", aux_logits=False"))
        list.append(Entry(name: "googlenet-original", defaultInput: imagenet,
                          source: "Szegedy et al. 2015, table 1 (no auxiliary classifiers)"))
        for depth in [18, 34, 50, 101, 152] {
            list.append(Entry(name: "resnet\(depth)", defaultInput: imagenet, source: torchvision))
        }
        for depth in [121, 161, 169, 201] {
            list.append(Entry(name: "densenet\(depth)", defaultInput: imagenet, source: torchvision))
        }
        return list
    }()

    /// The model names, in ``entries`` order.
    public static var names: [String] { entries.map(\.name) }

    /// The entry named `name` (case-insensitive).
    /// - Throws: ``ModelError/unknownModel(name:allowed:)`` listing every name.
    public static func entry(named name: String) throws(ModelError) -> Entry {
        let key = name.lowercased()
        guard let entry = entries.first(where: { $0.name == key }) else {
            throw .unknownModel(name: name, allowed: names)
        }
        return entry
    }

    /// The graph of model `name` (case-insensitive), without shapes.
    /// - Throws: ``ModelError/unknownModel(name:allowed:)``.
    public static func graph(_ name: String) throws(ModelError) -> ModelNode {
        let entry = try entry(named: name)
        switch entry.name {
        case "alexnet": return alexNet()
        case "alexnet-original": return alexNetOriginal()
        case "googlenet": return googLeNet()
        case "googlenet-original": return googLeNetOriginal()
        case "resnet18": return resNet(basicBlocks: [2, 2, 2, 2])
        case "resnet34": return resNet(basicBlocks: [3, 4, 6, 3])
        case "resnet50": return resNet(bottlenecks: [3, 4, 6, 3])
        case "resnet101": return resNet(bottlenecks: [3, 4, 23, 3])
        case "resnet152": return resNet(bottlenecks: [3, 8, 36, 3])
        case "densenet121": return denseNet(growthRate: 32, blocks: [6, 12, 24, 16], initialFeatures: 64)
        case "densenet161": return denseNet(growthRate: 48, blocks: [6, 12, 36, 24], initialFeatures: 96)
        case "densenet169": return denseNet(growthRate: 32, blocks: [6, 12, 32, 32], initialFeatures: 64)
        case "densenet201": return denseNet(growthRate: 32, blocks: [6, 12, 48, 32], initialFeatures: 64)
        default:
            // vgg11, vgg11_bn, ... (the only names left in `entries`).
            let batchNorm = entry.name.hasSuffix("_bn")
            let depth = Int(entry.name.dropFirst(3).prefix(2)) ?? 16
            return vgg(depth: depth, batchNorm: batchNorm)
        }
    }

    /// Summarises model `name` for input [C, H, W] (its default when nil) and `batchSize` samples.
    ///
    /// - Parameters:
    ///   - name: a name from ``names`` (case-insensitive).
    ///   - input: [C, H, W]; any size the layers accept (`[3, 500, 375]`). Models with a fixed-size
    ///     classifier and no adaptive pooling (alexnet-original, googlenet-original) accept only
    ///     sizes that reach the classifier with the expected number of features.
    ///   - batchSize: N (default 1).
    /// - Throws: ``ModelError/unknownModel(name:allowed:)``; ``ModelError/outputTooSmall(layer:type:geometry:input:output:)``
    ///   naming the first layer that an input is too small for (vgg16 at 3 x 32 x 24: `features.30`,
    ///   the fifth max pool, would produce width 0); the input checks of ``ModelSummary``.
    /// - Complexity: O(layers); milliseconds even for resnet152 and densenet201.
    public static func build(_ name: String, input: [Int]? = nil, batchSize: Int = 1) throws(ModelError) -> ModelSummary {
        let entry = try entry(named: name)
        return try ModelSummary(model: entry.name, graph: graph(entry.name), input: input ?? entry.defaultInput,
                                batchSize: batchSize)
    }

    /// Every model's name, total parameters and default input (for `convscope arch --list`).
    ///
    /// Parameter counts do not depend on the input, so they are summed straight from each graph
    /// (``parameterCount(of:)``) without inferring shapes: the whole list takes microseconds.
    /// - Throws: never for the built-in models; typed as ``ModelError`` for
    ///   ``ModelError/arithmeticOverflow(layer:quantity:)``.
    public static func listing() throws(ModelError) -> [Listing] {
        var result: [Listing] = []
        for entry in entries {
            let total = try parameterCount(of: graph(entry.name))
            result.append(Listing(name: entry.name, totalParams: total, defaultInput: entry.defaultInput))
        }
        return result
    }

    /// The learnable parameters of every layer in `node`, as PyTorch allocates them: Conv2d
    /// C_out·(C_in/groups)·kH·kW (+ C_out bias), BatchNorm2d 2·C (gamma and beta; running statistics
    /// are buffers), Linear in·out (+ out bias), other layers 0. Equal to
    /// ``ModelSummary/totalParams`` for any input the graph accepts.
    /// - Throws: ``ModelError/arithmeticOverflow(layer:quantity:)`` if the count does not fit `Int`.
    /// - Complexity: O(nodes).
    public static func parameterCount(of node: ModelNode) throws(ModelError) -> Int {
        func add(_ a: Int, _ b: Int) throws(ModelError) -> Int {
            let (sum, overflow) = a.addingReportingOverflow(b)
            guard !overflow else { throw .arithmeticOverflow(layer: node.name, quantity: "parameter count") }
            return sum
        }
        func product(_ factors: [Int]) throws(ModelError) -> Int {
            var result = 1
            for factor in factors {
                let (next, overflow) = result.multipliedReportingOverflow(by: factor)
                guard !overflow else { throw .arithmeticOverflow(layer: node.name, quantity: "parameter count") }
                result = next
            }
            return result
        }
        switch node {
        case let .layer(_, kind):
            switch kind {
            case let .conv2d(inChannels, outChannels, kernelSize, _, _, _, groups, bias):
                let weights = try product([outChannels, inChannels / max(groups, 1), kernelSize.height, kernelSize.width])
                return try add(weights, bias ? outChannels : 0)
            case let .batchNorm2d(features):
                return try product([2, features])
            case let .linear(inFeatures, outFeatures, bias):
                return try add(try product([inFeatures, outFeatures]), bias ? outFeatures : 0)
            default:
                return 0
            }
        case .functional:
            return 0
        case let .graph(_, _, nodes):
            var total = 0
            for graphNode in nodes {
                total = try add(total, try parameterCount(of: .layer(name: graphNode.name, kind: graphNode.kind)))
            }
            return total
        case let .sequence(_, _, children), let .concatenation(_, _, children), let .denseBlock(_, _, children):
            var total = 0
            for child in children { total = try add(total, try parameterCount(of: child)) }
            return total
        case let .residual(_, _, body, shortcut, after):
            var total = 0
            for child in body + (shortcut.map { [$0] } ?? []) + after { total = try add(total, try parameterCount(of: child)) }
            return total
        }
    }
}
