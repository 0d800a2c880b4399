import Foundation
import Testing
import ConvTestSupport

/// What a reliability tester found (issue 14, "Robustness"): each case is the tester's input,
/// run through the built binary, with the exit status and the one line it must give.
@Suite struct RobustnessCommandTests {
    /// Runs `convscope ARGUMENTS > STDOUT` through the shell (for /dev/full and closed pipes).
    static func shell(_ script: String) throws -> (status: Int32, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script]
        var environment = ProcessInfo.processInfo.environment
        environment["SWIFT_BACKTRACE"] = "enable=no"
        environment["CONVSCOPE"] = BinaryRunner.binaryPath
        process.environment = environment
        let err = Pipe()
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("convscope-robust-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// stdout on /dev/full and a reader that closed the pipe: one line, exit 74 (EX_IOERR),
    /// where both once exited 0 with no message.
    @Test func writeErrorsOnStandardOutputExit74() throws {
        let full = try Self.shell("\"$CONVSCOPE\" conv --print > /dev/full")
        #expect(full.status == 74, "\(full.stderr)")
        #expect(full.stderr == "convscope: cannot write the output: No space left on device\n")
        // densenet121's JSON is larger than a pipe's buffer; the reader is gone before it is written.
        let status = try Self.shell("(sleep 0.3; \"$CONVSCOPE\" arch densenet121 --format json; echo $? > /dev/stderr) | true")
        #expect(status.stderr.hasSuffix("74\n"), "\(status.stderr)")
        #expect(status.stderr.contains("convscope: cannot write the output:"), "\(status.stderr)")
    }

    /// A FIFO given as a photo, a model file or a case file is refused at once (it used to block
    /// forever in open()).
    @Test func aFIFOIsRefusedWithoutBlocking() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let fifo = folder.appendingPathComponent("f.png").path
        #expect(mkfifo(fifo, 0o600) == 0)
        for arguments in [["filter", fifo, "--print"], ["rgb", fifo, "--print"], ["arch", fifo], ["pool", "--from", fifo, "--print"]] {
            let start = Date()
            let r = try BinaryRunner.run(arguments)
            #expect(Date().timeIntervalSince(start) < 5, "\(arguments)")
            #expect(r.status == 66, "\(arguments): \(r.stderr)")
            #expect(r.stderr.contains("not a regular file"), "\(arguments): \(r.stderr)")
            #expect(r.stderr.split(separator: "\n").count == 1, "\(arguments): \(r.stderr)")
        }
    }

