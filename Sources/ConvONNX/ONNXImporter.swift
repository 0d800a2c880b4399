import Foundation
import ConvCore
import SwiftProtobuf

/// Reads an ONNX model file (a serialized `onnx.ModelProto`, onnx.proto of onnx 1.23.2) into the
/// same layer graph the zoo builds, so that shapes, parameters, multiply-adds and receptive fields
/// come from ConvCore's shape inference, never from the file.
///
///     let report = try ONNXImporter.report(path: "resnet50.onnx", model: "resnet50.onnx", file: "resnet50.onnx")
///     report.summary.layers.first?.outputShape   // [1, 64, 112, 112]
///     report.initializerElements                 // 25,530,472 (BN folded into Conv by the exporter)
///
/// Weights are never read: the file is memory-mapped and ``WireSlimmer`` copies the ModelProto
/// without any tensor's data before SwiftProtobuf decodes it, so a model with 553 MB of weights
/// inside costs what its graph costs. Parameter counts come from initializer dims (an initializer
/// stored as external data is counted from its dims; its data file is never opened).
///
/// Operators (onnx operator spec, https://onnx.ai/onnx/operators/; PyTorch's behaviour where the
/// exporter relies on it): Conv and ConvTranspose (2-D; group, dilations, strides, symmetric pads,
/// auto_pad VALID / SAME_UPPER / SAME_LOWER when the total padding is even), MaxPool and
/// AveragePool (ceil_mode with PyTorch's last-window rule, symmetric pads), GlobalAveragePool,
/// GlobalMaxPool, BatchNormalization, LRN, Gemm, MatMul with a constant 2-D weight, Flatten,
/// Reshape with a constant shape (0 and -1), Concat, Add / Sum / Mul / Sub / Div / Max / Min / Pow
/// with broadcasting, PRelu, the shape-keeping activations (Relu, Clip, Sigmoid, Tanh, LeakyRelu,
/// HardSigmoid, HardSwish, Softmax, ...), Dropout, Identity, Pad with zero pads, Resize / Upsample
/// with constant integer scales or sizes, ReduceMean over H and W with keepdims; Constant,
/// ConstantOfShape, Shape, Gather, Unsqueeze, Squeeze, Slice, Cast and Concat fold when their
/// inputs are constants or known shapes (they make no row). Any other node, and a supported one
/// whose attributes ConvScope cannot represent (asymmetric pads, output_padding), is a row of its
/// op_type whose output, and everything after it, is "shape unknown".
public enum ONNXImporter {
    /// What an import found besides the summary: the file's own counts.
    public struct Report: Sendable {
        /// The summarised graph (rows named after the file's nodes).
        public var summary: ModelSummary
        /// `graph.node.count`: every node of the main graph, Constant and shape nodes included.
        public var nodeCount: Int
        /// The elements of all initializers, each initializer once however many nodes read it.
        public var initializerElements: Int
        /// Parameters counted in more than one row because several nodes read the same initializer
        /// (the per-row sum minus the unique count for those initializers).
        public var sharedElements: Int
        /// The number of nodes per op_type.
        public var operatorCounts: [String: Int]
    }

    /// The most graph nodes read (``ImportLimits/maximumLayers``).
    public static let maximumNodes = ImportLimits.maximumLayers
    /// The largest graph read, in bytes after the weight data is dropped (a ResNet-50 graph is 31 KB).
    public static let maximumGraphBytes = 64 << 20
    /// The deepest protobuf nesting SwiftProtobuf decodes (subgraphs of If/Loop nest messages).
    public static let maximumNesting = 100

    /// True when `bytes` start like a serialized ModelProto: every top-level field has the field
    /// number and wire type onnx.proto gives ModelProto (ir_version 1, graph 7, opset_import 8, ...),
    /// and ir_version or graph is present. Text files (cfg, prototxt) fail on their first byte.
    /// - Complexity: O(number of top-level fields), at most 64 are looked at; weights are skipped.
    public static func recognizes(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var index = 0
        var sawVersion = false, sawGraph = false
        var fields = 0
        while index < bytes.count, fields < 64 {
            guard let tag = try? WireSlimmer.varint(bytes, &index, bytes.count) else { return sawVersion }
            let field = tag >> 3, wire = tag & 7
            switch (field, wire) {
            case (1, 0), (5, 0):
                guard (try? WireSlimmer.varint(bytes, &index, bytes.count)) != nil else { return sawVersion }
                if field == 1 { sawVersion = true }
            case (2, 2), (3, 2), (4, 2), (6, 2), (7, 2), (8, 2), (14, 2), (20, 2), (25, 2), (26, 2):
                guard let length = try? WireSlimmer.varint(bytes, &index, bytes.count) else { return sawVersion }
                if field == 7 { sawGraph = true }
                guard length <= UInt64(bytes.count - index) else { return sawVersion || sawGraph }
                index += Int(length)
            default:
                return false
            }
            fields += 1
        }
        return sawVersion || sawGraph
    }

