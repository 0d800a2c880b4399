import Testing
import ConvCore

@Suite struct ModelErrorTests {
    /// The example: vgg16 at 3 x 32 x 24 reaches the fifth max pool with a 2 x 1 map.
    @Test func inputTooSmallNamesTheLayerAndShapes() throws {
        #expect(throws: ModelError.outputTooSmall(layer: "features.30", type: "MaxPool2d",
                                                  geometry: "kernel 2, stride 2, padding 0",
                                                  input: [1, 512, 2, 1], output: [1, 512, 1, 0])) {
            try ModelZoo.build("vgg16", input: [3, 32, 24])
        }
        do {
            _ = try ModelZoo.build("vgg16", input: [3, 32, 24])
        } catch {
            #expect(error.description.contains("features.30 (MaxPool2d"))
            #expect(error.description.contains("from input 1 x 512 x 2 x 1 (width 0)"))
        }
        // AlexNet on a 7 x 7 image: conv1 (k11 s4 p2) gives floor((7 + 4 - 11)/4) + 1 = 1, then pool1 (k3 s2) cannot
        // fit: floor((1 - 3)/2) + 1 = 0.
        #expect(throws: ModelError.outputTooSmall(layer: "features.2", type: "MaxPool2d",
                                                  geometry: "kernel 3, stride 2, padding 0",
                                                  input: [1, 64, 1, 1], output: [1, 64, 0, 0])) {
            try ModelZoo.build("alexnet", input: [3, 7, 7])
        }
        // A 5x5 convolution on a 1 x 1 image would give floor((1 - 5)/1) + 1 = -3: shown as 0.
        let conv = ModelNode.sequence(name: "Net", type: "Net", children: [.layer(name: "c", kind: .conv2d(
            inChannels: 1, outChannels: 1, kernelSize: HeightWidth(5), stride: HeightWidth(1), padding: HeightWidth(0),
            dilation: HeightWidth(1), groups: 1, bias: false))])
        #expect(throws: ModelError.outputTooSmall(layer: "c", type: "Conv2d", geometry: "kernel 5, stride 1, padding 0",
                                                  input: [1, 1, 1, 1], output: [1, 1, 0, 0])) {
            try ModelSummary(model: "m", graph: conv, input: [1, 1, 1])
        }
    }

    @Test func unknownModelListsTheNames() {
        #expect(throws: ModelError.unknownModel(name: "vgg17", allowed: ModelZoo.names)) {
            try ModelZoo.build("vgg17")
        }
        #expect(throws: ModelError.unknownExample(name: "lenet", allowed: WorkedExample.names)) {
            try WorkedExample.build("lenet")
        }
        #expect((try? ModelZoo.build("ResNet18"))?.model == "resnet18")
    }

    @Test func badInputShapes() {
        #expect(throws: ModelError.inputNotThreeDimensional(shape: [224, 224])) {
            try ModelZoo.build("alexnet", input: [224, 224])
        }
        #expect(throws: ModelError.outOfRange(layer: "", name: "input height", value: 0, allowed: ModelSummary.inputRange)) {
            try ModelZoo.build("alexnet", input: [3, 0, 224])
        }
        #expect(throws: ModelError.outOfRange(layer: "", name: "batch size", value: -1, allowed: ModelSummary.inputRange)) {
            try ModelZoo.build("alexnet", batchSize: -1)
        }
        // Four channels where the stem expects three.
        #expect(throws: ModelError.channelMismatch(layer: "conv1", type: "Conv2d", expected: 3, input: [1, 4, 224, 224])) {
            try ModelZoo.build("resnet18", input: [4, 224, 224])
        }
    }

    /// The original AlexNet has no adaptive pool: at 231 x 231 (beyond Caffe's ceil-rounded
    /// 199...230) its classifier receives 256·7·7 features where it expects 9,216 (PyTorch: "mat1
    /// and mat2 shapes cannot be multiplied").
    @Test func fixedClassifierNeedsItsInputSize() {
        #expect(throws: ModelError.channelMismatch(layer: "classifier.1", type: "Linear", expected: 9216, input: [1, 12544])) {
            try ModelZoo.build("alexnet-original", input: [3, 231, 231])
        }
    }

    @Test func customGraphsAreValidated() {
        func summarise(_ kinds: [LayerKind], input: [Int] = [4, 8, 8]) throws(ModelError) -> ModelSummary {
            try ModelSummary(model: "custom", graph: .sequence(name: "Net", type: "Net",
                children: kinds.enumerated().map { .layer(name: "l\($0.offset)", kind: $0.element) }), input: input)
        }
        let conv = { (groups: Int) in LayerKind.conv2d(inChannels: 4, outChannels: 6, kernelSize: HeightWidth(3),
            stride: HeightWidth(1), padding: HeightWidth(0), dilation: HeightWidth(1), groups: groups, bias: true) }
        #expect(throws: ModelError.channelsNotDivisibleByGroups(layer: "l0", channels: 6, groups: 4)) {
            try summarise([conv(4)])
        }
        #expect(throws: ModelError.outOfRange(layer: "l0", name: "groups", value: 0, allowed: 1...maximumExtent)) {
            try summarise([conv(0)])
        }
        #expect(throws: ModelError.poolingPaddingTooLarge(layer: "l0", padding: 2, kernelSize: 3)) {
            try summarise([.maxPool2d(kernelSize: HeightWidth(3), stride: HeightWidth(1), padding: HeightWidth(2), ceilMode: false)])
        }
        #expect(throws: ModelError.wrongRank(layer: "l0", type: "Linear", expected: "N x F (flattened)", input: [1, 4, 8, 8])) {
            try summarise([.linear(inFeatures: 256, outFeatures: 10, bias: true)])
        }
        #expect(throws: ModelError.probabilityOutOfRange(layer: "l0", value: 1.5)) {
            try summarise([.dropout(probability: 1.5)])
        }
        // 2^20 channels x 2^20 outputs x a 2^12 x 2^12 kernel: 2^64 weights overflow the count.
        let huge = LayerKind.conv2d(inChannels: 1 << 20, outChannels: 1 << 20, kernelSize: HeightWidth(1 << 12),
                                    stride: HeightWidth(1), padding: HeightWidth(0), dilation: HeightWidth(1), groups: 1, bias: true)
        #expect(throws: ModelError.arithmeticOverflow(layer: "l0", quantity: "parameter count")) {
            try summarise([huge], input: [1 << 20, 1 << 12, 1 << 12])
        }
    }

    @Test func branchesMustAgree() {
        let conv = { (out: Int, stride: Int) in ModelNode.layer(name: "c", kind: .conv2d(
            inChannels: 4, outChannels: out, kernelSize: HeightWidth(1), stride: HeightWidth(stride),
            padding: HeightWidth(0), dilation: HeightWidth(1), groups: 1, bias: false)) }
        let concat = ModelNode.concatenation(name: "mix", type: "Inception", branches: [conv(4, 1), conv(4, 2)])
        #expect(throws: ModelError.branchMismatch(block: "mix", type: "Inception", shapes: [[1, 4, 8, 8], [1, 4, 4, 4]])) {
            try ModelSummary(model: "m", graph: .sequence(name: "Net", type: "Net", children: [concat]), input: [4, 8, 8])
        }
        let add = ModelNode.residual(name: "block", type: "BasicBlock", body: [conv(8, 1)], shortcut: nil, after: [])
        #expect(throws: ModelError.branchMismatch(block: "block", type: "BasicBlock", shapes: [[1, 8, 8, 8], [1, 4, 8, 8]])) {
            try ModelSummary(model: "m", graph: .sequence(name: "Net", type: "Net", children: [add]), input: [4, 8, 8])
        }
        let empty = ModelNode.concatenation(name: "none", type: "Inception", branches: [])
        #expect(throws: ModelError.emptyContainer(block: "none", type: "Inception")) {
            try ModelSummary(model: "m", graph: .sequence(name: "Net", type: "Net", children: [empty]), input: [4, 8, 8])
        }
    }
}
