import Testing
import Foundation
import ConvTestSupport

/// Tensors as the reference files and the JSON output write them.
private struct T: Decodable { var shape: [Int]; var data: [Float] }

/// The detection commands, run as a user runs them, without a terminal, against spp.json,
/// roi.json, anchors.json and the YOLO paper's numbers.
@Suite struct DetectionCommandTests {
    private struct GoldenSPP: Decodable {
        struct Bin: Decodable { var rows: [Int]; var cols: [Int] }
        struct Level: Decodable { var n: Int; var bins: [[Bin]]; var output: T }
        struct Case: Decodable { var name: String; var per_level: [Level]; var vector_length: Int; var vector: T }
        var cases: [Case]
    }

    private struct GoldenRoI: Decodable {
        struct Case: Decodable { var name: String; var kind: String; var output: T }
        var cases: [Case]
    }

    private struct GoldenAnchors: Decodable {
        struct Py: Decodable { var anchors_xyxy: [[Double]] }
        struct TV: Decodable {
            var image_hw: [Int]; var stride_hw: [Int]; var feature_hw: [Int]
            var cell_anchors_xyxy: [[Double]]; var anchors_xyxy: [[Double]]
        }
        struct Head: Decodable { var cls_channels: Int; var reg_channels: Int; var total_channels: Int }
        var py_faster_rcnn: Py
        var torchvision: TV
        var rpn_head: Head
    }

    @Test func everySPPCaseThroughFromGivesPyTorchsOutput() throws {
        let golden = try Fixtures.decode(GoldenSPP.self, from: "spp.json")
        struct Out: Decodable {
            struct Bin: Decodable { var rows: [Int]; var cols: [Int] }
            struct Level: Decodable { var n: Int; var bins: [[Bin]]; var output: T }
            var per_level: [Level]; var vector: T; var output: T; var vector_length: Int; var warnings: [String]
        }
        for (i, c) in golden.cases.enumerated() {
            let r = try BinaryRunner.run(["spp", "--from", Fixtures.url("spp.json").path, "--case", "\(i + 1)", "--format", "json", "--print"])
            #expect(r.status == 0, "\(c.name): \(r.stderr)")
            let out = try JSONDecoder().decode(Out.self, from: Data(r.stdout.utf8))
            #expect(out.vector.shape == c.vector.shape && out.vector.data == c.vector.data, "\(c.name)")
            #expect(out.output.data == c.vector.data, "\(c.name)")
            #expect(out.vector_length == c.vector_length, "\(c.name)")
            #expect(out.warnings.isEmpty)
            #expect(out.per_level.count == c.per_level.count)
            for (mine, theirs) in zip(out.per_level, c.per_level) {
                #expect(mine.n == theirs.n)
                #expect(mine.output.shape == theirs.output.shape && mine.output.data == theirs.output.data, "\(c.name) n=\(theirs.n)")
                #expect(mine.bins.map { $0.map(\.rows) } == theirs.bins.map { $0.map(\.rows) }, "\(c.name) n=\(theirs.n)")
                #expect(mine.bins.map { $0.map(\.cols) } == theirs.bins.map { $0.map(\.cols) }, "\(c.name) n=\(theirs.n)")
            }
        }
    }