    /// ``recognizes(_:)-(UnsafeRawBufferPointer)`` over `data`.
    public static func recognizes(_ data: Data) -> Bool {
        data.withUnsafeBytes { recognizes($0) }
    }

    /// Imports the file at `path`, memory-mapped (only the graph's pages are touched).
    /// - Parameters:
    ///   - path: the file.
    ///   - model: the name shown (the file name without its folder).
    ///   - file: the file as the user gave it, for ``ModelSource/file``.
    ///   - input: [C, H, W] overriding the graph input's dims (required when they are symbolic).
    /// - Throws: ``ModelImportError``: `.unrecognized` when the file cannot be mapped or is not a
    ///   ModelProto, `.layer` naming the node (or byte offset) and the problem, `.noInputSize` for a
    ///   symbolic or missing input size, `.limit` beyond the bounds.
    public static func report(path: String, model: String, file: String, input: [Int]? = nil) throws(ModelImportError) -> Report {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
        } catch {
            throw .unrecognized(problem: "cannot be read (\(error.localizedDescription))")
        }
        return try report(data: data, model: model, file: file, input: input)
    }

    /// Imports the ModelProto in `data`; see ``report(path:model:file:input:)``.
    public static func report(data: Data, model: String, file: String, input: [Int]? = nil) throws(ModelImportError) -> Report {
        let proto = try decode(data)
        guard proto.hasGraph else {
            throw .unrecognized(problem: "an ONNX ModelProto without a graph (field 7)")
        }
        var reader = try ONNXGraphReader(graph: proto.graph, input: input)
        try reader.readNodes()
        let opset = proto.opsetImport.first { $0.domain.isEmpty || $0.domain == "ai.onnx" }?.version
        return try reader.report(model: model, file: file, irVersion: Int(proto.irVersion), opset: opset.map { Int($0) },
                                 producer: [proto.producerName, proto.producerVersion].filter { !$0.isEmpty }.joined(separator: " "))
    }

    /// ``report(path:model:file:input:)``'s summary.
    /// - Throws: as ``report(path:model:file:input:)``.
    public static func summary(path: String, model: String, file: String, input: [Int]? = nil) throws(ModelImportError) -> ModelSummary {
        try report(path: path, model: model, file: file, input: input).summary
    }

    /// ``report(data:model:file:input:)``'s summary.
    /// - Throws: as ``report(path:model:file:input:)``.
    public static func summary(data: Data, model: String, file: String, input: [Int]? = nil) throws(ModelImportError) -> ModelSummary {
        try report(data: data, model: model, file: file, input: input).summary
    }

    /// The ModelProto without weight data.
    static func decode(_ data: Data) throws(ModelImportError) -> Onnx_ModelProto {
        let slim: Result<[UInt8], WireError> = data.withUnsafeBytes { buffer in
            do throws(WireError) {
                return .success(try WireSlimmer.slim(buffer, maximumNodes: maximumNodes))
            } catch {
                return .failure(error)
            }
        }
        let bytes: [UInt8]
        switch slim {
        case let .success(value): bytes = value
        case let .failure(.inNode(index, error)):
            throw .layer(location: "node #\(index)", problem: error.description)
        case let .failure(.tooManyNodes(limit)):
            throw .limit(problem: "more than \(limit) graph nodes")
        case let .failure(error):
            throw .layer(location: "ModelProto", problem: error.description)
        }
        guard bytes.count <= maximumGraphBytes else {
            throw .limit(problem: "the graph without weights is \(bytes.count) bytes; at most \(maximumGraphBytes) are read")
        }
        do {
            var options = BinaryDecodingOptions()
            options.messageDepthLimit = maximumNesting
            return try Onnx_ModelProto(serializedBytes: bytes, options: options)
        } catch let error as BinaryDecodingError {
            switch error {
            case .messageDepthLimit:
                throw .limit(problem: "protobuf messages nested deeper than \(maximumNesting)")
            case .truncated:
                throw .layer(location: "ModelProto", problem: "protobuf data truncated")
            default:
                throw .layer(location: "ModelProto", problem: "not a valid ONNX protobuf (\(error))")
            }
        } catch {
            throw .layer(location: "ModelProto", problem: "not a valid ONNX protobuf (\(error))")
        }
    }
}
