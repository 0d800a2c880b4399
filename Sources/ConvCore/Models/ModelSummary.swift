/// A model summarised for one input size: every module call as a row (torchinfo's table) with
/// shapes, parameters, multiply-adds and receptive fields, and torchinfo's totals block.
///
/// Shape inference is analytic (no tensors are allocated), so even ResNet-152 summarises in
/// well under a millisecond per hundred rows.
///
///     let summary = try ModelZoo.build("vgg16")
///     summary.totalParams          // 138,357,544
///     summary.outputShape          // [1, 1000]
///     summary.row(path: "features.28")?.receptiveField.size   // 196 at 513 x 513 (gradient-measured)
///
/// Conventions (torchvision and torchinfo 1.8, stated by the renderers):
/// - Parameters are weights and biases; BatchNorm2d's gamma and beta are parameters, its running
///   mean and variance (and `num_batches_tracked`) are buffers, counted separately in ``bufferCount``.
/// - ``totalMultAdds`` is torchinfo 1.8's "Total mult-adds": Conv2d params·N·H_out·W_out (bias
///   included), Linear and BatchNorm2d N·params, other layers 0. ``totalMACsWithoutBias`` counts only
///   the weights of Conv2d and Linear (the ptflops/fvcore convention).
/// - Sizes in bytes are torchinfo's: 4 bytes per float; the forward/backward pass size is twice the
///   output of every leaf layer that has parameters.
public struct ModelSummary: Hashable, Sendable {
    /// The model's name ("resnet50").
    public let model: String
    /// The graph that was summarised.
    public let graph: ModelNode
    /// The input shape N x C x H x W.
    public let inputShape: [Int]
    /// The model's output shape (N x classes for the zoo).
    public let outputShape: [Int]
    /// Every module call in forward order, the model row first (depth 0).
    public let rows: [ModelSummaryRow]
    /// Learnable parameters (sum over leaf rows).
    public let totalParams: Int
    /// Parameters that require gradients: all of them here (nothing is frozen).
    public let trainableParams: Int
    /// torchinfo 1.8's total mult-adds (sum over leaf rows).
    public let totalMultAdds: Int
    /// Multiply-accumulates of Conv2d and Linear weights only, without bias or BatchNorm.
    public let totalMACsWithoutBias: Int
    /// Buffers, not parameters: BatchNorm2d's running mean and variance (2·C) plus its
    /// `num_batches_tracked` counter (1), per BatchNorm2d layer.
    public let bufferCount: Int
    /// The input's size in bytes (4 per float), torchinfo's "Input size".
    public let inputBytes: Int
    /// torchinfo's "Forward/backward pass size": 2 x 4 bytes x the output elements of every leaf
    /// layer that has parameters.
    public let forwardBackwardBytes: Int
    /// torchinfo's "Params size": 4 bytes per parameter.
    public let paramBytes: Int
    /// For a model read from a file: the file, its format and the format's own parameter counts
    /// (set by the importers; nil for the built-in zoo).
    public var source: ModelSource?

    /// The largest input extent (C, H or W) and batch size accepted.
    public static let inputRange = 1...maximumExtent

    /// Summarises `graph` for an input of `input` = [C, H, W] and `batchSize` samples.
    ///
    /// - Parameters:
    ///   - model: the name shown in tables and JSON.
    ///   - graph: the model; its root is the depth-0 row.
    ///   - input: [C, H, W], each in ``inputRange``.
    ///   - batchSize: N, in ``inputRange``; counts scale with it as torchinfo's do.
    /// - Throws: ``ModelError/inputNotThreeDimensional(shape:)``, ``ModelError/outOfRange(layer:name:value:allowed:)``
    ///   for the input or any layer's hyper-parameters, ``ModelError/outputTooSmall(layer:type:geometry:input:output:)``
    ///   when a layer's output would be empty, ``ModelError/channelMismatch(layer:type:expected:input:)``,
    ///   ``ModelError/branchMismatch(block:type:shapes:)`` and the other cases naming the layer.
    /// - Complexity: O(rows x depth).
    public init(model: String, graph: ModelNode, input: [Int], batchSize: Int = 1) throws(ModelError) {
        guard input.count == 3 else { throw .inputNotThreeDimensional(shape: input) }
        for (name, value) in zip(["input channels", "input height", "input width"], input) {
            guard Self.inputRange.contains(value) else {
                throw .outOfRange(layer: "", name: name, value: value, allowed: Self.inputRange)
            }
        }
        guard Self.inputRange.contains(batchSize) else {
            throw .outOfRange(layer: "", name: "batch size", value: batchSize, allowed: Self.inputRange)
        }
        let shape = [batchSize] + input
        var inference = ShapeInference()
        let output = try inference.run(graph, input: ShapeInference.Flow(shape: shape, field: .inputPixel))
        let rows = inference.rows.compactMap { $0 }

        var params = 0, multAdds = 0, macs = 0, buffers = 0, activations = 0
        for row in rows where row.isLeaf {
            params = try ShapeInference.sum(params, row.params, layer: model, quantity: "parameter count")
            multAdds = try ShapeInference.sum(multAdds, row.multAdds, layer: model, quantity: "multiply-adds")
            macs = try ShapeInference.sum(macs, row.macsWithoutBias, layer: model, quantity: "multiply-accumulates")
            switch row.kind {
            case let .batchNorm2d(features)?, let .batchNormStatistics(features)?:
                buffers = try ShapeInference.sum(buffers, 2 * features + 1, layer: model, quantity: "buffer count")
            default:
                break
            }
            if row.params > 0 {
                let elements = try ShapeInference.product(row.outputShape, layer: row.path, quantity: "output elements")
                activations = try ShapeInference.sum(activations, elements, layer: model, quantity: "activation size")
            }
        }
        self.model = model
        self.graph = graph
        self.inputShape = shape
        self.outputShape = output.shape
        self.rows = rows
        self.totalParams = params
        self.trainableParams = params
        self.totalMultAdds = multAdds
        self.totalMACsWithoutBias = macs
        self.bufferCount = buffers
        self.inputBytes = try ShapeInference.product(shape + [4], layer: model, quantity: "input size")
        self.forwardBackwardBytes = try ShapeInference.product([activations, 4, 2], layer: model,
                                                                quantity: "forward/backward pass size")
        self.paramBytes = try ShapeInference.product([params, 4], layer: model, quantity: "parameter size")
    }

    /// Parameters that do not require gradients (0: nothing is frozen).
    public var nonTrainableParams: Int { totalParams - trainableParams }

    /// torchinfo's "Estimated Total Size" in bytes: input + forward/backward pass + parameters.
    public var estimatedTotalBytes: Int {
        let sum = inputBytes.addingReportingOverflow(forwardBackwardBytes)
        let total = sum.partialValue.addingReportingOverflow(paramBytes)
        return sum.overflow || total.overflow ? Int.max : total.partialValue
    }

    /// The leaf rows (one per layer call) in forward order: the `layers` of the JSON of docs/ARCHITECTURE.md.
    public var layers: [ModelSummaryRow] { rows.filter(\.isLeaf) }

    /// The indices of the rows directly below row `index` (empty for a leaf or an index out of range).
    public func children(of index: Int) -> [Int] {
        guard rows.indices.contains(index) else { return [] }
        let end = index + rows[index].descendantCount
        guard end > index else { return [] }
        return ((index + 1)...end).filter { rows[$0].parent == index }
    }

    /// The first row whose dotted module path is `path` ("layer4", "features.28"), or nil.
    public func row(path: String) -> ModelSummaryRow? {
        rows.first { $0.path == path }
    }
}
