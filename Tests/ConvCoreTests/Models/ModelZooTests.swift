import Testing
import ConvCore
import ConvTestSupport

@Suite struct ModelZooTests {
    /// Every golden torchinfo table (11 files) matches row by row: depth, class, module name,
    /// output shape, and for leaves params, mult-adds and kernel size.
    @Test func everyGoldenTableMatchesTorchinfoRowByRow() throws {
        let tables = try GoldenModelTable.all()
        #expect(tables.count == 11)
        for golden in tables {
            let input = Array(golden.inputShape.dropFirst())
            let summary = try ModelZoo.build(golden.model, input: input, batchSize: golden.inputShape[0])
            #expect(summary.inputShape == golden.inputShape)
            #expect(summary.rows.count == golden.layers.count, "\(golden.model): row count")
            for (index, (row, expected)) in zip(summary.rows, golden.layers).enumerated() {
                let place = "\(golden.model) row \(index) (\(expected.type) \(expected.name))"
                #expect(row.type == expected.type, "\(place)")
                #expect(row.depth == expected.depth, "\(place)")
                #expect(row.name == expected.name, "\(place)")
                #expect(row.isLeaf == expected.isLeaf, "\(place)")
                #expect(row.outputShape == expected.outputShape, "\(place)")
                if expected.isLeaf {
                    #expect(row.params == expected.params, "\(place)")
                    #expect(row.multAdds == expected.multAdds, "\(place)")
                    #expect(row.kernelSize?.pair == expected.kernelSize, "\(place)")
                }
            }
            #expect(summary.totalParams == golden.totalParams, "\(golden.model)")
            #expect(summary.trainableParams == golden.trainableParams, "\(golden.model)")
            #expect(summary.totalMultAdds == golden.totalMultAdds, "\(golden.model)")
        }
    }

    /// The checked layer types, in forward order, with nothing skipped: the sequence of
    /// (type, output shape, params, mult-adds) of Conv2d, BatchNorm2d, Linear, pooling and
    /// LocalResponseNorm rows equals the golden sequence.
    @Test func weightedAndPoolingRowsInForwardOrder() throws {
        let checked: Set<String> = ["Conv2d", "BatchNorm2d", "Linear", "MaxPool2d", "AvgPool2d",
                                    "AdaptiveAvgPool2d", "LocalResponseNorm"]
        for golden in try GoldenModelTable.all() {
            let summary = try ModelZoo.build(golden.model, input: Array(golden.inputShape.dropFirst()))
            let ours = summary.layers.filter { checked.contains($0.type) }
                .map { "\($0.type) \($0.outputShape) \($0.params) \($0.multAdds)" }
            let theirs = golden.layers.filter { $0.isLeaf && checked.contains($0.type) }
                .map { "\($0.type) \($0.outputShape) \($0.params ?? -1) \($0.multAdds ?? -1)" }
            #expect(ours == theirs, "\(golden.model)")
        }
    }

    /// golden/README.md's 17 totals plus the three `_bn` figures and the two originals.
    @Test(arguments: [
        ("alexnet", 61_100_840), ("alexnet-original", 60_965_224),
        ("vgg11", 132_863_336), ("vgg11_bn", 132_868_840), ("vgg13", 133_047_848), ("vgg13_bn", 133_053_736),
        ("vgg16", 138_357_544), ("vgg16_bn", 138_365_992), ("vgg19", 143_667_240), ("vgg19_bn", 143_678_248),
        ("googlenet", 6_624_904), ("googlenet-original", 6_998_552),
        ("resnet18", 11_689_512), ("resnet34", 21_797_672), ("resnet50", 25_557_032),
        ("resnet101", 44_549_160), ("resnet152", 60_192_808),
        ("densenet121", 7_978_856), ("densenet161", 28_681_000), ("densenet169", 14_149_480),
        ("densenet201", 20_013_928),
    ])
    func totalParameters(_ model: (String, Int)) throws {
        let summary = try ModelZoo.build(model.0)
        #expect(summary.totalParams == model.1)
        #expect(summary.outputShape == [1, 1000])
    }

    @Test func zooListsTwentyOneModelsWithDefaultInputs() throws {
        #expect(ModelZoo.names.count == 21)
        let listing = try ModelZoo.listing()
        #expect(listing.map(\.name) == ModelZoo.names)
        #expect(listing.first { $0.name == "alexnet-original" }?.defaultInput == [3, 227, 227])
        #expect(listing.first { $0.name == "googlenet" }?.totalParams == 6_624_904)
        #expect(listing.filter { $0.defaultInput == [3, 224, 224] }.count == 20)
    }

    /// The invariant torchinfo's tests check: the parameter column sums to the total, and every
    /// container's count is the sum of the leaves below it.
    @Test func parameterColumnSumsToTotal() throws {
        for name in ModelZoo.names {
            let summary = try ModelZoo.build(name)
            #expect(summary.layers.reduce(0) { $0 + $1.params } == summary.totalParams, "\(name)")
            #expect(summary.rows[0].params == summary.totalParams, "\(name)")
            for (index, row) in summary.rows.enumerated() where !row.isLeaf {
                let below = summary.rows[(index + 1)...(index + row.descendantCount)]
                #expect(below.filter(\.isLeaf).reduce(0) { $0 + $1.params } == row.params, "\(name) \(row.path)")
                #expect(below.allSatisfy { $0.depth > row.depth }, "\(name) \(row.path)")
            }
        }
    }

    /// torchinfo's depth-idx ("Sequential: 1-5", "Bottleneck: 2-1", "Conv2d: 3-29"), as in
    /// torchinfo's tests/test_output/resnet50.out.
    @Test func depthIndexCountsPerDepthLikeTorchinfo() throws {
        let summary = try ModelZoo.build("resnet50")
        let labels = summary.rows.map(\.label)
        #expect(labels[0] == "ResNet")
        #expect(labels[1] == "Conv2d: 1-1")
        #expect(labels[5] == "Sequential: 1-5")
        #expect(labels[6] == "Bottleneck: 2-1")
        #expect(summary.row(path: "layer2.0.conv1")?.label == "Conv2d: 3-29")
        #expect(summary.row(path: "layer4.2")?.label == "Bottleneck: 2-16")
        #expect(summary.rows.last?.label == "Linear: 1-10")
    }

    @Test func blocksAreATreeForFolding() throws {
        let summary = try ModelZoo.build("googlenet")
        let inception = try #require(summary.rows.firstIndex { $0.path == "inception3a" })
        let branches = summary.children(of: inception).map { summary.rows[$0].name }
        #expect(branches == ["branch1", "branch2", "branch3", "branch4"])
        #expect(summary.rows[inception].block == .concatenation(branchChannels: [64, 128, 32, 32]))
        let resnet = try ModelZoo.build("resnet18")
        #expect(resnet.row(path: "layer2.0")?.block == .residual(projection: true))
        #expect(resnet.row(path: "layer2.1")?.block == .residual(projection: false))
        let dense = try ModelZoo.build("densenet121")
        #expect(dense.row(path: "features.denseblock1")?.block
                == .denseBlock(inputChannels: 64, layerChannels: Array(repeating: 32, count: 6)))
    }
}
