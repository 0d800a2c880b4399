import Testing
import Foundation
import ConvTestSupport

/// `convscope deconv` and `convscope pool` as a user runs them, without a terminal. Expected
/// numbers come from conv_transpose2d.json and pool2d.json (PyTorch), from conv_arithmetic
/// (Dumoulin & Visin 2016) and from the hand-worked examples.
@Suite struct DeconvPoolCommandTests {
    struct T: Decodable, Equatable { var shape: [Int]; var data: [Float] }
    struct Direct: Decodable, Equatable {
        var zeros_between: [Int]; var pad_before: [Int]; var pad_after: [Int]; var stride: [Int]; var dilation: [Int]
    }
    struct DeconvGolden: Decodable {
        struct Case: Decodable { var name: String; var output: T; var equivalent_direct_conv: Direct }
        var cases: [Case]
    }
    struct DeconvOut: Decodable {
        var op: String
        var output: T
        var output_size: [Int]
        var output_padding: [Int]
        var equivalent_direct_conv: Direct
        var direct_input_size: [Int]
        var row_kinds: [String]
        var column_kinds: [String]
    }
    struct PoolGolden: Decodable {
        struct Case: Decodable { var name: String; var kind: String; var output: T }
        var cases: [Case]
    }
    struct PoolOut: Decodable {
        struct Step: Decodable { var step: Int; var position: [Int]; var rows: [Int]; var columns: [Int]; var max_at: [Int]?; var divisor: Int? }
        var op: String
        var output: T
        var output_hw: [Int]
        var steps: [Step]
    }

    func json<D: Decodable>(_ type: D.Type, _ arguments: [String]) throws -> D {
        let r = try BinaryRunner.run(arguments + ["--format", "json"])
        #expect(r.status == 0, "\(arguments): \(r.stderr)")
        return try JSONDecoder().decode(D.self, from: Data(r.stdout.utf8))
    }

    // MARK: deconv

    @Test func everyGoldenTransposedCaseThroughFromGivesPyTorchsOutput() throws {
        let golden = try Fixtures.decode(DeconvGolden.self, from: "conv_transpose2d.json")
        #expect(golden.cases.count == 7)
        for (i, c) in golden.cases.enumerated() {
            let out = try json(DeconvOut.self, ["deconv", "--from", Fixtures.url("conv_transpose2d.json").path, "--case", "\(i + 1)"])
            #expect(out.op == "conv_transpose2d")
            #expect(out.output == c.output, "\(c.name)")
            #expect(out.output_size == Array(c.output.shape[2...]), "\(c.name)")
            #expect(out.equivalent_direct_conv == c.equivalent_direct_conv, "\(c.name)")
            // Relationship 14: the direct convolution slides over o' + d(k-1) cells, with unit stride.
            #expect(out.row_kinds.count == out.direct_input_size[0] && out.column_kinds.count == out.direct_input_size[1])
            // The output_padding cells are the last ones, at the bottom/right.
            let a = out.output_padding[0]
            #expect(out.row_kinds.suffix(a).allSatisfy { $0 == "output_padding" }, "\(c.name)")
            #expect(!out.row_kinds.dropLast(a).contains("output_padding"), "\(c.name)")
        }
    }

    /// conv_arithmetic's seven transposed animations: (i', k, s, p, output_padding) -> o'.
    @Test(arguments: [
        (2, 3, 1, 0, 0, 4), (6, 4, 1, 2, 0, 5), (5, 3, 1, 1, 0, 5), (7, 3, 1, 2, 0, 5),
        (2, 3, 2, 0, 0, 5), (3, 3, 2, 1, 0, 5), (3, 3, 2, 1, 1, 6),
    ])
    func convArithmeticTransposedSizes(_ c: (Int, Int, Int, Int, Int, Int)) throws {
        let out = try json(DeconvOut.self, ["deconv", "--input", "\(c.0)", "--kernel", "\(c.1)", "--stride", "\(c.2)",
                                            "--padding", "\(c.3)", "--output-padding", "\(c.4)"])
        #expect(out.output_size == [c.5, c.5])
        #expect(out.equivalent_direct_conv.zeros_between == [c.2 - 1, c.2 - 1])
        #expect(out.equivalent_direct_conv.pad_before == [c.1 - 1 - c.3, c.1 - 1 - c.3])
        #expect(out.equivalent_direct_conv.pad_after == [c.1 - 1 - c.3 + c.4, c.1 - 1 - c.3 + c.4])
        let print = try BinaryRunner.run(["deconv", "--input", "\(c.0)", "--kernel", "\(c.1)", "--stride", "\(c.2)",
                                          "--padding", "\(c.3)", "--output-padding", "\(c.4)", "--print"])
        #expect(print.stdout.contains("Output \(c.5)x\(c.5)"))
        #expect(print.stdout.contains("output_padding + 1 = (\(c.0)-1)*\(c.2) - 2*\(c.3) + 1*(\(c.1)-1) + \(c.4) + 1 = \(c.5)"))
    }

