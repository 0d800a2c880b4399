import Testing
import ConvApp
import ConvCore
import ConvDiagrams
import ConvTestSupport

private struct FiltersFile: Decodable {
    struct FilterCase: Decodable { var kernel: String; var padding: Int; var output: TensorJSON }
    struct Image: Decodable { var image: String; var pixels: TensorJSON; var cases: [FilterCase] }
    var images: [Image]
}

private struct RGBBankFile: Decodable {
    var input: TensorJSON
    var output: TensorJSON
}

/// The image scenes without a terminal: keys -> actions -> states -> frames, checked against
/// filters.json and rgb_bank.json (PyTorch) and hand-counted parameters.
@Suite struct ImageSceneTests {
    fileprivate static func golden() throws -> (pixels: Tensor, cases: [FiltersFile.FilterCase]) {
        let file = try Fixtures.decode(FiltersFile.self, from: "filters.json")
        return (try file.images[0].pixels.tensor(), file.images.flatMap(\.cases))
    }


    func text(_ state: AppState) -> String { frame(state, size: Size(width: 100, height: 30)).plainText }

    fileprivate func goldenValue(_ cases: [FiltersFile.FilterCase], _ kernel: String, padding: Int, index: Int) throws -> Float {
        try #require(cases.first { $0.kernel == kernel && $0.padding == padding }).output.data[index]
    }

    @Test func steppingShowsPyTorchsValuesUnderTheKernel() throws {
        let (pixels, cases) = try Self.golden()
        var s = AppState(scene: FilterScene(imageName: "camera-16.pgm", image: pixels, kernel: NamedFilter.box.kernel))
        #expect(s.scene.stepCount == 256 && s.scene.stepsPerRow == 16)
        s = press(s, .character("n"), .right, .down)            // row 1, column 2
        #expect(s.scene.step == 19)
        let box = try goldenValue(cases, "box", padding: 1, index: 18)
        var screen = text(s)
        #expect(screen.contains("out[grey,1,2] = "))
        #expect(screen.contains("= \(formatValue(box))\n"), "\(screen)")
        #expect(screen.contains("shown as \(Int(box.rounded())) (clamped to 0-255)"))
        #expect(screen.contains("[kernel box]"))
        // Tab to the kernel is already the focus; + cycles to blur, then sharpen: PyTorch's values.
        s = press(s, .character("+"), .character("+"))
        #expect(s.scene.parameters[0].value == "sharpen")
        #expect(s.scene.step == 19)                              // the same window
        let sharpen = try goldenValue(cases, "sharpen", padding: 1, index: 18)
        screen = text(s)
        #expect(screen.contains("= \(formatValue(sharpen))\n"), "\(screen)")
        #expect(screen.contains("result shown clamped to 0-255"))
        // Two more: outline, shown as absolute values rescaled.
        s = press(s, .character("+"), .character("+"))
        #expect(s.scene.parameters[0].value == "outline")
        screen = text(s)
        #expect(screen.contains("absolute value rescaled"))
        #expect(screen.contains("= \(formatValue(try goldenValue(cases, "outline", padding: 1, index: 18)))\n"))
    }

    @Test func validPaddingAndStride() throws {
        let (pixels, cases) = try Self.golden()
        var s = AppState(scene: FilterScene(imageName: "camera-16.pgm", image: pixels, kernel: NamedFilter.sobelY.kernel))
        s = press(s, .tab, .character("+"))                      // padding valid: 14 x 14
        #expect(s.scene.parameters[1].value == "valid")
        #expect(s.scene.stepCount == 196)
        s = press(s, .character("g"), .down, .right)             // output (1, 1)
        #expect(text(s).contains("= \(formatValue(try goldenValue(cases, "sobel-y", padding: 0, index: 15)))\n"))
        s = press(s, .tab, .character("+"))                      // stride 2: floor((16 - 3)/2) + 1 = 7
        #expect(s.scene.stepCount == 49)
        #expect(text(s).contains("floor(13/2) + 1 = 7"))
    }

