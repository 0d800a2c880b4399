import Foundation
import Testing
import ConvCore
import ConvDiagrams
import ConvTestSupport

struct GoldenPoolFile: Decodable { var cases: [PoolCaseJSON] }

/// The parts of `spp.json` that check adaptive max pooling: per level, the bins and the output.
private struct GoldenSPPFile: Decodable {
    struct Bin: Decodable { var rows: [Int]; var cols: [Int] }
    struct Level: Decodable { var n: Int; var bins: [[Bin]]; var output: TensorJSON }
    struct Case: Decodable { var name: String; var input: TensorJSON; var per_level: [Level] }
    var cases: [Case]
}

@Suite struct PoolTests {
    // MARK: Golden vectors (max_pool2d, avg_pool2d)

    @Test func everyGoldenCaseMatchesPyTorch() throws {
        let cases = try Fixtures.decode(GoldenPoolFile.self, from: "pool2d.json").cases
        #expect(cases.count == 8)
        for c in cases {
            let computation = try c.computation()
            let expected = try #require(c.output)
            let name = c.name ?? ""
            #expect(computation.output.shape == expected.shape, "\(name)")
            if c.kind == "max" {
                #expect(computation.output.data == expected.data, "\(name)")
            } else {
                #expect(c.kind == "avg")
                #expect(computation.output.data.count == expected.data.count)
                for (ours, theirs) in zip(computation.output.data, expected.data) {
                    #expect(abs(ours - theirs) <= 1e-5, "\(name): \(ours) vs \(theirs)")
                }
            }
            // Every traced cell agrees with the output and explains it.
            for step in 1...computation.stepCount {
                let t = try computation.trace(step: step)
                #expect(t.value == computation.output[t.batch, t.channel, t.row, t.column], "\(name) step \(step)")
                #expect(t.taps.allSatisfy { ($0.kind == .input) == ($0.value != nil) })
                if c.kind == "max" {
                    let best = try #require(t.maxTapIndex)
                    #expect(t.taps[best].value == t.value)
                    #expect(t.taps.allSatisfy { ($0.value ?? -.infinity) <= t.value })
                } else {
                    let divisor = try #require(t.divisor)
                    let sum = try #require(t.sum)
                    #expect(sum / Float(divisor) == t.value, "\(name) step \(step)")
                }
            }
        }
    }

    /// Golden cases 7 and 8 (avg 3x3 s1 p1, with and without count_include_pad): the corner
    /// window covers 2 x 2 input cells and 5 padding cells.
    @Test func countIncludePadChangesTheDivisor() throws {
        let cases = try Fixtures.decode(GoldenPoolFile.self, from: "pool2d.json").cases
        let include = try #require(cases.first { $0.countIncludePad == true && $0.padding == [1, 1] })
        let exclude = try #require(cases.first { $0.countIncludePad == false })
        let a = try include.computation().trace(step: 1)
        let b = try exclude.computation().trace(step: 1)
        #expect(a.divisor == 9 && b.divisor == 4)
        #expect(a.taps.filter { $0.kind == .padding }.count == 5)
        // Exclude-pad corner by hand: (4 + 1 - 5 - 2) / 4 = -0.5, the golden value.
        #expect(b.sum == -2 && b.value == -0.5)
    }

    // MARK: conv_arithmetic and hand-worked examples

    /// Dumoulin & Visin 2016, section 1.2 (pooling) / conv_arithmetic's numerical max-pooling example: 3x3, stride 1.
    @Test func convArithmeticMaxPoolingExample() throws {
        let input = try Tensor(shape: [1, 1, 5, 5], data: [3, 3, 2, 1, 0, 0, 0, 1, 3, 1, 3, 1, 2, 2, 3,
                                                            2, 0, 0, 2, 2, 2, 0, 0, 0, 1])
        let output = try maxPool2d(input: input, kernelSize: (3, 3), stride: (1, 1))
        #expect(output.shape == [1, 1, 3, 3])
        #expect(output.data == [3, 3, 3, 3, 3, 3, 3, 2, 3])
    }

    /// Floor division of a negative numerator: k2 s2 on width 1 gives floor(-1/2) + 1 = 0, an
    /// error, not 1 (which truncating division would give). Ceil mode gives ceil(-1/2) + 1 = 1.
    @Test func kernel2Stride2OnWidth1IsAnError() throws {
        let expected = PoolError.outputEmpty(axis: "width", inputSize: 1, kernelSize: 2, stride: 2, padding: 0,
                                             dilation: 1, ceilMode: false)
        #expect(throws: expected) { try PoolAxis(inputSize: 1, kernelSize: 2, stride: 2, name: "width") }
        #expect(expected.description.contains("would be 0"))
        #expect(expected.description.contains("input size at least 2"))
        #expect(try PoolAxis(inputSize: 1, kernelSize: 2, stride: 2, ceilMode: true).outputSize == 1)
        let x = try Tensor(shape: [1, 1, 4, 1], data: [1, 2, 3, 4])
        #expect(throws: PoolError.self) { try maxPool2d(input: x, kernelSize: (2, 2)) }
    }

