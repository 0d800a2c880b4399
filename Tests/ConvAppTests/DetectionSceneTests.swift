import Testing
import Foundation
import ConvApp
import ConvCore
import ConvDiagrams
import ConvTestSupport

private struct GoldenSPPFile: Decodable { var cases: [SPPCaseJSON] }
private struct GoldenRoIFile: Decodable { var cases: [RoICaseJSON] }
private struct GoldenAnchorFile: Decodable {
    struct PyFasterRCNN: Decodable { var anchors_xyxy: [[Double]] }
    struct Torchvision: Decodable { var anchors_xyxy: [[Double]]; var cell_anchors_xyxy: [[Double]] }
    struct Head: Decodable { var anchors_per_cell: Int; var cls_channels: Int; var reg_channels: Int; var total_channels: Int }
    var py_faster_rcnn: PyFasterRCNN
    var torchvision: Torchvision
    var rpn_head: Head
}

/// "[-84, -40, 99, 55]": a reference box as the anchors list writes whole numbers.
private func boxText(_ box: [Double]) -> String {
    "[" + box.map { String(Int($0)) }.joined(separator: ", ") + "]"
}


private func text(_ state: AppState, width: Int = 100, height: Int = 30) -> String {
    frame(state, size: Size(width: width, height: height)).plainText
}

/// The detection scenes without a terminal: keys -> actions -> states -> frames, checked against
/// spp.json, roi.json, anchors.json and the papers' numbers.
@Suite struct DetectionSceneTests {
    // MARK: spatial pyramid pooling

    /// spp.json case 2 (13 x 13, levels 4, 2, 1): every bin of every level shows its golden
    /// half-open ranges and its golden maximum; L jumps to the next level.
    @Test func sppThirteenByThirteenShowsEveryGoldenBinAndMaximum() throws {
        let golden = try Fixtures.decode(GoldenSPPFile.self, from: "spp.json").cases[1]
        var p = SPPSceneParameters()
        p.valueSource = try golden.input.tensor()
        (p.height, p.width) = (13, 13)
        var s = AppState(scene: SPPScene(parameters: p))
        let levels = try #require(golden.perLevel)
        #expect(s.scene.stepCount == levels.reduce(0) { $0 + $1.n * $1.n })     // 16 + 4 + 1
        for (index, level) in levels.enumerated() {
            let bins = try #require(level.bins), output = try #require(level.output)
            for (i, row) in bins.enumerated() {
                for (j, bin) in row.enumerated() {
                    let screen = text(s)
                    #expect(screen.contains("level \(index + 1) of 3: n = \(level.n)"), "\(screen)")
                    #expect(screen.contains("bin (\(i),\(j)): rows [\(bin.rows[0]),\(bin.rows[1])) cols [\(bin.cols[0]),\(bin.cols[1]))"), "\(screen)")
                    #expect(screen.contains("max \(Int(output.data[i * level.n + j]))"), "level \(level.n) bin \(i),\(j)\n\(screen)")
                    s = press(s, .character("n"))
                }
            }
        }
        #expect(text(s).contains("vector length C x sum(bins) = 1 x (4x4 + 2x2 + 1x1) = \(golden.vectorLength ?? -1)"))
        // L cycles the levels: from level 3 back to level 1, then to level 2's first bin.
        s = press(s, .character("L"))
        #expect(text(s).contains("level 1 of 3"))
        s = press(s, .character("L"))
        #expect(s.scene.step == 17)
        #expect(text(s).contains("bin (0,0): rows [0,7) cols [0,7)"))
    }

    /// The overlapping cells of spp.json's 13 x 13 level 4 (bins [0,4) [3,7) [6,10) [9,13): cells
    /// 3, 6 and 9 lie in two bins) are marked x2 on both rulers.
    @Test func sppMarksTheCellsCountedInTwoBins() throws {
        let golden = try Fixtures.decode(GoldenSPPFile.self, from: "spp.json").cases[1]
        let firstRow = try #require(golden.perLevel?[0].bins?[0])
        var overlapping: [Int] = []
        for (a, b) in zip(firstRow, firstRow.dropFirst()) { overlapping += Array(b.cols[0]..<a.cols[1]) }
        #expect(overlapping == [3, 6, 9])
        let screen = text(AppState(scene: SPPScene(parameters: SPPSceneParameters())))
        let lines = screen.split(separator: "\n").map(String.init)
        for row in overlapping {
            #expect(lines.contains { $0.hasPrefix(String(format: "%2d x2 ", row)) }, "row \(row)\n\(screen)")
        }
        let ruler = try #require(lines.first { $0.trimmingCharacters(in: .whitespaces).hasPrefix("x2") })
        #expect(ruler.components(separatedBy: "x2").count - 1 == 3)
        // The column marks sit under columns 3, 6 and 9 of the index ruler.
        let indexRuler = try #require(lines.first { $0.contains(" 0  1  2  3") })
        for column in overlapping {
            let label = " \(column)"
            let at = try #require(indexRuler.range(of: label + " "))
            let offset = indexRuler.distance(from: indexRuler.startIndex, to: at.upperBound) - 2
            #expect(Array(ruler)[offset] == "2", "column \(column)")
        }
    }

