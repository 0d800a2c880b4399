extension ModelZoo {
    /// The channel plan of VGG's configurations A (11 layers), B (13), D (16) and E (19)
    /// (Simonyan & Zisserman 2015, table 1; torchvision's `cfgs`); 0 marks a 2x2 max pool.
    static func vggPlan(depth: Int) -> [Int] {
        switch depth {
        case 11: return [64, 0, 128, 0, 256, 256, 0, 512, 512, 0, 512, 512, 0]
        case 13: return [64, 64, 0, 128, 128, 0, 256, 256, 0, 512, 512, 0, 512, 512, 0]
        case 19: return [64, 64, 0, 128, 128, 0, 256, 256, 256, 256, 0, 512, 512, 512, 512, 0, 512, 512, 512, 512, 0]
        default: return [64, 64, 0, 128, 128, 0, 256, 256, 256, 0, 512, 512, 512, 0, 512, 512, 512, 0]
        }
    }

    /// VGG's `features`: 3x3 convolutions with padding 1 (each followed by BatchNorm2d when
    /// `batchNorm`, then ReLU) and 2x2 stride-2 max pools, as torchvision's `make_layers`.
    static func vggFeatures(depth: Int, batchNorm: Bool) -> ModelNode {
        var features: [LayerKind] = []
        var channels = 3
        for width in vggPlan(depth: depth) {
            if width == 0 {
                features.append(maxPool(2, stride: 2))
                continue
            }
            features.append(conv(channels, width, 3, padding: 1))
            if batchNorm { features.append(.batchNorm2d(numFeatures: width)) }
            features.append(.relu)
            channels = width
        }
        return sequential("features", features)
    }

    /// torchvision's `vgg11` ... `vgg19_bn`: ``vggFeatures(depth:batchNorm:)``, an adaptive 7 x 7 pool
    /// and three fully connected layers (fc6 is Linear(25088, 4096): 102,764,544 parameters).
    static func vgg(depth: Int, batchNorm: Bool) -> ModelNode {
        .sequence(name: "VGG", type: "VGG", children: [
            vggFeatures(depth: depth, batchNorm: batchNorm),
            .layer(name: "avgpool", kind: adaptiveAvgPool(7)),
            flattenCall,
            sequential("classifier", [
                .linear(inFeatures: 512 * 7 * 7, outFeatures: 4096, bias: true), .relu, .dropout(probability: 0.5),
                .linear(inFeatures: 4096, outFeatures: 4096, bias: true), .relu, .dropout(probability: 0.5),
                .linear(inFeatures: 4096, outFeatures: 1000, bias: true),
            ]),
        ])
    }
}
