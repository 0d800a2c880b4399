/// The lecture's worked examples as small named tables: each is one or more variants of a few
/// layers, summarised like a zoo model, so their parameter and multiply-add counts can be
/// compared side by side (`convscope arch --example NAME`).
///
/// | name              | variants                                                  | the point                          |
/// |-------------------|-----------------------------------------------------------|------------------------------------|
/// | conv3x3-128-64    | Conv2d(128, 64, 3)                                        | 3·3·128·64 = 73,728 weights        |
/// | two-3x3-vs-5x5    | two Conv2d 3x3 / one Conv2d 5x5, one channel each         | 18 vs 25 weights, same 5x5 field (Simonyan & Zisserman 2015, section 2.3) |
/// | inception-3a-5x5  | Conv2d(192, 32, 5) / Conv2d(192, 16, 1) + Conv2d(16, 32, 5) | 153,600 vs 15,872 weights (Szegedy et al. 2015, section 4) |
/// | resnet-bottleneck | 1x1 256->64, 3x3 64->64, 1x1 64->256 / two 3x3 at 256     | 69,632 vs 1,179,648 weights (He et al. 2016, section 4.1) |
/// | fc6-as-conv       | Linear(25088, 4096) / Conv2d(512, 4096, 7)                | both 102,764,544 (Long et al. 2015, FCN, section 3.1) |
/// | fcn-vgg16         | VGG16 features, fc6 as 7x7 conv, fc7 and score as 1x1     | any input gives a heatmap (224 -> 1x1, 500x375 -> 9x5) |
///
/// Convolutions in the weight-counting examples have no bias, so the counts are the weights the
/// lecture quotes; fc6 and FCN keep VGG's biases.
///
///     let example = try WorkedExample.build("fc6-as-conv")
///     example.variants.map(\.totalParams)   // [102764544, 102764544]
public struct WorkedExample: Hashable, Sendable {
    /// The example's name ("two-3x3-vs-5x5").
    public let name: String
    /// A one-line title.
    public let title: String
    /// The lecture's point in one sentence.
    public let point: String
    /// The tables compared, each summarised (its `model` is the variant's label).
    public let variants: [ModelSummary]

    /// Every example name, in the lecture's order.
    public static let names = ["conv3x3-128-64", "two-3x3-vs-5x5", "inception-3a-5x5", "resnet-bottleneck",
                               "fc6-as-conv", "fcn-vgg16"]

