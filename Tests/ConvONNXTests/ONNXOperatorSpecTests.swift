import Foundation
import Testing
import ConvCore
import ConvONNX
import ConvTestSupport

/// One-node graphs built from the examples of onnx's operator tests
/// (`onnx/backend/test/case/node/*.py` at onnx commit f75469120): the input, the attributes and
/// the output shape those files state. ConvTranspose cases also come from the PyTorch golden file.
@Suite struct ONNXOperatorSpecTests {
    typealias W = ONNXModelWriter

    /// The rows of a graph with input `x` of `input` and one node `op` writing "y".
    static func rows(_ op: String, input: [Int64], inputs: [String] = ["x"], attributes: [ProtobufMessage] = [],
                     initializers: [ProtobufMessage] = []) throws -> [ModelSummaryRow] {
        let node = W.node(op, name: "node", inputs: inputs, outputs: ["y"], attributes: attributes)
        let bytes = W.model(nodes: [node], initializers: initializers, inputs: [W.valueInfo("x", dims: input.map { $0 })],
                            outputs: [W.valueInfo("y", dims: [])]).serialized()
        return try ONNXImporter.summary(data: Data(bytes), model: "spec", file: "spec.onnx").layers
    }

    // MARK: ConvTranspose (convtranspose.py)

    /// X 1x1x3x3, W 1x2x3x3, strides [3, 2]: output_shape [10, 8], output_padding [1, 1], or
    /// both with kernel_shape, give 1x2x10x8 (test_convtranspose_output_shape / _pad /
    /// _kernel_shape); pads [1, 2, 1, 2] give 1x2x7x3 (test_convtranspose_pads); auto_pad
    /// SAME_UPPER with strides [2, 2] gives 1x2x6x6 (test_convtranspose_autopad_same).
    @Test(arguments: [
        ([W.attribute("strides", ints: [3, 2]), W.attribute("output_shape", ints: [10, 8])], [1, 2, 10, 8]),
        ([W.attribute("strides", ints: [3, 2]), W.attribute("output_padding", ints: [1, 1])], [1, 2, 10, 8]),
        ([W.attribute("strides", ints: [3, 2]), W.attribute("output_shape", ints: [10, 8]), W.attribute("kernel_shape", ints: [3, 3]),
          W.attribute("output_padding", ints: [1, 1])], [1, 2, 10, 8]),
        ([W.attribute("strides", ints: [3, 2]), W.attribute("pads", ints: [1, 2, 1, 2])], [1, 2, 7, 3]),
        ([W.attribute("strides", ints: [2, 2]), W.attribute("auto_pad", text: "SAME_UPPER")], [1, 2, 6, 6]),
    ])
    func convTranspose(attributes: [ProtobufMessage], output: [Int]) throws {
        let rows = try Self.rows("ConvTranspose", input: [1, 1, 3, 3], inputs: ["x", "w"], attributes: attributes,
                                 initializers: [W.tensor("w", dims: [1, 2, 3, 3])])
        #expect(rows.map(\.outputShape) == [output])
        #expect(rows.first?.params == 18)
    }