    /// PyTorch's ceil-mode rule, worked by hand: (i, k, s, p) -> (floor, ceil, dropped).
    @Test(arguments: [
        (5, 2, 2, 0, 2, 3, false),   // partial last window kept
        (6, 3, 2, 1, 3, 4, false),   // last window starts at 5, inside the input
        (5, 2, 2, 1, 3, 3, true),    // 4th window would start at 6 = i + p: dropped
        (7, 3, 2, 0, 3, 3, false),   // AlexNet-style overlap, exact
        (112, 3, 2, 0, 55, 56, false),  // GoogLeNet's ceil-mode pools
    ])
    func ceilModeKeepsOnlyWindowsThatStartInside(_ c: (Int, Int, Int, Int, Int, Int, Bool)) throws {
        let floor = try PoolAxis(inputSize: c.0, kernelSize: c.1, stride: c.2, padding: c.3)
        let ceil = try PoolAxis(inputSize: c.0, kernelSize: c.1, stride: c.2, padding: c.3, ceilMode: true)
        #expect(floor.outputSize == c.4)
        #expect(ceil.outputSize == c.5)
        #expect(ceil.lastWindowDropped == c.6)
        #expect(ceil.windowStart(ceil.outputSize - 1) < c.0)
    }

    /// Ceil mode's partial last window: its overhang is never counted, even with count_include_pad.
    /// Row [1, 2, 3, 4, 5], kernel 2, stride 2, ceil: windows [1,2], [3,4], [5] -> 1.5, 3.5, 5.
    @Test func ceilModeOverhangIsNotCounted() throws {
        let x = try Tensor(shape: [1, 1, 1, 5], data: [1, 2, 3, 4, 5])
        let pool = try PoolComputation(input: x, mode: .average(countIncludePad: true), kernelSize: (1, 2),
                                       ceilMode: true)
        #expect(pool.output.data == [1.5, 3.5, 5])
        let last = try pool.trace(step: 3)
        #expect(last.divisor == 1)
        #expect(last.taps.map(\.kind) == [.input, .beyondPadding])
        if case let .fixed(_, w) = pool.geometry.windows { #expect(w.lastWindowOverhang == 1) }
    }

    @Test func maxPoolingPicksTheFirstMaximumAndNeverPadding() throws {
        let x = try Tensor(shape: [1, 1, 1, 3], data: [-2, -1, -1])
        let pool = try PoolComputation(input: x, mode: .max, kernelSize: (1, 3), stride: (1, 1), padding: (0, 1))
        // Padding is not zero for max pooling: the all-negative window still gives -1, at tap 2.
        #expect(pool.output.data == [-1, -1, -1])
        #expect(try pool.trace(step: 1).maxTapIndex == 2)
        #expect(try pool.trace(step: 2).maxTapIndex == 1)
        #expect(try pool.trace(step: 1).taps[0].kind == .padding)
    }

    @Test func paddingRuleIsHalfTheKernel() throws {
        #expect(throws: PoolError.paddingTooLarge(axis: "axis", padding: 2, kernelSize: 3)) {
            try PoolAxis(inputSize: 5, kernelSize: 3, padding: 2)
        }
        let error = PoolError.paddingTooLarge(axis: "height", padding: 2, kernelSize: 3)
        #expect(error.description.contains("padding <= kernel_size / 2"))
        #expect(error.description.contains("allowed 0...1"))
        #expect(try PoolAxis(inputSize: 5, kernelSize: 2, padding: 1).outputSize == 3)
    }

