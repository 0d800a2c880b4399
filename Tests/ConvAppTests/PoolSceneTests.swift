import Foundation
import Testing
import ConvApp
import ConvCore
import ConvDiagrams
import ConvTestSupport

private struct GoldenPoolFile: Decodable { var cases: [PoolCaseJSON] }

/// The pooling scene without a terminal. Numbers come from pool2d.json (PyTorch) and
/// conv_arithmetic's pooling example (Dumoulin & Visin 2016, figure 1.6: 3 x 3 max pooling,
/// stride 1, on the 5 x 5 input of figure 1.1 gives 3 3 3 / 3 3 3 / 3 2 3).
@Suite struct PoolSceneTests {
    static let size = Size(width: 100, height: 30)


    func text(_ state: AppState) -> String { frame(state, size: Self.size).plainText }

    func unbracketed(_ state: AppState) -> String {
        text(state).replacingOccurrences(of: "[", with: " ").replacingOccurrences(of: "]", with: " ")
    }

    func golden(_ index: Int) throws -> (PoolSceneParameters, PoolCaseJSON) {
        let c = try Fixtures.decode(GoldenPoolFile.self, from: "pool2d.json").cases[index]
        let computation = try c.computation()
        var p = PoolSceneParameters()
        if case let .average(includePad) = computation.mode { p.isAverage = true; p.countIncludePad = includePad }
        guard case let .fixed(h, w) = computation.geometry.windows else { throw CancellationError() }
        p.channels = computation.geometry.channels
        (p.inputHeight, p.inputWidth) = (h.inputSize, w.inputSize)
        (p.kernelHeight, p.kernelWidth) = (h.kernelSize, w.kernelSize)
        (p.strideHeight, p.strideWidth) = (h.stride, w.stride)
        (p.paddingHeight, p.paddingWidth) = (h.padding, w.padding)
        p.ceilMode = h.ceilMode
        p.inputSource = computation.input
        return (p, c)
    }

    @Test func defaultIsConvArithmeticsPoolingExample() {
        var s = AppState(scene: PoolScene(parameters: PoolSceneParameters()))
        #expect(s.scene.stepCount == 9)
        #expect(s.scene.title == "max_pool2d")
        var t = text(s)
        #expect(t.contains("floor((5 + 2*0 - 1*(3-1) - 1)/1) + 1 = 3"))
        // The first window is 3 3 2 / 0 0 1 / 3 1 2: the first maximum is its top-left 3.
        #expect(t.contains("[3*  3  2]"), "\(t)")
        #expect(t.contains("out[0,0] = max(3, 3, 2, 0, 0, 1, 3, 1, 2) = 3 at in[0,0]"))
        s = press(s, .character("G"))
        t = unbracketed(s)
        #expect(t.contains(" 3  3  3\n") || t.contains(" 3  3  3 "), "\(t)")
        #expect(t.contains(" 3  2  3 ") || t.contains(" 3  2  3\n"), "\(t)")
        // Last window 2 2 3 / 0 2 2 / 0 0 1: maximum 3 at in[2,4].
        #expect(text(s).contains("= 3 at in[2,4]"))
    }

    /// AlexNet's overlapping pooling (3x3, stride 2) on golden case "max 3x3 s2 overlapping":
    /// neighbouring windows share one row or column.
    @Test func overlappingWindowsShareARowAndAColumn() throws {
        let (p, c) = try golden(1)
        var s = AppState(scene: PoolScene(parameters: p))
        #expect(s.scene.stepCount == 9)
        #expect(text(s).contains("neighbours share 1 row(s), 1 column(s)"))
        #expect(text(s).contains("AlexNet's"))
        s = press(s, .character("n"))
        // Window 2 covers input columns 2-4 (window 1 covered 0-2): its bracket opens before
        // column 2, and cells take 4 columns (values such as -5 plus the maximum's mark).
        let lines = text(s).split(separator: "\n").map(String.init)
        let title = try #require(lines.firstIndex { $0.hasPrefix("Input 7x7") })
        for row in lines[(title + 1)...(title + 3)] {
            let open = try #require(row.firstIndex(of: "["), "\(row)")
            #expect(row.distance(from: row.startIndex, to: open) == 2 * 4, "\(row)")
        }
        #expect(!lines[title + 4].prefix(30).contains("["))
        s = press(s, .character("G"))
        let expected = try #require(c.output).data
        let final = unbracketed(s)
        for r in 0..<3 {
            let row = expected[(r * 3)..<(r * 3 + 3)].map { padLeft(formatValue($0), 3) }.joined(separator: " ")
            #expect(final.contains(row), "\(row)\n\(final)")
        }
    }

