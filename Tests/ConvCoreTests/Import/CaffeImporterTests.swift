import Testing
import ConvCore

/// Caffe prototxt files against the values of `Fixtures/corpus/SOURCES.md`: published numbers
/// (OMZ, torchvision, the SPP paper's 12,800) and the independent helper's learnable and
/// BatchNorm-statistic counts.
@Suite struct CaffeImporterTests {
    /// SOURCES.md's learnable counts (Convolution, Deconvolution, InnerProduct weights and biases plus
    /// Scale's gamma/beta), with the BN statistics where it gives them.
    @Test(arguments: [
        ("bvlc_alexnet/deploy.prototxt", 60_965_224, nil),
        ("bvlc_reference_caffenet/deploy.prototxt", 60_965_224, nil),
        ("bvlc_googlenet/deploy.prototxt", 6_998_552, nil),
        ("vgg16/VGG_ILSVRC_16_layers_deploy.prototxt", 138_357_544, nil),
        ("vgg16-v2-upgraded/VGG_ILSVRC_16_layers_deploy.prototxt", 138_357_544, nil),
        ("vgg19/VGG_ILSVRC_19_layers_deploy.prototxt", 143_667_240, nil),
        ("deep-residual-networks/ResNet-50-deploy.prototxt", 25_557_096, 53_173),
        ("deep-residual-networks/ResNet-101-deploy.prototxt", 44_549_160, nil),
        ("deep-residual-networks/ResNet-152-deploy.prototxt", 60_192_808, nil),
        ("DenseNet-Caffe/DenseNet_121.prototxt", 7_978_856, 83_769),
        ("fcn-voc-fcn8s/deploy.prototxt", 134_489_759, nil),
        ("SPP_net/Zeiler_conv5.prototxt", 77_037_672, nil),
        ("SPP_net/pascal_finetune_fc_spm_test.prototxt", 69_300_245, nil),
    ] as [(String, Int, Int?)])
    func learnableCounts(path: String, learnable: Int, statistics: Int?) throws {
        let summary = try CorpusFile.caffe(path)
        #expect(summary.source?.format == "caffe")
        #expect(summary.count("caffe_learnable") == learnable)
        #expect(summary.totalParams == learnable)
        if let statistics { #expect(summary.count("caffe_bn_statistics") == statistics) }
    }

    /// BVLC AlexNet: conv1 55x55x96, pool1 27, conv2 (group 2) 27 with 256·48·5·5 + 256 = 307,456
    /// parameters, pool2 13, conv5 13, pool5 6x6x256, fc6 reads 9,216 features; output 1 x 1000.
    @Test func alexNetShapes() throws {
        let summary = try CorpusFile.caffe("bvlc_alexnet/deploy.prototxt")
        #expect(summary.layer("conv1")?.outputShape == [1, 96, 55, 55])
        #expect(summary.layer("pool1")?.outputShape[2] == 27)
        #expect(summary.layer("conv2")?.outputShape[2] == 27)
        #expect(summary.layer("conv2")?.groups == 2)
        #expect(summary.layer("conv2")?.params == 307_456)
        #expect(summary.layer("pool2")?.outputShape[2] == 13)
        #expect(summary.layer("conv5")?.outputShape[2] == 13)
        #expect(summary.layer("pool5")?.outputShape == [1, 256, 6, 6])
        if case let .linear(inFeatures, _, _)? = summary.layer("fc6")?.kind { #expect(inFeatures == 9216) } else {
            Issue.record("fc6 is not a Linear layer")
        }
        #expect(summary.outputShape == [1, 1000])
    }

    /// GoogLeNet: the concat outputs 256, 480, 512, 512, 512, 528, 832, 832, 1024 at 28/28/14.../7, and
    /// the ceil pools 112 -> 56 -> 28 -> 14 -> 7 -> 1.
    @Test func googLeNetConcatenations() throws {
        let summary = try CorpusFile.caffe("bvlc_googlenet/deploy.prototxt")
        let concats = summary.layers(ofType: "Concat")
        #expect(concats.map { $0.outputShape[1] } == [256, 480, 512, 512, 512, 528, 832, 832, 1024])
        #expect(concats.map { $0.outputShape[2] } == [28, 28, 14, 14, 14, 14, 14, 7, 7])
        #expect(summary.layer("conv1/7x7_s2")?.outputShape[2] == 112)
        #expect(summary.layer("pool1/3x3_s2")?.outputShape[2] == 56)
        #expect(summary.layer("pool5/7x7_s1")?.outputShape == [1, 1024, 1, 1])
    }

    /// ResNet-50: conv1 has a bias (the other 52 convs do not); pool1 (no pad, ceil) 112 -> 56, floor
    /// would give 55. DenseNet-121: pool1 (k3 s2 p1, the fork's `ceil_mode: false`) 112 -> 56, not 57;
    /// transitions 56 -> 28 -> 14 -> 7.
    @Test func ceilAndFloorPooling() throws {
        let resnet = try CorpusFile.caffe("deep-residual-networks/ResNet-50-deploy.prototxt")
        #expect(resnet.layer("pool1")?.outputShape == [1, 64, 56, 56])
        #expect(resnet.layers(ofType: "Conv2d").filter { $0.kind.map(Self.hasBias) == true }.map(\.name) == ["conv1"])
        let densenet = try CorpusFile.caffe("DenseNet-Caffe/DenseNet_121.prototxt")
        #expect(densenet.layer("pool1")?.outputShape[2] == 56)
        #expect(densenet.layers(ofType: "AvgPool2d").map { $0.outputShape[2] }.prefix(3) == [28, 14, 7])
        // OMZ: output fc6 is 1 x 1000 x 1 x 1 (a 1x1 Convolution classifier).
        #expect(densenet.layer("fc6")?.outputShape == [1, 1000, 1, 1])
        // ZF (py-faster-rcnn): conv1 (k7 s2 p3) 112; pool1 57 (ceil, pad 1); conv2 29; pool2 15.
    }

    static func hasBias(_ kind: LayerKind) -> Bool {
        if case let .conv2d(_, _, _, _, _, _, _, bias) = kind { return bias }
        return false
    }

    /// FCN-8s: conv1_1 pad 100 -> 698; pools 349/175/88/44/22; fc6 16; upscore2 34; the crops
    /// (offsets 5, 9, 31) give 34, 70 and finally 500 x 500, the input size.
    @Test func fcn8sCrops() throws {
        let summary = try CorpusFile.caffe("fcn-voc-fcn8s/deploy.prototxt")
        #expect(summary.layer("conv1_1")?.outputShape[2] == 698)
        #expect(["pool1", "pool2", "pool3", "pool4", "pool5"].map { summary.layer($0)?.outputShape[2] } == [349, 175, 88, 44, 22])
        #expect(summary.layer("fc6")?.outputShape[2] == 16)
        #expect(summary.layer("upscore2")?.outputShape[2] == 34)
        #expect(summary.layer("score_pool4c")?.outputShape[2] == 34)
        #expect(summary.layer("upscore_pool4")?.outputShape[2] == 70)
        #expect(summary.layer("score_pool3c")?.outputShape[2] == 70)
        #expect(summary.layer("upscore8")?.outputShape[2] == 568)
        #expect(summary.layer("score")?.outputShape == [1, 21, 500, 500])
    }

    /// SPP-net (Zeiler conv5): conv1 110, pool1 55, conv2 26, pool2 13, and the pyramid concat of
    /// 6x6 + 3x3 + 2x2 + 1x1 bins of 256 channels = 12,800 (the companion file's input_dim).
    @Test func sppConcat() throws {
        let summary = try CorpusFile.caffe("SPP_net/Zeiler_conv5.prototxt")
        #expect(summary.layer("conv1")?.outputShape[2] == 110)
        #expect(summary.layer("pool1")?.outputShape[2] == 55)
        #expect(summary.layer("conv2")?.outputShape[2] == 26)
        #expect(summary.layer("pool2")?.outputShape[2] == 13)
        #expect(summary.layers(ofType: "Concat").first?.outputShape == [1, 12_800])
    }

    /// The V1 gist file and its mechanically upgraded V2 twin give the same table.
    @Test func vggV1AndV2Agree() throws {
        let v1 = try CorpusFile.caffe("vgg16/VGG_ILSVRC_16_layers_deploy.prototxt")
        let v2 = try CorpusFile.caffe("vgg16-v2-upgraded/VGG_ILSVRC_16_layers_deploy.prototxt")
        #expect(v1.layers.map(\.outputShape) == v2.layers.map(\.outputShape))
        #expect(v1.layers.map(\.params) == v2.layers.map(\.params))
        #expect(v1.layers.map(\.type) == v2.layers.map(\.type))
        #expect(v1.totalMultAdds == v2.totalMultAdds)
    }

    /// `arch vgg16` (the built-in torchvision graph) and the Caffe VGG16 file have the same totals.
    @Test func builtInVGG16MatchesTheFile() throws {
        let file = try CorpusFile.caffe("vgg16/VGG_ILSVRC_16_layers_deploy.prototxt")
        let builtIn = try ModelZoo.build("vgg16")
        #expect(file.totalParams == builtIn.totalParams)
        #expect(file.totalMultAdds == builtIn.totalMultAdds)
        #expect(file.totalMACsWithoutBias == builtIn.totalMACsWithoutBias)
        #expect(file.outputShape == builtIn.outputShape)
    }

    /// FCN-32s val.prototxt reads a Python data layer: no input size, so "give --input"; with one the
    /// table is built, its crop reading `data`.
    @Test func missingInputAsksForIt() throws {
        let text = try CorpusFile.text("caffe/fcn-voc-fcn32s/val.prototxt")
        do {
            _ = try CaffeImporter.summary(text: text, model: "val.prototxt", file: "val.prototxt")
            Issue.record("expected an error")
        } catch {
            guard case .noInputSize = error else { Issue.record("unexpected \(error)"); return }
            #expect(error.description.hasSuffix("give --input CxHxW"))
        }
        let summary = try CaffeImporter.summary(text: text, model: "val.prototxt", file: "val.prototxt", input: [3, 500, 500])
        #expect(summary.layer("score")?.outputShape == [1, 21, 500, 500])
    }

    /// py-faster-rcnn: the Python proposal layer is named, rows that read it are "shape unknown",
    /// the rest is inferred: conv5_3 14x14x512 and rpn_cls_score 18 x 14 x 14 at 224; ZF's padded
    /// pool1 is 57 by ceil.
    @Test func unknownLayersAreNamedNotGuessed() throws {
        let summary = try CorpusFile.caffe("py-faster-rcnn-VGG16-end2end/test.prototxt")
        #expect(summary.layer("conv5_3")?.outputShape == [1, 512, 14, 14])
        #expect(summary.layer("rpn_cls_score")?.outputShape == [1, 18, 14, 14])
        // Reshape {0, 2, -1, 0}: 0 copies the input's dim, -1 is inferred -> 2 x 126 x 14.
        #expect(summary.layer("rpn_cls_score_reshape")?.outputShape == [1, 2, 126, 14])
        let proposal = try #require(summary.layer("proposal"))
        #expect(proposal.type == "Python")
        #expect(proposal.outputShape.isEmpty)
        #expect(summary.layer("cls_score")?.outputShape.isEmpty == true)
        #expect(summary.source?.notes.contains { $0.contains("proposal (Python)") } == true)
        let zf = try CorpusFile.caffe("py-faster-rcnn-ZF-end2end/test.prototxt")
        #expect(zf.layer("conv1")?.outputShape[2] == 112)
        #expect(zf.layer("pool1")?.outputShape[2] == 57)
        #expect(zf.layer("conv2")?.outputShape[2] == 29)
        #expect(zf.layer("pool2")?.outputShape[2] == 15)
    }
}
