/// Builds a ``ModelNode/graph(name:type:nodes:)`` one node at a time, inferring each node's output
/// with the same code ``ModelSummary`` runs (``ShapeInference``), so that an importer can read
/// the channel counts a file leaves implicit (a Caffe Convolution's or a Darknet layer's input
/// channels) from the shapes, never from the file. Public for the importers outside ConvCore (ONNX).
///
///     var builder = GraphBuilder(input: [3, 224, 224])
///     let conv = try builder.append(GraphNode(name: "conv1", kind: kind, inputs: [GraphNode.graphInput]),
///                                   location: "node 'conv1' (Conv)")
///     builder.shape(of: conv)   // [1, 64, 112, 112]
public struct GraphBuilder {
    /// The nodes appended so far, in order.
    public private(set) var nodes: [GraphNode] = []
    private(set) var flows: [ShapeInference.Flow] = []
    let input: ShapeInference.Flow
    /// Nodes whose output is unknown because of their own type (not because of an input).
    /// Each is "NAME (TYPE)".
    public private(set) var unknownOrigins: [String] = []

    /// A builder for a network fed [1, C, H, W] (`input` is [C, H, W]; checked by ``summary(model:type:source:)``).
    public init(input: [Int]) {
        self.input = ShapeInference.Flow(shape: [1] + input, field: .inputPixel)
    }

    /// The output shape of node `index` (``GraphNode/graphInput`` for the network input); `[]` when unknown.
    public func shape(of index: Int) -> [Int] {
        index == GraphNode.graphInput ? input.shape : (flows.indices.contains(index) ? flows[index].shape : [])
    }

    /// Appends `node` and returns its index.
    /// - Throws: ``ModelImportError/layer(location:problem:)`` with `location` and the shape error;
    ///   ``ModelImportError/limit(problem:)`` beyond 4 x ``ImportLimits/maximumLayers`` nodes.
    @discardableResult
    public mutating func append(_ node: GraphNode, location: String) throws(ModelImportError) -> Int {
        guard nodes.count < 4 * ImportLimits.maximumLayers else {
            throw .limit(problem: "more than \(4 * ImportLimits.maximumLayers) graph nodes")
        }
        do throws(ModelError) {
            let inputs = try ShapeInference.graphInputs(of: node, outputs: flows, graphInput: input, layer: node.name)
            let result = try ShapeInference.apply(node, inputs: inputs, layer: node.name)
            if case let .unknown(type) = node.kind, !inputs.contains(where: { $0.shape.isEmpty }) {
                unknownOrigins.append("\(node.name) (\(type))")
            }
            nodes.append(node)
            flows.append(result.flow)
            return nodes.count - 1
        } catch {
            throw .layer(location: location, problem: Self.problem(error, layer: node.name))
        }
    }

    /// The shape error without the leading layer name (the location already names it).
    static func problem(_ error: ModelError, layer: String) -> String {
        let text = error.description
        for prefix in ["\(layer): ", "\(layer) "] where text.hasPrefix(prefix) {
            return String(text.dropFirst(prefix.count))
        }
        return text
    }

    /// The summary of the built graph, with `source` attached.
    /// - Throws: ``ModelImportError/layer(location:problem:)`` naming the model when a total overflows.
    public func summary(model: String, type: String, source: ModelSource) throws(ModelImportError) -> ModelSummary {
        do throws(ModelError) {
            var summary = try ModelSummary(model: model, graph: .graph(name: model, type: type, nodes: nodes),
                                           input: Array(input.shape.dropFirst()))
            summary.source = source
            return summary
        } catch {
            throw .layer(location: model, problem: error.description)
        }
    }
}