    /// The lecture's example: a 64 x 64 x 256 map; level 4's bins are 16 x 16 and the vector has
    /// 256 x 21 = 5,376 values; SPP-net's detection pyramid 6, 3, 2, 1 gives 256 x 50 = 12,800.
    @Test func sppLectureNumbers() {
        var p = SPPSceneParameters()
        (p.height, p.width, p.channels) = (64, 64, 256)
        var s = AppState(scene: SPPScene(parameters: p))
        var screen = text(s)
        #expect(screen.contains("rows [0,16) cols [0,16)"))
        #expect(screen.contains("16x16 = 256 cells"))
        #expect(screen.contains("256 x (4x4 + 2x2 + 1x1) = 5376"))
        s = press(s, .tab, .tab, .character("+"))           // levels: the next preset
        #expect(s.scene.parameters[2].value == "6,3,2,1")
        screen = text(s)
        #expect(screen.contains("256 x (6x6 + 3x3 + 2x2 + 1x1) = 12800"))
        #expect(s.scene.stepCount == 50)
    }

    /// He et al. 2014's rule (window ceil(a/n), stride floor(a/n)): a = 11, n = 4 gives window 3,
    /// stride 2 and 5 bins; a = 10, n = 4 leaves cell 9 unread. Both are warned on screen.
    @Test func sppPaperRuleWarningsAreOnScreen() {
        var p = SPPSceneParameters()
        (p.height, p.width, p.rule) = (11, 11, .sppNetPaper)
        var s = AppState(scene: SPPScene(parameters: p))
        var screen = text(s)
        #expect(screen.contains("window ceil(11/4) = 3, stride floor(11/4) = 2 give 5"), "\(screen)")
        #expect(screen.contains("5x5 bins over 11x11"))
        #expect(s.scene.stepCount == 25 + 4 + 1)
        s = press(s, .character("-"))                         // map 10 x 10
        screen = text(s)
        #expect(screen.contains("leaves cell 9 unread"), "\(screen)")
        #expect(screen.contains("x0"))
        // Too small for the paper's rule: an invalid configuration, not a trap.
        for _ in 0..<8 { s = press(s, .character("-")) }
        #expect(s.scene.stepCount == 0)
        #expect(text(s).contains("Invalid configuration"))
        #expect(text(s).contains("is smaller than the bin count 4"))
        s = press(s, .tab, .tab, .tab, .character("+"))      // rule: adaptive again
        #expect(s.scene.errorMessage == nil && s.scene.stepCount == 21)
    }

    // MARK: RoI pooling

    /// roi.json case 2 (roi_pool 3 x 3 on 10 x 10, scale 1/16): each step shows its bin's golden
    /// maximum; box (16, 16, 112, 96) x 1/16 is (1, 1, 7, 6), 7 x 6 cells.
    @Test func roiPoolStepsThroughGoldenBins() throws {
        let golden = try Fixtures.decode(GoldenRoIFile.self, from: "roi.json").cases[1]
        let expected = try #require(golden.output)
        var p = RoISceneParameters()
        let input = try golden.input.tensor()
        (p.channels, p.height, p.width) = (input.shape[1], input.shape[2], input.shape[3])
        p.valueSource = input
        p.boxes = golden.boxesXYXY
        (p.outputHeight, p.outputWidth) = (3, 3)
        p.spatialScale = golden.spatialScale
        var s = AppState(scene: RoIScene(parameters: p))
        #expect(s.scene.stepCount == 2 * 9)
        let first = text(s)
        #expect(first.contains("box 1/2 (16, 16, 112, 96) px x spatial_scale 0.0625 = (1, 1, 7, 6)"), "\(first)")
        #expect(first.contains("= 6x7 cells"))
        // Channel 0 of every box: (K, C, 3, 3) golden output.
        for box in 0..<2 {
            for bin in 0..<9 {
                let value = Int(expected.data[(box * 2) * 9 + bin])
                let screen = text(s)
                #expect(screen.contains("bin (\(bin / 3),\(bin % 3)): rows"), "\(screen)")
                #expect(screen.contains("max \(value)") || screen.contains("-> \(value)"), "box \(box) bin \(bin)\n\(screen)")
                s = press(s, .right)
            }
        }
        // c shows channel 1: the last bin of box 2, channel 1.
        s = press(s, .character("c"))
        #expect(text(s).contains("max \(Int(expected.data[35]))"))
    }

