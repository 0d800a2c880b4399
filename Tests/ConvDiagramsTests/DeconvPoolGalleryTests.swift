import Testing
import SnapshotTesting
import ConvCore
import ConvDiagrams
import ConvApp

/// Gallery files for transposed convolution and pooling, at 100 x 30: conv_arithmetic's seven
/// transposed animations (Dumoulin & Visin 2016, section 4), each in the direct view at its middle
/// step and in the scatter view at its middle step, and a few pooling cases. Re-record on purpose
/// with SNAPSHOT_TESTING_RECORD=all.
@Suite struct DeconvPoolGalleryTests {
    /// (name, i', k, s, p, output_padding, o'): conv_arithmetic's transposed animations.
    static let transposed: [(name: String, i: Int, k: Int, s: Int, p: Int, a: Int, o: Int)] = [
        ("no_padding_no_strides_transposed", 2, 3, 1, 0, 0, 4),
        ("arbitrary_padding_no_strides_transposed", 6, 4, 1, 2, 0, 5),
        ("same_padding_no_strides_transposed", 5, 3, 1, 1, 0, 5),
        ("full_padding_no_strides_transposed", 7, 3, 1, 2, 0, 5),
        ("no_padding_strides_transposed", 2, 3, 2, 0, 0, 5),
        ("padding_strides_transposed", 3, 3, 2, 1, 0, 5),
        ("padding_strides_odd_transposed", 3, 3, 2, 1, 1, 6),
    ]

    static let size = Size(width: 100, height: 30)

    @Test func transposedGallery() {
        var gallery = ""
        for c in Self.transposed {
            var p = DeconvSceneParameters()
            (p.inputHeight, p.inputWidth) = (c.i, c.i)
            (p.kernelHeight, p.kernelWidth) = (c.k, c.k)
            (p.strideHeight, p.strideWidth) = (c.s, c.s)
            (p.paddingHeight, p.paddingWidth) = (c.p, c.p)
            (p.outputPaddingHeight, p.outputPaddingWidth) = (c.a, c.a)
            let direct = DeconvScene(parameters: p, view: .direct, step: (c.o * c.o + 1) / 2)
            #expect(direct.stepCount == c.o * c.o, "\(c.name)")
            let text = frame(AppState(scene: direct), size: Self.size).plainText
            #expect(text.contains("+ output_padding + 1 = (\(c.i)-1)*\(c.s) - 2*\(c.p) + 1*(\(c.k)-1) + \(c.a) + 1 = \(c.o)\n"),
                    "\(c.name): formula ends in o' = \(c.o)")
            // Relationship 14: the direct convolution slides over o' + k - 1 cells.
            #expect(text.contains("Stretched input \(c.o + c.k - 1)x\(c.o + c.k - 1)"), "\(c.name)")
            let gridLines = text.split(separator: "\n").filter { !$0.contains("inserted") }
            #expect(gridLines.contains { $0.contains(" o ") } == (c.s > 1), "\(c.name): inserted zeros exactly when s > 1")
            let scatter = DeconvScene(parameters: p, view: .scatter, step: (c.i * c.i + 1) / 2)
            #expect(scatter.stepCount == c.i * c.i, "\(c.name)")
            let scatterText = frame(AppState(scene: scatter), size: Self.size).plainText
            gallery += "=== \(c.name): i'=\(c.i) k=\(c.k) s=\(c.s) p=\(c.p) output_padding=\(c.a) -> o'=\(c.o), direct\n" + text
            gallery += "=== \(c.name), scatter\n" + scatterText
        }
        assertSnapshot(of: gallery, as: .lines, named: "conv_arithmetic_transposed")
    }

    @Test func fcn32sGallery() {
        let direct = DeconvScene(parameters: .fcn32s(), view: .direct, step: 96 * 40 + 50)
        let scatter = DeconvScene(parameters: .fcn32s(), view: .scatter, step: 5)
        let gallery = "=== FCN-32s upsampling k64 s32 p16 on 3x3 -> 96x96, direct, out[40,49]\n"
            + frame(AppState(scene: direct), size: Self.size).plainText
            + "=== FCN-32s, scatter, in[1,1]\n" + frame(AppState(scene: scatter), size: Self.size).plainText
        #expect(gallery.contains("o' = 96"))
        assertSnapshot(of: gallery, as: .lines, named: "fcn32s")
    }

    /// (name, parameters, step): conv_arithmetic's pooling example, AlexNet's overlapping pooling,
    /// ceil mode's partial window, average pooling with and without count_include_pad.
    static func poolingCases() -> [(name: String, parameters: PoolSceneParameters, step: Int)] {
        var cases: [(String, PoolSceneParameters, Int)] = []
        cases.append(("max 3x3 s1 on 5x5 (Dumoulin & Visin figure 1.6), last step", PoolSceneParameters(), 9))
        var alexnet = PoolSceneParameters()
        (alexnet.inputHeight, alexnet.inputWidth) = (7, 7)
        (alexnet.strideHeight, alexnet.strideWidth) = (2, 2)
        cases.append(("max 3x3 s2 on 7x7 (AlexNet's overlapping pooling), step 5", alexnet, 5))
        var ceil = PoolSceneParameters()
        (ceil.kernelHeight, ceil.kernelWidth) = (2, 2)
        (ceil.strideHeight, ceil.strideWidth) = (2, 2)
        ceil.ceilMode = true
        cases.append(("max 2x2 s2 on 5x5 ceil_mode, the partial last window", ceil, 9))
        var average = PoolSceneParameters()
        average.isAverage = true
        (average.paddingHeight, average.paddingWidth) = (1, 1)
        (average.strideHeight, average.strideWidth) = (2, 2)
        cases.append(("avg 3x3 s2 p1 on 5x5, count_include_pad=True, step 1", average, 1))
        average.countIncludePad = false
        cases.append(("avg 3x3 s2 p1 on 5x5, count_include_pad=False, step 1", average, 1))
        return cases
    }

    @Test func poolingGallery() {
        var gallery = ""
        for c in Self.poolingCases() {
            let scene = PoolScene(parameters: c.parameters, step: c.step)
            #expect(scene.errorMessage == nil, "\(c.name)")
            gallery += "=== \(c.name)\n" + frame(AppState(scene: scene), size: Self.size).plainText
        }
        // conv_arithmetic's pooling example: 3 3 3 / 3 3 3 / 3 2 3.
        #expect(gallery.contains(" 3  3  3\n") && gallery.contains(" 3  2[ 3]"))
        assertSnapshot(of: gallery, as: .lines, named: "pooling")
    }
}
