extension ModelZoo {
    /// One row of GoogLeNet's table 1 (Szegedy et al. 2015): input channels, then #1x1,
    /// #3x3 reduce, #3x3, #5x5 reduce, #5x5, pool proj.
    struct InceptionPlan {
        let name: String
        let inChannels, ch1x1, ch3x3Reduce, ch3x3, ch5x5Reduce, ch5x5, poolProjection: Int
    }

    /// The nine Inception modules, 3a to 5b, with torchvision's and the paper's channel counts.
    static let inceptionPlans: [InceptionPlan] = [
        InceptionPlan(name: "inception3a", inChannels: 192, ch1x1: 64, ch3x3Reduce: 96, ch3x3: 128, ch5x5Reduce: 16, ch5x5: 32, poolProjection: 32),
        InceptionPlan(name: "inception3b", inChannels: 256, ch1x1: 128, ch3x3Reduce: 128, ch3x3: 192, ch5x5Reduce: 32, ch5x5: 96, poolProjection: 64),
        InceptionPlan(name: "inception4a", inChannels: 480, ch1x1: 192, ch3x3Reduce: 96, ch3x3: 208, ch5x5Reduce: 16, ch5x5: 48, poolProjection: 64),
        InceptionPlan(name: "inception4b", inChannels: 512, ch1x1: 160, ch3x3Reduce: 112, ch3x3: 224, ch5x5Reduce: 24, ch5x5: 64, poolProjection: 64),
        InceptionPlan(name: "inception4c", inChannels: 512, ch1x1: 128, ch3x3Reduce: 128, ch3x3: 256, ch5x5Reduce: 24, ch5x5: 64, poolProjection: 64),
        InceptionPlan(name: "inception4d", inChannels: 512, ch1x1: 112, ch3x3Reduce: 144, ch3x3: 288, ch5x5Reduce: 32, ch5x5: 64, poolProjection: 64),
        InceptionPlan(name: "inception4e", inChannels: 528, ch1x1: 256, ch3x3Reduce: 160, ch3x3: 320, ch5x5Reduce: 32, ch5x5: 128, poolProjection: 128),
        InceptionPlan(name: "inception5a", inChannels: 832, ch1x1: 256, ch3x3Reduce: 160, ch3x3: 320, ch5x5Reduce: 32, ch5x5: 128, poolProjection: 128),
        InceptionPlan(name: "inception5b", inChannels: 832, ch1x1: 384, ch3x3Reduce: 192, ch3x3: 384, ch5x5Reduce: 48, ch5x5: 128, poolProjection: 128),
    ]

    /// torchvision's `BasicConv2d`: a bias-free convolution and BatchNorm2d (eps 0.001); its ReLU
    /// is `F.relu`, not a module, so not a row.
    static func basicConv(_ name: String, _ inChannels: Int, _ outChannels: Int, _ kernelSize: Int,
                          stride: Int = 1, padding: Int = 0) -> ModelNode {
        .sequence(name: name, type: "BasicConv2d", children: [
            .layer(name: "conv", kind: conv(inChannels, outChannels, kernelSize, stride: stride, padding: padding, bias: false)),
            .layer(name: "bn", kind: .batchNorm2d(numFeatures: outChannels)),
        ])
    }

    /// torchvision's `googlenet(aux_logits=False)`: BasicConv2d everywhere, the "5x5" branch built
    /// with a 3x3 kernel (a known torchvision deviation kept for weight compatibility), ceil-mode
    /// max pools, no LRN, no auxiliary heads. 6,624,904 parameters.
    static func googLeNet() -> ModelNode {
        var children: [ModelNode] = [
            basicConv("conv1", 3, 64, 7, stride: 2, padding: 3),
            .layer(name: "maxpool1", kind: maxPool(3, stride: 2, ceilMode: true)),
            basicConv("conv2", 64, 64, 1),
            basicConv("conv3", 64, 192, 3, padding: 1),
            .layer(name: "maxpool2", kind: maxPool(3, stride: 2, ceilMode: true)),
        ]
        for plan in inceptionPlans {
            children.append(.concatenation(name: plan.name, type: "Inception", branches: [
                basicConv("branch1", plan.inChannels, plan.ch1x1, 1),
                sequential("branch2", modules: [
                    basicConv("", plan.inChannels, plan.ch3x3Reduce, 1),
                    basicConv("", plan.ch3x3Reduce, plan.ch3x3, 3, padding: 1),
                ]),
                sequential("branch3", modules: [
                    basicConv("", plan.inChannels, plan.ch5x5Reduce, 1),
                    basicConv("", plan.ch5x5Reduce, plan.ch5x5, 3, padding: 1),
                ]),
                sequential("branch4", modules: [
                    .layer(name: "", kind: maxPool(3, stride: 1, padding: 1, ceilMode: true)),
                    basicConv("", plan.inChannels, plan.poolProjection, 1),
                ]),
            ]))
            if plan.name == "inception3b" {
                children.append(.layer(name: "maxpool3", kind: maxPool(3, stride: 2, ceilMode: true)))
            } else if plan.name == "inception4e" {
                children.append(.layer(name: "maxpool4", kind: maxPool(2, stride: 2, ceilMode: true)))
            }
        }
        children += [
            .layer(name: "avgpool", kind: adaptiveAvgPool(1)),
            flattenCall,
            .layer(name: "dropout", kind: .dropout(probability: 0.2)),
            .layer(name: "fc", kind: .linear(inFeatures: 1024, outFeatures: 1000, bias: true)),
        ]
        return .sequence(name: "GoogLeNet", type: "GoogLeNet", children: children)
    }

