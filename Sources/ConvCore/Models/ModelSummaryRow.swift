/// One row of a model summary: one call of one module, in forward order, as torchinfo 1.8 lists
/// it (containers before their children; a module called twice, such as ResNet's shared `relu`,
/// gives two rows).
///
/// Counts follow torchinfo 1.8 so that a table can be checked line by line against it:
///
/// | layer        | ``params``                          | ``multAdds`` (torchinfo)      | ``macsWithoutBias``           |
/// |--------------|-------------------------------------|-------------------------------|-------------------------------|
/// | Conv2d       | C_out·(C_in/g)·kH·kW (+ C_out bias) | params·N·H_out·W_out          | N·H_out·W_out·C_out·(C_in/g)·kH·kW |
/// | Linear       | in·out (+ out bias)                 | N·params                      | N·in·out                      |
/// | BatchNorm2d  | 2·C (gamma, beta)                   | N·params                      | 0                             |
/// | other layers | 0                                   | 0                             | 0                             |
///
/// A container's counts are the sums over the leaf rows below it.
public struct ModelSummaryRow: Hashable, Sendable {
    /// The module's attribute name in its parent (torchinfo's `var_name`: "conv1", "0"); the class
    /// name for the model row.
    public let name: String
    /// The dotted module path from the model ("layer1.0.conv1", "features.0"); "" for the model row.
    public let path: String
    /// The PyTorch class name ("Conv2d", "Bottleneck", "Sequential", "ResNet").
    public let type: String
    /// 0 for the model row, 1 for its children, and so on.
    public let depth: Int
    /// torchinfo's `depth_index`: the 1-based count of rows at this depth so far, in forward order
    /// (the "5" of "Sequential: 1-5"); 0 for the model row.
    public let depthIndex: Int
    /// The index of the parent row in ``ModelSummary/rows``; nil for the model row.
    public let parent: Int?
    /// How many rows after this one lie below it (0 for a leaf): rows `index+1 ... index+descendantCount`.
    public let descendantCount: Int
    /// The leaf layer, or nil for a container.
    public let kind: LayerKind?
    /// How a container combines its children, or nil for a leaf.
    public let block: BlockStructure?
    /// The input shape, N x C x H x W or N x F.
    public let inputShape: [Int]
    /// The output shape, N x C x H x W or N x F.
    public let outputShape: [Int]
    /// Learnable parameters (weights and biases; BatchNorm's gamma and beta). Sum over leaves for a container.
    public let params: Int
    /// Multiply-adds as torchinfo 1.8 counts them (see the table above). Sum over leaves for a container.
    public let multAdds: Int
    /// Multiply-accumulates of weights only, without bias and BatchNorm (the ptflops/fvcore convention).
    public let macsWithoutBias: Int
    /// The receptive field of one unit of this row's output, in input pixels.
    public let receptiveField: ReceptiveField

    /// True for a leaf layer (a row with no rows below it).
    public var isLeaf: Bool { kind != nil }
    /// The kernel size of a convolution or pooling layer.
    public var kernelSize: HeightWidth? { kind?.kernelSize }
    /// The stride of a convolution or pooling layer.
    public var stride: HeightWidth? { kind?.stride }
    /// The padding of a convolution or pooling layer.
    public var padding: HeightWidth? { kind?.padding }
    /// The dilation of a convolution (1x1 for max pooling).
    public var dilation: HeightWidth? { kind?.dilation }
    /// The groups of a convolution.
    public var groups: Int? { kind?.groups }
    /// torchinfo's row label: "Conv2d: 3-7", or just the class name for the model row.
    public var label: String { depth == 0 ? type : "\(type): \(depth)-\(depthIndex)" }

    /// How a container row combines its children (for a UI that explains a block).
    public enum BlockStructure: Hashable, Sendable {
        /// Children run in sequence.
        case sequence
        /// Branches concatenated along channels; their output channel counts in order.
        case concatenation(branchChannels: [Int])
        /// Body plus shortcut; `projection` is false for the identity shortcut.
        case residual(projection: Bool)
        /// Dense block: the block input's channels and each layer's new channels (growth).
        case denseBlock(inputChannels: Int, layerChannels: [Int])
    }

    /// Creates a row; only ``ModelSummary`` makes them, while inferring shapes.
    init(name: String, path: String, type: String, depth: Int, depthIndex: Int, parent: Int?,
                descendantCount: Int, kind: LayerKind?, block: BlockStructure?, inputShape: [Int],
                outputShape: [Int], params: Int, multAdds: Int, macsWithoutBias: Int,
                receptiveField: ReceptiveField) {
        self.name = name
        self.path = path
        self.type = type
        self.depth = depth
        self.depthIndex = depthIndex
        self.parent = parent
        self.descendantCount = descendantCount
        self.kind = kind
        self.block = block
        self.inputShape = inputShape
        self.outputShape = outputShape
        self.params = params
        self.multAdds = multAdds
        self.macsWithoutBias = macsWithoutBias
        self.receptiveField = receptiveField
    }
}