    /// Builds example `name`.
    /// - Parameters:
    ///   - name: one of ``names``.
    ///   - input: [C, H, W] for every variant; each example has its own default (fcn-vgg16:
    ///     3 x 224 x 224; try 3 x 500 x 375).
    /// - Throws: ``ModelError/unknownExample(name:allowed:)``; the checks of ``ModelSummary`` (an
    ///   input whose channels do not match the example's first layer names that layer).
    public static func build(_ name: String, input: [Int]? = nil) throws(ModelError) -> WorkedExample {
        func conv(_ inChannels: Int, _ outChannels: Int, _ kernelSize: Int, bias: Bool = false) -> LayerKind {
            ModelZoo.conv(inChannels, outChannels, kernelSize, padding: kernelSize / 2, bias: bias)
        }
        func variant(_ label: String, _ defaultInput: [Int], _ kinds: [LayerKind]) throws(ModelError) -> ModelSummary {
            try ModelSummary(model: label, graph: ModelZoo.sequential("Sequential", kinds), input: input ?? defaultInput)
        }
        switch name.lowercased() {
        case "conv3x3-128-64":
            return WorkedExample(
                name: "conv3x3-128-64", title: "One 3x3 convolution, 128 -> 64 channels",
                point: "A filter is as deep as its input: 64 filters of 3·3·128 = 73,728 weights.",
                variants: [try variant("conv 3x3 128->64", [128, 56, 56], [conv(128, 64, 3)])])
        case "two-3x3-vs-5x5":
            return WorkedExample(
                name: "two-3x3-vs-5x5", title: "Two stacked 3x3 convolutions vs one 5x5 (VGG)",
                point: "Both see a 5x5 receptive field; per channel pair the stack has 18 weights, the 5x5 has 25.",
                variants: [try variant("two 3x3", [1, 32, 32], [conv(1, 1, 3), conv(1, 1, 3)]),
                           try variant("one 5x5", [1, 32, 32], [conv(1, 1, 5)])])
        case "inception-3a-5x5":
            return WorkedExample(
                name: "inception-3a-5x5", title: "Inception 3a's 5x5 branch: direct vs 1x1 reduction",
                point: "Reducing 192 channels to 16 with a 1x1 convolution first cuts the weights and multiply-adds about tenfold.",
                variants: [try variant("5x5 192->32 direct", [192, 28, 28], [conv(192, 32, 5)]),
                           try variant("1x1 192->16, 5x5 16->32", [192, 28, 28], [conv(192, 16, 1), conv(16, 32, 5)])])
        case "resnet-bottleneck":
            return WorkedExample(
                name: "resnet-bottleneck", title: "ResNet bottleneck 256 -> 64 -> 64 -> 256 vs two 3x3 at 256",
                point: "The 1x1 layers shrink and restore the width, so the 3x3 works on 64 channels.",
                variants: [try variant("bottleneck 256-64-64-256", [256, 56, 56],
                                       [conv(256, 64, 1), conv(64, 64, 3), conv(64, 256, 1)]),
                           try variant("two 3x3 at 256", [256, 56, 56], [conv(256, 256, 3), conv(256, 256, 3)])])
        case "fc6-as-conv":
            let linear = ModelNode.sequence(name: "Sequential", type: "Sequential", children: [
                ModelZoo.flattenCall,
                .layer(name: "fc6", kind: .linear(inFeatures: 25088, outFeatures: 4096, bias: true)),
            ])
            let convolution = ModelNode.sequence(name: "Sequential", type: "Sequential", children: [
                .layer(name: "fc6", kind: ModelZoo.conv(512, 4096, 7)),
            ])
            return WorkedExample(
                name: "fc6-as-conv", title: "VGG16 fc6 as Linear(25088, 4096) and as a 7x7 convolution",
                point: "The same 102,764,544 numbers: a fully connected layer is a convolution whose kernel covers its whole input.",
                variants: [try ModelSummary(model: "Linear(25088, 4096)", graph: linear, input: input ?? [512, 7, 7]),
                           try ModelSummary(model: "Conv2d(512, 4096, 7)", graph: convolution, input: input ?? [512, 7, 7])])
        case "fcn-vgg16":
            return WorkedExample(
                name: "fcn-vgg16", title: "VGG16 made fully convolutional (FCN)",
                point: "With fc6 as a 7x7 convolution and fc7 and the classifier as 1x1 convolutions, any input gives a heatmap of 21 class scores.",
                variants: [try ModelSummary(model: "fcn-vgg16", graph: fcnVGG16(), input: input ?? [3, 224, 224])])
        default:
            throw .unknownExample(name: name, allowed: names)
        }
    }

    /// VGG16's features, then fc6 as Conv2d(512, 4096, 7), fc7 as Conv2d(4096, 4096, 1) and the
    /// PASCAL VOC score layer as Conv2d(4096, 21, 1), with VGG's ReLU and dropout and no padding added
    /// (Long, Shelhamer & Darrell 2015, figure 2).
    static func fcnVGG16() -> ModelNode {
        .sequence(name: "FCN32s", type: "FCN32s", children: [
            ModelZoo.vggFeatures(depth: 16, batchNorm: false),
            ModelZoo.sequential("classifier", [
                ModelZoo.conv(512, 4096, 7), .relu, .dropout(probability: 0.5),
                ModelZoo.conv(4096, 4096, 1), .relu, .dropout(probability: 0.5),
                ModelZoo.conv(4096, 21, 1),
            ]),
        ])
    }
}
