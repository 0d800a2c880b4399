import Testing
import Foundation
import ConvTestSupport

/// Issue 14's defects, as a user meets them on the command line. Expected numbers are PyTorch's
/// and torchvision's (quoted in the issue) or worked by hand from their definitions.
@Suite struct Issue14CommandTests {
    struct T: Decodable, Equatable { var shape: [Int]; var data: [Float] }
    struct PoolOut: Decodable {
        struct Step: Decodable { var divisor: Int?; var sum: Float? }
        var output: T
        var divisor_override: Int?
        var steps: [Step]
    }

    func scratch() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("convscope-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    func write(_ text: String, _ name: String, in dir: URL) throws -> String {
        let url = dir.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    func json<D: Decodable>(_ type: D.Type, _ arguments: [String]) throws -> D {
        let r = try BinaryRunner.run(arguments + ["--format", "json"])
        #expect(r.status == 0, "\(arguments): \(r.stderr)")
        return try JSONDecoder().decode(D.self, from: Data(r.stdout.utf8))
    }

    // MARK: 1. divisor_override

    /// Four 3 x 3 windows summing to -12, 0, -10, -39: PyTorch's avg_pool2d with
    /// divisor_override 2 gives [-6, 0, -5, -19.5] (the issue's numbers); the tool gave the
    /// sums over 9, [-1.333, 0, -1.111, -4.333].
    static let values = "-4 0 0 1 -1 0; 0 -4 0 0 0 0; 0 0 -4 2 -2 0; -1 -1 -1 -5 -4 -5; -1 -2 -1 -4 -3 -4; -1 -1 -1 -5 -4 -5"
    static let caseText = """
        {"kind": "avg", "kernel": [3, 3], "stride": [3, 3], "padding": [0, 0], "divisor_override": 2,
         "input": {"shape": [1, 1, 6, 6], "data": [-4, 0, 0, 1, -1, 0, 0, -4, 0, 0, 0, 0, 0, 0, -4, 2, -2, 0,
                   -1, -1, -1, -5, -4, -5, -1, -2, -1, -4, -3, -4, -1, -1, -1, -5, -4, -5]}}
        """

    @Test func divisorOverrideFromACaseAndFromTheOption() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = try write(Self.caseText, "avg.json", in: dir)
        let fromFile = try json(PoolOut.self, ["pool", "--from", path])
        #expect(fromFile.output == T(shape: [1, 1, 2, 2], data: [-6, 0, -5, -19.5]))
        #expect(fromFile.divisor_override == 2)
        #expect(fromFile.steps.map(\.divisor) == [2, 2, 2, 2])
        let option = try json(PoolOut.self, ["pool", "--mode", "avg", "--kernel", "3", "--stride", "3",
                                             "--values", Self.values, "--divisor-override", "2"])
        #expect(option.output.data == [-6, 0, -5, -19.5])
        let sums = try json(PoolOut.self, ["pool", "--mode", "avg", "--kernel", "3", "--stride", "3",
                                           "--values", Self.values, "--divisor-override", "1"])
        #expect(sums.output.data == [-12, 0, -10, -39])
        let printed = try BinaryRunner.run(["pool", "--from", path, "--print", "--step", "4"])
        #expect(printed.status == 0, "\(printed.stderr)")
        #expect(printed.stdout.contains("avg_pool2d divisor_override=2"))
        #expect(printed.stdout.contains(")/2 = -19.5"))
        #expect(printed.stdout.contains("divisor 2 = divisor_override"))
    }

    @Test(arguments: [
        (["pool", "--divisor-override", "2"], "for average pooling only"),
        (["pool", "--mode", "avg", "--divisor-override", "0"], "--divisor-override 0 is invalid"),
    ] as [([String], String)])
    func badDivisorOverride(_ c: ([String], String)) throws {
        let r = try BinaryRunner.run(c.0 + ["--print"])
        #expect(r.status == 64, "\(c.0): \(r.stderr)")
        #expect(r.stderr.contains(c.1), "\(c.0): \(r.stderr)")
    }