    /// The example: under k3 s2 p1 both 7 and 8 give 4, so the transposed convolution
    /// of 4 cells gives 7 (output_padding 0) or 8 (output_padding 1); --output-size picks it.
    @Test func outputSizeDerivesOutputPadding() throws {
        let eight = try json(DeconvOut.self, ["deconv", "--input", "4", "--kernel", "3", "--stride", "2", "--padding", "1",
                                              "--output-size", "8"])
        #expect(eight.output_padding == [1, 1] && eight.output_size == [8, 8])
        let seven = try json(DeconvOut.self, ["deconv", "--input", "4", "--kernel", "3", "--stride", "2", "--padding", "1",
                                              "--output-size", "7,8"])
        #expect(seven.output_padding == [0, 1] && seven.output_size == [7, 8])
    }

    @Test(arguments: [
        // PyTorch's rule: output_padding must be smaller than either the stride or the dilation.
        (["deconv", "--output-padding", "2"], "the rule is output_padding < stride or output_padding < dilation"),
        (["deconv", "--stride", "1", "--output-padding", "1"], "allowed 0...0"),
        (["deconv", "--from", "FIXTURE", "--case", "6", "--output-padding", "1"], "cannot be combined with --from"),
        // Stride 1 with an even kernel cannot keep the size: 4 - 0 + 3 = 7.
        (["deconv", "--input", "4", "--kernel", "4", "--stride", "1", "--padding", "0", "--output-size", "4"], "no output_padding gives output size 4"),
        (["deconv", "--input", "4", "--kernel", "4", "--stride", "1", "--padding", "0", "--output-size", "4"], "an even kernel cannot keep it"),
        (["deconv", "--input", "4", "--kernel", "3", "--stride", "2", "--padding", "1", "--output-size", "9"], "allowed output sizes are 7...8"),
        (["deconv", "--output-size", "6", "--output-padding", "1"], "cannot be combined"),
        (["deconv", "--padding", "9"], "o' >= 1"),
        (["deconv", "--stride", "0"], "--stride '0'"),
        (["deconv", "--preset", "fcn64"], "fcn32s"),
        (["deconv", "--input", "256", "--kernel", "64"], "too many for a step-through"),
        (["deconv", "--input", "99999999999999999999"], "--input"),
        (["deconv", "--step", "37"], "--step 37 is out of range; allowed: 1...36"),
        (["pool", "--padding", "2"], "the rule is padding <= kernel_size / 2"),
        (["pool", "--input", "1", "--kernel", "2", "--stride", "2"], "pooling output size (height) would be 0"),
        (["pool", "--mode", "avg", "--dilation", "2"], "avg_pool2d has no dilation"),
        (["pool", "--mode", "median"], "'median' is invalid"),
        (["pool", "--kernel", "0"], "--kernel '0'"),
        (["pool", "--values", "1 2; 3"], "row 2 has 1 number(s) but row 1 has 2"),
        (["pool", "--input", "1024", "--kernel", "256", "--stride", "1"], "too many for a step-through"),
    ] as [([String], String)])
    func badValuesGetOneLineAndExit64(_ c: ([String], String)) throws {
        let arguments = c.0.map { $0 == "FIXTURE" ? Fixtures.url("conv_transpose2d.json").path : $0 }
        let r = try BinaryRunner.run(arguments + ["--print"])
        #expect(r.status == 64, "\(c.0): \(r.stderr)")
        #expect(r.stderr.contains(c.1), "\(c.0): \(r.stderr)")
        #expect(!r.stderr.contains("Fatal error"))
        #expect(r.stdout.isEmpty)
    }

