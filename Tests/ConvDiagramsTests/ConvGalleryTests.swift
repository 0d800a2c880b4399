import Testing
import SnapshotTesting
import ConvCore
import ConvDiagrams
import ConvApp

/// One gallery file holding conv_arithmetic's eight animations (Dumoulin & Visin 2016), each
/// at its middle step, at 100 x 30. Re-record on purpose with SNAPSHOT_TESTING_RECORD=all.
@Suite struct ConvGalleryTests {
    static let cases: [(name: String, i: Int, k: Int, s: Int, p: Int, d: Int, o: Int)] = [
        ("no_padding_no_strides", 4, 3, 1, 0, 1, 2),
        ("arbitrary_padding_no_strides", 5, 4, 1, 2, 1, 6),
        ("same_padding_no_strides", 5, 3, 1, 1, 1, 5),
        ("full_padding_no_strides", 5, 3, 1, 2, 1, 7),
        ("no_padding_strides", 5, 3, 2, 0, 1, 2),
        ("padding_strides", 5, 3, 2, 1, 1, 3),
        ("padding_strides_odd", 6, 3, 2, 1, 1, 3),
        ("dilation", 7, 3, 1, 0, 2, 3),
    ]

    @Test func gallery() {
        var gallery = ""
        for c in Self.cases {
            var p = ConvSceneParameters()
            (p.inputHeight, p.inputWidth) = (c.i, c.i)
            (p.kernelHeight, p.kernelWidth) = (c.k, c.k)
            (p.strideHeight, p.strideWidth) = (c.s, c.s)
            (p.paddingHeight, p.paddingWidth) = (.explicit(c.p), .explicit(c.p))
            (p.dilationHeight, p.dilationWidth) = (c.d, c.d)
            let scene = ConvScene(parameters: p, step: (c.o * c.o + 1) / 2)
            #expect(scene.stepCount == c.o * c.o, "\(c.name)")
            let text = frame(AppState(scene: scene), size: Size(width: 100, height: 30)).plainText
            #expect(text.contains("= \(c.o)\n"), "\(c.name): formula ends in o = \(c.o)")
            gallery += "=== \(c.name): i=\(c.i) k=\(c.k) s=\(c.s) p=\(c.p) d=\(c.d) -> o=\(c.o)\n" + text
        }
        assertSnapshot(of: gallery, as: .lines, named: "conv_arithmetic")
    }

    @Test func unicodeGlyphsAndAsciiGlyphsDifferOnlyInSymbols() {
        let scene = ConvScene(parameters: ConvSceneParameters())
        let ascii = frame(AppState(scene: scene, glyphs: .ascii), size: Size(width: 100, height: 30)).plainText
        let unicode = frame(AppState(scene: scene, glyphs: .unicode), size: Size(width: 100, height: 30)).plainText
        #expect(ascii.unicodeScalars.allSatisfy { $0.value < 128 })
        #expect(unicode.contains("×"))
        #expect(unicode.replacingOccurrences(of: "×", with: "*") == ascii)
    }

    @Test func canvasClipsInsteadOfTrapping() {
        var canvas = Canvas(width: 4, height: 2)
        canvas.put("hello", x: -2, y: 0)
        canvas.put("한국어", x: 1, y: 1)       // two wide characters fit in 3 columns? only one
        canvas.put("x", x: 10, y: 10)
        #expect(canvas.plainText == "llo\n 한\n")
        #expect(displayWidth(of: "한국어") == 6)
        #expect(wrap("합성곱 신경망", columns: 7) == ["합성곱", "신경망"])
    }

    @Test func noColorFallsBackToAttributes() {
        #expect(!Theme.colorAllowed(environment: ["NO_COLOR": "1"], terminalHasColors: true))
        #expect(Theme.colorAllowed(environment: ["NO_COLOR": ""], terminalHasColors: true))
        #expect(!Theme.colorAllowed(environment: ["TERM": "dumb"], terminalHasColors: true))
        let mono = Theme(usesColor: false)
        #expect(mono.style(.current).reverse && mono.style(.current).foreground == nil)
        #expect(mono.style(.window).bold)
        #expect(mono.style(.padding) != mono.style(.input))
    }
}
