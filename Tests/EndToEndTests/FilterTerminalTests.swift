import Testing
import Foundation
import ConvTestSupport

/// `convscope filter` in a real terminal (tmux): the photo in colour half-blocks, stepping, and
/// the terminal restored afterwards.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable))
struct FilterTerminalTests {
    /// Runs `convscope ARGUMENTS` from the package root in a pane, then prints its exit status
    /// and `stty -a`.
    func launch(_ arguments: String, environment: String = "", width: Int = 100, height: Int = 30) throws -> TmuxSession {
        try TmuxSession.convscope(arguments, prefix: "cd '\(packageRoot.path)' && \(environment)", width: width, height: height)
    }

    func expectSaneTerminal(_ screen: String) {
        #expect(TmuxSession.terminalRestored(in: screen), "terminal not restored (stty -a shows no echo/icanon):\n\(screen)")
    }

    @Test func astronautOutlineStepsOnceAndQuitsWithTheTerminalRestored() throws {
        // The test runner may set NO_COLOR; this test is about colour.
        let session = try launch("filter assets/images/astronaut.png --kernel outline", environment: "env -u NO_COLOR")
        // Wait for the whole first frame (the footer is drawn last).
        var screen = try session.waitFor { $0.contains("step 1/196608") && $0.contains("n/p step") }
        #expect(screen.contains("step 1/196608"), "\(screen)")
        #expect(screen.contains("Original astronaut.png 256x256 RGB") && screen.contains("Result outline 256x256"))
        // The pictures are half-block cells in colour (xterm-256color: palette escapes).
        #expect(screen.contains("▀"))
        let escapes = try session.tmux(["capture-pane", "-p", "-e", "-t", session.name])
        #expect(escapes.contains("38;5;") && escapes.contains("48;5;"), "no 256-colour cells")
        try session.send("n")
        screen = try session.waitFor { $0.contains("step 2/196608") && $0.contains("out[R,0,1] = ") }
        #expect(screen.contains("step 2/196608"), "\(screen)")
        #expect(screen.contains("out[R,0,1] = "), "\(screen)")
        try session.send("q")
        screen = try session.waitFor { $0.contains("EXIT=") && $0.contains("icanon") }
        #expect(screen.contains("EXIT=0"), "\(screen)")
        expectSaneTerminal(screen)
    }

    @Test func noColorShowsTheASCIIRamp() throws {
        let session = try launch("filter assets/images/camera.png --kernel blur", environment: "NO_COLOR=1")
        var screen = try session.waitFor { $0.contains("step 1/65536") && $0.contains("n/p step") }
        #expect(screen.contains("Original camera.png 256x256 grey"), "\(screen)")
        #expect(!screen.contains("▀"))
        #expect(screen.contains("@") || screen.contains("%") || screen.contains("#"))
        // The screen is the plain export of the same frame.
        let printed = try BinaryRunner.run(["filter", assetImage("camera.png"), "--kernel", "blur", "--print", "--width", "100", "--height", "30"])
        #expect(printed.stdout.normalizedScreen == screen.normalizedScreen)
        try session.send("z")
        screen = try session.waitFor { $0.contains("zoom 2x") }
        #expect(screen.contains("zoom 2x: rows 1-"), "\(screen)")
        try session.send("C-c")
        screen = try session.waitFor { $0.contains("EXIT=") && $0.contains("icanon") }
        #expect(screen.contains("EXIT=130"), "\(screen)")
        expectSaneTerminal(screen)
    }
}
