extension ModelZoo {
    /// torchvision's DenseNet-BC (Huang et al. 2017, table 1): a 7x7 stem, dense blocks whose
    /// `_DenseLayer`s are BN-ReLU-Conv1x1(bn_size·k = 4k)-BN-ReLU-Conv3x3(k) and whose outputs are
    /// concatenated, `_Transition`s (BN-ReLU-Conv1x1 halving the channels, 2x2 average pool) between
    /// blocks, a final BatchNorm, then `F.relu`, `F.adaptive_avg_pool2d` and `torch.flatten` (calls,
    /// not modules: no rows) and the classifier.
    /// - Parameters:
    ///   - growthRate: k (32; 48 for densenet161).
    ///   - blocks: layers per dense block.
    ///   - initialFeatures: the stem's output channels (64; 96 for densenet161).
    static func denseNet(growthRate: Int, blocks: [Int], initialFeatures: Int) -> ModelNode {
        let bottleneckWidth = 4 * growthRate
        var features: [ModelNode] = [
            .layer(name: "conv0", kind: conv(3, initialFeatures, 7, stride: 2, padding: 3, bias: false)),
            .layer(name: "norm0", kind: .batchNorm2d(numFeatures: initialFeatures)),
            .layer(name: "relu0", kind: .relu),
            .layer(name: "pool0", kind: maxPool(3, stride: 2, padding: 1)),
        ]
        var channels = initialFeatures
        for (index, count) in blocks.enumerated() {
            var layers: [ModelNode] = []
            for layer in 0..<count {
                let inChannels = channels + layer * growthRate
                layers.append(.sequence(name: "denselayer\(layer + 1)", type: "_DenseLayer", children: [
                    .layer(name: "norm1", kind: .batchNorm2d(numFeatures: inChannels)),
                    .layer(name: "relu1", kind: .relu),
                    .layer(name: "conv1", kind: conv(inChannels, bottleneckWidth, 1, bias: false)),
                    .layer(name: "norm2", kind: .batchNorm2d(numFeatures: bottleneckWidth)),
                    .layer(name: "relu2", kind: .relu),
                    .layer(name: "conv2", kind: conv(bottleneckWidth, growthRate, 3, padding: 1, bias: false)),
                ]))
            }
            features.append(.denseBlock(name: "denseblock\(index + 1)", type: "_DenseBlock", layers: layers))
            channels += count * growthRate
            if index < blocks.count - 1 {
                features.append(.sequence(name: "transition\(index + 1)", type: "_Transition", children: [
                    .layer(name: "norm", kind: .batchNorm2d(numFeatures: channels)),
                    .layer(name: "relu", kind: .relu),
                    .layer(name: "conv", kind: conv(channels, channels / 2, 1, bias: false)),
                    .layer(name: "pool", kind: avgPool(2, stride: 2)),
                ]))
                channels /= 2
            }
        }
        features.append(.layer(name: "norm5", kind: .batchNorm2d(numFeatures: channels)))
        return .sequence(name: "DenseNet", type: "DenseNet", children: [
            .sequence(name: "features", type: "Sequential", children: features),
            .functional(name: "relu", kind: .relu),
            .functional(name: "adaptive_avg_pool2d", kind: adaptiveAvgPool(1)),
            flattenCall,
            .layer(name: "classifier", kind: .linear(inFeatures: channels, outFeatures: 1000, bias: true)),
        ])
    }
}
