import Testing
import Foundation
import ConvTestSupport

/// The home screen and a lesson in Korean in a real terminal (tmux), as a person uses them.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable))
struct LessonTerminalTests {
    func expectSaneTerminal(_ screen: String) {
        #expect(TmuxSession.terminalRestored(in: screen), "terminal not restored (stty -a shows no echo/icanon):\n\(screen)")
    }

    @Test func homeThenLessonThreeInKoreanWrongThenRightAnswerThenQuit() throws {
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("convscope-tmux-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: state) }
        let session = try TmuxSession.convscope("--lang ko", prefix: "XDG_STATE_HOME=\(state.path)")
        var screen = try session.waitFor { $0.contains("레슨") && $0.contains("스트라이드와 패딩") }
        #expect(screen.contains("ConvScope | 홈"), "\(screen)")
        // Down twice: lesson 3; Enter opens it.
        try session.send("Down")
        try session.send("Down")
        try session.send("Enter")
        screen = try session.waitFor { $0.contains("3. 스트라이드와 패딩") && $0.contains("문제:") }
        #expect(screen.contains("단계 3.1 (1/3)"), "\(screen)")
        #expect(screen.contains("conv2d") && screen.contains("[input 7x7]"), "\(screen)")
        // Hangul is two columns wide: the right-aligned step counter ends at the last column.
        let title = screen.split(separator: "\n").first.map(String.init) ?? ""
        #expect(title.hasSuffix("(1/3)"), "\(title)")
        // a, a wrong answer (5), Enter: the hint.
        try session.send("a")
        try session.send("5")
        try session.send("Enter")
        screen = try session.waitFor { $0.contains("오답 (5). 힌트:") }
        #expect(screen.contains("오답 (5). 힌트:"), "\(screen)")
        // The right one: i = 7, k = 3, s = 2 gives 3 (Dumoulin & Visin 2016).
        try session.send("3")
        try session.send("Enter")
        screen = try session.waitFor { $0.contains("정답: 3") }
        #expect(screen.contains("정답: 3"), "\(screen)")
        // q: back home (progress shows the answered question); q again quits.
        try session.send("q")
        screen = try session.waitFor { $0.contains("ConvScope | 홈") }
        #expect(screen.contains("1/3"), "\(screen)")
        try session.send("q")
        screen = try session.waitFor { $0.contains("EXIT=") && $0.contains("icanon") }
        #expect(screen.contains("EXIT=0"), "\(screen)")
        expectSaneTerminal(screen)
        // Progress was saved atomically: only progress.json in the folder, with the answer.
        let folder = state.appendingPathComponent("convscope")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["progress.json"])
        let saved = try String(contentsOf: folder.appendingPathComponent("progress.json"), encoding: .utf8)
        #expect(saved.contains("\"03-stride-padding\"") && saved.contains("\"answered\" : [\n        1\n      ]"), "\(saved)")
    }
}