    @Test func printedDirectFrameShowsInsertedZerosAndOutputPaddingAtTheBottomRight() throws {
        // Golden case "3x3 k3 s2 p1 output_padding 1": relationship 14 gives an 8 x 8 grid whose
        // last row and column are output_padding.
        let r = try BinaryRunner.run(["deconv", "--from", Fixtures.url("conv_transpose2d.json").path, "--case", "6", "--print"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("Stretched input 8x8"))
        #expect(r.stdout.contains("  .  o  o  o  o  o  .  +"))
        #expect(r.stdout.contains("  +  +  +  +  +  +  +  +"))
        #expect(r.stdout.contains("d(k-1)-p = 1 before"))
        #expect(!r.stdout.contains("\u{1B}"))
        let scatter = try BinaryRunner.run(["deconv", "--from", Fixtures.url("conv_transpose2d.json").path, "--case", "6",
                                            "--view", "scatter", "--print"])
        #expect(scatter.stdout.contains("step 1/9"))
        #expect(scatter.stdout.contains("(5 taps cropped by padding)"))   // in[0,0]'s stamp starts at out[-1,-1]
    }

    @Test func fcn32sPreset() throws {
        let out = try json(DeconvOut.self, ["deconv", "--preset", "fcn32s"])
        #expect(out.output_size == [96, 96])                        // 32 x 3
        #expect(out.direct_input_size == [159, 159])                // 96 + 63
        #expect(out.equivalent_direct_conv.zeros_between == [31, 31])
        #expect(out.equivalent_direct_conv.pad_before == [47, 47])  // 63 - 16
        let r = try BinaryRunner.run(["deconv", "--preset", "fcn32s", "--print"])
        #expect(r.stdout.contains("Output 96x96, 1 char = "))
        #expect(r.stdout.contains("step 1/9216"))
        let two = try json(DeconvOut.self, ["deconv", "--preset", "fcn32s", "--input", "2"])
        #expect(two.output_size == [64, 64])
    }

    // MARK: pool

    @Test func everyGoldenPoolCaseThroughFromGivesPyTorchsOutput() throws {
        let golden = try Fixtures.decode(PoolGolden.self, from: "pool2d.json")
        #expect(golden.cases.count == 8)
        for (i, c) in golden.cases.enumerated() {
            let out = try json(PoolOut.self, ["pool", "--from", Fixtures.url("pool2d.json").path, "--case", "\(i + 1)"])
            #expect(out.op == (c.kind == "max" ? "max_pool2d" : "avg_pool2d"), "\(c.name)")
            #expect(out.output.shape == c.output.shape, "\(c.name)")
            #expect(out.output_hw == Array(c.output.shape[2...]), "\(c.name)")
            #expect(out.steps.count == c.output.data.count, "\(c.name)")
            if c.kind == "max" {
                #expect(out.output.data == c.output.data, "\(c.name)")
            } else {
                for (ours, theirs) in zip(out.output.data, c.output.data) {
                    #expect(abs(ours - theirs) <= 1e-5, "\(c.name): \(ours) vs \(theirs)")
                }
            }
        }
    }

    /// Dumoulin & Visin 2016, figure 1.6: 3 x 3 max pooling, stride 1, on the 5 x 5 input.
    @Test func convArithmeticPoolingExample() throws {
        let out = try json(PoolOut.self, ["pool"])
        #expect(out.output == T(shape: [1, 1, 3, 3], data: [3, 3, 3, 3, 3, 3, 3, 2, 3]))
        #expect(out.steps[0].max_at == [0, 0])       // the first 3 of 3 3 2 / 0 0 1 / 3 1 2
        let given = try json(PoolOut.self, ["pool", "--mode", "max", "--kernel", "3", "--stride", "1",
                                            "--values", "3 3 2 1 0; 0 0 1 3 1; 3 1 2 2 3; 2 0 0 2 2; 2 0 0 0 1"])
        #expect(given.output.data == [3, 3, 3, 3, 3, 3, 3, 2, 3])
        let r = try BinaryRunner.run(["pool", "--print", "--step", "9"])
        #expect(r.stdout.contains(" 3  2[ 3]"))
    }

    @Test func overlappingCeilModeAndCountIncludePad() throws {
        // AlexNet's pooling on 7 x 7: windows start at 0, 2, 4 and share one column.
        let alex = try json(PoolOut.self, ["pool", "--input", "7", "--kernel", "3", "--stride", "2"])
        #expect(alex.output_hw == [3, 3])
        #expect(alex.steps[1].columns == [2, 3, 4] && alex.steps[0].columns == [0, 1, 2])
        // Ceil mode on 5 x 5, k2 s2: a third, partial window starting at 4 reaches column 5.
        let ceil = try json(PoolOut.self, ["pool", "--input", "5", "--kernel", "2", "--stride", "2", "--ceil-mode"])
        #expect(ceil.output_hw == [3, 3])
        #expect(ceil.steps[8].rows == [4, 5] && ceil.steps[8].columns == [4, 5])
        let floor = try json(PoolOut.self, ["pool", "--input", "5", "--kernel", "2", "--stride", "2"])
        #expect(floor.output_hw == [2, 2])
        // Average, 3x3 p1, corner window: 4 input cells + 5 padding cells.
        let on = try json(PoolOut.self, ["pool", "--mode", "avg", "--padding", "1"])
        #expect(on.steps[0].divisor == 9)
        let off = try json(PoolOut.self, ["pool", "--mode", "avg", "--padding", "1", "--no-count-include-pad"])
        #expect(off.steps[0].divisor == 4)
        // 3 + 3 + 0 + 0 over 9 or 4.
        #expect(abs(on.output.data[0] - 6.0 / 9.0) < 1e-6 && off.output.data[0] == 1.5)
    }
}
