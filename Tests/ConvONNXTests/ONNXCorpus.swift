import Foundation
import ConvCore
import ConvONNX
import ConvTestSupport

/// The ONNX corpus copied from `../shared/corpus/onnx` into ConvTestSupport's fixtures: files from
/// PyTorch's exporter and, beside each, torchinfo 1.8's numbers for the same PyTorch model.
enum ONNXCorpus {
    /// Every corpus file, without `.onnx`.
    static let names = ["tinyvgg-inline", "squeezenet1_1-inline", "fcn32tiny", "resnet18", "resnet50", "resnet50-bn",
                        "googlenet", "densenet121", "vgg16", "alexnet", "mobilenet_v2"]

    /// One torchinfo leaf row of `NAME.expected.json`.
    struct LeafRow: Decodable {
        var module: String
        var type: String
        var output: [Int]
        var params: Int
        var mult_adds: Int
    }

    /// `NAME.expected.json`.
    struct Expected: Decodable {
        var file: String
        var input: [Int]
        var torchinfo_total_params: Int
        var torchinfo_total_mult_adds: Int
        var onnx_initializer_elements: Int
        var onnx_nodes: Int
        var torchinfo_leaf_rows: [LeafRow]
    }

    static func expected(_ name: String) throws -> Expected {
        try Fixtures.decode(Expected.self, from: "corpus/onnx/\(name).expected.json")
    }

    static func data(_ name: String) throws -> Data {
        try Data(contentsOf: Fixtures.url("corpus/onnx/\(name).onnx"), options: .alwaysMapped)
    }

    static func report(_ name: String, input: [Int]? = nil) throws -> ONNXImporter.Report {
        try ONNXImporter.report(path: Fixtures.url("corpus/onnx/\(name).onnx").path, model: name + ".onnx",
                                file: name + ".onnx", input: input)
    }
}
