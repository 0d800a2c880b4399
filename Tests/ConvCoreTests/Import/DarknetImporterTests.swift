import Testing
import ConvCore

/// Darknet cfg files of pjreddie/darknet against the values of `Fixtures/corpus/SOURCES.md`
/// (published numbers, and the independent helper's counts of the floats a `.weights` file stores).
@Suite struct DarknetImporterTests {
    /// SOURCES.md's helper-computed stored counts (biases, weights, and BN scales, rolling mean and
    /// variance), with the BN-folded count where SOURCES.md gives one (OMZ's MParams for the YOLOs).
    @Test(arguments: [
        ("alexnet.cfg", 62_378_344, nil),
        ("darknet.cfg", 7_323_480, nil),
        ("tiny.cfg", 1_046_488, nil),
        ("darknet19.cfg", 20_856_776, 20_835_176),
        ("extraction.cfg", 23_455_400, nil),
        ("vgg-16.cfg", 138_357_544, nil),
        ("resnet50.cfg", 22_825_896, 22_757_736),
        ("resnext50.cfg", 22_312_872, nil),
        ("densenet201.cfg", 17_206_440, nil),
        ("darknet53.cfg", 41_645_640, nil),
        ("yolov1.cfg", 197_328_243, nil),
        ("yolov1-tiny.cfg", 27_099_950, nil),
        ("yolov2.cfg", 50_983_561, 50_952_553),
        ("yolov2-tiny.cfg", 11_237_145, 11_229_513),
        ("yolov2-voc.cfg", 50_676_061, nil),
        ("yolov3.cfg", 62_001_757, 61_922_845),
        ("yolov3-tiny.cfg", 8_858_734, 8_849_182),
        ("yolov3-spp.cfg", 63_052_381, nil),
    ] as [(String, Int, Int?)])
    func storedAndFoldedCounts(file: String, stored: Int, folded: Int?) throws {
        let summary = try CorpusFile.darknet(file)
        #expect(summary.source?.format == "darknet")
        #expect(summary.count("darknet_stored") == stored)
        if let folded { #expect(summary.count("bn_folded") == folded) }
        #expect(!summary.layers.contains { $0.outputShape.isEmpty }, "no layer of \(file) should be shape unknown")
    }

    /// darknet alexnet.cfg: explicit padding=0 maxpools give 55 -> 27 -> 13 -> 6; no groups, so
    /// 62,378,344 - 60,965,224 = 1,413,120 more than BVLC's grouped AlexNet.
    @Test func alexNetPoolsAndNoGroups() throws {
        let summary = try CorpusFile.darknet("alexnet.cfg")
        let pools = summary.layers(ofType: "MaxPool2d").map { $0.outputShape[2] }
        #expect(pools == [27, 13, 6])
        #expect(summary.layers(ofType: "Conv2d").first?.outputShape == [1, 96, 55, 55])
        #expect(summary.layers(ofType: "Conv2d").allSatisfy { $0.groups == 1 })
    }

    /// tiny.cfg: the published layer table starts "0 conv 16 3x3/1 224x224x3 -> 224x224x16,
    /// 1 max 2x2/2 -> 112x112x16".
    @Test func tinyDarknetFirstLayers() throws {
        let summary = try CorpusFile.darknet("tiny.cfg")
        #expect(summary.layer("0")?.outputShape == [1, 16, 224, 224])
        #expect(summary.layer("1")?.outputShape == [1, 16, 112, 112])
        #expect(summary.layer("1")?.type == "MaxPool2d")
    }

    /// darknet19.cfg at 256: "17 max -> 8x8x512, 18 conv 1024 -> 8x8x1024" (the published table).
    @Test func darknet19Table() throws {
        let summary = try CorpusFile.darknet("darknet19.cfg")
        #expect(summary.layer("0")?.outputShape == [1, 32, 256, 256])
        #expect(summary.layer("17")?.outputShape == [1, 512, 8, 8])
        #expect(summary.layer("18")?.outputShape == [1, 1024, 8, 8])
    }

    /// extraction.cfg: "0: 224 x 224 x 3 image, 64 filters -> 112 x 112 x 64 ... 23: 7x7x512 ->
    /// 7x7x1024; 24: 7x7x1024 -> 7x7x1000; 25: Avgpool 7x7x1000; 26: Softmax 1000".
    @Test func extractionListing() throws {
        let summary = try CorpusFile.darknet("extraction.cfg")
        #expect(summary.layer("0")?.outputShape == [1, 64, 112, 112])
        #expect(summary.layer("23")?.outputShape == [1, 1024, 7, 7])
        #expect(summary.layer("24")?.outputShape == [1, 1000, 7, 7])
        #expect(summary.layer("25")?.outputShape == [1, 1000, 1, 1])
        #expect(summary.layer("26")?.type == "Softmax")
    }

    /// yolov1.cfg: num=3, so the detection output is 7·7·((1+4)·3+20) = 1715; the [local] layer
    /// 7x7x1024 -> 7x7x256 holds 115,618,048 parameters.
    @Test func yoloV1DetectionAndLocal() throws {
        let summary = try CorpusFile.darknet("yolov1.cfg")
        let detection = try #require(summary.layers(ofType: "Detection").first)
        #expect(detection.outputShape == [1, 1715])
        let local = try #require(summary.layers(ofType: "LocallyConnected2d").first)
        #expect(local.inputShape == [1, 1024, 7, 7])
        #expect(local.outputShape == [1, 256, 7, 7])
        #expect(local.params == 115_618_048)
        #expect(try CorpusFile.darknet("yolov1-tiny.cfg").layers(ofType: "Detection").first?.outputShape == [1, 1470])
    }

    /// yolov2.cfg (608): reorg 38x38x64 -> 19x19x256, route -1,-4 -> 1280 channels, region 19x19x425
    /// (OMZ yolo-v2-tf); yolov2-tiny 13x13x425 and yolov2-voc 13x13x125 at 416.
    @Test func yoloV2Heads() throws {
        let summary = try CorpusFile.darknet("yolov2.cfg")
        let reorg = try #require(summary.layers(ofType: "Reorg").first)
        #expect(reorg.inputShape == [1, 64, 38, 38])
        #expect(reorg.outputShape == [1, 256, 19, 19])
        #expect(summary.layers(ofType: "Concat").last?.outputShape == [1, 1280, 19, 19])
        #expect(summary.layers(ofType: "Region").first?.outputShape == [1, 425, 19, 19])
        #expect(try CorpusFile.darknet("yolov2-tiny.cfg").layers(ofType: "Region").first?.outputShape == [1, 425, 13, 13])
        #expect(try CorpusFile.darknet("yolov2-voc.cfg").layers(ofType: "Region").first?.outputShape == [1, 125, 13, 13])
        // Maxpool size=2 stride=1 keeps 13 x 13 (padding defaults to size - 1 = 1 in all).
        let tiny = try CorpusFile.darknet("yolov2-tiny.cfg")
        #expect(tiny.layers(ofType: "MaxPool2d").last?.outputShape == [1, 512, 13, 13])
    }

    /// yolov3.cfg at 416 (OMZ yolo-v3-tf): 13x13x255, 26x26x255, 52x52x255; at the file's 608:
    /// 19/38/76; yolov3-tiny: 13 and 26, route -1,8 -> 384 channels.
    @Test func yoloV3Heads() throws {
        let at416 = try CorpusFile.darknet("yolov3.cfg", input: [3, 416, 416])
        #expect(at416.layers(ofType: "YOLO").map(\.outputShape) == [[1, 255, 13, 13], [1, 255, 26, 26], [1, 255, 52, 52]])
        let at608 = try CorpusFile.darknet("yolov3.cfg")
        #expect(at608.layers(ofType: "YOLO").map { $0.outputShape[2] } == [19, 38, 76])
        let tiny = try CorpusFile.darknet("yolov3-tiny.cfg")
        #expect(tiny.layers(ofType: "YOLO").map(\.outputShape) == [[1, 255, 13, 13], [1, 255, 26, 26]])
        #expect(tiny.layers(ofType: "Concat").contains { $0.outputShape == [1, 384, 26, 26] })
        // yolov3-spp: maxpools size 5/9/13 stride 1 keep 19 x 19, joined by a 4-way route.
        let spp = try CorpusFile.darknet("yolov3-spp.cfg")
        #expect(spp.layers(ofType: "MaxPool2d").map { $0.outputShape[2] } == [19, 19, 19])
    }

    /// vgg-16.cfg starts with [crop] 256 -> 224; densenet201.cfg has 98 [route]s; darknet53 23 [shortcut]s.
    @Test func cropRouteShortcutCounts() throws {
        let vgg = try CorpusFile.darknet("vgg-16.cfg")
        #expect(vgg.layers.first?.type == "Crop")
        #expect(vgg.layers.first?.outputShape == [1, 3, 224, 224])
        #expect(try CorpusFile.darknet("densenet201.cfg").layers(ofType: "Concat").count == 98)
        #expect(try CorpusFile.darknet("darknet53.cfg").layers(ofType: "Add").count == 23)
    }
}