    /// A convolution with bias followed by its ReLU, as the paper's (and Caffe bvlc_googlenet's)
    /// "conv + relu" pairs, in a `nn.Sequential`-like list.
    private static func convReLU(_ inChannels: Int, _ outChannels: Int, _ kernelSize: Int,
                                 padding: Int = 0) -> [ModelNode] {
        [.layer(name: "", kind: conv(inChannels, outChannels, kernelSize, padding: padding)), .layer(name: "", kind: .relu)]
    }

    /// GoogLeNet as the paper has it (Szegedy et al. 2015, table 1 and figure 3; Caffe's
    /// bvlc_googlenet): true 5x5 convolutions in the third branch, every convolution with bias and
    /// ReLU, no BatchNorm, LRN after the first pool and after conv2, ceil-mode 3x3 stride-2 pools,
    /// 7x7 average pool, dropout 0.4, no auxiliary classifiers. 6,998,552 parameters; the fixed
    /// 7x7 average pool means the classifier needs 224 x 224 input.
    static func googLeNetOriginal() -> ModelNode {
        var children: [ModelNode] = [
            .layer(name: "conv1", kind: conv(3, 64, 7, stride: 2, padding: 3)),
            .layer(name: "relu1", kind: .relu),
            .layer(name: "pool1", kind: maxPool(3, stride: 2, ceilMode: true)),
            .layer(name: "norm1", kind: .localResponseNorm(size: 5)),
            .layer(name: "conv2_reduce", kind: conv(64, 64, 1)),
            .layer(name: "relu2_reduce", kind: .relu),
            .layer(name: "conv2", kind: conv(64, 192, 3, padding: 1)),
            .layer(name: "relu2", kind: .relu),
            .layer(name: "norm2", kind: .localResponseNorm(size: 5)),
            .layer(name: "pool2", kind: maxPool(3, stride: 2, ceilMode: true)),
        ]
        for plan in inceptionPlans {
            children.append(.concatenation(name: plan.name, type: "Inception", branches: [
                sequential("branch1", modules: convReLU(plan.inChannels, plan.ch1x1, 1)),
                sequential("branch2", modules: convReLU(plan.inChannels, plan.ch3x3Reduce, 1)
                    + convReLU(plan.ch3x3Reduce, plan.ch3x3, 3, padding: 1)),
                sequential("branch3", modules: convReLU(plan.inChannels, plan.ch5x5Reduce, 1)
                    + convReLU(plan.ch5x5Reduce, plan.ch5x5, 5, padding: 2)),
                sequential("branch4", modules: [.layer(name: "", kind: maxPool(3, stride: 1, padding: 1, ceilMode: true))]
                    + convReLU(plan.inChannels, plan.poolProjection, 1)),
            ]))
            if plan.name == "inception3b" {
                children.append(.layer(name: "pool3", kind: maxPool(3, stride: 2, ceilMode: true)))
            } else if plan.name == "inception4e" {
                children.append(.layer(name: "pool4", kind: maxPool(3, stride: 2, ceilMode: true)))
            }
        }
        children += [
            .layer(name: "avgpool", kind: avgPool(7, stride: 1)),
            flattenCall,
            .layer(name: "dropout", kind: .dropout(probability: 0.4)),
            .layer(name: "fc", kind: .linear(inFeatures: 1024, outFeatures: 1000, bias: true)),
        ]
        return .sequence(name: "GoogLeNetOriginal", type: "GoogLeNetOriginal", children: children)
    }
}
