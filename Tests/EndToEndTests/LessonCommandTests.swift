import Testing
import Foundation
import ConvTestSupport

/// `convscope` (the home screen) and `convscope lesson`, run as a user runs them, without a terminal.
@Suite struct LessonCommandTests {
    /// A fresh state folder so that no test reads or writes the real progress.
    func stateHome() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("convscope-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    func run(_ arguments: [String], _ extra: [String: String] = [:]) throws -> BinaryRunner.Result {
        let state = try stateHome()
        defer { try? FileManager.default.removeItem(at: state) }
        var env = ["XDG_STATE_HOME": state.path, "LANG": "C.UTF-8", "LC_ALL": ""]
        for (k, v) in extra { env[k] = v }
        return try BinaryRunner.run(arguments, environment: env)
    }

    @Test func theListHasOneLessonPerLineStartingWithItsNumber() throws {
        let r = try run(["lesson", "list"])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 16)
        for (i, line) in lines.enumerated() { #expect(line.hasPrefix("\(i + 1) "), "\(line)") }
        #expect(lines[2].contains("Stride and padding"))
        // Korean from the locale, and from --lang.
        let ko = try run(["lesson", "list"], ["LANG": "ko_KR.UTF-8"])
        #expect(ko.stdout.contains("3   스트라이드와 패딩"))
        #expect(try run(["lesson", "list", "--lang", "ko"]).stdout == ko.stdout)
    }

    @Test func theHomeScreenIsTheDefaultAndPrintsWithoutATerminal() throws {
        let r = try run([])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("Lessons") && r.stdout.contains("Playgrounds") && r.stdout.contains("Model tables"))
        #expect(r.stdout.contains("16  YOLO: you only look once"))
        let conv = r.stdout.split(separator: "\n").first { $0.trimmingCharacters(in: .whitespaces).hasPrefix("conv ") }
        #expect(conv?.contains("Step through a 2-D convolution") == true)
        // Model tables are their own section, so `arch` is not listed among the playgrounds.
        #expect(!r.stdout.split(separator: "\n").contains { $0.trimmingCharacters(in: .whitespaces).hasPrefix("arch ") })
        #expect(r.stdout.contains("alexnet-original") && r.stdout.contains("60,965,224 parameters"))
        #expect(!r.stdout.contains("\u{1B}"))
        #expect(try run(["--lang", "ko"]).stdout.contains("레슨"))
    }

    @Test func aLessonPrintsAsTextAndAPageAsTheFrame() throws {
        let r = try run(["lesson", "3", "--print", "--lang", "ko"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("3. 스트라이드와 패딩\n목표: "))
        #expect(r.stdout.contains("$ convscope conv --input 7 --stride 2 --padding 1"))
        // The answers, computed by the core: i = 7, k = 3, s = 2 -> 3; k = 5 same -> 2; AlexNet 227 -> 55.
        #expect(r.stdout.hasSuffix("답\n3.1: 3\n3.2: 2\n3.3: 55\n"))
        let page = try run(["lesson", "3", "--step", "3", "--print", "--width", "80", "--height", "24"])
        #expect(page.status == 0)
        let lines = page.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 25)   // 24 rows and the final newline
        #expect(page.stdout.contains("step 3.3 (3/3)") && page.stdout.contains("Output 4x4"))
    }

    @Test func badValuesExit64WithOneLine() throws {
        for (args, needle) in [(["lesson", "17"], "lesson '17' does not exist; allowed: list, check, 1...16"),
                               (["lesson", "3", "--step", "9"], "--step 9 is out of range for lesson 3; allowed: 1...4"),
                               (["lesson", "3", "--lang", "fr"], "--lang 'fr' is not valid; allowed: en, ko"),
                               (["--lang", "de"], "--lang 'de' is not valid"),
                               (["lesson", "3", "--width", "10"], "--width 10 is out of range")] {
            let r = try run(args)
            #expect(r.status == 64, "\(args)")
            #expect(r.stderr == "convscope: \(needle)\n" || r.stderr.hasPrefix("convscope: \(needle)"), "\(r.stderr)")
        }
    }

    @Test func aBrokenLessonFolderNamesTheFileAndTheStep() throws {
        let folder = try stateHome()
        defer { try? FileManager.default.removeItem(at: folder) }
        let lesson = """
            number: 1
            title: {en: T, ko: 제목}
            goal: {en: G, ko: 목표}
            steps:
              - text: {en: A, ko: 가}
                scene: [conv]
              - text: {en: B}
                scene: [conv]
            summary: {en: S, ko: 요약}
            """
        try lesson.write(to: folder.appendingPathComponent("01-broken.yaml"), atomically: true, encoding: .utf8)
        let r = try run(["lesson", "list"], ["CONVSCOPE_LESSONS": folder.path])
        #expect(r.status == 66)
        #expect(r.stderr == "convscope: 01-broken.yaml, step 2, text.ko: missing translation: no 한국어 (ko) text\n")
        // `lesson check` resolves scenes: an unknown command names the file and the step.
        try lesson.replacingOccurrences(of: "{en: B}", with: "{en: B, ko: 나}").replacingOccurrences(of: "scene: [conv]\nsummary", with: "scene: [nosuch]\nsummary")
            .write(to: folder.appendingPathComponent("01-broken.yaml"), atomically: true, encoding: .utf8)
        let check = try run(["lesson", "check"], ["CONVSCOPE_LESSONS": folder.path])
        #expect(check.status == 66)
        #expect(check.stderr.contains("convscope: 01-broken.yaml, step 2, scene: nosuch: unknown scene 'nosuch'"), "\(check.stderr)")
    }

    @Test func aCorruptProgressFileIsSetAsideWithAMessage() throws {
        let state = try stateHome()
        defer { try? FileManager.default.removeItem(at: state) }
        let folder = state.appendingPathComponent("convscope")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try "{ this is not progress".write(to: folder.appendingPathComponent("progress.json"), atomically: true, encoding: .utf8)
        let r = try BinaryRunner.run(["lesson", "list"], environment: ["XDG_STATE_HOME": state.path])
        #expect(r.status == 0)
        #expect(r.stderr.contains("was not readable; set aside as"), "\(r.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(files.count == 1 && files[0].hasPrefix("progress.json.unreadable-"))
    }
}