    @Test func everyRoICaseThroughFromGivesTorchvisionsOutput() throws {
        let golden = try Fixtures.decode(GoldenRoI.self, from: "roi.json")
        struct Out: Decodable { var op: String; var output: T }
        for (i, c) in golden.cases.enumerated() {
            let r = try BinaryRunner.run(["roi", "--from", Fixtures.url("roi.json").path, "--case", "\(i + 1)", "--format", "json"])
            #expect(r.status == 0, "\(c.name): \(r.stderr)")
            let out = try JSONDecoder().decode(Out.self, from: Data(r.stdout.utf8))
            #expect(out.op == "roi_\(c.kind)")
            #expect(out.output.shape == c.output.shape, "\(c.name)")
            if c.kind == "pool" {
                #expect(out.output.data == c.output.data, "\(c.name)")   // maxima of integers: exact
            } else {
                #expect(out.output.data.count == c.output.data.count)
                for (a, b) in zip(out.output.data, c.output.data) { #expect(abs(a - b) <= 1e-5, "\(c.name): \(a) vs \(b)") }
            }
            // The printed frames of the same case show no escape codes and every step exists.
            let printed = try BinaryRunner.run(["roi", "--from", Fixtures.url("roi.json").path, "--case", "\(i + 1)", "--all"])
            #expect(printed.status == 0)
            #expect(!printed.stdout.contains("\u{1B}"))
            #expect(printed.stdout.contains("bin \(c.output.data.count / c.output.shape[1])/\(c.output.data.count / c.output.shape[1])"))
        }
    }

    /// The "done when": `convscope anchors --convention py-faster-rcnn --format json
    /// --print` reproduces anchors.json's nine boxes.
    @Test func pyFasterRCNNJSONReproducesTheGoldenNineBoxes() throws {
        let golden = try Fixtures.decode(GoldenAnchors.self, from: "anchors.json")
        let r = try BinaryRunner.run(["anchors", "--convention", "py-faster-rcnn", "--format", "json", "--print"])
        #expect(r.status == 0, "\(r.stderr)")
        struct Head: Decodable { var cls_channels: Int; var reg_channels: Int; var total_channels: Int }
        struct Out: Decodable { var cell_anchors: [[Double]]; var anchors: [[Double]]; var count: Int; var rpn_head: Head; var feature_hw: [Int] }
        let out = try JSONDecoder().decode(Out.self, from: Data(r.stdout.utf8))
        #expect(out.cell_anchors == golden.py_faster_rcnn.anchors_xyxy)
        #expect(out.cell_anchors.first == [-84, -40, 99, 55])
        #expect(out.rpn_head.cls_channels == golden.rpn_head.cls_channels)
        #expect(out.rpn_head.reg_channels == golden.rpn_head.reg_channels)
        #expect(out.rpn_head.total_channels == golden.rpn_head.total_channels)
        // 600 x 1000 at stride 16: 37 x 62 cells of 9 anchors; the first cell's are the golden nine.
        #expect(out.feature_hw == [37, 62])
        #expect(out.count == 37 * 62 * 9 && out.anchors.count == out.count)
        #expect(Array(out.anchors.prefix(9)) == golden.py_faster_rcnn.anchors_xyxy)
        // anchors.json's note: cell (i, j) adds (16j, 16i, 16j, 16i).
        let cell = (2 * 62 + 5) * 9
        #expect(out.anchors[cell] == golden.py_faster_rcnn.anchors_xyxy[0].enumerated().map { $0.element + ($0.offset % 2 == 0 ? 80 : 32) })
    }

    @Test func torchvisionAnchorsOverTheGoldenMap() throws {
        let golden = try Fixtures.decode(GoldenAnchors.self, from: "anchors.json").torchvision
        let r = try BinaryRunner.run(["anchors", "--image", "\(golden.image_hw[0])x\(golden.image_hw[1])",
                                      "--stride", "\(golden.stride_hw[0])", "--convention", "torchvision", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        struct Out: Decodable { var cell_anchors: [[Double]]; var anchors: [[Double]]; var count: Int; var feature_hw: [Int] }
        let out = try JSONDecoder().decode(Out.self, from: Data(r.stdout.utf8))
        #expect(out.feature_hw == golden.feature_hw)
        #expect(out.cell_anchors == golden.cell_anchors_xyxy)
        #expect(out.anchors == golden.anchors_xyxy)
        #expect(out.count == golden.anchors_xyxy.count)
    }

    /// Redmon et al. 2016: S = 7, B = 2, C = 20 gives a 7 x 7 x 30 tensor, 1,470 numbers.
    @Test func yoloV1OutputShape() throws {
        let r = try BinaryRunner.run(["yolo", "--grid", "7", "--boxes", "2", "--classes", "20", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        struct Cell: Decodable { var row: Int; var column: Int }
        struct Out: Decodable { var output_shape: [Int]; var output_count: Int; var cell_layout: [String]; var responsible_cell: Cell? }
        let out = try JSONDecoder().decode(Out.self, from: Data(r.stdout.utf8))
        #expect(out.output_shape == [7, 7, 30])
        #expect(out.output_count == 1470)
        #expect(out.cell_layout.prefix(5) == ["x1", "y1", "w1", "h1", "confidence1"])
        #expect(out.cell_layout.last == "p20")
        // (224, 100) on 448 x 448: column floor(3.5) = 3, row floor(1.5625) = 1.
        #expect(out.responsible_cell?.row == 1 && out.responsible_cell?.column == 3)
        let moved = try BinaryRunner.run(["yolo", "--object", "447,447,10,10", "--format", "json"])
        let other = try JSONDecoder().decode(Out.self, from: Data(moved.stdout.utf8))
        #expect(other.responsible_cell?.row == 6 && other.responsible_cell?.column == 6)
    }

    @Test func printedFramesOfEachScene() throws {
        let spp = try BinaryRunner.run(["spp", "--map", "13", "--levels", "4,2,1", "--channels", "256", "--print"])
        #expect(spp.status == 0)
        #expect(spp.stdout.contains("256 x (4x4 + 2x2 + 1x1) = 5376"))
        #expect(!spp.stdout.contains("\u{1B}"))
        let roi = try BinaryRunner.run(["roi", "--map", "14x14", "--scale", "0.0625", "--box", "40,24,200,184", "--output", "7x7", "--print"])
        #expect(roi.status == 0)
        #expect(roi.stdout.contains("(3, 2, 13, 12)"))
        let anchors = try BinaryRunner.run(["anchors", "--image", "600x1000", "--stride", "16", "--convention", "py-faster-rcnn", "--print"])
        #expect(anchors.status == 0)
        #expect(anchors.stdout.contains("2k + 4k = 18 + 36 = 54"))
        let yolo = try BinaryRunner.run(["yolo", "--print"])
        #expect(yolo.stdout.contains("7 x 7 x 30 = 1,470"))
    }

    @Test(arguments: [
        (["spp", "--map", "0"], "--map '0'"),
        (["spp", "--levels", "4,0,1"], "--levels '4,0,1'"),
        (["spp", "--rule", "paper"], "--rule 'paper' is not valid; allowed: adaptive, spp-net-paper"),
        (["spp", "--map", "3", "--rule", "spp-net-paper"], "height 3 is smaller than the bin count 4"),
        (["spp", "--channels", "4096", "--map", "1024"], "is too large"),
        (["spp", "--step", "22"], "--step 22 is out of range; allowed: 1...21"),
        (["roi", "--box", "1,2,3"], "--box '1,2,3'"),
        (["roi", "--scale", "0"], "--scale 0 is out of range"),
        (["roi", "--aligned"], "add --align"),
        (["roi", "--align", "--sampling-ratio", "99"], "--sampling-ratio 99"),
        (["roi", "--output", "0x7"], "--output '0x7'"),
        (["roi", "--box", "0,0,1e7,1e7", "--scale", "1024", "--align"], "too large"),
        (["anchors", "--image", "8", "--stride", "16"], "leaving no feature-map cell"),
        (["anchors", "--convention", "detectron"], "--convention 'detectron'"),
        (["anchors", "--scales", "8,16"], "--scales belongs to --convention py-faster-rcnn"),
        (["anchors", "--ratios", "0"], "--ratios '0'"),
        (["anchors", "--cell", "99,0"], "--cell 99,0 is outside the 37 x 62 feature map"),
        (["anchors", "--image", "65536", "--stride", "1"], "anchor count is too large"),
        (["anchors", "--convention", "py-faster-rcnn", "--base-size", "1", "--ratios", "1000"], "rounded width 0"),
        (["yolo", "--grid", "0"], "--grid 0 is out of range"),
        (["yolo", "--object", "500,1,1,1"], "lies outside the 448 x 448 image"),
        (["yolo", "--object", "1,2"], "--object '1,2'"),
    ] as [([String], String)])
    func badValuesGetOneLineAndExit64(_ c: ([String], String)) throws {
        let r = try BinaryRunner.run(c.0 + ["--print"])
        #expect(r.status == 64, "\(c.0): \(r.stderr)")
        #expect(r.stderr.contains(c.1), "\(c.0): \(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count == 1, "\(c.0): \(r.stderr)")
        #expect(!r.stderr.contains("Fatal error"))
    }

    @Test func fromFileProblems() throws {
        let missing = try BinaryRunner.run(["roi", "--from", "/nonexistent/roi.json", "--print"])
        #expect(missing.status == 66)
        let wrongKind = try BinaryRunner.run(["roi", "--from", Fixtures.url("spp.json").path, "--print"])
        #expect(wrongKind.status == 64)
        #expect(wrongKind.stderr.contains("is not a RoI case"))
        let clash = try BinaryRunner.run(["spp", "--from", Fixtures.url("spp.json").path, "--map", "3", "--print"])
        #expect(clash.status == 64)
        #expect(clash.stderr.contains("--map cannot be combined with --from"))
        let badCase = try BinaryRunner.run(["spp", "--from", Fixtures.url("spp.json").path, "--case", "9", "--print"])
        #expect(badCase.status == 64)
        #expect(badCase.stderr.contains("--case 9 is out of range"))
    }
}