    /// A lesson file of 8,000 '[' then 8,000 ']' killed `lesson list` and `home` with SIGSEGV.
    @Test func aDeeplyNestedLessonIsRefusedWithItsLine() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = String(repeating: "[", count: 8000) + String(repeating: "]", count: 8000)
        try text.write(to: folder.appendingPathComponent("01-deep.yaml"), atomically: true, encoding: .utf8)
        for arguments in [["lesson", "list"], ["home", "--print"]] {
            let r = try BinaryRunner.run(arguments, environment: ["CONVSCOPE_LESSONS": folder.path])
            #expect(r.status == 66 || r.status == 65, "\(arguments): \(r.status) \(r.stderr)")
            #expect(r.stderr.contains("01-deep.yaml") && r.stderr.contains("nests brackets more than 64 deep"), "\(r.stderr)")
        }
    }

    /// `--out` onto the input photo is refused (it was overwritten without a word); a folder that
    /// does not exist exits 73 (EX_CANTCREAT), not 66 (kept for unreadable input).
    @Test func outNeverOverwritesTheInputAndFailsWith73() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let photo = folder.appendingPathComponent("camera.pgm")
        try FileManager.default.copyItem(at: URL(fileURLWithPath: assetImage("camera-16.pgm")), to: photo)
        let before = try Data(contentsOf: photo)
        let same = try BinaryRunner.run(["filter", photo.path, "--out", folder.path + "/./camera.pgm", "--print"])
        #expect(same.status == 64, "\(same.stderr)")
        #expect(same.stderr.contains("is the input image"))
        #expect(try Data(contentsOf: photo) == before)
        let missing = try BinaryRunner.run(["filter", photo.path, "--out", folder.path + "/no/such/folder/x.png", "--print"])
        #expect(missing.status == 73, "\(missing.stderr)")
        #expect(missing.stderr.split(separator: "\n").count == 1)
    }

    /// A 16 KB PNG of 4100 x 4100 zeros cost 810 MB and 7 s before it was refused; its header is
    /// now checked against the filter scenes' 2^24 samples before a pixel is inflated.
    @Test func aDecompressionBombIsRefusedFromItsHeader() throws {
        let bomb = Fixtures.url("images/zeros-4100x4100.png").path
        let start = Date()
        let r = try BinaryRunner.run(["filter", bomb, "--print"])
        #expect(Date().timeIntervalSince(start) < 2)
        #expect(r.status == 64, "\(r.stderr)")
        #expect(r.stderr.contains("is 4100 x 4100 x 1 = 16810000 samples; the filter scenes allow at most 16777216"), "\(r.stderr)")
    }

    /// A case whose result overflows Float (data near 3.4e38) printed `{}` with exit 0 for conv,
    /// deconv and avg pool; the overflowed cells are now the string "Infinity" (JSON has no inf).
    @Test func floatOverflowIsWrittenNotDropped() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let big = "{\"shape\": [1, 1, 2, 2], \"data\": [3e38, 3e38, 3e38, 3e38]}"
        let cases = [
            ("conv", "{\"input\": \(big), \"weight\": {\"shape\": [1, 1, 2, 2], \"data\": [2, 2, 2, 2]}}"),
            ("deconv", "{\"input\": \(big), \"weight\": {\"shape\": [1, 1, 2, 2], \"data\": [2, 2, 2, 2]}, \"stride\": [1, 1], \"padding\": [0, 0], \"output_padding\": [0, 0], \"dilation\": [1, 1], \"groups\": 1}"),
            ("pool", "{\"kind\": \"avg\", \"input\": \(big), \"kernel\": [2, 2], \"stride\": [2, 2], \"padding\": [0, 0], \"ceil_mode\": false}"),
        ]
        for (scene, text) in cases {
            let path = folder.appendingPathComponent("\(scene).json").path
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            let r = try BinaryRunner.run([scene, "--from", path, "--format", "json", "--print"])
            #expect(r.status == 0, "\(scene): \(r.stderr)")
            #expect(r.stdout.count > 10 && r.stdout.contains("\"Infinity\""), "\(scene): \(r.stdout.prefix(300))")
        }
    }

    /// Negative numbers are values, not options: `--sampling-ratio -1` (documented as adaptive)
    /// failed with "Missing value"; other options now name the value and the range.
    @Test func negativeNumbersAreValues() throws {
        let adaptive = try BinaryRunner.run(["roi", "--align", "--sampling-ratio", "-1", "--format", "json", "--print"])
        #expect(adaptive.status == 0, "\(adaptive.stderr)")
        let equals = try BinaryRunner.run(["roi", "--align", "--sampling-ratio=-1", "--format", "json", "--print"])
        #expect(adaptive.stdout == equals.stdout)
        for (arguments, message) in [(["activations", "--n", "-3", "--print"], "--n -3 is out of range; allowed: 1...64"),
                                     (["conv", "--step", "-2", "--print"], "--step -2 is out of range"),
                                     (["arch", "resnet18", "--width", "-5"], "--width -5 is out of range; allowed: 40...1000"),
                                     (["yolo", "--grid", "-7", "--print"], "-7")] {
            let r = try BinaryRunner.run(arguments)
            #expect(r.status == 64, "\(arguments): \(r.stderr)")
            #expect(r.stderr.contains(message), "\(arguments): \(r.stderr)")
            #expect(!r.stderr.contains("Missing value"), "\(arguments): \(r.stderr)")
        }
    }
}
