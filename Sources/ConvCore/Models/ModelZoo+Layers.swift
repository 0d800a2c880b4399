/// Short constructors the zoo's builders use, mirroring PyTorch's constructor arguments
/// (`nn.Conv2d(3, 64, kernel_size=11, stride=4, padding=2)`).
extension ModelZoo {
    /// `nn.Conv2d(inChannels, outChannels, kernelSize, stride, padding, groups=, bias=)` with square
    /// kernel, stride and padding and dilation 1.
    static func conv(_ inChannels: Int, _ outChannels: Int, _ kernelSize: Int, stride: Int = 1, padding: Int = 0,
                     groups: Int = 1, bias: Bool = true) -> LayerKind {
        .conv2d(inChannels: inChannels, outChannels: outChannels, kernelSize: HeightWidth(kernelSize),
                stride: HeightWidth(stride), padding: HeightWidth(padding), dilation: HeightWidth(1),
                groups: groups, bias: bias)
    }

    /// `nn.MaxPool2d(kernelSize, stride, padding, ceil_mode=)` with square window.
    static func maxPool(_ kernelSize: Int, stride: Int, padding: Int = 0, ceilMode: Bool = false) -> LayerKind {
        .maxPool2d(kernelSize: HeightWidth(kernelSize), stride: HeightWidth(stride), padding: HeightWidth(padding),
                   ceilMode: ceilMode)
    }

    /// `nn.AvgPool2d(kernelSize, stride)` with square window, no padding, floor mode.
    static func avgPool(_ kernelSize: Int, stride: Int) -> LayerKind {
        .avgPool2d(kernelSize: HeightWidth(kernelSize), stride: HeightWidth(stride), padding: HeightWidth(0),
                   ceilMode: false)
    }

    /// `nn.AdaptiveAvgPool2d((size, size))`.
    static func adaptiveAvgPool(_ size: Int) -> LayerKind {
        .adaptiveAvgPool2d(outputSize: HeightWidth(size))
    }

    /// A `nn.Sequential` whose children are the given layers named "0", "1", ...
    static func sequential(_ name: String, _ kinds: [LayerKind]) -> ModelNode {
        .sequence(name: name, type: "Sequential",
                  children: kinds.enumerated().map { .layer(name: String($0.offset), kind: $0.element) })
    }

    /// A `nn.Sequential` of modules, renamed "0", "1", ... as `nn.Sequential(*modules)` names them.
    static func sequential(_ name: String, modules: [ModelNode]) -> ModelNode {
        .sequence(name: name, type: "Sequential",
                  children: modules.enumerated().map { renamed($0.element, String($0.offset)) })
    }

    /// `torch.flatten(x, 1)` in a `forward` method: not a module, so not a row.
    static let flattenCall = ModelNode.functional(name: "flatten", kind: .flatten)

    /// `node` with its module name replaced.
    static func renamed(_ node: ModelNode, _ name: String) -> ModelNode {
        switch node {
        case let .layer(_, kind): return .layer(name: name, kind: kind)
        case let .functional(_, kind): return .functional(name: name, kind: kind)
        case let .sequence(_, type, children): return .sequence(name: name, type: type, children: children)
        case let .concatenation(_, type, branches): return .concatenation(name: name, type: type, branches: branches)
        case let .residual(_, type, body, shortcut, after):
            return .residual(name: name, type: type, body: body, shortcut: shortcut, after: after)
        case let .denseBlock(_, type, layers): return .denseBlock(name: name, type: type, layers: layers)
        case let .graph(_, type, nodes): return .graph(name: name, type: type, nodes: nodes)
        }
    }
}
