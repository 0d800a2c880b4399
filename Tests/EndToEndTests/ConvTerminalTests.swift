import Testing
import Foundation
import ConvTestSupport

/// The real binary under tmux, as a person sees it.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable))
struct ConvTerminalTests {
    /// Runs `convscope ARGUMENTS` in a pane, then prints its exit status and `stty -a`.
    /// `prefix` goes before the binary (e.g. "TERM=dumb": tmux sets TERM itself).
    func launch(_ arguments: String, prefix: String = "", width: Int = 100, height: Int = 30) throws -> TmuxSession {
        try TmuxSession.convscope(arguments, prefix: prefix, width: width, height: height)
    }

    func expectSaneTerminal(_ screen: String) {
        #expect(TmuxSession.terminalRestored(in: screen), "terminal not restored (stty -a shows no echo/icanon):\n\(screen)")
    }

    @Test func stepsThreeFramesAndQuitsWithTheTerminalRestored() throws {
        let session = try launch("conv --padding 1 --stride 2")
        var screen = try session.waitFor { $0.contains("step 1/9") }
        #expect(screen.contains("step 1/9"), "\(screen)")
        try session.send("n")
        try session.send("Right")
        try session.send("n")
        screen = try session.waitFor { $0.contains("step 4/9") && $0.contains("out[1,0] = ") && $0.contains("q quit") }
        // Dumoulin & Visin 2016: stride 2, padding 1 gives 6 17 3 / 8 ...
        #expect(screen.contains(" 6 17  3"), "\(screen)")
        #expect(screen.contains("[ 8]"), "\(screen)")
        #expect(screen.contains("out[1,0] = "), "\(screen)")

        // The ASCII export of the same step at the same size is the same text.
        let printed = try BinaryRunner.run(["conv", "--padding", "1", "--stride", "2", "--step", "4", "--print", "--width", "100", "--height", "30"])
        #expect(printed.stdout.normalizedScreen == screen.normalizedScreen)

        try session.send("q")
        screen = try session.waitFor { $0.contains("EXIT=") && $0.contains("icanon") }
        #expect(screen.contains("EXIT=0"), "\(screen)")
        expectSaneTerminal(screen)
    }

    @Test func ctrlCRestoresTheTerminal() throws {
        let session = try launch("conv")
        try session.waitFor { $0.contains("step 1/9") }
        try session.send("C-c")
        let screen = try session.waitFor { $0.contains("EXIT=") && $0.contains("icanon") }
        #expect(screen.contains("EXIT=130"), "\(screen)")
        expectSaneTerminal(screen)
    }

    @Test func sigtermRestoresTheTerminal() throws {
        let session = try launch("conv")
        try session.waitFor { $0.contains("step 1/9") }
        try session.signalPaneProcess(SIGTERM)
        let screen = try session.waitFor { $0.contains("EXIT=") && $0.contains("icanon") }
        #expect(screen.contains("EXIT=143"), "\(screen)")
        expectSaneTerminal(screen)
    }

    /// Ctrl-\\ (SIGQUIT) left the alternate screen, a hidden cursor and -echo -icanon behind
    /// (exit 131), or the backtracer's prompt over the screen: now it restores like SIGTERM.
    @Test func sigquitRestoresTheTerminal() throws {
        let session = try launch("conv", prefix: "SWIFT_BACKTRACE=enable=yes,interactive=yes")
        try session.waitFor { $0.contains("step 1/9") }
        try session.send("C-\\")
        let screen = try session.waitFor { $0.contains("EXIT=") && $0.contains("icanon") }
        #expect(screen.contains("EXIT=131"), "\(screen)")
        #expect(!screen.contains("Crash") && !screen.contains("backtrace"), "\(screen)")
        expectSaneTerminal(screen)
    }

    /// Alt+key, a bracketed paste holding "q", and Home under TERM=xterm-256color inside tmux
    /// were read as Esc and quit at once; they are decoded whole and ignored (Home is Home).
    @Test func escapeSequencesDoNotQuit() throws {
        let session = try launch("conv", prefix: "TERM=xterm-256color")
        try session.waitFor { $0.contains("step 1/9") }
        try session.send("n")
        try session.waitFor { $0.contains("step 2/9") }
        try session.send("M-x")
        try session.tmux(["send-keys", "-t", session.name, "-l", "\u{1B}[200~q\u{1B}[201~"])
        try session.tmux(["send-keys", "-t", session.name, "-l", "\u{1B}]11;rgb:0000/0000/0000\u{07}"])
        try session.send("Home")
        var screen = try session.waitFor { $0.contains("step 1/9") }
        #expect(!screen.contains("EXIT="), "\(screen)")
        try session.send("Escape")
        screen = try session.waitFor { $0.contains("EXIT=") && $0.contains("icanon") }
        #expect(screen.contains("EXIT=0"), "\(screen)")
        expectSaneTerminal(screen)
    }

    @Test func tinyWindowSaysHowLargeItMustBeAndRedrawsOnResize() throws {
        let session = try launch("conv")
        try session.waitFor { $0.contains("step 1/9") }
        try session.tmux(["resize-window", "-t", session.name, "-x", "40", "-y", "10"])
        var screen = try session.waitFor { $0.contains("terminal too small") }
        #expect(screen.contains("need 60 x 16"), "\(screen)")
        try session.tmux(["resize-window", "-t", session.name, "-x", "100", "-y", "30"])
        screen = try session.waitFor { $0.contains("step 1/9") }
        #expect(screen.contains("Output 3x3"), "\(screen)")
        try session.send("q")
        screen = try session.waitFor { $0.contains("EXIT=") && $0.contains("icanon") }
        #expect(screen.contains("EXIT=0"))
        expectSaneTerminal(screen)
    }

    @Test func playAndHelpInTheTerminal() throws {
        let session = try launch("conv")
        try session.waitFor { $0.contains("step 1/9") }
        try session.send("?")
        var screen = try session.waitFor { $0.contains("show / hide this help") }
        #expect(screen.contains("play / pause"))
        try session.send("Escape")
        // A key within 30 ms of Esc would make it Alt+key (EscapeSequence): wait for the help to close.
        try session.waitFor { !$0.contains("show / hide this help") }
        try session.send("Space")
        screen = try session.waitFor { $0.contains("step 9/9") }
        #expect(screen.contains("step 9/9"), "\(screen)")
        try session.send("q")
        screen = try session.waitFor { $0.contains("EXIT=") && $0.contains("icanon") }
        #expect(screen.contains("EXIT=0"))
    }

    @Test func dumbTerminalPrintsInstead() throws {
        let session = try launch("conv --height 16", prefix: "TERM=dumb", height: 60)
        let screen = try session.waitFor { $0.contains("EXIT=") && $0.contains("icanon") }
        #expect(screen.contains("step 1/9"), "\(screen)")
        #expect(!screen.contains("\u{1B}"))
        #expect(screen.contains("EXIT=0"), "\(screen)")
    }
}
