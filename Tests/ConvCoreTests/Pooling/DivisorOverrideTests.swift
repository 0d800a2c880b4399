import Testing
import ConvCore
import ConvDiagrams

/// avg_pool2d's `divisor_override` (issue 14). PyTorch's CPU kernel (AvgPoolKernel.cpp) divides
/// each window's sum by `divisor_override` when it is given, by the window's cell count (with or
/// without padding, count_include_pad) otherwise.
@Suite struct DivisorOverrideTests {
    /// A 6 x 6 input whose four 3 x 3 windows (k3, s3) sum to -12, 0, -10 and -39: the issue's
    /// case, where the tool printed the counts' means [-1.333, 0, -1.111, -4.333] (sum / 9) and
    /// PyTorch gives [-6, 0, -5, -19.5] (sum / 2).
    static let input = try! Tensor(shape: [1, 1, 6, 6], data: [
        -4, 0, 0, 1, -1, 0,
        0, -4, 0, 0, 0, 0,
        0, 0, -4, 2, -2, 0,
        -1, -1, -1, -5, -4, -5,
        -1, -2, -1, -4, -3, -4,
        -1, -1, -1, -5, -4, -5,
    ])

    @Test func theIssuesCaseDividesBySumOverTheOverride() throws {
        let plain = try avgPool2d(input: Self.input, kernelSize: (3, 3), stride: (3, 3))
        let expectedPlain: [Float] = [-12.0 / 9, 0, -10.0 / 9, -39.0 / 9]
        for (a, b) in zip(plain.data, expectedPlain) { #expect(abs(a - b) <= 1e-5) }
        let two = try avgPool2d(input: Self.input, kernelSize: (3, 3), stride: (3, 3), divisorOverride: 2)
        #expect(two.data == [-6, 0, -5, -19.5])
        // divisor_override 1: the window sums.
        let one = try avgPool2d(input: Self.input, kernelSize: (3, 3), stride: (3, 3), divisorOverride: 1)
        #expect(one.data == [-12, 0, -10, -39])
    }

    /// With padding the override still replaces the count: [[1, 2], [3, 4]], k2 s2 p1 gives four
    /// windows of one real cell each; divisor_override 3 gives [1/3, 2/3, 1, 4/3] whatever
    /// count_include_pad says (without the override: [1, 2, 3, 4] or [1/4, 2/4, 3/4, 4/4]).
    @Test func overrideIgnoresCountIncludePad() throws {
        let x = try Tensor(shape: [1, 1, 2, 2], data: [1, 2, 3, 4])
        for include in [true, false] {
            let c = try PoolComputation(input: x, mode: .average(countIncludePad: include), kernelSize: (2, 2),
                                        stride: (2, 2), padding: (1, 1), divisorOverride: 3)
            let expected: [Float] = [1.0 / 3, 2.0 / 3, 1, 4.0 / 3]
            for (a, b) in zip(c.output.data, expected) { #expect(abs(a - b) <= 1e-6) }
            let t = try c.trace(step: 4)
            #expect(t.divisor == 3 && t.sum == 4)
        }
    }

    @Test func zeroMaxAndAdaptiveAreRefused() throws {
        let x = try Tensor(shape: [1, 1, 2, 2], data: [1, 2, 3, 4])
        #expect(throws: PoolError.self) {
            try PoolComputation(input: x, mode: .average(countIncludePad: true), kernelSize: (2, 2), divisorOverride: 0)
        }
        #expect(throws: PoolError.self) {
            try PoolComputation(input: x, mode: .max, kernelSize: (2, 2), divisorOverride: 2)
        }
    }

    /// The case form reads and writes `divisor_override`.
    @Test func caseJSONCarriesTheOverride() throws {
        var c = PoolCaseJSON(try PoolComputation(input: Self.input, mode: .average(countIncludePad: true),
                                                 kernelSize: (3, 3), stride: (3, 3), divisorOverride: 2))
        #expect(c.divisorOverride == 2)
        #expect(try c.computation().output.data == [-6, 0, -5, -19.5])
        #expect(PoolCaseJSON.allowedKeys.contains("divisor_override"))
        c.kind = "max"
        #expect(throws: PoolError.self) { try c.computation() }
    }
}
