import Testing
import ConvCore
import ConvTestSupport

struct GoldenReceptiveFields: Decodable {
    struct Case: Decodable {
        let network: String
        let inputHW: [Int]
        let outputHW: [Int]
        let receptiveField: Int
        enum CodingKeys: String, CodingKey {
            case network
            case inputHW = "input_hw"
            case outputHW = "output_hw"
            case receptiveField = "receptive_field"
        }
    }
    let cases: [Case]
}

struct GoldenPoolShapes: Decodable {
    struct Case: Decodable {
        struct Shape: Decodable { let shape: [Int] }
        let name: String
        let kind: String
        let input: Shape
        let kernel: [Int]
        let stride: [Int]
        let padding: [Int]
        let ceilMode: Bool
        let output: Shape
        enum CodingKeys: String, CodingKey {
            case name, kind, input, kernel, stride, padding, output
            case ceilMode = "ceil_mode"
        }
    }
    let cases: [Case]
}

@Suite struct ModelGeometryTests {
    /// receptive_field.json: the field of one central unit, measured by back-propagation on a
    /// 513 x 513 input, for five named feature maps.
    @Test func receptiveFieldsMatchTheGradientMeasurement() throws {
        let golden = try Fixtures.decode(GoldenReceptiveFields.self, from: "receptive_field.json")
        let located: [String: (model: String, path: String)] = [
            "alexnet features (pool5)": ("alexnet", "features"),
            "vgg16 features (pool5)": ("vgg16", "features"),
            "vgg16 conv5_3": ("vgg16", "features.28"),
            "resnet18 up to layer4": ("resnet18", "layer4"),
            "resnet50 up to layer4": ("resnet50", "layer4"),
        ]
        #expect(golden.cases.count == located.count)
        for c in golden.cases {
            let place = try #require(located[c.network], "\(c.network)")
            let summary = try ModelZoo.build(place.model, input: [3] + c.inputHW)
            let row = try #require(summary.row(path: place.path))
            #expect(Array(row.outputShape.suffix(2)) == c.outputHW, "\(c.network)")
            #expect(row.receptiveField.size == HeightWidth(c.receptiveField), "\(c.network)")
            #expect(!row.receptiveField.coversWholeInput)
        }
    }

    /// Jump and start by the recursion r += (k-1)·d·j, j *= s, start += ((k-1)d/2 - p)·j:
    /// AlexNet conv1 (k11 s4 p2) starts at (11-1)/2 - 2 = 3 with jump 4, then pool1 (k3 s2) at
    /// 3 + 1·4 = 7 with jump 8 and field 11 + 2·4 = 19.
    @Test func jumpAndStartFollowTheRecursion() throws {
        let summary = try ModelZoo.build("alexnet")
        let conv1 = try #require(summary.row(path: "features.0"))
        #expect(conv1.receptiveField.size == HeightWidth(11))
        #expect(conv1.receptiveField.jump == HeightWidth(4))
        #expect(conv1.receptiveField.startHeight == 3)
        let pool1 = try #require(summary.row(path: "features.2"))
        #expect(pool1.receptiveField.size == HeightWidth(19))
        #expect(pool1.receptiveField.jump == HeightWidth(8))
        #expect(pool1.receptiveField.startWidth == 7)
        #expect(summary.row(path: "classifier.6")?.receptiveField.coversWholeInput == true)
    }

    /// pool2d.json's output shapes (PyTorch's floor and ceil rules, the last window starting
    /// inside the input or the left padding) through a one-layer graph.
    @Test func poolingOutputSizesFollowPyTorchsCeilModeRule() throws {
        let golden = try Fixtures.decode(GoldenPoolShapes.self, from: "pool2d.json")
        #expect(golden.cases.count == 8)
        for c in golden.cases {
            let kernel = HeightWidth(height: c.kernel[0], width: c.kernel[1])
            let stride = HeightWidth(height: c.stride[0], width: c.stride[1])
            let padding = HeightWidth(height: c.padding[0], width: c.padding[1])
            let kind: LayerKind = c.kind == "max"
                ? .maxPool2d(kernelSize: kernel, stride: stride, padding: padding, ceilMode: c.ceilMode)
                : .avgPool2d(kernelSize: kernel, stride: stride, padding: padding, ceilMode: c.ceilMode)
            let graph = ModelNode.sequence(name: "Pool", type: "Sequential", children: [.layer(name: "0", kind: kind)])
            let summary = try ModelSummary(model: c.name, graph: graph, input: Array(c.input.shape.dropFirst()))
            #expect(summary.outputShape == c.output.shape, "\(c.name)")
        }
    }

