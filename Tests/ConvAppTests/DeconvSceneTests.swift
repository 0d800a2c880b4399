import Foundation
import Testing
import ConvApp
import ConvCore
import ConvDiagrams
import ConvTestSupport

private struct GoldenDeconvFile: Decodable { var cases: [ConvTransposeCaseJSON] }

/// The transposed-convolution scene without a terminal: keys -> actions -> states -> frames.
/// Numbers come from conv_transpose2d.json (PyTorch), Dumoulin & Visin 2016 (relationships 8-14)
/// and FCN's bilinear initialisation; grid layouts are worked out by hand from relationship 14.
@Suite struct DeconvSceneTests {
    static let size = Size(width: 100, height: 30)


    func text(_ state: AppState) -> String { frame(state, size: Self.size).plainText }

    /// Scene parameters holding a golden case's tensors and geometry.
    func golden(_ index: Int) throws -> (DeconvSceneParameters, ConvTransposeCaseJSON) {
        let c = try Fixtures.decode(GoldenDeconvFile.self, from: "conv_transpose2d.json").cases[index]
        let computation = try c.computation()
        let g = computation.geometry
        var p = DeconvSceneParameters()
        (p.inputHeight, p.inputWidth) = (g.height.inputSize, g.width.inputSize)
        (p.kernelHeight, p.kernelWidth) = (g.height.kernelSize, g.width.kernelSize)
        (p.strideHeight, p.strideWidth) = (g.height.stride, g.width.stride)
        (p.paddingHeight, p.paddingWidth) = (g.height.padding, g.width.padding)
        (p.outputPaddingHeight, p.outputPaddingWidth) = (g.height.outputPadding, g.width.outputPadding)
        (p.inputChannels, p.outputChannels, p.groups) = (g.inputChannels, g.outputChannels, g.groups)
        p.inputSource = computation.input
        p.weightSource = computation.weight
        p.biasSource = computation.bias
        return (p, c)
    }

    /// The output rows as a grid panel prints them: values right-aligned in `width`, one space apart.
    func rows(_ data: [Float], columns: Int, width: Int) -> [String] {
        stride(from: 0, to: data.count, by: columns).map { start in
            data[start..<(start + columns)].map { padLeft(formatValue($0), width) }.joined(separator: " ")
        }
    }