    @Test func dilatedMaxPooling() throws {
        // Row 0...6, kernel 3, dilation 2, stride 1: windows {0,2,4}, {1,3,5}, {2,4,6} -> 4, 5, 6.
        let x = try Tensor(shape: [1, 1, 1, 7], data: (0...6).map(Float.init))
        let pool = try PoolComputation(input: x, mode: .max, kernelSize: (1, 3), stride: (1, 1), dilation: (1, 2))
        #expect(pool.output.data == [4, 5, 6])
        #expect(try pool.trace(step: 2).taps.map(\.column) == [1, 3, 5])
        // avg_pool2d has no dilation.
        #expect(throws: PoolError.self) {
            try PoolComputation(input: x, mode: .average(countIncludePad: true), kernelSize: (1, 3), dilation: (1, 2))
        }
    }

    // MARK: Adaptive pooling

    @Test(arguments: [
        (8, 4, [0..<2, 2..<4, 4..<6, 6..<8]),
        (5, 3, [0..<2, 1..<4, 3..<5]),
        (10, 4, [0..<3, 2..<5, 5..<8, 7..<10]),
        (2, 3, [0..<1, 0..<2, 1..<2]),
        (13, 1, [0..<13]),
    ])
    func adaptiveBinsByHand(_ c: (Int, Int, [Range<Int>])) throws {
        #expect(try adaptiveBins(inputSize: c.0, outputSize: c.1) == c.2)
    }

    /// spp.json: every level's bins and adaptive_max_pool2d output, on every map.
    @Test func adaptiveMaxPoolingMatchesEveryGoldenSPPLevel() throws {
        let file = try Fixtures.decode(GoldenSPPFile.self, from: "spp.json")
        #expect(file.cases.count == 3)
        for c in file.cases {
            let input = try c.input.tensor()
            for level in c.per_level {
                let rows = try adaptiveBins(inputSize: input.shape[2], outputSize: level.n)
                let columns = try adaptiveBins(inputSize: input.shape[3], outputSize: level.n)
                for (j, binRow) in level.bins.enumerated() {
                    for (i, bin) in binRow.enumerated() {
                        #expect(rows[j] == bin.rows[0]..<bin.rows[1], "\(c.name) n=\(level.n)")
                        #expect(columns[i] == bin.cols[0]..<bin.cols[1], "\(c.name) n=\(level.n)")
                    }
                }
                let output = try adaptiveMaxPool2d(input: input, outputSize: (level.n, level.n))
                #expect(output.shape == level.output.shape, "\(c.name) n=\(level.n)")
                #expect(output.data == level.output.data, "\(c.name) n=\(level.n)")
            }
        }
    }

    /// [1, 2, 3, 4, 5] into 3 bins [0,2), [1,4), [3,5): means 1.5, 3, 4.5.
    @Test func adaptiveAveragePoolingByHand() throws {
        let x = try Tensor(shape: [1, 1, 1, 5], data: [1, 2, 3, 4, 5])
        let pool = try PoolComputation(input: x, mode: .average(countIncludePad: true), adaptiveOutputSize: (1, 3))
        #expect(pool.output.data == [1.5, 3, 4.5])
        #expect(try pool.trace(step: 2).divisor == 3)
        #expect(try pool.trace(step: 2).taps.map(\.column) == [1, 2, 3])
        #expect(try adaptiveAvgPool2d(input: x, outputSize: (1, 1)).data == [3])
    }

    // MARK: Errors and JSON

    @Test func invalidArgumentsAreErrorsNotTraps() throws {
        #expect(throws: PoolError.self) { try PoolAxis(inputSize: 5, kernelSize: 0) }
        #expect(throws: PoolError.self) { try PoolAxis(inputSize: 5, kernelSize: 2, stride: 0) }
        #expect(throws: PoolError.self) { try PoolAxis(inputSize: Int.max, kernelSize: 2) }
        #expect(throws: PoolError.self) { try PoolAxis(inputSize: 5, kernelSize: 2, dilation: -1) }
        #expect(throws: PoolError.self) { try AdaptivePoolAxis(inputSize: 5, outputSize: 0) }
        #expect(throws: PoolError.self) { try adaptiveBins(inputSize: 0, outputSize: 3) }
        let flat = try Tensor(shape: [4], data: [1, 2, 3, 4])
        #expect(throws: PoolError.self) { try maxPool2d(input: flat, kernelSize: (2, 2)) }
        let x = try Tensor(shape: [1, 1, 2, 2], data: [1, 2, 3, 4])
        let pool = try PoolComputation(input: x, mode: .max, kernelSize: (2, 2))
        #expect(throws: ConvError.stepOutOfRange(step: 2, count: 1)) { try pool.trace(step: 2) }
        var bad = PoolCaseJSON(pool)
        bad.kind = "median"
        #expect(throws: PoolError.self) { try bad.computation() }
    }

    @Test func caseJSONRoundTripsWithPyTorchKeys() throws {
        let cases = try Fixtures.decode(GoldenPoolFile.self, from: "pool2d.json").cases
        for c in cases {
            let computation = try c.computation()
            let data = try JSONEncoder().encode(PoolCaseJSON(computation, name: c.name))
            let text = String(decoding: data, as: UTF8.self)
            #expect(text.contains("\"ceil_mode\""))
            let back = try JSONDecoder().decode(PoolCaseJSON.self, from: data)
            #expect(back.kind == c.kind)
            #expect(try back.computation().output == computation.output)
        }
        let x = try Tensor(shape: [1, 1, 1, 5], data: [1, 2, 3, 4, 5])
        let adaptive = try PoolComputation(input: x, mode: .max, adaptiveOutputSize: (1, 2))
        let data = try JSONEncoder().encode(PoolCaseJSON(adaptive))
        let back = try JSONDecoder().decode(PoolCaseJSON.self, from: data)
        #expect(back.kind == "adaptive_max" && back.outputSize == [1, 2])
        #expect(try back.computation().output.data == [3, 5])
    }
}
