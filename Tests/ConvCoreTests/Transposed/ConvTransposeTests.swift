import Foundation
import Testing
import ConvCore
import ConvDiagrams
import ConvTestSupport

struct GoldenConvTransposeFile: Decodable { var cases: [ConvTransposeCaseJSON] }

@Suite struct ConvTransposeTests {
    static func goldenCases() throws -> [ConvTransposeCaseJSON] {
        try Fixtures.decode(GoldenConvTransposeFile.self, from: "conv_transpose2d.json").cases
    }

    // MARK: Golden vectors (torch.nn.functional.conv_transpose2d)

    @Test func everyGoldenCaseMatchesPyTorchExactly() throws {
        let cases = try Self.goldenCases()
        #expect(cases.count == 7)
        for c in cases {
            let computation = try c.computation()
            let expected = try #require(c.output)
            #expect(computation.output.shape == expected.shape, "\(c.name ?? "")")
            #expect(computation.output.data == expected.data, "\(c.name ?? "")")
        }
    }

    /// Each golden output cell is the bias plus the products that ConvTransposeAxis.contributors
    /// names along rows and columns (PyTorch's numbers, summed in a different order: within 1e-4).
    @Test func contributorsAddUpToEveryGoldenOutputCell() throws {
        for c in try Self.goldenCases() {
            let t = try c.computation(), g = t.geometry, expected = try #require(c.output).tensor()
            let cinPerGroup = g.inputChannels / g.groups, coutPerGroup = g.outputChannels / g.groups
            for n in 0..<expected.shape[0] { for f in 0..<expected.shape[1] {
                for oy in 0..<expected.shape[2] { for ox in 0..<expected.shape[3] {
                    var sum = t.bias?.data[f] ?? 0
                    let group = f / coutPerGroup
                    for cl in 0..<cinPerGroup {
                        let channel = group * cinPerGroup + cl
                        for (y, ky) in g.height.contributors(output: oy) {
                            for (x, kx) in g.width.contributors(output: ox) {
                                sum += t.input[n, channel, y, x] * t.weight[channel, f - group * coutPerGroup, ky, kx]
                            }
                        }
                    }
                    #expect(abs(sum - expected[n, f, oy, ox]) <= 1e-4, "\(c.name ?? "") [\(n), \(f), \(oy), \(ox)]")
                } }
            } }
        }
    }

    /// Hand-worked (i' = 3, k = 3, s = 2, p = 1, output_padding = 1, o' = 6): output 1 is reached
    /// by input 0's tap 2 (0·2 - 1 + 2 = 1) and input 1's tap 0 (1·2 - 1 + 0 = 1).
    @Test func contributorsSolveTheStampEquation() throws {
        let axis = try ConvTransposeAxis(inputSize: 3, kernelSize: 3, stride: 2, padding: 1, outputPadding: 1)
        #expect(axis.outputSize == 6)
        #expect(axis.contributors(output: 0).map { [$0.input, $0.tap] } == [[0, 1]])
        #expect(axis.contributors(output: 1).map { [$0.input, $0.tap] } == [[0, 2], [1, 0]])
        #expect(axis.contributors(output: 5).map { [$0.input, $0.tap] } == [[2, 2]])
        #expect(axis.contributors(output: 6).isEmpty)
    }

    @Test func everyGoldenCasesEquivalentDirectConvolutionMatches() throws {
        for c in try Self.goldenCases() {
            let expected = try #require(c.equivalentDirectConv)
            let g = try c.computation().geometry
            #expect(EquivalentDirectConvJSON(g) == expected, "\(c.name ?? "")")
            #expect([g.height.zerosBetween, g.width.zerosBetween] == expected.zerosBetween)
            #expect([g.height.directPaddingBefore, g.width.directPaddingBefore] == expected.padBefore)
            #expect([g.height.directPaddingAfter, g.width.directPaddingAfter] == expected.padAfter)
            #expect(expected.stride == [1, 1])
            #expect([g.height.directAxis.dilation, g.width.directAxis.dilation] == expected.dilation)
            #expect(g.height.directAxis.stride == 1 && g.width.directAxis.stride == 1)
            #expect(expected.kernel == EquivalentDirectConvJSON.kernelTransformation)
            // The direct convolution's own output size is o'.
            #expect(try g.directConvolution().outputShape == g.outputShape)
        }
    }