    /// Issue 14: near an edge the first pan presses were lost (the centre moved inside the half
    /// view where the view cannot follow). Zoomed 4x on the 16 x 16 camera at step 1 (the window
    /// at the top left), every J moves the rows shown down, every K back up.
    @Test func everyPanPressNearAnEdgeMovesTheView() throws {
        let (pixels, _) = try Self.golden()
        var s = AppState(scene: FilterScene(imageName: "camera", image: pixels, kernel: NamedFilter.blur.kernel))
        s = press(s, .character("z"), .character("z"))
        func rows(_ state: AppState) -> String? {
            let t = text(state)
            guard let r = t.range(of: "zoom 4x: rows ") else { return nil }
            return String(t[r.upperBound...].prefix { $0 != " " })
        }
        var seen = [try #require(rows(s))]
        for _ in 0..<3 {
            s = press(s, .character("J"))
            seen.append(try #require(rows(s)))
        }
        #expect(Set(seen).count == 4, "\(seen)")
        #expect(seen[0].hasPrefix("1-"), "\(seen)")
    }

    @Test func channelsZoomPanAndViews() throws {
        // A 3-channel image: R = the camera, G = 255 - camera, B = 0.
        let (pixels, _) = try Self.golden()
        let rgb = try Tensor(shape: [1, 3, 16, 16], data: pixels.data + pixels.data.map { 255 - $0 } + [Float](repeating: 0, count: 256))
        var s = AppState(scene: FilterScene(imageName: "rgb", image: rgb, kernel: NamedFilter.blur.kernel))
        #expect(s.scene.stepCount == 3 * 256)
        s = press(s, .character("n"))
        #expect(text(s).contains("out[R,0,1]"))
        s = press(s, .character("c"))
        #expect(s.scene.step == 256 + 2)
        #expect(text(s).contains("out[G,0,1]") && text(s).contains("Input G 16x16"))
        s = press(s, .character("c"), .character("c"))
        #expect(s.scene.step == 2)
        // Zoom with z and with the zoom parameter.
        s = press(s, .character("z"))
        #expect(s.scene.parameters[3].value == "2x")
        #expect(text(s).contains("zoom 2x: rows "))
        s = press(s, .tab, .tab, .tab, .character("+"))
        #expect(s.scene.parameters[3].value == "4x")
        s = press(s, .character("Z"), .character("Z"), .character("Z"))
        #expect(s.scene.parameters[3].value == "fit")
        // Pan, then Enter moves the window to the view's centre.
        s = press(s, .character("z"), .character("J"), .character("J"), .character("L"))
        let panned = try #require(s.scene as? FilterScene).panCenter
        #expect(panned != nil)
        s = press(s, .enter)
        let cell = try #require((s.scene as? FilterScene)?.currentCell)
        #expect(cell.row > 0 && cell.column > 1)
        #expect((s.scene as? FilterScene)?.panCenter == nil)
        // Views.
        s = press(s, .character("v"))
        #expect(!text(s).contains("Input R") && text(s).contains("Original rgb"))
        s = press(s, .character("v"))
        #expect(text(s).contains("Input R") && !text(s).contains("Original rgb"))
    }

    @Test func invalidConfigurationsAreShownNotTrapped() throws {
        let tiny = try Tensor(shape: [1, 1, 2, 2], data: [1, 2, 3, 4])
        var s = AppState(scene: FilterScene(imageName: "tiny", image: tiny, kernel: NamedFilter.box.kernel, padding: .valid))
        #expect(s.scene.stepCount == 0)
        #expect(text(s).contains("Invalid configuration:"))
        s = press(s, .tab, .character("+"))                      // same padding makes it valid
        #expect(s.scene.stepCount == 4 && s.scene.errorMessage == nil)
        let wrongShape = try Tensor(zeros: [1, 2, 4, 4])
        #expect(FilterScene(imageName: "x", image: wrongShape, kernel: NamedFilter.box.kernel).errorMessage != nil)
    }

    @Test func rgbBankMatchesPyTorchStepByStep() throws {
        let golden = try Fixtures.decode(RGBBankFile.self, from: "rgb_bank.json")
        var s = AppState(scene: RGBScene(crop: try golden.input.tensor(), source: "astronaut.png rows 100-107, cols 120-127"))
        #expect(s.scene.stepCount == 4 * 64)
        for step in [1, 10, 64, 65, 130, 200, 256] {
            s.scene.step = step
            let expected = golden.output.data[step - 1]
            #expect(text(s).contains(" = \(formatValue(expected))\n"), "step \(step)")
        }
        s = press(s, .character("g"), .character("c"))           // same position, next filter
        #expect(s.scene.step == 65)
        #expect(text(s).contains("filter 2 of 4") && text(s).contains("bias -2"))
        s = press(s, .character("-"))                            // three filters: three channels
        #expect(s.scene.stepCount == 3 * 64)
        #expect(text(s).contains("(3 filters make 3 channels)"))
    }

    @Test func oneByOneCountsByHand() {
        var s = AppState(scene: Conv1x1Scene())
        let screen = text(s)
        for number in ["147,584", "4,128", "36,992", "41,120", "115,705,856", "32,238,080"] {
            #expect(screen.contains(number), "\(number)")
        }
        s = press(s, .tab, .character("-"))                      // reduce to 16: 128·16 + 16 = 2,064
        #expect(text(s).contains("2,064"))
        s = press(s, .character("n"), .character("n"), .character("n"))
        #expect(s.scene.step == 3)
    }

    @Test func activationsChainLengthWithPlusMinus() {
        var s = AppState(scene: ActivationScene())
        #expect(text(s).contains("0.25^5 = 0.0009765625"))
        s = press(s, .character("+"))
        #expect(text(s).contains("0.25^6 = 0.000244140625"))
        for _ in 0..<10 { s = press(s, .character("-")) }
        #expect(text(s).contains("0.25^1 = 0.25"))
        s = press(s, .character("n"), .character("n"), .character("n"))
        #expect(text(s).contains("relu(-4) = max(0, -4) = 0"))
    }

    /// Every scene at sizes from the minimum up, after a fixed pseudo-random walk over every key:
    /// frames are drawn, nothing traps, and the canvas is exactly the requested size.
    @Test func framesAtManySizesAfterRandomKeys() throws {
        let (pixels, _) = try Self.golden()
        let rgb = try Tensor(shape: [1, 3, 16, 16], data: pixels.data + pixels.data + pixels.data)
        let scenes: [any Scene] = [
            FilterScene(imageName: "camera-16.pgm", image: pixels, kernel: NamedFilter.outline.kernel),
            FilterScene(imageName: "rgb", image: rgb, kernel: try FilterKernel(parsing: "1 2 3 4 5; 0 0 0 0 0"), stride: 3),
            RGBScene(crop: try Tensor(shape: [1, 3, 5, 7], data: (0..<105).map { Float($0) }), source: "ramp"),
            Conv1x1Scene(),
            ActivationScene(length: 64),
        ]
        let keys: [Key] = [.right, .left, .up, .down, .tab, .backTab, .enter, .home, .end, .pageUp, .pageDown]
            + "npjkhlgG+-=_zZHJKL0vc]?[".map { Key.character($0) }
        var seed: UInt64 = 0x5EED
        for scene in scenes {
            var state = AppState(scene: scene, glyphs: .unicode)
            for _ in 0..<400 {
                seed = seed &* 6364136223846793005 &+ 1442695040888963407
                let key = keys[Int((seed >> 33) % UInt64(keys.count))]
                state = reduce(state, Keymap.action(for: key, in: state))
                if state.showHelp { state = reduce(state, .back) }
                state.shouldQuit = false
            }
            for (w, h) in [(60, 16), (61, 17), (80, 24), (100, 30), (137, 43), (200, 60), (59, 15), (20, 5)] {
                let canvas = frame(state, size: Size(width: w, height: h))
                #expect(canvas.width == w && canvas.height == h)
                #expect(!canvas.plainText.isEmpty)
            }
        }
    }
}
