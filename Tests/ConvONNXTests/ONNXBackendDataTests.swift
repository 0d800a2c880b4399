import Foundation
import Testing
import ConvCore
@testable import ConvONNX
import ConvTestSupport

/// Files of onnx's own backend test data (`corpus/onnx-backend`, README there): real ONNX Model Zoo
/// networks whose weights are `ConstantOfShape` nodes, and PyTorch exporter cases. The reference is
/// the dims of each file's expected output tensor, computed by onnx's evaluator.
@Suite struct ONNXBackendDataTests {
    static func url(_ name: String) -> URL { Fixtures.url("corpus/onnx-backend/\(name)") }

    /// The dims of `NAME_output_0.pb` (a TensorProto).
    static func expectedDims(_ name: String) throws -> [Int] {
        let tensor = try Onnx_TensorProto(serializedBytes: Data(contentsOf: url("\(name)_output_0.pb")))
        return tensor.dims.map { Int($0) }
    }

    static func report(_ name: String) throws -> ONNXImporter.Report {
        try ONNXImporter.report(path: url("\(name).onnx").path, model: name, file: name)
    }

    /// Parameter totals of the same networks as torchvision builds them (torchvision 0.29:
    /// alexnet, vgg19, resnet50, squeezenet1_0, densenet121) or as the Caffe files of
    /// `corpus/SOURCES.md` give them (bvlc_alexnet 60,965,224 with groups; bvlc_googlenet 6,998,552).
    static let publishedParameters: [String: Int] = [
        "light_bvlc_alexnet": 60_965_224, "light_inception_v1": 6_998_552, "light_densenet121": 7_978_856,
        "light_resnet50": 25_557_032, "light_vgg19": 143_667_240, "light_squeezenet": 1_235_496,
    ]

    @Test(arguments: ["light_bvlc_alexnet", "light_densenet121", "light_inception_v1", "light_inception_v2", "light_resnet50",
                      "light_shufflenet", "light_squeezenet", "light_vgg19", "light_zfnet512"])
    func modelZooOutputShape(name: String) throws {
        let report = try Self.report(name)
        let summary = report.summary
        #expect(summary.layers.allSatisfy { !$0.outputShape.isEmpty }, "a row has shape unknown: \(summary.source?.notes ?? [])")
        #expect(summary.layers.last?.outputShape == (try Self.expectedDims(name)))
        if let published = Self.publishedParameters[name] {
            #expect(summary.totalParams == published)
        }
    }

    /// ConvTranspose (stride 3, k3 on 4 x 5), ReflectionPad2d-style Pad, ReduceMean and ReduceSum
    /// with and without keepdims, as PyTorch 0.3 exported them. The files' batch (2 for
    /// convtranspose) is counted as batch 1.
    @Test(arguments: ["operator_convtranspose", "operator_pad", "operator_reduced_mean", "operator_reduced_mean_keepdim",
                      "operator_reduced_sum_keepdim"])
    func operatorOutputShape(name: String) throws {
        let summary = try Self.report(name).summary
        var expected = try Self.expectedDims(name)
        expected[0] = 1
        #expect(summary.layers.last?.outputShape == expected)
    }

    @Test func reflectPadIsNamedAsPyTorchDoes() throws {
        let summary = try Self.report("operator_pad").summary
        #expect(summary.layers.map(\.type) == ["ReflectionPad2d"])
    }

    @Test func caffeTwoPoolPaddingBecomesAPadRow() throws {
        // Caffe's ceil rounding reaches ONNX as pads [0, 0, 1, 1] on pool5 (n14 of bvlc_alexnet):
        // the extra bottom/right padding is its own row before the pool.
        let summary = try Self.report("light_bvlc_alexnet").summary
        let pad = try #require(summary.layers.firstIndex { $0.name == "n14/pads" })
        #expect(summary.layers[pad].type == "ZeroPad2d")
        #expect(summary.layers[pad + 1].name == "n14")
        #expect(summary.layers[pad + 1].outputShape == [1, 256, 6, 6])
    }
}
