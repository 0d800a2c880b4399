extension ModelZoo {
    /// torchvision's `alexnet`: the one-GPU variant of Krizhevsky et al. 2012 (64/192 filters in
    /// conv1/2, no LRN, no groups; "One weird trick", Krizhevsky 2014), adaptive 6 x 6 pool, dropout
    /// before each hidden fully connected layer. 61,100,840 parameters.
    static func alexNet() -> ModelNode {
        .sequence(name: "AlexNet", type: "AlexNet", children: [
            sequential("features", [
                conv(3, 64, 11, stride: 4, padding: 2), .relu, maxPool(3, stride: 2),
                conv(64, 192, 5, padding: 2), .relu, maxPool(3, stride: 2),
                conv(192, 384, 3, padding: 1), .relu,
                conv(384, 256, 3, padding: 1), .relu,
                conv(256, 256, 3, padding: 1), .relu, maxPool(3, stride: 2),
            ]),
            .layer(name: "avgpool", kind: adaptiveAvgPool(6)),
            flattenCall,
            sequential("classifier", [
                .dropout(probability: 0.5), .linear(inFeatures: 256 * 6 * 6, outFeatures: 4096, bias: true), .relu,
                .dropout(probability: 0.5), .linear(inFeatures: 4096, outFeatures: 4096, bias: true), .relu,
                .linear(inFeatures: 4096, outFeatures: 1000, bias: true),
            ]),
        ])
    }

    /// The original two-GPU AlexNet (Krizhevsky, Sutskever & Hinton 2012, figure 2) as Caffe's
    /// bvlc_alexnet deploy.prototxt has it: 227 x 227 input, conv1 96 filters 11x11 stride 4 without
    /// padding, conv2/4/5 split across the two GPUs (groups=2), local response normalisation
    /// (size 5) after conv1 and conv2, overlapping 3x3 stride-2 max pools rounded up as Caffe's
    /// `pooling_layer.cpp` does (ceil((i - k)/s) + 1; without padding the same as PyTorch's
    /// ceil_mode=True), no adaptive pool, so the classifier needs 6 x 6 maps: square inputs
    /// 199...230 (227 in the paper's code). 60,965,224 parameters.
    static func alexNetOriginal() -> ModelNode {
        .sequence(name: "AlexNetOriginal", type: "AlexNetOriginal", children: [
            sequential("features", [
                conv(3, 96, 11, stride: 4), .relu, .localResponseNorm(size: 5), maxPool(3, stride: 2, ceilMode: true),
                conv(96, 256, 5, padding: 2, groups: 2), .relu, .localResponseNorm(size: 5), maxPool(3, stride: 2, ceilMode: true),
                conv(256, 384, 3, padding: 1), .relu,
                conv(384, 384, 3, padding: 1, groups: 2), .relu,
                conv(384, 256, 3, padding: 1, groups: 2), .relu, maxPool(3, stride: 2, ceilMode: true),
            ]),
            sequential("classifier", [
                .flatten, .linear(inFeatures: 256 * 6 * 6, outFeatures: 4096, bias: true), .relu, .dropout(probability: 0.5),
                .linear(inFeatures: 4096, outFeatures: 4096, bias: true), .relu, .dropout(probability: 0.5),
                .linear(inFeatures: 4096, outFeatures: 1000, bias: true),
            ]),
        ])
    }
}