    /// Every case of the PyTorch golden file (conv_transpose2d.json) as an ONNX ConvTranspose, once
    /// with its pads and output_padding and once with output_shape = PyTorch's output size.
    @Test func convTransposeGoldenCases() throws {
        struct Case: Decodable {
            struct Shaped: Decodable { var shape: [Int64] }
            var name: String
            var input: Shaped, weight: Shaped, output: Shaped
            var stride: [Int64], padding: [Int64], output_padding: [Int64], dilation: [Int64], groups: Int64
        }
        struct File: Decodable { var cases: [Case] }
        let file = try Fixtures.decode(File.self, from: "conv_transpose2d.json")
        #expect(file.cases.count >= 7)
        for item in file.cases {
            let geometry = [W.attribute("strides", ints: item.stride), W.attribute("dilations", ints: item.dilation),
                            W.attribute("group", int: item.groups)]
            let weight = W.tensor("w", dims: item.weight.shape)
            let byPads = try Self.rows("ConvTranspose", input: item.input.shape, inputs: ["x", "w"],
                                       attributes: geometry + [W.attribute("pads", ints: item.padding + item.padding),
                                                               W.attribute("output_padding", ints: item.output_padding)],
                                       initializers: [weight])
            #expect(byPads.map(\.outputShape) == [item.output.shape.map { Int($0) }], "\(item.name)")
            let byShape = try Self.rows("ConvTranspose", input: item.input.shape, inputs: ["x", "w"],
                                        attributes: geometry + [W.attribute("output_shape", ints: Array(item.output.shape.suffix(2)))],
                                        initializers: [weight])
            #expect(byShape.map(\.outputShape) == [item.output.shape.map { Int($0) }], "\(item.name) by output_shape")
        }
    }

    // MARK: Same padding (averagepool.py, maxpool.py, conv.py)

    /// [1, 3, 32, 32], kernel 2: SAME_UPPER pads [0, 1, 0, 1] by axis (the extra after), SAME_LOWER
    /// [1, 0, 1, 0] (before); output [1, 3, 32, 32] (test_averagepool_2d_same_upper/lower,
    /// test_maxpool_2d_same_upper/lower).
    @Test(arguments: [("AveragePool", "SAME_UPPER"), ("AveragePool", "SAME_LOWER"), ("MaxPool", "SAME_UPPER"), ("MaxPool", "SAME_LOWER")])
    func samePooling(op: String, mode: String) throws {
        let rows = try Self.rows(op, input: [1, 3, 32, 32],
                                 attributes: [W.attribute("kernel_shape", ints: [2, 2]), W.attribute("auto_pad", text: mode)])
        #expect(rows.map(\.outputShape) == [[1, 3, 33, 33], [1, 3, 32, 32]])
        #expect(rows.first?.type == "ZeroPad2d")
        // The padding before moves the receptive field's start by one pixel (LOWER) or not (UPPER).
        #expect(rows.last?.receptiveField.size == HeightWidth(2))
        #expect(rows.last?.receptiveField.startHeight == (mode == "SAME_UPPER" ? 0.5 : -0.5))
    }

    /// X 1x1x5x5, W 1x1x3x3, strides 2, SAME_LOWER: 1x1x3x3 (test_conv_with_autopad_same); the
    /// total padding 2 is the same on both sides, so no extra row.
    @Test func sameConvolution() throws {
        let rows = try Self.rows("Conv", input: [1, 1, 5, 5], inputs: ["x", "w"],
                                 attributes: [W.attribute("auto_pad", text: "SAME_LOWER"), W.attribute("strides", ints: [2, 2])],
                                 initializers: [W.tensor("w", dims: [1, 1, 3, 3])])
        #expect(rows.map(\.outputShape) == [[1, 1, 3, 3]])
        #expect(rows.map(\.type) == ["Conv2d"])
    }

    /// TensorFlow's SAME on an even input with stride 2 (k3 on 224: total padding 1, after):
    /// ZeroPad2d(0, 1, 0, 1) then the Conv, 112 x 112 = ceil(224 / 2) (the tf.nn.conv2d rule).
    @Test func asymmetricConvolutionPads() throws {
        let rows = try Self.rows("Conv", input: [1, 3, 224, 224], inputs: ["x", "w"],
                                 attributes: [W.attribute("pads", ints: [0, 0, 1, 1]), W.attribute("strides", ints: [2, 2])],
                                 initializers: [W.tensor("w", dims: [32, 3, 3, 3])])
        #expect(rows.map(\.name) == ["node/pads", "node"])
        #expect(rows.map(\.outputShape) == [[1, 3, 225, 225], [1, 32, 112, 112]])
        #expect(rows.last?.params == 32 * 27)
    }

    // MARK: Pad, Resize, Transpose, Reduce (pad.py, resize.py, transpose.py, reducemean.py)