    /// A key the tool does not read is refused, named, with the allowed keys; in every --from scene.
    @Test func unknownCaseKeysAreRefused() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let misspelt = try write(Self.caseText.replacingOccurrences(of: "divisor_override", with: "divisor_overide"),
                                 "misspelt.json", in: dir)
        let r = try BinaryRunner.run(["pool", "--from", misspelt, "--print"])
        #expect(r.status == 64)
        #expect(r.stderr.contains("'divisor_overide'"), "\(r.stderr)")
        #expect(r.stderr.contains("allowed keys: ceil_mode, count_include_pad, dilation, divisor_override"), "\(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count == 1)
        let conv = try write("""
            {"input": {"shape": [1,1,2,2], "data": [1,2,3,4]}, "weight": {"shape": [1,1,1,1], "data": [1]},
             "padding_mode": "reflect"}
            """, "conv.json", in: dir)
        let c = try BinaryRunner.run(["conv", "--from", conv, "--print"])
        #expect(c.status == 64 && c.stderr.contains("'padding_mode'") && c.stderr.contains("allowed keys: bias, dilation"), "\(c.stderr)")
        // In a file of cases, the chosen case is checked.
        let cases = try write("{\"cases\": [\(Self.caseText), {\"kind\": \"max\", \"kernel\": [2], \"return_indices\": true, \"input\": {\"shape\": [1,1,2,2], \"data\": [1,2,3,4]}}]}",
                              "cases.json", in: dir)
        #expect(try BinaryRunner.run(["pool", "--from", cases, "--case", "1", "--print"]).status == 0)
        let second = try BinaryRunner.run(["pool", "--from", cases, "--case", "2", "--print"])
        #expect(second.status == 64 && second.stderr.contains("case 2 of") && second.stderr.contains("'return_indices'"), "\(second.stderr)")
        // The golden files' keys are all understood.
        for (scene, file) in [("conv", "conv2d.json"), ("deconv", "conv_transpose2d.json"), ("pool", "pool2d.json"),
                              ("spp", "spp.json"), ("roi", "roi.json")] {
            let g = try BinaryRunner.run([scene, "--from", Fixtures.url(file).path, "--print"])
            #expect(g.status == 0, "\(scene): \(g.stderr)")
        }
    }

    // MARK: 6. a scene's example applies only without geometry options

    struct SizeOut: Decodable { var output: T }
    struct DeconvSizes: Decodable { var output_size: [Int]; var output_padding: [Int] }

    /// ConvTranspose2d(k=3) defaults: stride 1, padding 0, output_padding 0, dilation 1, so
    /// o' = (i' - 1)s - 2p + d(k - 1) + output_padding + 1: 3 -> 5 at stride 1, 3 with padding 1,
    /// 7 at stride 2; the example (no geometry option) stays s2 p1 output_padding 1 -> 6.
    @Test func deconvGeometryOptionsTakePyTorchsDefaultsForTheRest() throws {
        let one = try json(DeconvSizes.self, ["deconv", "--stride", "1"])
        #expect(one.output_size == [5, 5] && one.output_padding == [0, 0])
        #expect(try json(DeconvSizes.self, ["deconv", "--padding", "1"]).output_size == [3, 3])
        #expect(try json(DeconvSizes.self, ["deconv", "--stride", "2"]).output_size == [7, 7])
        #expect(try json(DeconvSizes.self, ["deconv"]).output_size == [6, 6])
        #expect(try json(DeconvSizes.self, ["deconv", "--input", "4"]).output_size == [8, 8])   // (4-1)*2 - 2 + 2 + 1 + 1
        let help = try BinaryRunner.run(["deconv", "--help"])
        #expect(help.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ").contains("take ConvTranspose2d's defaults"))
    }

    /// max_pool2d(kernel_size=k) strides by k: 5 x 5 with k2 gives floor((5 - 2)/2) + 1 = 2; the
    /// example (no geometry option) keeps conv_arithmetic's stride 1.
    @Test func poolStrideDefaultsToTheKernelOnceGeometryIsGiven() throws {
        #expect(try json(SizeOut.self, ["pool", "--kernel", "2"]).output.shape == [1, 1, 2, 2])
        #expect(try json(SizeOut.self, ["pool", "--kernel", "2", "--stride", "1"]).output.shape == [1, 1, 4, 4])
        #expect(try json(SizeOut.self, ["pool", "--padding", "1"]).output.shape == [1, 1, 2, 2])   // floor((5+2-3)/3)+1
        #expect(try json(SizeOut.self, ["pool"]).output.shape == [1, 1, 3, 3])
        #expect(try json(SizeOut.self, ["pool", "--mode", "avg"]).output.shape == [1, 1, 3, 3])
        let help = try BinaryRunner.run(["pool", "--help"])
        #expect(help.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ").contains("stride defaults to the kernel size"))
    }

    // MARK: 3. alexnet-original rounds up as Caffe

    @Test func alexnetOriginalTakesCaffesInputSizes() throws {
        for size in [199, 230] {
            let r = try BinaryRunner.run(["arch", "alexnet-original", "--input", "3x\(size)x\(size)", "--print"])
            #expect(r.status == 0, "\(size): \(r.stderr)")
        }
        for size in [198, 231] {
            let r = try BinaryRunner.run(["arch", "alexnet-original", "--input", "3x\(size)x\(size)", "--print"])
            #expect(r.status != 0 && !r.stderr.isEmpty && !r.stderr.contains("Fatal error"), "\(size)")
        }
    }

    // MARK: 2. torchvision's anchor strides

    struct AnchorsOut: Decodable {
        var feature_hw: [Int]; var stride_hw: [Int]; var given_stride_hw: [Int]
        var cell_anchors: [[Double]]; var anchors: [[Double]]; var count: Int
    }

    /// torchvision's AnchorGenerator (anchor_utils.py): strides = image_size // grid_size per axis,
    /// shifts = arange(0, grid) * stride, anchors = shifts + base anchors, cells row-major, the
    /// base anchors consecutive. 600 x 1000 at stride 32: grid 18 x 31, strides 33 x 32,
    /// 18 x 31 x 9 = 5,022 anchors; the first box of cell (1, 0) is [-91, -12, 91, 78]
    /// (torchvision's numbers in the issue; the old stride-32 rows gave [-91, -13, 91, 77]).
    @Test func torchvisionDerivesTheStridePerAxis() throws {
        let args = ["anchors", "--image", "600x1000", "--stride", "32", "--sizes", "128,256,512",
                    "--ratios", "0.5,1.0,2.0", "--convention", "torchvision"]
        let out = try json(AnchorsOut.self, args)
        #expect(out.count == 5022 && out.anchors.count == 5022)
        #expect(out.feature_hw == [18, 31] && out.stride_hw == [33, 32] && out.given_stride_hw == [32, 32])
        #expect(out.cell_anchors[0] == [-91, -45, 91, 45])
        #expect(out.anchors[31 * 9] == [-91, -12, 91, 78])
        var differing = 0
        for (i, box) in out.anchors.enumerated() {
            let cell = i / 9, row = Double(cell / 31), column = Double(cell % 31), base = out.cell_anchors[i % 9]
            let expected = [base[0] + 32 * column, base[1] + 33 * row, base[2] + 32 * column, base[3] + 33 * row]
            #expect(box == expected, "anchor \(i)")
            if box[1] != base[1] + 32 * row { differing += 1 }
        }
        #expect(differing == 4743)   // the issue's count of anchors the old rule got wrong
        let printed = try BinaryRunner.run(args + ["--print"])
        #expect(printed.stdout.contains("anchors, torchvision strides 33 x 32 = image // feature map"), "\(printed.stdout)")
        #expect(printed.stdout.contains("torchvision strides 600//18 = 33, 1000//31 = 32"))
        // py-faster-rcnn shifts by the stride given.
        let paper = try json(AnchorsOut.self, ["anchors", "--image", "600x1000", "--stride", "32", "--convention", "py-faster-rcnn"])
        #expect(paper.stride_hw == [32, 32] && paper.count == 5022)
    }

    // MARK: 4. inverted RoI boxes

    struct RoIOut: Decodable { var output: T; var warnings: [String]? }

    /// A two-box case whose first box is reversed in x: torchvision's roi_pool gives 11 for it
    /// (one column at x = 3, rows 1-2 of v = 4r + c) and 5 for the second (InvertedRoITests works
    /// both out from roi_pool_kernel.cpp); the tool used to refuse the whole case.
    @Test func aReversedBoxIsEvaluatedWithAWarning() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let map = (0..<16).map(String.init).joined(separator: ", ")
        let path = try write("""
            {"kind": "pool", "input": {"shape": [1, 1, 4, 4], "data": [\(map)]},
             "boxes_xyxy": [[3, 1, 1, 2], [0, 0, 1, 1]], "output_size": [1, 1], "spatial_scale": 1.0}
            """, "roi.json", in: dir)
        let r = try BinaryRunner.run(["roi", "--from", path, "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let out = try JSONDecoder().decode(RoIOut.self, from: Data(r.stdout.utf8))
        #expect(out.output == T(shape: [2, 1, 1, 1], data: [11, 5]))
        #expect(out.warnings?.count == 1 && out.warnings?[0].contains("box 1 (3, 1, 1, 2) has x2 < x1") == true)
        #expect(r.stderr.contains("warning: box 1 (3, 1, 1, 2) has x2 < x1"))
        let printed = try BinaryRunner.run(["roi", "--box", "5,5,1,1", "--print"])
        #expect(printed.status == 0, "\(printed.stderr)")
        #expect(printed.stdout.contains("warning: box 1 (5, 5, 1, 1) has x2 < x1 and y2 < y1"))
        for extra in [["--align"], ["--align", "--aligned"], ["--align", "--aligned", "--sampling-ratio", "2"]] {
            let a = try BinaryRunner.run(["roi", "--box", "200,180,40,20", "--print", "--all"] + extra)
            #expect(a.status == 0 && !a.stderr.contains("Fatal error"), "\(extra): \(a.stderr)")
        }
    }

    // MARK: 5. a batch in a --from case

    struct BatchOut: Decodable { var output: T }

    /// A 2-item case built from a golden case (PyTorch): item 0 is the golden input, item 1 twice
    /// it. conv2d and conv_transpose2d without bias are linear and max/avg pooling positively
    /// homogeneous, and PyTorch computes batch items independently, so item 1's output is twice
    /// the golden output.
    @Test(arguments: [("conv", "conv2d.json", 12), ("deconv", "conv_transpose2d.json", 6), ("pool", "pool2d.json", 1),
                      ("pool", "pool2d.json", 7)])
    func aBatchIsComputedWholeAndOneItemStepped(_ c: (String, String, Int)) throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = try JSONSerialization.jsonObject(with: Fixtures.data(c.1)) as? [String: Any]
        var golden = try #require((file?["cases"] as? [[String: Any]])?[c.2 - 1])
        #expect(golden["bias"] == nil || golden["bias"] is NSNull)
        let input = try #require(golden["input"] as? [String: Any])
        let shape = try #require(input["shape"] as? [Int]), data = try #require(input["data"] as? [Double])
        let output = try #require(golden["output"] as? [String: Any])
        let outShape = try #require(output["shape"] as? [Int]), outData = try #require(output["data"] as? [Double])
        golden["input"] = ["shape": [2] + shape.dropFirst(), "data": data + data.map { 2 * $0 }]
        golden.removeValue(forKey: "output")
        golden.removeValue(forKey: "equivalent_direct_conv")
        let path = dir.appendingPathComponent("batch.json").path
        try JSONSerialization.data(withJSONObject: golden).write(to: URL(fileURLWithPath: path))

        let r = try BinaryRunner.run([c.0, "--from", path, "--format", "json"])
        #expect(r.status == 0, "\(c): \(r.stderr)")
        let out = try JSONDecoder().decode(BatchOut.self, from: Data(r.stdout.utf8))
        #expect(out.output.shape == [2] + outShape.dropFirst())
        let expected = outData + outData.map { 2 * $0 }
        #expect(out.output.data.count == expected.count)
        for (ours, theirs) in zip(out.output.data, expected) { #expect(abs(Double(ours) - theirs) <= 1e-5, "\(c)") }

        let second = try BinaryRunner.run([c.0, "--from", path, "--batch-index", "1", "--print"])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.contains("batch item 1 of 0...1"), "\(second.stdout)")
        let bad = try BinaryRunner.run([c.0, "--from", path, "--batch-index", "2", "--print"])
        #expect(bad.status == 64 && bad.stderr.contains("--batch-index 2 is out of range; the case has batch 2: allowed 0...1"), "\(bad.stderr)")
        let noFrom = try BinaryRunner.run([c.0, "--batch-index", "0", "--print"])
        #expect(noFrom.status == 64 && noFrom.stderr.contains("--batch-index needs --from"))
    }

    // MARK: smaller defects

    /// A 4 x 6 image: the output size has a rows: and a cols: formula.
    @Test func filterShowsBothFormulasForANonSquareImage() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("wide.pgm")
        try (Data("P5\n6 4\n255\n".utf8) + Data((0..<24).map { UInt8($0 * 10) })).write(to: url)
        let r = try BinaryRunner.run(["filter", url.path, "--kernel", "box", "--print"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("rows: ") && r.stdout.contains("cols: "), "\(r.stdout)")
    }

    /// YOLO: the cell is floor(c * S / size) per axis. A centre at x = 128 on a 448-pixel image
    /// with S = 7 gives 128 * 7 / 448 = 2 exactly (a column boundary), y = 100 gives 1.5625 (inside
    /// a row): the note belongs to the column.
    @Test func yoloBoundaryNoteNamesItsAxis() throws {
        let r = try BinaryRunner.run(["yolo", "--grid", "7", "--image", "448x448", "--object", "128,100,50,50", "--print", "--width", "240"])
        #expect(r.status == 0, "\(r.stderr)")
        let text = r.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(text.contains("floor(2) (on a column boundary: the cell to the right), row"), "\(r.stdout)")
        #expect(!text.contains("row boundary"))
    }

    /// lesson --help lists only the formats a lesson has (ascii, unicode); json is refused as a usage error.
    @Test func lessonHelpListsOnlyItsFormats() throws {
        let help = try BinaryRunner.run(["lesson", "--help"])
        let text = help.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(text.contains("(values: ascii, unicode;"), "\(help.stdout)")
        let json = try BinaryRunner.run(["lesson", "1", "--print", "--format", "json"])
        #expect(json.status == 64 && json.stderr.contains("json"), "\(json.stderr)")
    }
}
