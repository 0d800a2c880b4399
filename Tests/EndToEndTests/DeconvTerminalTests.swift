import Testing
import Foundation
import ConvTestSupport

/// `convscope deconv` and `convscope pool` under tmux, as a person sees them.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable))
struct DeconvTerminalTests {
    /// Runs `convscope ARGUMENTS` in a 100 x 30 pane, then prints its exit status and `stty -a`.
    func launch(_ arguments: String) throws -> TmuxSession {
        try TmuxSession.convscope(arguments)
    }

    func expectSaneTerminal(_ screen: String) {
        #expect(TmuxSession.terminalRestored(in: screen), "terminal not restored (stty -a shows no echo/icanon):\n\(screen)")
    }

    /// The default scene is conv_arithmetic's padding_strides_odd_transposed (i'=3, k=3, s=2, p=1,
    /// output_padding=1): by relationship 14 its stretched input is 8 x 8 — one border row, input
    /// rows with one inserted zero between cells, one border row, and the output_padding row at
    /// the BOTTOM (and column at the RIGHT). Values: the 3 x 3 corner of Dumoulin & Visin's input
    /// (3 3 2 / 0 0 1 / 3 1 2), one character per cell.
    @Test func stepsADeconvolutionAndFindsInsertedZerosAndTheOutputPaddingRow() throws {
        let session = try launch("deconv")
        var screen = try session.waitFor { $0.contains("step 1/36") }
        #expect(screen.contains("step 1/36"), "\(screen)")
        try session.send("n")
        try session.send("Right")
        try session.send("n")
        // Wait for the whole frame (title and grid), not a half-drawn one.
        screen = try session.waitFor { $0.contains("step 4/36") && $0.contains(" . .[. . .]. +") && $0.contains("q quit") }
        #expect(screen.contains("step 4/36"), "\(screen)")
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let top = try #require(lines.firstIndex { $0.hasPrefix("Stretched input 8x8") }, "\(screen)")
        // The grid, brackets of the window (over columns 3-5 at step 4) turned back into separators.
        let grid = lines[(top + 1)...(top + 8)].map {
            String($0.prefix(16)).replacingOccurrences(of: "[", with: " ").replacingOccurrences(of: "]", with: " ")
        }
        #expect(grid == [
            " . . . . . . . +",
            " . 3 o 3 o 2 . +",
            " . o o o o o . +",     // a row of inserted zeros
            " . 0 o 0 o 1 . +",
            " . o o o o o . +",
            " . 3 o 1 o 2 . +",
            " . . . . . . . +",
            " + + + + + + + +",     // output_padding: the bottom row, and the right column above
        ], "\(screen)")
        // The window of step 4 (out[0,3]) is bracketed over grid columns 3-5 of rows 0-2.
        #expect(lines[top + 1].contains(" . .[. . .]. +"), "\(screen)")
        #expect(screen.contains("+ output_padding (bottom/right)"))
        #expect(screen.contains("d(k-1)-p = 1 before"))
        #expect(screen.contains("Flipped 180"))

        // The same operation as scatter.
        try session.send("t")
        screen = try session.waitFor { $0.contains("step 1/9") && $0.contains("Stamp") }
        #expect(screen.contains("Stamp 3 x kernel"), "\(screen)")
        #expect(screen.contains("(5 taps cropped by padding)"), "\(screen)")

        try session.send("q")
        screen = try session.waitFor { $0.contains("EXIT=") && $0.contains("icanon") }
        #expect(screen.contains("EXIT=0"), "\(screen)")
        expectSaneTerminal(screen)
    }

    /// Dumoulin & Visin 2016, figure 1.6: the last window of 3x3 max pooling, stride 1.
    @Test func poolSceneStepsToTheLastWindowAndQuits() throws {
        let session = try launch("pool")
        try session.waitFor { $0.contains("step 1/9") }
        try session.send("G")
        var screen = try session.waitFor { $0.contains("step 9/9") }
        #expect(screen.contains(" 3  2[ 3]"), "\(screen)")
        #expect(screen.contains("= 3 at in[2,4]"), "\(screen)")
        try session.send("C-c")
        screen = try session.waitFor { $0.contains("EXIT=") && $0.contains("icanon") }
        #expect(screen.contains("EXIT=130"), "\(screen)")
        expectSaneTerminal(screen)
    }
}
