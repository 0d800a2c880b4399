import Testing
import ConvApp
import ConvDiagrams
import ConvTestSupport
@testable import convscope

/// The contract every registered scene keeps, whatever its kind: it opens from its bare command
/// words, steps forward and back past both ends, takes every control's +/- to its limits,
/// exports and quits through effects, and draws at 100 x 30 and in a 10 x 4 terminal; no trap,
/// and the step always within 1...stepCount (0 only while the configuration is invalid).
@Suite struct SceneContractTests {
    /// The command words of each registered scene (arch needs a model; the rest open bare).
    static let words: [[String]] = SceneCommands.names.map { $0 == "arch" ? ["arch", "alexnet"] : [$0] }

    func expectStepInRange(_ scene: any Scene, _ place: String) {
        if scene.errorMessage == nil {
            #expect(scene.stepCount >= 1 && (1...scene.stepCount).contains(scene.step), "\(place): step \(scene.step) of \(scene.stepCount)")
        } else {
            #expect(scene.step == 0 && scene.stepCount == 0, "\(place): invalid scene at step \(scene.step)")
        }
    }

    func expectFrames(_ driver: AppDriver, _ place: String) {
        for (w, h) in [(100, 30), (10, 4), (60, 16)] {
            let canvas = driver.frame(width: w, height: h)
            #expect(canvas.width == w && canvas.height == h, "\(place)")
        }
        // The diagram itself on tiny and empty areas (below the frame's minimum): clipped, no trap.
        for (w, h) in [(0, 0), (1, 1), (7, 3), (25, 6)] {
            var canvas = Canvas(width: w, height: h)
            driver.state.scene.draw(into: &canvas, area: Rect(x: 0, y: 0, width: w, height: h), glyphs: .unicode)
            #expect(canvas.width == w && canvas.height == h, "\(place)")
        }
    }

    @Test func everyRegisteredSceneHasAContractCase() {
        // Twelve scene commands: conv, deconv, pool, arch, spp, roi, anchors, yolo, filter, rgb, conv1x1, activations.
        #expect(Self.words.count == 12)
    }

    @Test(arguments: SceneContractTests.words)
    func theSceneKeepsTheContract(_ words: [String]) throws {
        let place = words.joined(separator: " ")
        let scene = try SceneCommands.scene(from: words)
        var driver = AppDriver(scene: scene)
        expectStepInRange(driver.state.scene, place)
        expectFrames(driver, place)
        // Past the last step and back past the first.
        driver.press(.character("G"), .right, .right, .down)
        #expect(driver.state.scene.step == driver.state.scene.stepCount, "\(place): G then Right")
        driver.press(.character("g"), .left, .left, .up)
        #expect(driver.state.scene.step == min(1, driver.state.scene.stepCount), "\(place): g then Left")
        // Every control to both limits (at most 40 notches each way), drawing as it goes.
        let controls = driver.state.scene.parameters.count
        for focus in 0..<controls {
            while driver.state.focus != focus { driver.press(.tab) }
            for key in [Key.character("+"), .character("-")] {
                for notch in 0..<40 {
                    driver.press(key)
                    expectStepInRange(driver.state.scene, "\(place), control \(focus) \(key) x\(notch + 1)")
                    if notch % 10 == 0 { expectFrames(driver, "\(place), control \(focus)") }
                }
            }
        }
        // The scene's own keys, each a few times, and playing for a while.
        for binding in driver.state.scene.sceneBindings {
            // Single-character keys of the label ("z/Z", "H/J/K/L", "c"); "Enter" and "arrows" are named keys.
            let tokens = binding.0.split(whereSeparator: { $0 == "/" || $0 == " " }).filter { $0.count == 1 }
            for ch in tokens.compactMap(\.first) {
                driver.press(.character(ch), .character(ch), .character(ch))
                expectStepInRange(driver.state.scene, "\(place), key \(ch)")
            }
        }
        if driver.state.scene.errorMessage == nil {
            driver.press(.character("g"), .character(" "))
            driver.tick(10_000)
            expectStepInRange(driver.state.scene, "\(place), played")
        }
        expectFrames(driver, place)
        // Export and quit are effects, asked for once each.
        if !driver.state.scene.capturesKeys {
            driver.press(.character("e"))
            #expect(driver.effects.filter { $0 == .export }.count == 1, "\(place): \(driver.effects)")
            driver.press(.character("q"))
            #expect(driver.effects.last == .quit, "\(place): \(driver.effects)")
        }
    }
}
