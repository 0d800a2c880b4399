import Testing
import Foundation
import ConvTestSupport

/// The run loop in a real terminal (tmux): a resized terminal leaves nothing on the shell's
/// screen, and an idle scene uses no CPU to speak of.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable))
struct RunLoopTerminalTests {
    /// The shell prints a mark, the scene opens, the window shrinks to 70 x 20 and grows to
    /// 120 x 40, q quits: the shell's screen is the mark, then the exit line, nothing between.
    @Test(arguments: ["filter", "rgb", "activations", ""])
    func resizingTwiceLeavesTheShellsScreenAsItWas(_ scene: String) throws {
        let session = try TmuxSession(command: "cd '\(packageRoot.path)' && echo BEFORE-MARK && \(BinaryRunner.binaryPath) \(scene); echo EXIT=$?; sleep 30")
        try session.waitFor { $0.contains("? help") }
        try session.tmux(["resize-window", "-t", session.name, "-x", "70", "-y", "20"])
        try session.waitFor { $0.split(separator: "\n", omittingEmptySubsequences: false).count <= 21 && !$0.hasPrefix("\n") }
        try session.tmux(["resize-window", "-t", session.name, "-x", "120", "-y", "40"])
        try session.waitFor { $0.split(separator: "\n", omittingEmptySubsequences: false).count >= 40 && $0.contains("help") }
        usleep(200_000)
        try session.send("q")
        let screen = try session.waitFor { $0.contains("EXIT=") }
        let before = screen.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .prefix { !$0.hasPrefix("EXIT=") }.filter { !$0.isEmpty }
        #expect(before == ["BEFORE-MARK"], "scene '\(scene)' left lines on the shell:\n\(screen)")
        #expect(screen.contains("EXIT=0"), "\(screen)")
    }

    /// `convscope conv` idle for 10 s: CPU time from /proc/PID/stat, printed; the goal is under 1% of a core.
    @Test func anIdleSceneUsesNoCPU() throws {
        let session = try TmuxSession.convscope("conv")
        try session.waitFor { $0.contains("step 1/9") && $0.contains("q quit") }
        guard let pid = try session.paneChildren().first, let start = TmuxSession.cpuSeconds(pid: pid) else {
            Issue.record("no convscope process in the pane")
            return
        }
        let seconds = 10.0
        Thread.sleep(forTimeInterval: seconds)
        let end = TmuxSession.cpuSeconds(pid: pid) ?? start
        let percent = (end - start) / seconds * 100
        print("RunLoopTerminalTests: convscope conv idle for \(Int(seconds)) s used \(String(format: "%.2f", end - start)) s of CPU = \(String(format: "%.2f", percent))% of a core")
        // Clock ticks are 10 ms: under 1% of a core over 10 s is at most 10 ticks.
        #expect(percent < 1.0, "idle CPU \(percent)% of a core")
        try session.send("q")
        #expect(try session.waitFor { $0.contains("EXIT=") }.contains("EXIT=0"))
    }
}
