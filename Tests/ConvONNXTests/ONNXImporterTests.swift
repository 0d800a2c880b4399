import Foundation
import Testing
import ConvCore
import ConvONNX
import ConvTestSupport

/// The corpus files against torchinfo's numbers and the exporter's own counts (`*.expected.json`).
@Suite struct ONNXImporterTests {
    /// The file's own counts: every node of the graph, and the elements of the initializers, each once.
    @Test(arguments: ONNXCorpus.names)
    func fileCounts(name: String) throws {
        let expected = try ONNXCorpus.expected(name)
        let report = try ONNXCorpus.report(name)
        #expect(report.nodeCount == expected.onnx_nodes)
        #expect(report.initializerElements == expected.onnx_initializer_elements)
        #expect(report.summary.source?.parameterCounts.first { $0.key == "onnx_initializers" }?.value
                == expected.onnx_initializer_elements)
        #expect(report.summary.source?.format == "onnx")
        #expect(report.summary.inputShape == expected.input)
        // Every op of the corpus is inferred: no row is "shape unknown".
        #expect(report.summary.layers.allSatisfy { !$0.outputShape.isEmpty },
                "unknown rows: \(report.summary.layers.filter { $0.outputShape.isEmpty }.map(\.name))")
    }

    /// Every Conv2d, ConvTranspose2d and Linear row, in order, against torchinfo's leaf rows of the
    /// PyTorch model: the same output shape, and the same multiply-adds. The exporter folds each
    /// BatchNorm2d into the Conv before it (the ResNets, GoogLeNet, MobileNetV2), which gives that
    /// Conv a bias of one value per filter that the PyTorch Conv2d (bias=False) does not have: there
    /// the file's parameters exceed torchinfo's by exactly out_channels, and torchinfo's multiply-adds
    /// (params x N x H_out x W_out) by exactly out_channels x N x H_out x W_out.
    @Test(arguments: ONNXCorpus.names)
    func weightedRowsMatchTorchinfo(name: String) throws {
        let expected = try ONNXCorpus.expected(name)
        let summary = try ONNXCorpus.report(name).summary
        let weighted: Set<String> = ["Conv2d", "ConvTranspose2d", "Linear"]
        let torch = expected.torchinfo_leaf_rows.filter { weighted.contains($0.type) }
        let ours = summary.layers.filter { weighted.contains($0.type) }
        #expect(ours.count == torch.count)
        for (row, reference) in zip(ours, torch) {
            #expect(row.type == reference.type, "\(row.name) vs \(reference.module)")
            #expect(row.outputShape == reference.output, "\(row.name) vs \(reference.module)")
            if row.params == reference.params {
                #expect(row.multAdds == reference.mult_adds, "\(row.name) vs \(reference.module)")
            } else {
                let filters = row.outputShape[1]
                let positions = row.outputShape.reduce(1, *) / filters
                #expect(row.params - reference.params == filters, "\(row.name) vs \(reference.module): only a folded bias may differ")
                #expect(row.multAdds - reference.mult_adds == filters * positions, "\(row.name) vs \(reference.module)")
            }
        }
    }

    /// Without folding (tinyvgg, VGG16, AlexNet, SqueezeNet, FCN) the rows' parameters are torchinfo's total.
    @Test(arguments: ["tinyvgg-inline", "vgg16", "alexnet", "squeezenet1_1-inline", "fcn32tiny"])
    func unfoldedTotals(name: String) throws {
        let expected = try ONNXCorpus.expected(name)
        let summary = try ONNXCorpus.report(name).summary
        #expect(summary.totalParams == expected.torchinfo_total_params)
        #expect(summary.totalMultAdds == expected.torchinfo_total_mult_adds)
    }

    /// README of the corpus: ResNet-50 with BN folded holds 25,530,472 numbers = torchinfo's
    /// 25,557,032 - 26,560 (BN's gamma and beta removed, a Conv bias added per BN channel);
    /// with BN kept, 25,610,152 = 25,557,032 + 53,120 running means and variances.
    @Test func resNet50Conventions() throws {
        #expect(try ONNXCorpus.report("resnet50").initializerElements == 25_557_032 - 26_560)
        let kept = try ONNXCorpus.report("resnet50-bn")
        #expect(kept.initializerElements == 25_557_032 + 53_120)
        #expect(kept.summary.totalParams == 25_557_032)
        #expect(kept.summary.layers.filter { $0.type == "BatchNorm2d" }.count == 53)
    }

    /// The built-in zoo's ResNet-50 and the exported file: the same Conv rows with the same shapes;
    /// parameters differ by exactly the folded BatchNorm (file Conv biases = BN channels = 26,560,
    /// zoo BN gamma and beta = 2 x 26,560).
    @Test func zooResNet50AgreesWithFile() throws {
        let zoo = try ModelZoo.build("resnet50")
        let file = try ONNXCorpus.report("resnet50").summary
        let zooConvs = zoo.layers.filter { $0.type == "Conv2d" }
        let fileConvs = file.layers.filter { $0.type == "Conv2d" }
        #expect(zooConvs.count == fileConvs.count)
        #expect(zooConvs.map(\.outputShape) == fileConvs.map(\.outputShape))
        #expect(zooConvs.map(\.kernelSize) == fileConvs.map(\.kernelSize))
        #expect(zoo.totalParams - file.totalParams == 26_560)
        #expect(file.outputShape == zoo.outputShape)
    }

    /// `--input` overrides the file's input: ResNet-18 at 3 x 320 x 320 ends in 10 x 10 before the pool.
    @Test func inputOverride() throws {
        let summary = try ONNXCorpus.report("resnet18", input: [3, 320, 320]).summary
        #expect(summary.inputShape == [1, 3, 320, 320])
        #expect(summary.layers.last { $0.type == "Conv2d" }?.outputShape == [1, 512, 10, 10])
    }

    /// Content, not name: the corpus files are recognised, text model files are not.
    @Test func recognition() throws {
        for name in ONNXCorpus.names { #expect(ONNXImporter.recognizes(try ONNXCorpus.data(name)), "\(name)") }
        #expect(!ONNXImporter.recognizes(Data("[net]\nwidth=416\n".utf8)))
        #expect(!ONNXImporter.recognizes(Data("name: \"AlexNet\"\nlayer {\n".utf8)))
        #expect(!ONNXImporter.recognizes(Data()))
    }
}
