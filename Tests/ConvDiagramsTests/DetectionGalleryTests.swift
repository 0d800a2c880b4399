import Testing
import SnapshotTesting
import ConvCore
import ConvDiagrams
import ConvApp
import ConvTestSupport

private struct GoldenRoIFile: Decodable { var cases: [RoICaseJSON] }

/// One gallery file of the detection scenes at 100 x 30: SPP's overlapping bins and the paper
/// rule's warning, RoI pooling's rounding and RoI align's samples, anchors in both conventions,
/// and the YOLO v1 grid. Re-record on purpose with SNAPSHOT_TESTING_RECORD=all.
@Suite struct DetectionGalleryTests {
    @Test func gallery() throws {
        var frames: [(String, any Scene)] = []
        frames.append(("spp 13x13, level 4, bin (1,1): overlapping bins", SPPScene(parameters: SPPSceneParameters(), step: 6)))
        var paper = SPPSceneParameters()
        (paper.height, paper.width, paper.rule) = (11, 11, .sppNetPaper)
        frames.append(("spp 11x11, SPP-net paper rule: 5 bins, not 4", SPPScene(parameters: paper, step: 7)))
        frames.append(("roi pool 14x14, scale 1/16, box (40,24,200,184), 7x7, bin (1,2)", RoIScene(parameters: RoISceneParameters(), step: 10)))
        let golden = try Fixtures.decode(GoldenRoIFile.self, from: "roi.json").cases[2]
        var align = RoISceneParameters()
        let input = try golden.input.tensor()
        (align.height, align.width, align.valueSource) = (input.shape[2], input.shape[3], input)
        (align.boxes, align.outputHeight, align.outputWidth, align.spatialScale) = (golden.boxesXYXY, 2, 2, golden.spatialScale)
        (align.align, align.samplingRatio) = (true, 2)
        frames.append(("roi align (roi.json case 3), bin (0,1)", RoIScene(parameters: align, step: 2)))
        var small = AnchorSceneParameters()
        (small.imageHeight, small.imageWidth, small.convention) = (64, 96, .pyFasterRCNN)
        frames.append(("anchors py-faster-rcnn, 64x96 image, cell (1,2)", AnchorScene(parameters: small, step: 9)))
        frames.append(("anchors torchvision, 600x1000 image, centre cell", AnchorScene(parameters: AnchorSceneParameters())))
        frames.append(("yolo v1: S 7, B 2, C 20, object (224,100) 50x80", YOLOScene(parameters: YOLOSceneParameters())))
        var gallery = ""
        for (name, scene) in frames {
            #expect(scene.errorMessage == nil, "\(name)")
            gallery += "=== \(name)\n" + frame(AppState(scene: scene), size: Size(width: 100, height: 30)).plainText
        }
        assertSnapshot(of: gallery, as: .lines, named: "detection")
    }

    /// The Unicode glyph set changes only boundary and border symbols, never the numbers.
    @Test func asciiFramesArePlainASCII() {
        let scenes: [any Scene] = [SPPScene(parameters: SPPSceneParameters()), RoIScene(parameters: RoISceneParameters()),
                                   AnchorScene(parameters: AnchorSceneParameters()), YOLOScene(parameters: YOLOSceneParameters())]
        for scene in scenes {
            let ascii = frame(AppState(scene: scene, glyphs: .ascii), size: Size(width: 100, height: 30)).plainText
            #expect(ascii.unicodeScalars.allSatisfy { $0.value < 128 }, "\(scene.title)")
            let unicode = frame(AppState(scene: scene, glyphs: .unicode), size: Size(width: 100, height: 30)).plainText
            #expect(unicode.split(separator: "\n").count == ascii.split(separator: "\n").count, "\(scene.title)")
        }
    }
}