    /// Golden case "max 2x2 s2 on 5x5 ceil_mode": ceil((5 - 1 - 1)/2) + 1 = 3 windows; the last
    /// starts at 4, inside the input, and reaches one cell past it (a partial window).
    @Test func ceilModeKeepsThePartialLastWindow() throws {
        let (p, c) = try golden(3)
        var s = AppState(scene: PoolScene(parameters: p))
        #expect(s.scene.stepCount == 9)
        s = press(s, .character("G"))
        let t = text(s)
        #expect(t.contains("o = ceil((i + 2p - d(k-1) - 1)/s) + 1 = ceil((5 + 2*0 - 1*(2-1) - 1)/2) + 1 = 3"))
        #expect(t.contains("reaches 1 row(s), 1 column(s) past the padded input"))
        #expect(t.contains("Input 5x5 grid 6x6"))
        // The last window: one input cell, three cells past the padded input.
        let input = try #require(p.inputSource.data.last)
        #expect(t.contains("out[2,2] = max(\(formatValue(input))) = \(formatValue(input)) at in[4,4]"), "\(t)")
        #expect(t.contains("-]"))
        #expect(try #require(c.output).data.last == input)
        // Floor mode drops it: 2 x 2.
        s = press(s, .tab, .tab, .tab, .tab, .tab, .tab)
        #expect(s.scene.parameters[s.focus].name == "ceil_mode")
        s = press(s, .character("+"))
        #expect(s.scene.stepCount == 4)
    }

    /// Golden cases "avg 3x3 s1 p1" with and without count_include_pad: the corner window covers
    /// 4 input cells and 5 padding cells, so the divisor is 9 or 4.
    @Test func averagePoolingShowsTheDivisor() throws {
        for (index, divisor) in [(6, 9), (7, 4)] {
            let (p, c) = try golden(index)
            let s = AppState(scene: PoolScene(parameters: p))
            let t = text(s)
            #expect(s.scene.title == "avg_pool2d")
            let value = try #require(c.output).data[0]
            #expect(t.contains(")/\(divisor) = "), "\(t)")
            #expect(t.contains("divisor \(divisor) = 4 input"), "\(t)")
            #expect(t.contains("= \(formatValue(value))\n"), "\(t)")
        }
    }

    @Test func modeAndParametersChangeWithPlusMinus() {
        var s = AppState(scene: PoolScene(parameters: PoolSceneParameters()))
        #expect(s.scene.parameters.map(\.name) == ["mode", "input", "kernel", "stride", "padding", "dilation", "ceil_mode"])
        s = press(s, .character("+"))
        #expect(s.scene.title == "avg_pool2d")
        #expect(s.scene.parameters.map(\.name) == ["mode", "input", "kernel", "stride", "padding", "count_include_pad", "ceil_mode"])
        s = press(s, .tab, .tab, .tab, .tab, .character("+"), .character("+"))   // padding 2 > 3/2
        let t = text(s)
        #expect(t.contains("Invalid configuration"))
        #expect(t.contains("pooling padding 2 (height) is more than half of kernel size 3"))
        s = press(s, .character("-"))
        #expect(s.scene.errorMessage == nil && s.scene.stepCount == 25)
        // Degenerate sizes never trap.
        _ = frame(s, size: Size(width: 0, height: 0))
    }
}