    /// x 1x3x4x5, pads [0, 0, 1, 3, 0, 0, 2, 4]: y 1x3x7x12 (test_constant_pad).
    @Test func constantPad() throws {
        let rows = try Self.rows("Pad", input: [1, 3, 4, 5], inputs: ["x", "pads"],
                                 initializers: [W.integers("pads", [0, 0, 1, 3, 0, 0, 2, 4])])
        #expect(rows.map(\.outputShape) == [[1, 3, 7, 12]])
        #expect(rows.map(\.type) == ["ZeroPad2d"])
    }

    /// Nearest resize: 1x1x2x4 by scales 0.6 gives 1x1x1x2 (test_resize_downsample_scales_nearest);
    /// 1x1x2x2 by [2, 3] gives 1x1x4x6 (test_resize_upsample_scales_nearest); 1x1x2x4 to sizes
    /// [1, 1, 1, 3] gives 1x1x1x3 (test_resize_downsample_sizes_nearest).
    @Test func resize() throws {
        let down = try Self.rows("Resize", input: [1, 1, 2, 4], inputs: ["x", "", "scales"],
                                 initializers: [W.reals("scales", [1, 1, 0.6, 0.6])])
        #expect(down.map(\.outputShape) == [[1, 1, 1, 2]])
        let up = try Self.rows("Resize", input: [1, 1, 2, 2], inputs: ["x", "", "scales"],
                               initializers: [W.reals("scales", [1, 1, 2, 3])])
        #expect(up.map(\.outputShape) == [[1, 1, 4, 6]])
        let sized = try Self.rows("Resize", input: [1, 1, 2, 4], inputs: ["x", "", "", "sizes"],
                                  initializers: [W.integers("sizes", [1, 1, 1, 3])])
        #expect(sized.map(\.outputShape) == [[1, 1, 1, 3]])
    }

    /// Transpose of [1, 2, 3, 4] with perm [0, 2, 3, 1] (NCHW to NHWC) and with the default perm
    /// (reversed axes; test_transpose_default: shape (2, 3, 4) -> (4, 3, 2)).
    @Test func transpose() throws {
        let nhwc = try Self.rows("Transpose", input: [1, 2, 3, 4], attributes: [W.attribute("perm", ints: [0, 2, 3, 1])])
        #expect(nhwc.map(\.outputShape) == [[1, 3, 4, 2]])
        let reversed = try Self.rows("Transpose", input: [1, 2, 3, 4])
        #expect(reversed.map(\.outputShape) == [[4, 3, 2, 1]])
        #expect(throws: ModelImportError.self) {
            _ = try Self.rows("Transpose", input: [1, 2, 3, 4], attributes: [W.attribute("perm", ints: [0, 0, 1, 2])])
        }
    }

    /// ReduceMean of [3, 2, 2] over axis 1: [3, 1, 2] with keepdims 1, [3, 2] with keepdims 0
    /// (test_reduce_mean_keepdims_example / _do_not_keepdims_example), here with a batch axis in front.
    @Test func reduceMean() throws {
        let kept = try Self.rows("ReduceMean", input: [1, 3, 2, 2], attributes: [W.attribute("axes", ints: [2])])
        #expect(kept.map(\.outputShape) == [[1, 3, 1, 2]])
        let dropped = try Self.rows("ReduceMean", input: [1, 3, 2, 2],
                                    attributes: [W.attribute("axes", ints: [2]), W.attribute("keepdims", int: 0)])
        #expect(dropped.map(\.outputShape) == [[1, 3, 2]])
        // Global average pooling written as ReduceMean over H and W without keepdims: N x C.
        let global = try Self.rows("ReduceMean", input: [1, 512, 7, 7],
                                   attributes: [W.attribute("axes", ints: [-2, -1]), W.attribute("keepdims", int: 0)])
        #expect(global.map(\.outputShape) == [[1, 512]])
    }
}