    /// roi.json case 3 (roi_align 2 x 2, sampling 2): each bin is the average of 4 samples, the
    /// golden value to two decimals.
    @Test func roiAlignShowsSamplesAndTheirGoldenAverage() throws {
        let golden = try Fixtures.decode(GoldenRoIFile.self, from: "roi.json").cases[2]
        let expected = try #require(golden.output)
        var p = RoISceneParameters()
        let input = try golden.input.tensor()
        (p.channels, p.height, p.width) = (input.shape[1], input.shape[2], input.shape[3])
        p.valueSource = input
        p.boxes = golden.boxesXYXY
        (p.outputHeight, p.outputWidth) = (2, 2)
        p.spatialScale = golden.spatialScale
        p.align = true
        p.samplingRatio = golden.samplingRatio ?? -1
        var s = AppState(scene: RoIScene(parameters: p))
        #expect(s.scene.title == "RoI align")
        for value in expected.data {
            let screen = text(s)
            #expect(screen.contains("average of 4 = \(String(format: "%.2f", Double(value)))"), "\(screen)")
            #expect(screen.contains("samples (y, x) -> bilinear value"))
            s = press(s, .character("n"))
        }
    }

    /// The default box lands on half cells: (40, 24, 200, 184) / 16 = (2.5, 1.5, 12.5, 11.5), which
    /// rounds half away from zero to (3, 2, 13, 12): 11 x 11 cells for a 7 x 7 output.
    @Test func roiDefaultShowsTheRounding() {
        var s = AppState(scene: RoIScene(parameters: RoISceneParameters()))
        let screen = text(s)
        #expect(screen.contains("(40, 24, 200, 184)"))
        #expect(screen.contains("(2.5, 1.5, 12.5, 11.5)"))
        #expect(screen.contains("(3, 2, 13, 12)"))
        #expect(screen.contains("11x11 cells"))
        #expect(s.scene.stepCount == 49)
        s = press(s, .tab, .tab, .character("+"))          // mode: align
        #expect(s.scene.title == "RoI align")
        #expect(text(s).contains("no rounding"))
        #expect(s.scene.parameters.map(\.name) == ["output", "scale", "mode", "sampling", "aligned"])
    }

    // MARK: anchors

    func anchorScene(_ convention: AnchorConvention, cell: (Int, Int)) -> AppState {
        var p = AnchorSceneParameters()
        (p.imageHeight, p.imageWidth, p.convention) = (64, 96, convention)
        let scene = AnchorScene(parameters: p)
        return AppState(scene: AnchorScene(parameters: p, step: scene.step(row: cell.0, column: cell.1)))
    }

    /// anchors.json: py-faster-rcnn's nine boxes at cell (0, 0); the arrows move the cell to (1, 2)
    /// and the boxes move by (2·16, 1·16) as the file's note says.
    @Test func pyFasterRCNNNineAnchorsFollowTheArrows() throws {
        let golden = try Fixtures.decode(GoldenAnchorFile.self, from: "anchors.json")
        var s = anchorScene(.pyFasterRCNN, cell: (0, 0))
        var screen = text(s)
        #expect(screen.contains("cell (0,0) of 4x6"))
        for (i, box) in golden.py_faster_rcnn.anchors_xyxy.enumerated() {
            #expect(screen.contains("\(i + 1)  \(boxText(box))"), "\(boxText(box))\n\(screen)")
        }
        #expect(screen.contains("clipped"))                  // [-84, -40, 99, 55] leaves the image
        let head = golden.rpn_head
        #expect(screen.contains("RPN head: 2k + 4k = \(head.cls_channels) + \(head.reg_channels) = \(head.total_channels) channels"))
        #expect(screen.contains("head output: 4 x 6 x \(head.total_channels)"))
        #expect(screen.contains("4 x 6 x \(head.anchors_per_cell) = 216"))
        s = press(s, .right, .right, .down)
        screen = text(s)
        #expect(s.scene.step == 9)
        #expect(screen.contains("cell (1,2) of 4x6"), "\(screen)")
        for box in golden.py_faster_rcnn.anchors_xyxy {
            let shifted = [box[0] + 32, box[1] + 16, box[2] + 32, box[3] + 16]
            #expect(screen.contains(boxText(shifted)), "\(boxText(shifted))\n\(screen)")
        }
        s = press(s, .left, .up)
        #expect(text(s).contains("cell (0,1) of 4x6"))
    }

