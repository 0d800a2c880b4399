/// A model as a tree of PyTorch modules: leaf layers, containers that run their children in
/// sequence, and the three ways CNNs merge branches (Inception's channel concatenation,
/// ResNet's addition, DenseNet's growing concatenation).
///
/// The tree mirrors torchvision's module hierarchy, so that summarising it gives torchinfo's rows
/// (one per module call, containers before their children, in forward order). `name` is the
/// module's attribute name in its parent (torchinfo's `var_name`: "conv1", "0", "denselayer3"),
/// `type` a container's class name ("Sequential", "Inception", "Bottleneck", "_DenseLayer").
///
///     let block = ModelNode.sequence(name: "conv1", type: "BasicConv2d", children: [
///         .layer(name: "conv", kind: .conv2d(inChannels: 3, outChannels: 64, kernelSize: HeightWidth(7),
///                stride: HeightWidth(2), padding: HeightWidth(3), dilation: HeightWidth(1), groups: 1, bias: false)),
///         .layer(name: "bn", kind: .batchNorm2d(numFeatures: 64)),
///     ])
public indirect enum ModelNode: Hashable, Sendable {
    /// A leaf module: one row of the table.
    case layer(name: String, kind: LayerKind)
    /// An operation the forward pass applies without a module (`torch.flatten`,
    /// `F.adaptive_avg_pool2d` at the end of torchvision's DenseNet): it changes the shape and the
    /// receptive field but is not a row, exactly as torchinfo (which hooks modules) does not list it.
    case functional(name: String, kind: LayerKind)
    /// A container whose children run one after another: `nn.Sequential`, torchvision's
    /// `BasicConv2d`, `_DenseLayer`, `_Transition`, or the model itself.
    case sequence(name: String, type: String, children: [ModelNode])
    /// Parallel branches on the same input, outputs concatenated along channels
    /// (`torch.cat(outputs, 1)`; GoogLeNet's `Inception`, Szegedy et al. 2015, figure 2).
    /// Every branch must give the same N, H and W.
    case concatenation(name: String, type: String, branches: [ModelNode])
    /// A residual block (He et al. 2016, equation 2: y = F(x) + W_s·x): `body` in sequence, then the
    /// `shortcut` (a projection such as torchvision's `downsample`, or nil for the identity), their
    /// sum, then `after` (the final ReLU). Body and shortcut outputs must have the same shape.
    case residual(name: String, type: String, body: [ModelNode], shortcut: ModelNode?, after: [ModelNode])
    /// A dense block (Huang et al. 2017, equation 2: x_l = H_l([x_0, ..., x_{l-1}])): each layer
    /// reads the concatenation of the block input and every earlier layer's output; the block
    /// outputs that concatenation (channels = input + sum of growth).
    case denseBlock(name: String, type: String, layers: [ModelNode])
    /// An imported network (a Darknet cfg, a Caffe prototxt): leaf layers in file order, each
    /// reading the earlier nodes its ``GraphNode/inputs`` name (or the container's input). One row per
    /// node, below the container's row; the container outputs its last node's output.
    case graph(name: String, type: String, nodes: [GraphNode])

    /// The module name (torchinfo's `var_name`).
    public var name: String {
        switch self {
        case let .layer(name, _), let .functional(name, _): return name
        case let .sequence(name, _, _), let .concatenation(name, _, _),
             let .residual(name, _, _, _, _), let .denseBlock(name, _, _), let .graph(name, _, _):
            return name
        }
    }

    /// The PyTorch class name: the leaf's ``LayerKind/typeName`` or the container's `type`.
    public var typeName: String {
        switch self {
        case let .layer(_, kind), let .functional(_, kind): return kind.typeName
        case let .sequence(_, type, _), let .concatenation(_, type, _),
             let .residual(_, type, _, _, _), let .denseBlock(_, type, _), let .graph(_, type, _):
            return type
        }
    }
}
