import Foundation
import Testing
import ArgumentParser
@testable import convscope
import ConvTestSupport

/// Random argument vectors for every subcommand, run in this process through the parsing and
/// computing path `convscope` uses (ArgumentParser's `parseAsRoot`, then `run()`), with what it
/// prints collected through ``CommandOutput/sink`` (standard output discarded). Each run must end without a trap, with
/// an exit status in {0, 64, 65, 66, 73} (73 for an `--out` that cannot be created), an error on
/// one line, and within 10 s. CONVSCOPE_FUZZ_COUNT sets the runs per subcommand (default 200:
/// a debug build takes about 20-150 ms a run, so CI's `swift test` runs 2,800 vectors; the
/// issue's 5,000 per subcommand is `CONVSCOPE_FUZZ_COUNT=5000 swift test --filter ArgumentFuzz`),
/// CONVSCOPE_FUZZ_SEED the seed.
@Suite(.serialized) struct ArgumentFuzzTests {
    static let count = Int(ProcessInfo.processInfo.environment["CONVSCOPE_FUZZ_COUNT"] ?? "") ?? 200
    static let seed = UInt64(ProcessInfo.processInfo.environment["CONVSCOPE_FUZZ_SEED"] ?? "") ?? 14

    static let subcommands = ["home", "lesson"] + SceneCommands.all.map { $0.configuration.commandName ?? "" }

    /// Values an option may get: numbers at and past every documented limit, lists and pairs,
    /// malformed numbers, words of the enumerations, paths of every kind.
    static let values: [String] = [
        "0", "1", "2", "3", "4", "7", "16", "64", "255", "256", "512", "1024", "4096", "65536", "1048576",
        "-1", "-2", "-4096", "2147483648", "9223372036854775807", "99999999999999999999", "1e309", "nan", "inf", "0.5",
        "-0", "1.5", "2x2", "3x5", "1,2", "1,2,3", "0,0,10,10", "-5,-5,100,100", "3x", "x3", "1,,2", ",", "", " ", "abc",
        "same", "valid", "full", "max", "avg", "json", "ascii", "unicode", "ansi", "text", "markdown", "direct", "scatter",
        "blur", "emboss", "outline", "sharpen", "1 2 3; 4 5 6; 7 8 9", "1/0", "0.5,1,2", "128,256,512", "torchvision",
        "py-faster-rcnn", "resnet18", "alexnet", "vgg16", "fcn32s", "en", "ko", "xx", "params", "all", "memory",
        "/dev/null", "/dev/zero", "/nonexistent/file", ".", "/", "{scratch}/no-such.png", "{scratch}/out.png", "{scratch}/out.pgm",
        "{root}/assets/images/camera.png", "{root}/Sources/ConvTestSupport/Fixtures/corpus/onnx/resnet18.onnx",
        "{root}/Sources/ConvTestSupport/Fixtures/corpus/darknet/yolov1.cfg", "{root}/Sources/ConvTestSupport/Fixtures/conv2d.json",
        "{root}/Sources/ConvTestSupport/Fixtures/pool2d.json", String(repeating: "9", count: 400), "--", "-", "--print",
    ]

    /// The `--option` names in `help`.
    static func options(in help: String) -> [String] {
        var found: [String] = []
        let scanner = help.split(whereSeparator: { " ,=<>[]()\n".contains($0) })
        for token in scanner where token.hasPrefix("--") && token.count > 2 {
            let name = String(token)
            if !found.contains(name), name != "--help", name != "--generate-completion-script" { found.append(name) }
        }
        return found
    }

    /// What a run wrote to standard error, collected through ``CommandOutput/sink``.
    final class Collected: @unchecked Sendable {
        let lock = NSLock()
        var errors = ""
        func add(_ text: String, _ isError: Bool) {
            guard isError else { return }
            lock.lock(); errors += text; lock.unlock()
        }
    }

    /// Runs `arguments` in this process: the exit status and what went to standard error
    /// (standard output is discarded). The process's file descriptors and working directory are
    /// untouched, so other suites running alongside are not disturbed.
    static func execute(_ arguments: [String]) -> (status: Int32, stderr: String) {
        let collected = Collected()
        CommandOutput.sink.withLock { $0 = { text, isError in collected.add(text, isError) } }
        defer { CommandOutput.sink.withLock { $0 = nil } }
        var status: Int32 = 0
        do {
            var command = try ConvScopeCommand.parseAsRoot(arguments)
            try command.run()
        } catch {
            status = ConvScopeCommand.exitCode(for: error).rawValue
            if !(error is ExitCode), status != 0 {
                collected.add("convscope: \(ConvScopeCommand.message(for: error))\n", true)
            }
        }
        return (status, collected.errors)
    }

    @Test func randomArgumentVectorsNeverTrapAndFailOnOneLine() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("convscope-fuzz-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        // Every path is absolute: output files land in the scratch folder, inputs are the repository's.
        let values = Self.values.map {
            $0.replacingOccurrences(of: "{root}", with: root.path).replacingOccurrences(of: "{scratch}", with: scratch.path)
        }
        var rng = SplitMix64(state: Self.seed)
        var failures: [String] = []
        var slowest = (seconds: 0.0, arguments: [String]())
        var statuses: [Int32: Int] = [:]
        var perSubcommand: [String] = []
        for subcommand in Self.subcommands {
            let began = Date()
            defer { perSubcommand.append("\(subcommand) \(String(format: "%.1f", Date().timeIntervalSince(began))) s") }
            var command = [subcommand]
            let names = Self.options(in: ConvScopeCommand.helpMessage(for: Self.commandType(subcommand)))
            for _ in 0..<Self.count {
                command = [subcommand]
                if subcommand == "lesson" || subcommand == "arch" || subcommand == "filter" || subcommand == "rgb",
                   Bool.random(using: &rng) {
                    command.append(values.randomElement(using: &rng)!)
                }
                for _ in 0..<Int.random(in: 0...4, using: &rng) {
                    guard let name = names.randomElement(using: &rng) else { break }
                    command.append(name)
                    if Int.random(in: 0..<8, using: &rng) != 0 { command.append(values.randomElement(using: &rng)!) }
                }
                command.append("--print")
                let start = Date()
                let (status, stderr) = Self.execute(command)
                let elapsed = Date().timeIntervalSince(start)
                statuses[status, default: 0] += 1
                if elapsed > slowest.seconds { slowest = (elapsed, command) }
                let lines = stderr.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.isEmpty }
                if ![0, 64, 65, 66, 73].contains(status) {
                    failures.append("\(command): exit \(status): \(stderr)")
                } else if status != 0, lines.count != 1 {
                    failures.append("\(command): exit \(status) with \(lines.count) lines: \(stderr.prefix(400))")
                } else if elapsed > 10 {
                    failures.append("\(command): \(elapsed) s")
                }
                if failures.count >= 20 { break }
            }
        }
        print("argument fuzz: \(Self.count) vectors x \(Self.subcommands.count) subcommands, seed \(Self.seed); exit statuses \(statuses.sorted { $0.key < $1.key }); slowest \(String(format: "%.2f", slowest.seconds)) s: \(slowest.arguments); time per subcommand: \(perSubcommand.joined(separator: ", "))")
        #expect(failures.isEmpty, "seed \(Self.seed):\n\(failures.joined(separator: "\n"))")
    }

    static func commandType(_ name: String) -> ParsableCommand.Type {
        switch name {
        case "home": return HomeCommand.self
        case "lesson": return LessonCommand.self
        default: return SceneCommands.all.first { $0.configuration.commandName == name } ?? HomeCommand.self
        }
    }
}