    /// anchors.json: torchvision's anchors over the 4 x 6 map of a 64 x 96 image, cell by cell
    /// (cells row-major, nine per cell), and its head's k + 4k = 45 channels.
    @Test func torchvisionAnchorsOfEveryCell() throws {
        let golden = try Fixtures.decode(GoldenAnchorFile.self, from: "anchors.json").torchvision
        var s = anchorScene(.torchvision, cell: (0, 0))
        #expect(s.scene.stepCount == 24)
        for cell in 0..<24 {
            let screen = text(s)
            for box in golden.anchors_xyxy[(cell * 9)..<(cell * 9 + 9)] {
                #expect(screen.contains(boxText(box)), "cell \(cell): \(boxText(box))\n\(screen)")
            }
            s = press(s, .character("n"))
        }
        #expect(text(s).contains("RPN head: k + 4k = 9 + 36 = 45 channels"))
    }

    /// Faster R-CNN's ~600 x 1000 image at stride 16: a 37 x 62 map (600 // 16, 1000 // 16) and
    /// 37 x 62 x 9 = 20,646 anchors; the scene starts on the centre cell.
    @Test func anchorsDefaultImage() {
        var s = AppState(scene: AnchorScene(parameters: AnchorSceneParameters()))
        let screen = text(s)
        #expect(screen.contains("feature map 37x62"))
        #expect(screen.contains("37 x 62 x 9 = 20,646"))
        #expect(screen.contains("cell (18,31)"))
        #expect(screen.contains("@"))
        s = press(s, .tab, .tab, .character("+"))            // convention: py-faster-rcnn
        #expect(text(s).contains("2k + 4k = 18 + 36 = 54"))
        #expect(text(s).contains("cell (18,31)"))            // the same cell stays selected
    }

    // MARK: YOLO

    /// YOLO v1 (S 7, B 2, C 20): 7 x 7 x 30 = 1,470 outputs. The object centred at (224, 100) of a
    /// 448 x 448 image lies in column floor(224·7/448) = 3, row floor(100·7/448) = 1.
    @Test func yoloV1GridAndResponsibleCell() {
        var s = AppState(scene: YOLOScene(parameters: YOLOSceneParameters()))
        var screen = text(s)
        #expect(screen.contains("7 x 7 x (2*5 + 20) = 7 x 7 x 30 = 1,470"), "\(screen)")
        #expect(s.scene.step == 1 * 7 + 3 + 1)
        #expect(screen.contains("responsible cell (1,3)"))
        #expect(screen.contains("cell (1,3): 30 numbers"))
        #expect(screen.contains("[0-4] box 1: x1 y1 w1 h1 confidence1"))
        #expect(screen.contains("[5-9] box 2: x2 y2 w2 h2 confidence2"))
        #expect(screen.contains("[10-29] p1 ... p20"))
        // Targets: x = 3.5 - 3, y = 1.5625 - 1, w = 50/448, h = 80/448.
        #expect(screen.contains("x 0.5 y 0.56"))
        #expect(screen.contains("w 0.11 h 0.18"))
        #expect(screen.contains("@"))
        s = press(s, .right)
        screen = text(s)
        #expect(screen.contains("cell (1,4): 30 numbers"))
        #expect(screen.contains("not responsible"))
        s = press(s, .tab, .character("+"))                 // B = 3: 7 x 7 x 35
        #expect(text(s).contains("7 x 7 x (3*5 + 20) = 7 x 7 x 35 = 1,715"))
    }

    /// Every detection scene survives every terminal size without trapping.
    @Test func tinyAndOddSizesNeverTrap() {
        let scenes: [any Scene] = [
            SPPScene(parameters: SPPSceneParameters()), RoIScene(parameters: RoISceneParameters()),
            AnchorScene(parameters: AnchorSceneParameters()), YOLOScene(parameters: YOLOSceneParameters()),
        ]
        for scene in scenes {
            for (w, h) in [(60, 16), (61, 17), (80, 24), (200, 60), (30, 10), (0, 0)] {
                let screen = text(AppState(scene: scene), width: w, height: h)
                if w >= 60 && h >= 16 { #expect(screen.contains(scene.title)) }
            }
        }
    }
}
