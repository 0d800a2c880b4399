import Testing
import Foundation
import SnapshotTesting
import ConvCore
import ConvDiagrams
import ConvApp
import ConvTestSupport

/// filters.json, read here only for camera-16's pixels and the reference outputs.
private struct FiltersFile: Decodable {
    struct FilterCase: Decodable { var kernel: String; var padding: Int; var output: TensorJSON }
    struct Image: Decodable { var image: String; var pixels: TensorJSON; var cases: [FilterCase] }
    var images: [Image]
}

private struct RGBBankFile: Decodable {
    var input: TensorJSON
    var output: TensorJSON
}

/// One gallery of the image scenes at 100 x 30 (plain text): filter frames on camera-16.pgm (the
/// pixels of filters.json), the RGB bank on the astronaut crop, the 1x1 comparison and the
/// activations. Re-record on purpose with SNAPSHOT_TESTING_RECORD=all.
@Suite struct FilterGalleryTests {
    fileprivate static func camera16() throws -> (pixels: Tensor, cases: [FiltersFile.FilterCase]) {
        let file = try Fixtures.decode(FiltersFile.self, from: "filters.json")
        let images = file.images.filter { $0.image == "camera-16.pgm" }
        let pixels = try #require(images.first).pixels
        return (try pixels.tensor(), images.flatMap(\.cases))
    }

    static func text(_ scene: any Scene, glyphs: GlyphSet = .ascii) -> String {
        frame(AppState(scene: scene, glyphs: glyphs), size: Size(width: 100, height: 30)).plainText
    }

    @Test func gallery() throws {
        let (pixels, cases) = try Self.camera16()
        var gallery = ""
        let frames: [(String, NamedFilter, FilterPadding, Int, FilterView)] = [
            ("box, same, step 1", .box, .same, 1, .split),
            ("outline, same, step 120 (row 7, column 7)", .outline, .same, 120, .split),
            ("sobel-x, valid, step 20, numbers view", .sobelX, .valid, 20, .numbers),
            ("sharpen, same, pictures view", .sharpen, .same, 1, .pictures),
        ]
        for (name, kernel, padding, step, view) in frames {
            var scene = FilterScene(imageName: "camera-16.pgm", image: pixels, kernel: kernel.kernel, padding: padding, step: step)
            while scene.view.view != view { _ = scene.handle(.character("v")) }
            let computation = try #require(scene.computation)
            // The step's value is PyTorch's (filters.json).
            let golden = try #require(cases.first { $0.kernel == kernel.rawValue && $0.padding == (padding == .same ? 1 : 0) })
            let expected = golden.output.data[step - 1]
            #expect(abs(computation.output.data[step - 1] - expected) <= 1e-3, "\(name)")
            let text = Self.text(scene)
            if view != .pictures { #expect(text.contains("= \(formatValue(expected))\n"), "\(name): the sum line ends in PyTorch's value") }
            gallery += "=== filter camera-16.pgm: \(name)\n" + text
        }
        let bank = try Fixtures.decode(RGBBankFile.self, from: "rgb_bank.json")
        let rgb = RGBScene(crop: try bank.input.tensor(), source: "astronaut.png rows 100-107, cols 120-127", step: 10)
        #expect(Self.text(rgb).contains("bias 0 = \(formatValue(bank.output.data[9]))\n"))
        gallery += "=== rgb: the lecture bank on the astronaut crop, step 10\n" + Self.text(rgb)
        gallery += "=== conv1x1: 128 -> 32 -> 128 at 28 x 28, step 3\n" + Self.text(Conv1x1Scene(step: 3))
        gallery += "=== activations, n = 5, step 4 (ascii)\n" + Self.text(ActivationScene(length: 5, step: 4))
        gallery += "=== activations, n = 5, step 6 (unicode: braille plots)\n" + Self.text(ActivationScene(length: 5, step: 6), glyphs: .unicode)
        assertSnapshot(of: gallery, as: .lines, named: "image_scenes")
    }

    @Test func plainExportsOfPicturesAreAsciiRamps() throws {
        let (pixels, _) = try Self.camera16()
        let scene = FilterScene(imageName: "camera-16.pgm", image: pixels, kernel: NamedFilter.blur.kernel)
        let canvas = frame(AppState(scene: scene), size: Size(width: 100, height: 30))
        #expect(canvas.plainText.unicodeScalars.allSatisfy { $0.value < 128 })
        // The pictures carry colour for the terminal: ▀ with the upper pixel as foreground.
        let coloured = canvas.cells.compactMap(\.color)
        #expect(coloured.count > 100)
        #expect(coloured.allSatisfy { $0.glyph == "▀" && $0.foreground.red == $0.foreground.green && $0.foreground.green == $0.foreground.blue })
        // The ANSI export shows them in 24-bit colour.
        let ansi = ANSIExport.render(canvas)
        #expect(ansi.contains("\u{1B}[0;38;2;") && ansi.contains("▀"))
    }
}

@Suite struct ImagePictureTests {
    /// xterm's 256colres.pl: cube index 16 + 36r + 6g + b over levels 0, 95, 135, 175, 215, 255;
    /// grey ramp 232 + i at 8 + 10i.
    @Test func xtermPalette() {
        #expect(ColorPalette.xterm256Index(of: RGB(255, 0, 0)) == 196)
        #expect(ColorPalette.xterm256Index(of: RGB(0, 0, 0)) == 16)
        #expect(ColorPalette.xterm256Index(of: RGB(255, 255, 255)) == 231)
        #expect(ColorPalette.xterm256Index(of: RGB(95, 135, 175)) == 67)
        #expect(ColorPalette.xterm256Index(of: RGB(grey: 128)) == 244)
        #expect(ColorPalette.xterm256Index(of: RGB(grey: 8)) == 232)
        #expect(ColorPalette.rgb(ofXterm256: 67) == RGB(95, 135, 175))
        #expect(ColorPalette.rgb(ofXterm256: 255) == RGB(grey: 238))
        #expect(ColorPalette.nearestStandard(to: RGB(250, 10, 10)) == .red)
        #expect(ColorPalette.nearestStandard(to: RGB(10, 10, 10)) == .black)
    }