    /// The scatter definition and the stretched-input direct convolution give the same numbers on
    /// every golden case (integer data: exactly), and both match PyTorch.
    @Test func scatterAndDirectConvolutionAgreeOnEveryGoldenCase() throws {
        for c in try Self.goldenCases() {
            let computation = try c.computation()
            let direct = try convTranspose2dByDirectConvolution(input: computation.input, weight: computation.weight,
                                                                bias: computation.bias, geometry: computation.geometry)
            #expect(direct == computation.output, "\(c.name ?? "")")
            #expect(direct.data == c.output?.data, "\(c.name ?? "")")
            try Self.expectTracesAgree(computation, name: c.name ?? "")
        }
    }

    /// The same agreement beyond the golden file: dilation, groups, rectangular kernels,
    /// output_padding allowed by the dilation, and cropping (d(k-1) - p < 0).
    @Test(arguments: [
        // (H, W, Cin, Cout, groups, kH, kW, sH, sW, pH, pW, opH, opW, dH, dW)
        [3, 4, 2, 4, 2, 3, 2, 2, 1, 1, 0, 1, 0, 1, 1],
        [4, 3, 1, 2, 1, 3, 3, 1, 2, 0, 1, 1, 1, 2, 1],
        [3, 3, 2, 2, 1, 3, 3, 2, 2, 3, 3, 0, 1, 1, 1],
        [2, 5, 3, 3, 3, 2, 3, 3, 2, 1, 2, 2, 1, 2, 2],
        [3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 1, 1],
    ])
    func scatterAndDirectConvolutionAgreeBeyondTheGoldenFile(_ p: [Int]) throws {
        let input = try Tensor(shape: [1, p[2], p[0], p[1]], data: Self.smallIntegers(count: p[2] * p[0] * p[1], seed: 1))
        let weight = try Tensor(shape: [p[2], p[3] / p[4], p[5], p[6]],
                                data: Self.smallIntegers(count: p[2] * (p[3] / p[4]) * p[5] * p[6], seed: 2))
        let bias = try Tensor(shape: [p[3]], data: Self.smallIntegers(count: p[3], seed: 3))
        let computation = try ConvTransposeComputation(input: input, weight: weight, bias: bias, stride: (p[7], p[8]),
                                                       padding: (p[9], p[10]), outputPadding: (p[11], p[12]),
                                                       dilation: (p[13], p[14]), groups: p[4])
        let direct = try convTranspose2dByDirectConvolution(input: input, weight: weight, bias: bias,
                                                            geometry: computation.geometry)
        #expect(direct == computation.output)
        try Self.expectTracesAgree(computation, name: "\(p)")
    }

