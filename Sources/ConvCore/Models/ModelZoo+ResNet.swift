extension ModelZoo {
    /// torchvision's `BasicBlock` (He et al. 2016, figure 5 left): two 3x3 convolutions with
    /// BatchNorm, the first carrying the stride; a 1x1 projection `downsample` (conv + BN) when the
    /// stride or width changes; the shared ReLU module is called twice (two rows, as torchinfo lists it).
    static func basicBlock(_ name: String, inChannels: Int, planes: Int, stride: Int) -> ModelNode {
        let projection = stride != 1 || inChannels != planes
        return .residual(name: name, type: "BasicBlock", body: [
            .layer(name: "conv1", kind: conv(inChannels, planes, 3, stride: stride, padding: 1, bias: false)),
            .layer(name: "bn1", kind: .batchNorm2d(numFeatures: planes)),
            .layer(name: "relu", kind: .relu),
            .layer(name: "conv2", kind: conv(planes, planes, 3, padding: 1, bias: false)),
            .layer(name: "bn2", kind: .batchNorm2d(numFeatures: planes)),
        ], shortcut: projection ? downsample(inChannels, planes, stride: stride) : nil,
           after: [.layer(name: "relu", kind: .relu)])
    }

    /// torchvision's `Bottleneck` (ResNet v1.5: the stride sits on the 3x3 convolution): 1x1 reduce
    /// to `planes`, 3x3, 1x1 expand to 4·planes (He et al. 2016, figure 5 right), each with
    /// BatchNorm; projection shortcut when the stride or width changes.
    static func bottleneck(_ name: String, inChannels: Int, planes: Int, stride: Int) -> ModelNode {
        let outChannels = planes * 4
        let projection = stride != 1 || inChannels != outChannels
        return .residual(name: name, type: "Bottleneck", body: [
            .layer(name: "conv1", kind: conv(inChannels, planes, 1, bias: false)),
            .layer(name: "bn1", kind: .batchNorm2d(numFeatures: planes)),
            .layer(name: "relu", kind: .relu),
            .layer(name: "conv2", kind: conv(planes, planes, 3, stride: stride, padding: 1, bias: false)),
            .layer(name: "bn2", kind: .batchNorm2d(numFeatures: planes)),
            .layer(name: "relu", kind: .relu),
            .layer(name: "conv3", kind: conv(planes, outChannels, 1, bias: false)),
            .layer(name: "bn3", kind: .batchNorm2d(numFeatures: outChannels)),
        ], shortcut: projection ? downsample(inChannels, outChannels, stride: stride) : nil,
           after: [.layer(name: "relu", kind: .relu)])
    }

    /// The projection shortcut: `nn.Sequential(conv1x1(stride), BatchNorm2d)` (He et al. 2016,
    /// option B).
    static func downsample(_ inChannels: Int, _ outChannels: Int, stride: Int) -> ModelNode {
        sequential("downsample", [conv(inChannels, outChannels, 1, stride: stride, bias: false),
                                  .batchNorm2d(numFeatures: outChannels)])
    }

    /// torchvision's ResNet stem, four stages of 64/128/256/512 planes (strides 1, 2, 2, 2),
    /// global average pool and fc, with `basicBlocks` (resnet18/34) or `bottlenecks` (resnet50/101/152)
    /// blocks per stage.
    static func resNet(basicBlocks: [Int] = [], bottlenecks: [Int] = []) -> ModelNode {
        let useBottleneck = !bottlenecks.isEmpty
        let counts = useBottleneck ? bottlenecks : basicBlocks
        let expansion = useBottleneck ? 4 : 1
        var children: [ModelNode] = [
            .layer(name: "conv1", kind: conv(3, 64, 7, stride: 2, padding: 3, bias: false)),
            .layer(name: "bn1", kind: .batchNorm2d(numFeatures: 64)),
            .layer(name: "relu", kind: .relu),
            .layer(name: "maxpool", kind: maxPool(3, stride: 2, padding: 1)),
        ]
        var channels = 64
        for (stage, (planes, count)) in zip([64, 128, 256, 512], counts).enumerated() {
            var blocks: [ModelNode] = []
            for index in 0..<count {
                let stride = index == 0 && stage > 0 ? 2 : 1
                let name = String(index)
                blocks.append(useBottleneck
                    ? bottleneck(name, inChannels: channels, planes: planes, stride: stride)
                    : basicBlock(name, inChannels: channels, planes: planes, stride: stride))
                channels = planes * expansion
            }
            children.append(.sequence(name: "layer\(stage + 1)", type: "Sequential", children: blocks))
        }
        children += [
            .layer(name: "avgpool", kind: adaptiveAvgPool(1)),
            flattenCall,
            .layer(name: "fc", kind: .linear(inFeatures: 512 * expansion, outFeatures: 1000, bias: true)),
        ]
        return .sequence(name: "ResNet", type: "ResNet", children: children)
    }
}
