import Testing
import Foundation
import ConvTestSupport

/// The real binary, run as a user runs it, without a terminal.
@Suite struct ConvCommandTests {
    @Test func alexNetFirstLayerLastWindow() throws {
        let r = try BinaryRunner.run(["conv", "--input", "227", "--kernel", "11", "--stride", "4", "--step", "3025", "--print"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("step 3025/3025"))
        #expect(r.stdout.contains("Output 55x55"))
        #expect(r.stdout.contains("floor(216/4) + 1 = 55"))
        #expect(r.stdout.contains("out[54,54]"))
        #expect(!r.stdout.contains("\u{1B}"))          // no escape codes
    }

    @Test func withoutATerminalItPrintsTheFrame() throws {
        let r = try BinaryRunner.run(["conv", "--padding", "1", "--stride", "2"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("step 1/9"))
        #expect(r.stdout.contains("[ 6]"))   // Dumoulin & Visin: first output at stride 2, padding 1
        #expect(!r.stdout.contains("\u{1B}"))
    }

    @Test func everyGoldenCaseThroughFromGivesPyTorchsOutput() throws {
        struct Golden: Decodable {
            struct Case: Decodable { var name: String; var output: T }
            struct T: Decodable { var shape: [Int]; var data: [Float] }
            var cases: [Case]
        }
        let golden = try Fixtures.decode(Golden.self, from: "conv2d.json")
        for (i, c) in golden.cases.enumerated() {
            let r = try BinaryRunner.run(["conv", "--from", Fixtures.url("conv2d.json").path, "--case", "\(i + 1)", "--format", "json"])
            #expect(r.status == 0, "\(c.name): \(r.stderr)")
            struct Out: Decodable { var output: Golden.T; var output_size: [Int]; var steps: [Step] }
            struct Step: Decodable { var position: [Int]; var rows: [Int]; var columns: [Int] }
            let out = try JSONDecoder().decode(Out.self, from: Data(r.stdout.utf8))
            #expect(out.output.shape == c.output.shape, "\(c.name)")
            #expect(out.output.data == c.output.data, "\(c.name)")
            #expect(out.output_size == Array(c.output.shape[2...]), "\(c.name)")
            #expect(out.steps.count == c.output.data.count, "\(c.name)")
        }
    }

    /// Values that start with a minus sign are values, not options (a tester found them refused).
    @Test func negativeValuesAreValues() throws {
        // Hand-worked: [-1 2; 3 4] with the 1x1 kernel [2] gives [-2 4; 6 8].
        let r = try BinaryRunner.run(["conv", "--values", "-1 2; 3 4", "--kernel-values", "2", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        struct Out: Decodable { struct T: Decodable { var data: [Float] }; var output: T }
        let out = try JSONDecoder().decode(Out.self, from: Data(r.stdout.utf8))
        #expect(out.output.data == [-2, 4, 6, 8])
        let bad = try BinaryRunner.run(["conv", "--input", "-1", "--print"])
        #expect(bad.status == 64 && bad.stderr.contains("--input '-1'"), "\(bad.stderr)")
    }

    @Test func jsonStepsNameTheWindow() throws {
        // Dumoulin & Visin: 5x5, k3, s2, p1; the second step's window starts at input row -1, column 1.
        let r = try BinaryRunner.run(["conv", "--padding", "1", "--stride", "2", "--format", "json"])
        struct Out: Decodable { var output: T; var steps: [Step] }
        struct T: Decodable { var data: [Float] }
        struct Step: Decodable { var step: Int; var position: [Int]; var rows: [Int]; var columns: [Int] }
        let out = try JSONDecoder().decode(Out.self, from: Data(r.stdout.utf8))
        #expect(out.output.data == [6, 17, 3, 8, 17, 13, 6, 4, 4])
        #expect(out.steps[1].position == [0, 0, 0, 1])
        #expect(out.steps[1].rows == [-1, 0, 1])
        #expect(out.steps[1].columns == [1, 2, 3])
    }

    @Test(arguments: [
        (["conv", "--stride", "0"], "--stride '0'"),
        (["conv", "--stride", "-2"], "--stride"),
        (["conv", "--input", "3", "--kernel", "5"], "kernel 5 is larger than padded input 3"),
        (["conv", "--values", "1 2; 3"], "row 2 has 1 number(s) but row 1 has 2"),
        (["conv", "--values", "1 x; 3 4"], "'x' in row 1"),
        (["conv", "--kernel-values", ""], "--kernel-values"),
        (["conv", "--padding", "lots"], "--padding 'lots'"),
        (["conv", "--padding", "same", "--stride", "2"], "padding 'same' needs stride 1"),
        (["conv", "--input", "99999999999999999999"], "--input"),
        (["conv", "--groups", "2"], "in-channels 1 is not divisible by groups 2"),
        (["conv", "--step", "10"], "--step 10 is out of range; allowed: 1...9"),
        (["conv", "--width", "5"], "--width 5 is out of range"),
        (["conv", "--input", "5", "--values", "1 2; 3 4"], "disagrees with --values"),
        // Found by a tester: malformed lists, work that would hang, sizes past the frame.
        (["conv", "--kernel", "1,,2"], "--kernel '1,,2' has an empty item"),
        (["conv", "--kernel", "3x"], "--kernel '3x' has an empty item"),
        (["conv", "--input", "+7"], "'+7' is not a whole number"),
        (["conv", "--values", "1,,2;3 4"], "row 1 has an empty item"),
        (["conv", "--input", "2048", "--kernel", "1024", "--padding", "1024"], "needs 9902048149504 multiply-adds"),
        (["conv", "--input", "90", "--in-channels", "512", "--out-channels", "512"], "allows at most 67108864"),
        (["conv", "--input", "4096"], "input 1 x 1 x 4096 x 4096 has 16777216 values"),
        (["conv", "--width", "59"], "--width 59 is out of range; allowed: 60...1000"),
    ] as [([String], String)])
    func badValuesGetOneLineAndExit64(_ c: ([String], String)) throws {
        let r = try BinaryRunner.run(c.0 + ["--print"])
        #expect(r.status == 64, "\(c.0): \(r.stderr)")
        #expect(r.stderr.contains(c.1), "\(c.0): \(r.stderr)")
        #expect(!r.stderr.contains("Fatal error"))
    }

    @Test func fromFileProblems() throws {
        for (path, reason) in [("/dev/zero", "not a regular file"), ("/tmp", "it is a directory")] {
            let r = try BinaryRunner.run(["conv", "--from", path, "--print"])
            #expect(r.status == 66 && r.stderr.contains(reason), "\(path): \(r.stderr)")
        }
        let missing = try BinaryRunner.run(["conv", "--from", "/nonexistent/case.json", "--print"])
        #expect(missing.status == 66)
        #expect(missing.stderr.contains("/nonexistent/case.json"))
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("convscope-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let bad = dir.appendingPathComponent("bad.json")
        try Data("{\"input\": 3}".utf8).write(to: bad)
        let r = try BinaryRunner.run(["conv", "--from", bad.path, "--print"])
        #expect(r.status == 64)
        #expect(r.stderr.contains("is not a conv2d case"))
        let shapes = dir.appendingPathComponent("shapes.json")
        try Data("{\"input\": {\"shape\": [1,1,2,2], \"data\": [1,2,3]}, \"weight\": {\"shape\": [1,1,1,1], \"data\": [1]}}".utf8).write(to: shapes)
        let r2 = try BinaryRunner.run(["conv", "--from", shapes.path, "--print"])
        #expect(r2.status == 64)
        #expect(r2.stderr.contains("needs 4 values, got 3"))
    }
}
