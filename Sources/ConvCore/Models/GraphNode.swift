/// One layer of an imported network (``ModelNode/graph(name:type:nodes:)``): a leaf layer and the
/// earlier layers it reads, so that files whose layers read any earlier output (Caffe's named
/// blobs, Darknet's `[route]` and `[shortcut]`) keep their own wiring.
///
///     GraphNode(name: "conv1", kind: .relu, inputs: [GraphNode.graphInput])
public struct GraphNode: Hashable, Sendable {
    /// The input index that stands for the graph's own input (the network's data).
    public static let graphInput = -1

    /// The file's layer name ("conv1", "inception_3a/1x1", "12" for Darknet's layer 12).
    public var name: String
    /// What the layer computes.
    public var kind: LayerKind
    /// The indices of earlier nodes it reads (``graphInput`` for the network input), in order.
    public var inputs: [Int]
    /// True when the layer flattens its input before applying `kind` (Caffe InnerProduct and
    /// Darknet `[connected]` read C x H x W as C·H·W features without a Flatten layer).
    public var flattensInput: Bool
    /// Where the layer is in the file ("line 25", "[convolutional] #3"), for error messages.
    public var location: String

    /// Creates a node.
    public init(name: String, kind: LayerKind, inputs: [Int], flattensInput: Bool = false, location: String = "") {
        self.name = name
        self.kind = kind
        self.inputs = inputs
        self.flattensInput = flattensInput
        self.location = location
    }
}