    /// GoogLeNet's ceil-mode pools: 112 -> 56 (floor would give 55), then 28, 14 and 7, as the
    /// golden table and the paper's table 1 have them.
    @Test func googLeNetCeilModePools() throws {
        let summary = try ModelZoo.build("googlenet")
        #expect(summary.row(path: "maxpool1")?.outputShape == [1, 64, 56, 56])
        #expect(summary.row(path: "maxpool4")?.outputShape == [1, 832, 7, 7])
        let original = try ModelZoo.build("googlenet-original")
        #expect(original.row(path: "pool1")?.outputShape == [1, 64, 56, 56])
        #expect(original.row(path: "pool4")?.outputShape == [1, 832, 7, 7])
        #expect(original.row(path: "inception5b")?.outputShape == [1, 1024, 7, 7])
    }

    @Test func anyInputSize() throws {
        let vgg = try ModelZoo.build("vgg16", input: [3, 500, 375])
        #expect(vgg.row(path: "features")?.outputShape == [1, 512, 15, 11])
        #expect(vgg.outputShape == [1, 1000])
        #expect(vgg.totalParams == 138_357_544)
        let resnet = try ModelZoo.build("resnet152", input: [3, 97, 131], batchSize: 2)
        #expect(resnet.outputShape == [2, 1000])
        let dense = try ModelZoo.build("densenet121", input: [3, 64, 64])
        #expect(dense.row(path: "features.norm5")?.outputShape == [1, 1024, 2, 2])
    }

    /// MACs without bias (ptflops/fvcore) from the golden rows: a Conv2d's multiply-adds minus
    /// its bias term (C_out·H·W, for the models whose convolutions have bias), a Linear's minus
    /// its out_features, BatchNorm2d none.
    @Test func macsWithoutBiasDropBiasAndBatchNorm() throws {
        let convolutionsWithBias: Set<String> = ["alexnet", "alexnet-original", "vgg11", "vgg16", "vgg16_bn"]
        for golden in try GoldenModelTable.all() {
            var expected = 0
            for row in golden.layers where row.isLeaf {
                let multAdds = row.multAdds ?? 0
                switch row.type {
                case "Conv2d":
                    let bias = convolutionsWithBias.contains(golden.model) ? row.outputShape.dropFirst().reduce(1, *) : 0
                    expected += multAdds - bias
                case "Linear": expected += multAdds - row.outputShape[1]
                default: break
                }
            }
            let summary = try ModelZoo.build(golden.model, input: Array(golden.inputShape.dropFirst()))
            #expect(summary.totalMACsWithoutBias == expected, "\(golden.model)")
        }
    }

    /// torchinfo's size lines, from its own test outputs (tests/test_output/resnet50.out: batch 2 at
    /// 224 x 224; ascii_only.out: resnet18 at 64 x 64): input, forward/backward pass and params in MB.
    @Test func sizesInMegabytesAsTorchinfo() throws {
        let resnet50 = try ModelZoo.build("resnet50", batchSize: 2)
        #expect((Double(resnet50.inputBytes) / 1e4).rounded() == 120)
        #expect((Double(resnet50.forwardBackwardBytes) / 1e4).rounded() == 35566)
        #expect((Double(resnet50.paramBytes) / 1e4).rounded() == 10223)
        #expect((Double(resnet50.totalMultAdds) / 1e7).rounded() == 818)
        let resnet18 = try ModelZoo.build("resnet18", input: [3, 64, 64])
        #expect((Double(resnet18.inputBytes) / 1e4).rounded() == 5)
        #expect((Double(resnet18.forwardBackwardBytes) / 1e4).rounded() == 325)
        #expect((Double(resnet18.paramBytes) / 1e4).rounded() == 4676)
        #expect((Double(resnet18.totalMultAdds) / 1e4).rounded() == 14857)
    }

    /// BatchNorm's running statistics are buffers: 2·C + 1 per layer, never parameters.
    @Test func batchNormBuffersAreNotParameters() throws {
        let summary = try ModelZoo.build("resnet18")
        let batchNormChannels = summary.layers.compactMap { row -> Int? in
            if case let .batchNorm2d(features)? = row.kind { return features }
            return nil
        }
        #expect(summary.bufferCount == batchNormChannels.reduce(0) { $0 + 2 * $1 + 1 })
        #expect(summary.row(path: "bn1")?.params == 128)
    }

    @Test func resNet152SummarisesInMilliseconds() throws {
        let clock = ContinuousClock()
        var summary: ModelSummary?
        let elapsed = try clock.measure { summary = try ModelZoo.build("resnet152") }
        #expect(summary?.totalParams == 60_192_808)
        #expect(elapsed < .milliseconds(100), "took \(elapsed)")
    }
}