    /// Every direct-view step sums to the output; every scatter-view stamp raises its cell's running
    /// sum by exactly its contribution, and the last stamp of each cell leaves the output value.
    static func expectTracesAgree(_ computation: ConvTransposeComputation, name: String) throws {
        let out = computation.output
        for step in 1...computation.directStepCount {
            let t = try computation.directTrace(step: step)
            #expect(t.sum == out[t.batch, t.outputChannel, t.row, t.column], "\(name) direct step \(step)")
            for tap in t.taps {
                #expect((tap.kind == .input) == (tap.inputRow != nil), "\(name) direct step \(step)")
                if tap.kind != .input { #expect(tap.inputValue == 0) }
            }
        }
        var running: [[Int]: Float] = [:]
        for step in 1...computation.scatterStepCount {
            let t = try computation.scatterTrace(step: step)
            for s in t.stamps where !s.isCropped {
                let key = [t.batch, s.outputChannel, s.row, s.column]
                let before = running[key] ?? (computation.bias?.data[s.outputChannel] ?? 0)
                #expect(s.runningSum == before + s.contribution, "\(name) scatter step \(step) cell \(key)")
                running[key] = s.runningSum
            }
            #expect(t.stamps.allSatisfy { $0.isCropped == ($0.runningSum == nil) })
        }
        for (key, value) in running {
            #expect(value == out[key[0], key[1], key[2], key[3]], "\(name) final running sum \(key)")
        }
        #expect(try computation.scatterPartialOutput(afterStep: computation.scatterStepCount) == out, "\(name)")
        // Halfway, the partial output holds exactly the running sums reported so far.
        let half = computation.scatterStepCount / 2
        let partial = try computation.scatterPartialOutput(afterStep: half)
        var soFar: [[Int]: Float] = [:]
        if half >= 1 {
            for step in 1...half {
                let t = try computation.scatterTrace(step: step)
                for s in t.stamps where !s.isCropped {
                    soFar[[t.batch, s.outputChannel, s.row, s.column]] = s.runningSum
                }
            }
        }
        for (key, value) in soFar {
            #expect(partial[key[0], key[1], key[2], key[3]] == value, "\(name) partial \(key)")
        }
    }

    /// Deterministic small integers in -2...2 (so every product and sum is exact in Float).
    static func smallIntegers(count: Int, seed: Int) -> [Float] {
        (0..<count).map { Float(((($0 + 1) * (7 + seed) + seed * 13) % 5) - 2) }
    }

    @Test func directWeightIsTheKernelFlippedWithChannelsSwapped() throws {
        // Golden case "2 channels -> 3 channels": weight (C_in 2, C_out 3, 2, 2).
        let c = try #require(Self.goldenCases().first { $0.input.shape[1] == 2 })
        let g = try c.computation().geometry
        let flipped = try g.directWeight(try c.weight.tensor())
        #expect(flipped.shape == [3, 2, 2, 2])
        let w = c.weight.data
        for f in 0..<3 {
            for ci in 0..<2 {
                for ky in 0..<2 {
                    for kx in 0..<2 {
                        // weight[ci, f, 1-ky, 1-kx] read straight from the JSON data, row-major.
                        #expect(flipped[f, ci, ky, kx] == w[((ci * 3 + f) * 2 + (1 - ky)) * 2 + (1 - kx)])
                    }
                }
            }
        }
    }

    // MARK: Dumoulin & Visin 2016 / conv_arithmetic

    /// conv_arithmetic's seven transposed animations, (i', k, s, p, output_padding) -> o', with the
    /// paper's equivalent padding p' = k - p - 1 (relationships 8-14) and s - 1 inserted zeros.
    @Test(arguments: [
        ("no_padding_no_strides_transposed", 2, 3, 1, 0, 0, 4),
        ("arbitrary_padding_no_strides_transposed", 6, 4, 1, 2, 0, 5),
        ("same_padding_no_strides_transposed", 5, 3, 1, 1, 0, 5),
        ("full_padding_no_strides_transposed", 7, 3, 1, 2, 0, 5),
        ("no_padding_strides_transposed", 2, 3, 2, 0, 0, 5),
        ("padding_strides_transposed", 3, 3, 2, 1, 0, 5),
        ("padding_strides_odd_transposed", 3, 3, 2, 1, 1, 6),
    ])
    func convArithmeticTransposedAnimations(_ c: (String, Int, Int, Int, Int, Int, Int)) throws {
        let axis = try ConvTransposeAxis(inputSize: c.1, kernelSize: c.2, stride: c.3, padding: c.4, outputPadding: c.5)
        #expect(axis.outputSize == c.6, "\(c.0)")
        #expect(axis.directPaddingBefore == c.2 - c.4 - 1, "\(c.0)")
        #expect(axis.directPaddingAfter == c.2 - c.4 - 1 + c.5, "\(c.0)")
        #expect(axis.zerosBetween == c.3 - 1, "\(c.0)")
        #expect(axis.directAxis.outputSize == c.6, "\(c.0)")
        #expect(axis.formula.hasSuffix("= \(c.6)"), "\(c.0)")
    }

    /// conv_arithmetic's padding_strides_odd_transposed (relationship 14; i' 3, k 3, s 2, p 1,
    /// output_padding 1): the 8 x 8 grid has 1 border row/column at the top/left, the 5 x 5
    /// stretched input, 1 border row/column, then the output_padding row/column at the bottom/right.
    @Test func outputPaddingRowAndColumnAreAtTheBottomAndRight() throws {
        let g = try ConvTranspose2dGeometry(inputSize: (3, 3), kernelSize: (3, 3), stride: (2, 2), padding: (1, 1),
                                            outputPadding: (1, 1))
        #expect(g.directInputShape == [1, 1, 8, 8])
        var counts: [StretchedCellKind: Int] = [:]
        for r in 0..<8 {
            for c in 0..<8 { counts[g.directCellKind(row: r, column: c), default: 0] += 1 }
        }
        #expect(counts[.input] == 9)
        #expect(counts[.insertedZero] == 25 - 9)
        #expect(counts[.outputPadding] == 8 + 7)
        #expect(counts[.borderPadding] == 64 - 25 - 15)
        for i in 0..<8 {
            #expect(g.directCellKind(row: 7, column: i) == .outputPadding)
            #expect(g.directCellKind(row: i, column: 7) == .outputPadding)
        }
        #expect(g.directCellKind(row: 0, column: 0) == .borderPadding)
        #expect(g.directCellKind(row: 6, column: 3) == .borderPadding)
        #expect(g.directCellKind(row: 1, column: 1) == .input)
        #expect(g.directCellKind(row: 1, column: 2) == .insertedZero)
        #expect(g.directCellKind(row: 5, column: 5) == .input)
        #expect(g.height.inputIndex(atGridIndex: 5) == 2)
        #expect(g.height.gridIndex(ofInputIndex: 2) == 5)
    }

    // MARK: output_padding and the forward ambiguity

    @Test func invalidOutputPaddingStatesTheRule() throws {
        #expect(throws: ConvTransposeError.invalidOutputPadding(axis: "width", outputPadding: 2, stride: 2, dilation: 1)) {
            try ConvTransposeAxis(inputSize: 3, kernelSize: 3, stride: 2, padding: 1, outputPadding: 2, name: "width")
        }
        let error = ConvTransposeError.invalidOutputPadding(axis: "width", outputPadding: 2, stride: 2, dilation: 1)
        #expect(error.description.contains("output_padding < stride or output_padding < dilation"))
        #expect(error.description.contains("output_padding 2"))
        #expect(error.description.contains("stride 2 and dilation 1"))
        #expect(error.description.contains("allowed 0...1"))
        // Stride 1 allows no output_padding ...
        #expect(throws: ConvTransposeError.self) {
            try ConvTransposeAxis(inputSize: 3, kernelSize: 3, stride: 1, outputPadding: 1)
        }
        // ... unless the dilation exceeds it (PyTorch's "or dilation"): (3-1) + 2*(3-1) + 1 + 1 = 8.
        let dilated = try ConvTransposeAxis(inputSize: 3, kernelSize: 3, stride: 1, outputPadding: 1, dilation: 2)
        #expect(dilated.outputSize == 8)
        // The whole operation reports the same error.
        let x = try Tensor(shape: [1, 1, 3, 3], data: [Float](repeating: 1, count: 9))
        let w = try Tensor(shape: [1, 1, 3, 3], data: [Float](repeating: 1, count: 9))
        #expect(throws: ConvTransposeError.invalidOutputPadding(axis: "height", outputPadding: 2, stride: 2, dilation: 1)) {
            try convTranspose2d(input: x, weight: w, stride: (2, 2), padding: (1, 1), outputPadding: (2, 0))
        }
    }

    /// Dumoulin & Visin section 4.6: under k3 s2 p1 both 7 and 8 give 4; output_padding picks one.
    @Test func kernel3Stride2Padding1MapsSevenAndEightToFour() throws {
        #expect(try ConvAxis(inputSize: 7, kernelSize: 3, stride: 2, padding: .explicit(1)).outputSize == 4)
        #expect(try ConvAxis(inputSize: 8, kernelSize: 3, stride: 2, padding: .explicit(1)).outputSize == 4)
        #expect(try ConvTransposeAxis.forwardInputSizes(outputSize: 4, kernelSize: 3, stride: 2, padding: 1) == 7...8)
        let back = try ConvTransposeAxis(inputSize: 4, kernelSize: 3, stride: 2, padding: 1)
        #expect(back.outputSize == 7)
        #expect(back.forwardInputSizes == 7...8)
        #expect(try ConvTransposeAxis(inputSize: 4, kernelSize: 3, stride: 2, padding: 1, outputPadding: 1).outputSize == 8)
        #expect(try ConvTransposeAxis.outputPadding(forOutputSize: 7, inputSize: 4, kernelSize: 3, stride: 2, padding: 1) == 0)
        #expect(try ConvTransposeAxis.outputPadding(forOutputSize: 8, inputSize: 4, kernelSize: 3, stride: 2, padding: 1) == 1)
        #expect(try ConvTransposeAxis(inputSize: 4, kernelSize: 3, stride: 2, padding: 1, outputSize: 8).outputPadding == 1)
        // 9 is out of reach: the message gives the allowed range.
        #expect(throws: ConvTransposeError.outputSizeUnreachable(axis: "axis", requested: 9, inputSize: 4, kernelSize: 3,
                                                                 stride: 2, padding: 1, dilation: 1)) {
            try ConvTransposeAxis.outputPadding(forOutputSize: 9, inputSize: 4, kernelSize: 3, stride: 2, padding: 1)
        }
        let error = ConvTransposeError.outputSizeUnreachable(axis: "width", requested: 9, inputSize: 4, kernelSize: 3,
                                                             stride: 2, padding: 1, dilation: 1)
        #expect(error.description.contains("allowed output sizes are 7...8"))
        #expect(error.description.contains("padding 0 with output_padding 0 would give it"))
    }

    /// Stride 1 with an even kernel cannot keep the size: i' - 2p + (k-1) = i' needs 2p = k - 1, odd.
    @Test func stride1WithAnEvenKernelCannotKeepTheSize() throws {
        #expect(throws: ConvTransposeError.self) {
            try ConvTransposeAxis.outputPadding(forOutputSize: 5, inputSize: 5, kernelSize: 4, stride: 1, padding: 1)
        }
        let error = ConvTransposeError.outputSizeUnreachable(axis: "width", requested: 5, inputSize: 5, kernelSize: 4,
                                                             stride: 1, padding: 1, dilation: 1)
        #expect(error.description.contains("allowed output sizes are 6...6"))
        #expect(error.description.contains("2p would have to be 3, an odd number"))
        #expect(error.description.contains("an even kernel cannot keep it"))
        // An odd kernel keeps the size with p = (k-1)/2.
        #expect(try ConvTransposeAxis.outputPadding(forOutputSize: 5, inputSize: 5, kernelSize: 3, stride: 1, padding: 1) == 0)
    }

    // MARK: Cropping (d(k-1) - p < 0)

    /// Hand-worked: i' 3, k 3, s 2, p 3 gives o' = 2*2 - 6 + 2 + 1 = 1. The full scatter output has
    /// 7 cells per axis and p = 3 are cropped from each end, leaving full index 3, reached only by
    /// input 1 through tap 1: the output is x[1,1] * w[1,1] = 5 * 5 = 25.
    @Test func paddingLargerThanTheKernelCropsTheStretchedInput() throws {
        let x = try Tensor(shape: [1, 1, 3, 3], data: (1...9).map(Float.init))
        let w = try Tensor(shape: [1, 1, 3, 3], data: (1...9).map(Float.init))
        let computation = try ConvTransposeComputation(input: x, weight: w, stride: (2, 2), padding: (3, 3))
        #expect(computation.output.shape == [1, 1, 1, 1])
        #expect(computation.output.data == [25])
        let g = computation.geometry
        #expect(g.height.directPaddingBefore == -1 && g.height.directPaddingAfter == -1)
        #expect(g.directInputShape == [1, 1, 3, 3])
        #expect(g.directCellKind(row: 1, column: 1) == .input)
        #expect(g.directCellKind(row: 0, column: 1) == .insertedZero)
        #expect(g.directCellKind(row: 2, column: 2) == .insertedZero)
        #expect(try convTranspose2dByDirectConvolution(input: x, weight: w, bias: nil, geometry: g).data == [25])
        let trace = try computation.directTrace(step: 1)
        #expect(trace.sum == 25)
        #expect(trace.taps.filter { $0.kind == .input }.count == 1)
        // k1 s1 p1 on 3 x 3 keeps only the centre: 5 * 2.
        let one = try Tensor(shape: [1, 1, 1, 1], data: [2])
        #expect(try convTranspose2d(input: x, weight: one, padding: (1, 1)).output.data == [10])
    }

    // MARK: Traces by hand

    /// Golden case "2x2 k3 s2 p0": input [[1, 0], [-2, 2]], kernel [[1, 1, 1], [-1, -2, 1], [1, -2, -1]].
    @Test func scatterTraceOfTheFirstInputCell() throws {
        let c = try #require(Self.goldenCases().first { $0.name?.hasPrefix("2x2 k3 s2 p0") == true })
        let computation = try c.computation()
        let first = try computation.scatterTrace(step: 1)
        #expect(first.inputValue == 1 && first.stampTop == 0 && first.stampLeft == 0)
        #expect(first.stamps.count == 9)
        // After the first stamp the running sums are the kernel itself.
        #expect(first.stamps.map(\.runningSum) == [1, 1, 1, -1, -2, 1, 1, -2, -1])
        // Input (1, 0) = -2 stamps rows 2...4, columns 0...2; cell (2, 0) already holds 1 from the
        // first stamp's tap (2, 0): 1 + (-2)(1) = -1.
        let third = try computation.scatterTrace(step: 3)
        #expect(third.inputRow == 1 && third.inputColumn == 0 && third.stampTop == 2)
        let corner = try #require(third.stamps.first { $0.row == 2 && $0.column == 0 })
        #expect(corner.contribution == -2 && corner.runningSum == -1)
        // The direct view of output (0, 0): the flipped kernel's bottom-right tap reads input (0, 0).
        let direct = try computation.directTrace(step: 1)
        let inputs = direct.taps.filter { $0.kind == .input }
        #expect(inputs.count == 1)
        #expect(inputs[0].kernelRow == 2 && inputs[0].kernelColumn == 2)
        #expect(inputs[0].originalKernelRow == 0 && inputs[0].originalKernelColumn == 0)
        #expect(inputs[0].inputRow == 0 && inputs[0].inputColumn == 0)
        #expect(direct.taps.filter { $0.kind == .borderPadding }.count == 8)
    }

    // MARK: Errors, never traps

    @Test func invalidArgumentsAreErrorsNotTraps() throws {
        #expect(throws: ConvTransposeError.self) { try ConvTransposeAxis(inputSize: 0, kernelSize: 3) }
        #expect(throws: ConvTransposeError.self) { try ConvTransposeAxis(inputSize: 3, kernelSize: 3, stride: -1) }
        #expect(throws: ConvTransposeError.self) { try ConvTransposeAxis(inputSize: 3, kernelSize: 3, padding: -1) }
        #expect(throws: ConvTransposeError.self) { try ConvTransposeAxis(inputSize: 3, kernelSize: 3, outputPadding: -1) }
        #expect(throws: ConvTransposeError.self) { try ConvTransposeAxis(inputSize: Int.max, kernelSize: 3) }
        #expect(throws: ConvTransposeError.self) {
            try ConvTransposeAxis(inputSize: maximumExtent, kernelSize: maximumExtent, stride: maximumExtent)
        }
        // o' < 1: k3 s1 p3 on 4 gives 3 - 6 + 2 + 1 = 0.
        let tooSmall = ConvTransposeError.outputTooSmall(axis: "axis", inputSize: 4, kernelSize: 3, stride: 1, padding: 3,
                                                         dilation: 1, outputPadding: 0)
        #expect(throws: tooSmall) { try ConvTransposeAxis(inputSize: 4, kernelSize: 3, padding: 3) }
        #expect(tooSmall.description.contains("would be 0"))
        #expect(tooSmall.description.contains("padding at most 2"))
        #expect(throws: ConvTransposeError.self) {
            try ConvTransposeGeometryProbe.huge()
        }
        let x = try Tensor(shape: [1, 2, 3, 3], data: [Float](repeating: 1, count: 18))
        let w = try Tensor(shape: [1, 1, 3, 3], data: [Float](repeating: 1, count: 9))
        #expect(throws: ConvTransposeError.self) { try convTranspose2d(input: x, weight: w) }
        let w2 = try Tensor(shape: [2, 1, 3, 3], data: [Float](repeating: 1, count: 18))
        let badBias = try Tensor(shape: [3], data: [0, 0, 0])
        #expect(throws: ConvTransposeError.self) { try convTranspose2d(input: x, weight: w2, bias: badBias) }
        #expect(throws: ConvTransposeError.self) { try convTranspose2d(input: x, weight: w2, groups: 3) }
        let computation = try ConvTransposeComputation(input: x, weight: w2, groups: 2)
        #expect(computation.output.shape == [1, 2, 5, 5])
        #expect(throws: ConvError.stepOutOfRange(step: 0, count: 50)) { try computation.directTrace(step: 0) }
        #expect(throws: ConvError.stepOutOfRange(step: 19, count: 18)) { try computation.scatterTrace(step: 19) }
        #expect(throws: ConvError.stepOutOfRange(step: -1, count: 18)) { try computation.scatterPartialOutput(afterStep: -1) }
        // Before any stamp the output is the bias (none here): all zeros.
        #expect(try computation.scatterPartialOutput(afterStep: 0).data.allSatisfy { $0 == 0 })
    }

    @Test func caseJSONRoundTripsWithPyTorchKeys() throws {
        let c = try #require(Self.goldenCases().last)
        let computation = try c.computation()
        let data = try JSONEncoder().encode(ConvTransposeCaseJSON(computation, name: c.name))
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"output_padding\"") && text.contains("\"equivalent_direct_conv\"")
            && text.contains("\"zeros_between\"") && text.contains("\"pad_before\""))
        let back = try JSONDecoder().decode(ConvTransposeCaseJSON.self, from: data)
        #expect(try back.computation().output == computation.output)
        #expect(back.output?.data == c.output?.data)
        #expect(back.equivalentDirectConv == c.equivalentDirectConv)
    }
}

/// A geometry whose output would exceed the tensor size limit.
enum ConvTransposeGeometryProbe {
    static func huge() throws(ConvTransposeError) {
        _ = try ConvTranspose2dGeometry(inputChannels: 64, outputChannels: 64, inputSize: (4096, 4096),
                                        kernelSize: (3, 3), stride: (2, 2))
    }
}