    /// The lines of the panel whose title starts with `title`, from the title's column, up to the
    /// first line that is blank there.
    func panel(_ text: String, titled title: String) -> [String] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let top = lines.firstIndex(where: { $0.contains(title) }),
              let range = lines[top].range(of: title) else { return [] }
        let column = lines[top].distance(from: lines[top].startIndex, to: range.lowerBound)
        var result: [String] = []
        for line in lines[(top + 1)...] {
            let part = line.count > column ? String(line.dropFirst(column)) : ""
            if part.trimmingCharacters(in: .whitespaces).isEmpty { break }
            result.append(part)
        }
        return result
    }

    @Test func defaultIsPaddingStridesOddTransposed() {
        // conv_arithmetic's padding_strides_odd_transposed: i'=3, k=3, s=2, p=1, output_padding 1 -> o'=6.
        let s = AppState(scene: DeconvScene(parameters: DeconvSceneParameters()))
        #expect(s.scene.stepCount == 36)
        #expect(s.scene.parameters.map(\.name) == ["input", "kernel", "stride", "padding", "output_padding", "dilation"])
        let t = text(s)
        #expect(t.contains("i' = 3   k = 3   s = 2   p = 1   output_padding = 1   d = 1   ->   o' = 6"))
        #expect(t.contains("= (3-1)*2 - 2*1 + 1*(3-1) + 1 + 1 = 6"))
        // Implied padding: d(k-1)-p = 1 before, d(k-1)-p+output_padding = 2 after.
        #expect(t.contains("d(k-1)-p = 1 before"))
        #expect(t.contains("d(k-1)-p+output_padding") && t.contains("= 2 after"))
        #expect(t.contains("o inserted zero") && t.contains(". border padding") && t.contains("+ output_padding (bottom/right)"))
        #expect(t.contains("Flipped 180"))
        #expect(t.hasSuffix("q quit\n"))
    }

    /// Golden case "3x3 k3 s2 p1 output_padding 1": the stretched input of relationship 14 is
    /// 8 x 8: one border row/column, input rows/columns with one inserted zero between them, one
    /// border row/column, then the output_padding row/column at the bottom/right.
    @Test func stretchedInputHasInsertedZerosAndOutputPaddingAtTheBottomRight() throws {
        let (p, c) = try golden(5)
        var s = AppState(scene: DeconvScene(parameters: p))
        #expect(s.scene.stepCount == 36)
        s = press(s, .character("n"))
        let t = text(s)
        // Input 2 1 0 / 2 0 2 / -2 -2 2, cell width 2 (values such as -2 and -3).
        let expectedGrid = [
            "  .  .  .  .  .  .  .  +",
            "  .  2  o  1  o  0  .  +",
            "  .  o  o  o  o  o  .  +",
            "  .  2  o  0  o  2  .  +",
            "  .  o  o  o  o  o  .  +",
            "  . -2  o -2  o  2  .  +",
            "  .  .  .  .  .  .  .  +",
            "  +  +  +  +  +  +  +  +",
        ]
        let lines = t.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let top = lines.firstIndex(where: { $0.hasPrefix("Stretched input 8x8") }) else {
            Issue.record("no stretched input panel:\n\(t)")
            return
        }
        for (i, row) in expectedGrid.enumerated() {
            // Brackets of the window replace separators; compare the glyphs only.
            let shown = String(lines[top + 1 + i].prefix(row.count)).replacingOccurrences(of: "[", with: " ")
                .replacingOccurrences(of: "]", with: " ")
            #expect(shown == row, "grid row \(i):\n\(t)")
        }
        // The flipped kernel: weight 2 1 0 / -2 2 2 / 1 2 -2 rotated 180 degrees.
        #expect(t.contains("Flipped 180"))
        // Step 2 is out[0,1]; after G every output value is PyTorch's.
        s = press(s, .character("G"))
        let final = text(s).replacingOccurrences(of: "[", with: " ").replacingOccurrences(of: "]", with: " ")
        let expected = try #require(c.output)
        for row in rows(expected.data, columns: 6, width: 2) {
            #expect(final.contains(row), "\(row)\n\(final)")
        }
        // out[5,5]'s window covers grid rows/columns 5-7: input (2,2) = 2 under the flipped kernel's
        // tap (0,0) = weight[2,2] = -2; border zeros at (5,6), (6,5), (6,6); output_padding zeros in
        // row 7 and column 7 (5 taps). PyTorch's out[5,5] is -4.
        #expect(text(s).contains("out[5,5] = 2*-2 (+ 8 taps on zeros: 3 border, 5 output_padding) = -4"))
    }

    /// The scatter view of golden case "2x2 k3 s2 p0": input 1 0 / -2 2, kernel 1 1 1 / -1 -2 1 /
    /// 1 -2 -1. Step 3 stamps -2 x kernel with its top-left at out[2,0], where in[0,0]'s stamp
    /// left 1*1: the running sum there is 1 + (-2)*1 = -1 (PyTorch's out[2,0] is -1, nothing else
    /// reaches it).
    @Test func scatterViewShowsStampsAndRunningSums() throws {
        let (p, c) = try golden(3)
        var s = AppState(scene: DeconvScene(parameters: p))
        #expect(s.scene.stepCount == 25)
        s = press(s, .character("t"))
        #expect(s.scene.stepCount == 4)           // one step per input cell
        #expect(s.scene.step == 1)
        s = press(s, .character("n"), .character("n"))
        let t = text(s)
        #expect(t.contains("step 3/4"))
        #expect(t.contains("Stamp -2 x kernel"))
        #expect(t.contains("in[1,0] = -2 stamps -2 x kernel: out[2,0] += -2*1 -> -1"), "\(t)")
        #expect(t.contains("out[y*2 + ky, x*2 + kx]"))
        #expect(t.contains("?"))                  // cells no stamp has reached yet
        // The last stamp completes the output: PyTorch's numbers.
        s = press(s, .character("G"))
        let final = text(s).replacingOccurrences(of: "[", with: " ").replacingOccurrences(of: "]", with: " ")
        for row in rows(try #require(c.output).data, columns: 5, width: 2) {
            #expect(final.contains(row), "\(row)\n\(final)")
        }
        s = press(s, .character("t"))
        #expect(s.scene.stepCount == 25 && s.scene.step == 1)
    }

    /// Cropping by padding in the scatter view: with k3 s2 p1 the first stamp lands at out[-1,-1],
    /// so 5 of its 9 taps fall outside the output.
    @Test func croppedStampTapsAreMarked() {
        var p = DeconvSceneParameters()
        (p.outputPaddingHeight, p.outputPaddingWidth) = (0, 0)
        let s = press(AppState(scene: DeconvScene(parameters: p)), .character("t"))
        let t = text(s)
        #expect(t.contains("(5 taps cropped by padding)"), "\(t)")
        #expect(t.contains("x tap cropped by padding"))
    }

    @Test func invalidOutputPaddingStatesPyTorchsRule() {
        var s = AppState(scene: DeconvScene(parameters: DeconvSceneParameters()))
        s = press(s, .tab, .tab, .tab, .tab)     // output_padding
        #expect(s.focus == 4)
        s = press(s, .character("+"))            // 2 at stride 2
        #expect(s.scene.stepCount == 0)
        let t = text(s)
        #expect(t.contains("Invalid configuration"))
        #expect(t.contains("output_padding 2 (height) is invalid: the rule is output_padding < stride or output_padding <"))
        #expect(t.contains("allowed 0...1"))
        s = press(s, .character("-"), .character("-"))   // output_padding 0: conv_arithmetic's padding_strides_transposed, o' = 5
        #expect(s.scene.errorMessage == nil && s.scene.stepCount == 25)
        s = press(s, .backTab, .backTab, .character("-"))   // stride 1, output_padding 0: o' = 3 (same padding)
        #expect(s.scene.stepCount == 9)
    }

    /// FCN-32s: kernel 64, stride 32, padding 16 on a 3 x 3 map gives (3-1)*32 - 32 + 63 + 1 = 96,
    /// 32 times the map; the picture is zoomed out.
    @Test func fcn32sPresetIsZoomedOutWithItsOutputSize() {
        var s = AppState(scene: DeconvScene(parameters: .fcn32s()))
        #expect(s.scene.stepCount == 96 * 96)
        let t = text(s)
        #expect(t.contains("FCN-32s"))
        #expect(t.contains("o' = 96"))
        #expect(t.contains("Stretched input 159x159, 1 char = "))   // 96 + 63
        #expect(t.contains("Output 96x96, 1 char = "))
        #expect(t.contains("#"))                                    // blocks holding input values
        s = press(s, .character("t"))
        #expect(s.scene.stepCount == 9)
        s = press(s, .character("G"))
        let map = panel(text(s), titled: "Output 96x96, 1 char = ")
        #expect(map.contains { $0.contains("4 4 4") }, "\(map)")   // interior: 2 x 2 stamps overlap (k = 2s)
        #expect(map.first?.contains("1") == true)                    // corner: one stamp
        #expect(!map.contains { $0.contains("?") }, "\(map)")       // every cell stamped at the last step
        s = press(s, .character("z"))
        #expect(text(s).contains("Output 96x96 (running sums)"))
    }

    /// FCN's `upsample_filt`: size 4 -> factor 2, centre 1.5, taps 1 - |x - 1.5|/2 = 0.25 0.75 0.75
    /// 0.25; size 3 -> factor 2, centre 1: 0.5 1 0.5. The kernel is their outer product.
    @Test func bilinearKernelIsFCNsUpsampleFilter() {
        let four: [Float] = [0.25, 0.75, 0.75, 0.25]
        #expect(Tensor.bilinearUpsamplingKernel(size: 4).data == four.flatMap { a in four.map { a * $0 } })
        let three: [Float] = [0.5, 1, 0.5]
        #expect(Tensor.bilinearUpsamplingKernel(size: 3).data == three.flatMap { a in three.map { a * $0 } })
    }

    /// Bilinear interpolation reproduces a constant map: with k = 2s and the bilinear kernel, every
    /// output cell reached by two stamps per axis gets weights summing to 1 (FCN's initialisation
    /// is bilinear upsampling). On a 3 x 3 map that is rows and columns 16...79 of 96.
    @Test func fcn32sUpsamplesAConstantMapToTheSameConstant() throws {
        var p = DeconvSceneParameters.fcn32s()
        p.inputSource = try Tensor(shape: [1, 1, 1, 1], data: [1])
        let computation = try p.computation()
        for y in 16..<80 {
            for x in 16..<80 {
                #expect(abs(computation.output[0, 0, y, x] - 1) < 1e-5, "out[\(y),\(x)]")
            }
        }
    }

    @Test func channelKeyAndTooLargeConfigurations() throws {
        let (p, _) = try golden(6)                 // 2 -> 3 channels
        var s = AppState(scene: DeconvScene(parameters: p))
        #expect(text(s).contains("Stretched input 7x7 ch 0/2"))
        s = press(s, .character("c"))
        #expect(text(s).contains("Stretched input 7x7 ch 1/2"))
        #expect(text(s).hasSuffix("q quit\n"))
        var big = DeconvSceneParameters()
        (big.inputHeight, big.inputWidth) = (256, 256)
        (big.kernelHeight, big.kernelWidth) = (64, 64)
        let scene = DeconvScene(parameters: big)
        #expect(scene.stepCount == 0)
        #expect(scene.errorMessage?.contains("too many for a step-through") == true)
        // Degenerate sizes never trap.
        _ = frame(AppState(scene: DeconvScene(parameters: .fcn32s())), size: Size(width: 60, height: 16))
        _ = frame(AppState(scene: DeconvScene(parameters: .fcn32s())), size: Size(width: 0, height: 0))
    }
}
