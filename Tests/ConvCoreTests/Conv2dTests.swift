import Testing
import ConvCore
import ConvDiagrams
import ConvTestSupport

struct GoldenConvFile: Decodable { var cases: [ConvCaseJSON] }

@Suite struct Conv2dTests {
    @Test func everyGoldenCaseMatchesPyTorchExactly() throws {
        let file = try Fixtures.decode(GoldenConvFile.self, from: "conv2d.json")
        #expect(file.cases.count == 12)
        for c in file.cases {
            let computation = try c.computation()
            let expected = try #require(c.output)
            #expect(computation.output.shape == expected.shape, "\(c.name ?? "")")
            #expect(computation.output.data == expected.data, "\(c.name ?? "")")
            // Every traced cell sums to the same number.
            for step in [1, computation.stepCount] {
                let t = try computation.trace(step: step)
                #expect(t.sum == computation.output[t.batch, t.outputChannel, t.row, t.column])
                #expect(t.taps.reduce(Float(0)) { $0 + $1.product } + t.bias == t.sum, "\(c.name ?? "") step \(step)")
            }
        }
    }

    /// Dumoulin & Visin 2016, figure 1.x / conv_arithmetic's eight animations: (i, k, s, p, d) -> o.
    @Test(arguments: [
        (4, 3, 1, 0, 1, 2), (5, 4, 1, 2, 1, 6), (5, 3, 1, 1, 1, 5), (5, 3, 1, 2, 1, 7),
        (5, 3, 2, 0, 1, 2), (5, 3, 2, 1, 1, 3), (6, 3, 2, 1, 1, 3), (7, 3, 1, 0, 2, 3),
    ])
    func convArithmeticAnimations(_ c: (Int, Int, Int, Int, Int, Int)) throws {
        let axis = try ConvAxis(inputSize: c.0, kernelSize: c.1, stride: c.2, padding: .explicit(c.3), dilation: c.4)
        #expect(axis.outputSize == c.5)
    }

    static let paperInput: [Float] = [3, 3, 2, 1, 0, 0, 0, 1, 3, 1, 3, 1, 2, 2, 3, 2, 0, 0, 2, 2, 2, 0, 0, 0, 1]
    static let paperKernel: [Float] = [0, 1, 2, 2, 2, 0, 0, 1, 2]

    /// Dumoulin & Visin 2016, figures 1.1 and 2.x: the numeric example.
    @Test func papersNumericExample() throws {
        let input = try Tensor(shape: [1, 1, 5, 5], data: Self.paperInput)
        let kernel = try Tensor(shape: [1, 1, 3, 3], data: Self.paperKernel)
        let unit = try ConvComputation(input: input, weight: kernel)
        #expect(unit.output.data == [12, 12, 17, 10, 17, 19, 9, 6, 14])
        let strided = try ConvComputation(input: input, weight: kernel, stride: (2, 2), padding: (.explicit(1), .explicit(1)))
        #expect(strided.output.data == [6, 17, 3, 8, 17, 13, 6, 4, 4])
    }

    @Test func floorDivisionForNegativeNumerators() throws {
        #expect(floorDivide(-1, 2) == -1)
        #expect(floorDivide(-3, 2) == -2)
        #expect(floorDivide(7, 2) == 3)
        #expect(ceilDivide(7, 2) == 4)
        #expect(ceilDivide(-1, 2) == 0)
        // Pool k2 s2 on width 1: (1 - 2)/2 + 1 must be 0, an error.
        #expect(throws: ConvError.self) { try ConvAxis(inputSize: 1, kernelSize: 2, stride: 2) }
    }

    @Test func samePaddingPutsTheExtraZeroBottomRight() throws {
        // k = 4: d(k-1) = 3 is odd; PyTorch pads 1 before and 2 after.
        let axis = try ConvAxis(inputSize: 5, kernelSize: 4, padding: .same)
        #expect(axis.paddingBefore == 1 && axis.paddingAfter == 2)
        #expect(axis.outputSize == 5)
        #expect(throws: ConvError.samePaddingNeedsUnitStride(stride: 2)) {
            try ConvAxis(inputSize: 5, kernelSize: 3, stride: 2, padding: .same)
        }
        let full = try ConvAxis(inputSize: 5, kernelSize: 3, padding: .full)
        #expect(full.outputSize == 7)
    }

    /// Dumoulin & Visin section 2.4: i = 6, k = 3, s = 2, p = 0 leaves the last row unread.
    @Test func oddCaseUnreadCells() throws {
        #expect(try ConvAxis(inputSize: 6, kernelSize: 3, stride: 2).unreadInputIndices == [5])
        #expect(try ConvAxis(inputSize: 5, kernelSize: 3, stride: 2).unreadInputIndices == [])
        // AlexNet conv1 at 227: (227 - 11)/4 = 54 exactly, nothing unread.
        let alex = try ConvAxis(inputSize: 227, kernelSize: 11, stride: 4)
        #expect(alex.outputSize == 55 && alex.unreadInputIndices.isEmpty)
        // Dilation 2 with stride 2 and k 2 never reads odd cells.
        #expect(try ConvAxis(inputSize: 5, kernelSize: 2, stride: 2, dilation: 2).unreadInputIndices == [1, 3])
    }

    @Test func invalidGeometryIsAnErrorNotATrap() {
        #expect(throws: ConvError.self) { try ConvAxis(inputSize: 3, kernelSize: 5) }
        #expect(throws: ConvError.self) { try ConvAxis(inputSize: 3, kernelSize: 3, stride: 0) }
        #expect(throws: ConvError.self) { try ConvAxis(inputSize: 3, kernelSize: 3, stride: -1) }
        #expect(throws: ConvError.self) { try ConvAxis(inputSize: Int.max, kernelSize: 3) }
        #expect(throws: ConvError.self) { try Tensor(shape: [Int.max, 4], data: []) }
        #expect(throws: ConvError.self) { try Conv2dGeometry(inputChannels: 3, groups: 2, inputSize: (4, 4), kernelSize: (3, 3)) }
    }
}