    @Test func colourIsIgnoredByPlainTextAndKeptByANSI() {
        var canvas = Canvas(width: 3, height: 1)
        canvas.set(0, 0, Cell("@", .plain, color: CellColor(foreground: RGB(1, 2, 3), background: RGB(4, 5, 6), glyph: "▀")))
        canvas.put("x", x: 1, y: 0, role: .title)
        #expect(canvas.plainText == "@x\n")
        #expect(ANSIExport.render(canvas, theme: Theme(usesColor: true)) == "\u{1B}[0;38;2;1;2;3;48;2;4;5;6m▀\u{1B}[0;1;36mx\u{1B}[0m\n")
        #expect(ANSIExport.render(canvas, theme: Theme(usesColor: false)) == "\u{1B}[0;38;2;1;2;3;48;2;4;5;6m▀\u{1B}[0;1mx\u{1B}[0m\n")
    }

    @Test func pyramidMeansByArea() throws {
        // 2 x 2 grey: 0 100 / 200 40.
        let image = try ImagePyramid(tensor: Tensor(shape: [1, 1, 2, 2], data: [0, 100, 200, 40]))
        #expect(image.meanColor(top: 0, left: 0, bottom: 2, right: 2) == RGB(grey: 85))       // (0+100+200+40)/4
        #expect(image.meanColor(top: 0, left: 0, bottom: 1, right: 2) == RGB(grey: 50))
        #expect(image.meanColor(top: 0.5, left: 0.5, bottom: 0.75, right: 0.75) == RGB(grey: 0))   // inside one pixel
        #expect(image.meanColor(top: 0, left: 0, bottom: 1, right: 1.5) == RGB(grey: 33))      // (0·1 + 100·0.5)/1.5
        #expect(image.meanColor(top: 5, left: 5, bottom: 6, right: 6) == nil)
        #expect(throws: ConvError.self) { try ImagePyramid(tensor: Tensor(zeros: [1, 2, 2, 2])) }
    }

    @Test func rampAndMarker() throws {
        #expect(ImagePanel.rampGlyph(luma: 0) == " " && ImagePanel.rampGlyph(luma: 255) == "@")
        #expect(ImagePanel.rampGlyph(luma: 128) == "+")
        // A 4 x 4 image fitting 4 columns (plus the marker's two) and 2 rows: one pixel per dot.
        let data: [Float] = (0..<16).map { Float($0 * 17) }
        let panel = ImagePanel(title: "t", pyramid: try ImagePyramid(tensor: Tensor(shape: [1, 1, 4, 4], data: data)),
                               marker: (row: 2, column: 1, height: 2, width: 2))
        var canvas = Canvas(width: 6, height: 3)
        panel.draw(into: &canvas, area: Rect(x: 0, y: 0, width: 6, height: 3))
        let l = panel.layout(columns: 6, rows: 2)
        #expect(l.scale == 1 && l.columns == 4 && l.dotRows == 4 && !l.isClipped)
        // Row 2 of cells holds pixel rows 2 and 3; the marker covers columns 1-2 there.
        #expect(canvas.line(2).hasPrefix(" ") && canvas.line(2).contains("["))
        #expect(canvas[1, 2]?.glyph == "[" && canvas[4, 2]?.glyph == "]")
        #expect(canvas[2, 1]?.color?.foreground == RGB(grey: 17) && canvas[2, 1]?.color?.background == RGB(grey: 85))
    }

    @Test func zoomShowsWhichPart() throws {
        let pyramid = try ImagePyramid(tensor: Tensor(zeros: [1, 3, 64, 64]))
        let panel = ImagePanel(title: "t", pyramid: pyramid, zoom: 2, center: (row: 0, column: 63))
        let l = panel.layout(columns: 34, rows: 16)   // 32 x 32 dots fit the whole image at 2 px per dot
        #expect(l.scale == 0.5 && l.isClipped)
        #expect(l.columnRange == 48...63 && l.rowRange == 0...15)
        var canvas = Canvas(width: 34, height: 18)
        panel.draw(into: &canvas, area: Rect(x: 0, y: 0, width: 34, height: 18))
        #expect(canvas.line(1).hasPrefix("zoom 4x: rows 1-"))
    }

    @Test func brailleDots() {
        #expect(FunctionPlot.brailleBit(dx: 0, dy: 0) == 0x01 && FunctionPlot.brailleBit(dx: 1, dy: 3) == 0x80)
        var canvas = Canvas(width: 20, height: 6)
        FunctionPlot(title: "id", xRange: -1...1, yRange: -1...1, function: { $0 })
            .draw(into: &canvas, area: Rect(x: 0, y: 0, width: 20, height: 6), glyphs: .unicode)
        let dots = canvas.cells.filter { $0.glyph.unicodeScalars.first.map { (0x2801...0x28FF).contains($0.value) } ?? false }
        #expect(dots.count >= 10)
    }
}
