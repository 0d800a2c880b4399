import Testing
import ConvTestSupport
import ConvApp
import ConvCore
import ConvDiagrams

/// The app layer without a terminal: keys -> actions -> states -> frames.
@Suite struct ConvSceneTests {
    /// Dumoulin & Visin 2016, figure 2.x: the 5 x 5 example at stride 2, padding 1 gives 6 17 3 / 8 17 13 / 6 4 4.
    func paperScene() -> AppState {
        var p = ConvSceneParameters()
        p.paddingHeight = .explicit(1)
        p.paddingWidth = .explicit(1)
        p.strideHeight = 2
        p.strideWidth = 2
        return AppState(scene: ConvScene(parameters: p))
    }


    @Test func steppingWalksTheOutputCellsInOrder() {
        var s = paperScene()
        #expect(s.scene.stepCount == 9)
        s = press(s, .right, .character("n"), .character("n"))
        #expect(s.scene.step == 4)
        let text = frame(s, size: Size(width: 100, height: 30)).plainText
        #expect(text.contains("step 4/9"))
        #expect(text.contains(" 6 17  3"))      // first output row, all computed
        #expect(text.contains("[ 8]"))           // the current cell
        #expect(text.contains("out[1,0] = "))
        #expect(text.hasSuffix("q quit\n"))
        s = press(s, .left, .character("p"))
        #expect(s.scene.step == 2)
        s = press(s, .character("G"))
        #expect(s.scene.step == 9)
        #expect(frame(s, size: Size(width: 100, height: 30)).plainText.contains(" 6  4[ 4]"))
        s = press(s, .character("g"))
        #expect(s.scene.step == 1)
        s = press(s, .left)
        #expect(s.scene.step == 1)
    }

    @Test func playAdvancesOnTicksAndStopsAtTheEnd() {
        var s = press(paperScene(), .character(" "))
        #expect(s.playing)
        s = reduce(s, .tick(milliseconds: 250))   // 4 steps per second
        #expect(s.scene.step == 2)
        s = reduce(s, .tick(milliseconds: 10_000))
        #expect(s.scene.step == 9 && !s.playing)
        s = press(s, .character("]"))
        #expect(s.stepsPerSecond == 8)
    }

    @Test func focusAndPlusMinusRecomputeAtOnce() {
        var s = paperScene()
        #expect(s.scene.parameters.map(\.name) == ["input", "kernel", "stride", "padding", "dilation"])
        s = press(s, .tab, .tab)                   // stride
        #expect(s.focus == 2)
        s = press(s, .character("-"))              // stride 1: (5 + 2 - 3)/1 + 1 = 5
        #expect(s.scene.stepCount == 25)
        s = press(s, .backTab, .character("+"), .character("+"), .character("+"))  // kernel 6x6
        #expect(s.scene.stepCount == 4)             // (5 + 2 - 6)/1 + 1 = 2
        s = press(s, .character("+"), .character("+"))   // kernel 8 > padded 7
        #expect(s.scene.stepCount == 0)
        let text = frame(s, size: Size(width: 100, height: 30)).plainText
        #expect(text.contains("Invalid configuration"))
        #expect(text.contains("kernel 8 is larger than padded input 7"))
        s = press(s, .character("-"))
        #expect(s.scene.errorMessage == nil && s.scene.stepCount == 1)
    }

    @Test func helpListsEveryKeyAndQuitEnds() {
        var s = press(paperScene(), .character("?"))
        let text = frame(s, size: Size(width: 100, height: 30)).plainText
        for (keys, _) in Keymap.bindings { #expect(text.contains(keys)) }
        s = press(s, .escape)
        #expect(!s.showHelp && !s.shouldQuit)
        s = press(s, .character("q"))
        #expect(s.shouldQuit)
    }

    @Test func tinyTerminalSaysHowLargeItMustBe() {
        let text = frame(paperScene(), size: Size(width: 30, height: 10)).plainText
        #expect(text.contains("terminal too small"))
        #expect(text.contains("need 60 x 16"))
        // Degenerate sizes never trap.
        _ = frame(paperScene(), size: Size(width: 0, height: 0))
        _ = frame(paperScene(), size: Size(width: -5, height: 3))
    }

    @Test func alexNetFirstLayerGetsAViewportThatFollowsTheWindow() {
        var p = ConvSceneParameters()
        p.inputHeight = 227; p.inputWidth = 227
        p.kernelHeight = 11; p.kernelWidth = 11
        p.strideHeight = 4; p.strideWidth = 4
        var s = AppState(scene: ConvScene(parameters: p))
        #expect(s.scene.stepCount == 3025)      // 55 x 55
        s = press(s, .character("G"))
        let text = frame(s, size: Size(width: 100, height: 30)).plainText
        #expect(text.contains("Output 55x55"))
        #expect(text.contains("= 55"))
        #expect(text.contains("out[54,54]"))
        #expect(text.contains("of 227"))         // the viewport says where it is
        // The window's bracket is on screen.
        #expect(text.contains("["))
    }
}
