import Testing
import Foundation
import ConvTestSupport

/// The detection scenes under tmux, as a person sees them: the bins of a 13 x 13 map level by
/// level, and the nine anchors of a cell moved with the arrows.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable))
struct DetectionTerminalTests {
    private struct GoldenSPP: Decodable {
        struct Bin: Decodable { var rows: [Int]; var cols: [Int] }
        struct Level: Decodable { var n: Int; var bins: [[Bin]]; var output: Tensor }
        struct Tensor: Decodable { var data: [Float] }
        struct Case: Decodable { var name: String; var per_level: [Level] }
        var cases: [Case]
    }

    private struct GoldenAnchors: Decodable {
        struct Py: Decodable { var anchors_xyxy: [[Double]] }
        var py_faster_rcnn: Py
    }

    /// Runs `convscope ARGUMENTS` in a pane, then prints its exit status and `stty -a`.
    func launch(_ arguments: String, width: Int = 100, height: Int = 30) throws -> TmuxSession {
        try TmuxSession.convscope(arguments, width: width, height: height)
    }

    /// Waits for `predicate` on a settled screen (``TmuxSession/waitFor(timeout:_:)`` never judges a half-drawn frame).
    func settled(_ session: TmuxSession, _ predicate: (String) -> Bool) throws -> String {
        try session.waitFor(predicate)
    }

    func expectSaneTerminal(_ screen: String) {
        #expect(TmuxSession.terminalRestored(in: screen), "terminal not restored (stty -a shows no echo/icanon):\n\(screen)")
    }

    private func binText(_ bin: GoldenSPP.Bin) -> String {
        "rows [\(bin.rows[0]),\(bin.rows[1])) cols [\(bin.cols[0]),\(bin.cols[1]))"
    }

    /// spp.json's 13 x 13 case: at each level (L cycles them) the golden bins' boundaries and
    /// maxima are on screen; the last level's single bin covers the whole map.
    @Test func sppBinsOfAThirteenByThirteenMapAtEachLevel() throws {
        let golden = try Fixtures.decode(GoldenSPP.self, from: "spp.json").cases[1]
        let session = try launch("spp --from \(Fixtures.url("spp.json").path) --case 2")
        var screen = try settled(session) { $0.contains("bin 1/21") && $0.contains("bin (0,0)") }
        #expect(screen.contains("bin 1/21"), "\(screen)")
        var firstStep = 1
        for (index, level) in golden.per_level.enumerated() {
            if index > 0 {
                try session.send("L")
                firstStep += golden.per_level[index - 1].n * golden.per_level[index - 1].n
                screen = try settled(session) { $0.contains("bin \(firstStep)/21") && $0.contains("level \(index + 1) of 3") }
            }
            #expect(screen.contains("level \(index + 1) of 3: n = \(level.n)"), "\(screen)")
            #expect(screen.contains("bin (0,0): \(binText(level.bins[0][0]))"), "\(screen)")
            // The level's output grid: every row of golden maxima (brackets mark the current bin).
            let plain = screen.replacingOccurrences(of: "[", with: " ").replacingOccurrences(of: "]", with: " ")
            for r in 0..<level.n {
                let row = level.output.data[(r * level.n)..<((r + 1) * level.n)].map { String(Int($0)) }
                #expect(plain.contains(" " + row.joined(separator: " ") + "\n") || plain.contains(" " + row.joined(separator: " ") + " "),
                        "level \(level.n) row \(r): \(row)\n\(screen)")
            }
            // One step right: the next bin's golden boundaries and maximum.
            if level.n > 1 {
                try session.send("Right")
                let next = binText(level.bins[0][1])
                screen = try settled(session) { $0.contains("bin \(firstStep + 1)/21") && $0.contains(next) }
                #expect(screen.contains(binText(level.bins[0][1])), "\(screen)")
                #expect(screen.contains("max \(Int(level.output.data[1]))"), "\(screen)")
                try session.send("Left")
                let first = binText(level.bins[0][0])
                screen = try settled(session) { $0.contains("bin \(firstStep)/21") && $0.contains(first) }
            }
        }
        #expect(screen.contains("rows [0,13) cols [0,13)"))
        // Back to level 1 from the last level.
        try session.send("L")
        screen = try settled(session) { $0.contains("bin 1/21") && $0.contains("level 1 of 3") }
        #expect(screen.contains("level 1 of 3"), "\(screen)")
        try session.send("q")
        screen = try session.waitFor { $0.contains("EXIT=") && $0.contains("icanon") }
        #expect(screen.contains("EXIT=0"), "\(screen)")
        expectSaneTerminal(screen)
    }

    /// anchors.json's nine py-faster-rcnn boxes at cell (0, 0); Right, Right, Down select cell
    /// (1, 2), whose boxes are the nine moved by (32, 16).
    @Test func nineAnchorsOfAChosenCell() throws {
        let golden = try Fixtures.decode(GoldenAnchors.self, from: "anchors.json").py_faster_rcnn.anchors_xyxy
        func text(_ box: [Double]) -> String { "[" + box.map { String(Int($0)) }.joined(separator: ", ") + "]" }
        let session = try launch("anchors --convention py-faster-rcnn --image 64x96 --stride 16 --cell 0,0")
        var screen = try settled(session) { $0.contains("cell (0,0) of 4x6") && $0.contains(text(golden[8])) }
        for box in golden { #expect(screen.contains(text(box)), "\(text(box))\n\(screen)") }
        try session.send("Right")
        try session.send("Right")
        try session.send("Down")
        let last = text([golden[8][0] + 32, golden[8][1] + 16, golden[8][2] + 32, golden[8][3] + 16])
        screen = try settled(session) { $0.contains("cell (1,2) of 4x6") && $0.contains(last) }
        #expect(screen.contains("cell 9/24"), "\(screen)")
        for box in golden {
            let moved = [box[0] + 32, box[1] + 16, box[2] + 32, box[3] + 16]
            #expect(screen.contains(text(moved)), "\(text(moved))\n\(screen)")
        }
        #expect(screen.contains("@"))
        try session.send("q")
        screen = try session.waitFor { $0.contains("EXIT=") && $0.contains("icanon") }
        #expect(screen.contains("EXIT=0"), "\(screen)")
        expectSaneTerminal(screen)
    }

    /// The YOLO scene quits cleanly on Ctrl-C too.
    @Test func yoloCtrlCRestoresTheTerminal() throws {
        let session = try launch("yolo")
        let shown = try session.waitFor { $0.contains("7 x 7 x 30 = 1,470") }
        #expect(shown.contains("responsible cell (1,3)"), "\(shown)")
        try session.send("C-c")
        let screen = try session.waitFor { $0.contains("EXIT=") && $0.contains("icanon") }
        #expect(screen.contains("EXIT=130"), "\(screen)")
        expectSaneTerminal(screen)
    }
}
