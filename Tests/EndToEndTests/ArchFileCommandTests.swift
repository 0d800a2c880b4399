import Testing
import Foundation
import ConvTestSupport

/// `convscope arch --format json` of a model file, decoded as far as these tests need.
private struct FileJSON: Decodable {
    struct Layer: Decodable {
        let name: String
        let type: String
        let output_shape: [Int]
        let params: Int
    }
    let model: String
    let source_file: String
    let format: String
    let input_shape: [Int]
    let total_params: Int
    let total_mult_adds: Int
    let parameter_counts: [String: Int]
    let layers: [Layer]
}

/// The real binary opening ONNX, Darknet and Caffe files (`Fixtures/corpus`, values from its SOURCES.md).
@Suite struct ArchFileCommandTests {
    private static func corpus(_ path: String) -> String { Fixtures.url("corpus/" + path).path }

    /// yolov3.cfg at 416 (OMZ yolo-v3-tf): heads 13, 26 and 52 x 255; stored 62,001,757 and folded
    /// 61,922,845 (SOURCES.md; OMZ MParams 61.922).
    @Test func darknetFileAsJSON() throws {
        let path = Self.corpus("darknet/yolov3.cfg")
        let r = try BinaryRunner.run(["arch", path, "--input", "3x416x416", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try JSONDecoder().decode(FileJSON.self, from: Data(r.stdout.utf8))
        #expect(json.format == "darknet")
        #expect(json.source_file == path)
        #expect(json.input_shape == [1, 3, 416, 416])
        #expect(json.parameter_counts["darknet_stored"] == 62_001_757)
        #expect(json.parameter_counts["bn_folded"] == 61_922_845)
        #expect(json.layers.filter { $0.type == "YOLO" }.map(\.output_shape) == [[1, 255, 13, 13], [1, 255, 26, 26], [1, 255, 52, 52]])
    }

    /// The Caffe VGG16 file (V1 syntax, chosen by content) and `arch vgg16` print the same totals.
    @Test func caffeFileMatchesTheBuiltIn() throws {
        let file = try BinaryRunner.run(["arch", Self.corpus("caffe/vgg16/VGG_ILSVRC_16_layers_deploy.prototxt"), "--format", "json"])
        let builtIn = try BinaryRunner.run(["arch", "vgg16", "--format", "json"])
        #expect(file.status == 0, "\(file.stderr)")
        let fileJSON = try JSONDecoder().decode(FileJSON.self, from: Data(file.stdout.utf8))
        #expect(fileJSON.format == "caffe")
        #expect(fileJSON.total_params == 138_357_544)
        #expect(builtIn.stdout.contains("\"total_params\":138357544"))
        #expect(builtIn.stdout.contains("\"total_mult_adds\":\(fileJSON.total_mult_adds)"))
        // The text table names the file's layers.
        let text = try BinaryRunner.run(["arch", Self.corpus("caffe/vgg16/VGG_ILSVRC_16_layers_deploy.prototxt"), "--width", "200"])
        #expect(text.status == 0)
        #expect(text.stdout.contains("Conv2d (conv5_3)"))
        #expect(text.stdout.contains("Caffe learnable"))
    }

    /// resnet50.onnx (PyTorch's exporter, BN folded, weights external and absent), chosen by content
    /// even under another name: the initializers hold 25,530,472 numbers (corpus README), the first
    /// Conv is 64 x 112 x 112, the output 1 x 1000; --input overrides the file's 224 x 224.
    @Test func onnxFileAsJSON() throws {
        let path = Self.corpus("onnx/resnet50.onnx")
        let r = try BinaryRunner.run(["arch", path, "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try JSONDecoder().decode(FileJSON.self, from: Data(r.stdout.utf8))
        #expect(json.format == "onnx")
        #expect(json.source_file == path)
        #expect(json.input_shape == [1, 3, 224, 224])
        #expect(json.parameter_counts["onnx_initializers"] == 25_530_472)
        #expect(json.total_params == 25_530_472)
        #expect(json.layers.first?.name == "/conv1/Conv" && json.layers.first?.output_shape == [1, 64, 112, 112])
        #expect(json.layers.filter { $0.type == "Conv2d" }.count == 53)
        #expect(json.layers.last?.output_shape == [1, 1000])

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("convscope-onnx-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let renamed = folder.appendingPathComponent("model.bin")
        try FileManager.default.copyItem(atPath: path, toPath: renamed.path)
        let big = try BinaryRunner.run(["arch", renamed.path, "--input", "3x320x320", "--format", "json"])
        #expect(big.status == 0, "\(big.stderr)")
        let bigJSON = try JSONDecoder().decode(FileJSON.self, from: Data(big.stdout.utf8))
        #expect(bigJSON.input_shape == [1, 3, 320, 320])
        #expect(bigJSON.layers.first?.output_shape == [1, 64, 160, 160])

        let markdown = try BinaryRunner.run(["arch", path, "--format", "markdown", "--depth", "1"])
        #expect(markdown.status == 0)
        #expect(markdown.stdout.contains("| Conv2d (/conv1/Conv): 1-1"), "\(markdown.stdout.prefix(600))")
    }

    /// Bad ONNX files: a truncated copy and a text file named .onnx, each one line and exit 65.
    @Test func badONNXFilesExit65WithOneLine() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("convscope-bad-onnx-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let bytes = try Data(contentsOf: URL(fileURLWithPath: Self.corpus("onnx/resnet18.onnx")))
        let truncated = folder.appendingPathComponent("truncated.onnx")
        try bytes.prefix(bytes.count / 2).write(to: truncated)
        let r = try BinaryRunner.run(["arch", truncated.path])
        #expect(r.status == 65)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.split(separator: "\n").count == 1)
        #expect(r.stderr.contains(truncated.path + ": ") && r.stderr.contains("truncated"), "\(r.stderr)")

        let text = folder.appendingPathComponent("notes.onnx")
        try "this is not a model\n".write(to: text, atomically: true, encoding: .utf8)
        let t = try BinaryRunner.run(["arch", text.path])
        #expect(t.status == 65)
        #expect(t.stderr.split(separator: "\n").count == 1 && t.stderr.contains(text.path + ": not an ONNX ModelProto"), "\(t.stderr)")
    }

    /// A bad file: one line on stderr naming the file and the layer, exit 65; an unreadable one 66;
    /// no input size asks for --input.
    @Test func badFilesExit65WithOneLine() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("convscope-bad-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let route = folder.appendingPathComponent("route.cfg")
        try "[net]\nwidth=32\nheight=32\nchannels=3\n[convolutional]\nfilters=8\nsize=3\n[route]\nlayers=-9\n".write(to: route, atomically: true, encoding: .utf8)
        let r = try BinaryRunner.run(["arch", route.path])
        #expect(r.status == 65)
        #expect(r.stdout.isEmpty)
        let lines = r.stderr.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(r.stderr.contains(route.path) && r.stderr.contains("[route] layer 1 (line 8)"), "\(r.stderr)")

        let unknown = folder.appendingPathComponent("net.prototxt")
        try "input: 'data'\ninput_dim: 1\ninput_dim: 3\ninput_dim: 8\ninput_dim: 8\nlayer { name: 'c' type: 'Convolution' bottom: 'nope' top: 'c' convolution_param { num_output: 2 kernel_size: 3 } }\n"
            .write(to: unknown, atomically: true, encoding: .utf8)
        let u = try BinaryRunner.run(["arch", unknown.path])
        #expect(u.status == 65)
        #expect(u.stderr.contains("layer 'c' (Convolution, line 6)") && u.stderr.contains("'nope'"), "\(u.stderr)")

        let missing = try BinaryRunner.run(["arch", folder.appendingPathComponent("missing.cfg").path])
        #expect(missing.status == 66)

        let fcn = try BinaryRunner.run(["arch", Self.corpus("caffe/fcn-voc-fcn32s/val.prototxt")])
        #expect(fcn.status == 65)
        #expect(fcn.stderr.contains("give --input"))
    }
}
