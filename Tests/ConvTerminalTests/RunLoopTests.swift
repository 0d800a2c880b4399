import Testing
import ConvApp
import ConvDiagrams
import ConvTerminal
import ConvTestSupport

/// The run loop against a scripted terminal: what it draws, how long it waits, which effects it
/// performs, and that it always restores the terminal.
@Suite struct RunLoopTests {
    /// Dumoulin & Visin 2016, figure 1.1: 3 x 3 kernel on the 5 x 5 input, 9 output cells.
    func paperState() -> AppState { AppState(scene: ConvScene(parameters: ConvSceneParameters())) }

    func run(_ backend: FakeBackend, _ state: AppState? = nil, signal: @escaping () -> Int32? = { nil },
             export: (Canvas, AppState) -> String = { _, _ in "exported" }) -> Int32 {
        RunLoop.run(state ?? paperState(), backend: backend, export: export, signalPending: signal, clock: { backend.now })
    }

    @Test func quitReturnsZeroAndRestoresTheTerminal() {
        let backend = FakeBackend(script: [FakeBackend.Event(.character("q"))])
        #expect(run(backend) == 0)
        #expect(backend.restoreCount >= 1)
        #expect(backend.drawn.count == 1)
        #expect(backend.drawn[0].plainText.contains("step 1/9"))
    }

    @Test func idleWaitsDrawNothingAndTickNothing() {
        let backend = FakeBackend(script: Array(repeating: FakeBackend.Event(nil, milliseconds: 250), count: 40))
        #expect(run(backend) == 0)
        // The first frame only: 40 waits of 250 ms (10 s idle) drew nothing more.
        #expect(backend.drawn.count == 1)
        #expect(backend.waits.prefix(40).allSatisfy { $0 == RunLoop.idleWaitMilliseconds })
    }

    @Test func aKeyThatChangesTheFrameIsDrawnOnceAndOneThatDoesNotIsNot() {
        let backend = FakeBackend(script: [FakeBackend.Event(.right), FakeBackend.Event(.left), FakeBackend.Event(.left)])
        #expect(run(backend) == 0)
        // step 2, step 1; the second Left leaves step 1 as it is: no draw.
        #expect(backend.drawn.map { $0.plainText.contains("step 2/9") } == [false, true, false])
        #expect(backend.drawn.count == 3)
    }

    @Test func playingWaitsUntilTheNextStepAndAdvancesOnTheClock() {
        // Space at 4 steps per second: each wait is at most 250 ms and each 250 ms advances one step.
        var script = [FakeBackend.Event(.character(" "))]
        script += Array(repeating: FakeBackend.Event(nil, milliseconds: 250), count: 3)
        let backend = FakeBackend(script: script)
        #expect(run(backend) == 0)
        #expect(backend.waits.dropFirst().prefix(3).allSatisfy { $0 <= 250 && $0 >= 1 })
        #expect(backend.drawn.last?.plainText.contains("step 4/9") == true)
    }

    @Test func aResizeRedrawsAtTheNewSizeAndATinyTerminalSaysSo() {
        let backend = FakeBackend(script: [FakeBackend.Event(.resize, size: Size(width: 10, height: 4)),
                                           FakeBackend.Event(.resize, size: Size(width: 120, height: 40))])
        #expect(run(backend) == 0)
        #expect(backend.drawn.count == 3)
        #expect(backend.drawn[1].width == 10 && backend.drawn[1].plainText.contains("terminal t"))
        #expect(backend.drawn[2].width == 120 && backend.drawn[2].height == 40)
    }

    @Test func exportIsPerformedOnceWithTheFrameOnScreenAndItsMessageShown() {
        var exported: [Canvas] = []
        let backend = FakeBackend(script: [FakeBackend.Event(.right), FakeBackend.Event(.character("e"))])
        #expect(run(backend, export: { canvas, _ in exported.append(canvas); return "exported to here.txt" }) == 0)
        #expect(exported.count == 1)
        #expect(exported.first?.plainText.contains("step 2/9") == true)
        #expect(backend.drawn.last?.plainText.contains("exported to here.txt") == true)
    }

    @Test func aSignalRestoresTheTerminalAndExitsWith128PlusTheSignal() {
        let backend = FakeBackend(script: [FakeBackend.Event(nil)])
        #expect(run(backend, signal: { 15 }) == 143)
        #expect(backend.restoreCount >= 1)
    }
}
