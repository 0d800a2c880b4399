import Foundation
import Testing
import ConvCore
import ConvONNX

/// Bad files: each is answered with a ``ModelImportError`` naming the node (or initializer, or
/// byte) and the problem, never a trap, in bounded time and memory.
@Suite struct MalformedONNXTests {
    typealias W = ONNXModelWriter

    /// A small valid graph: Conv 3 -> 8 (3x3, pad 1) then whatever `tail` adds, reading "conv_out".
    static func model(tail: [ProtobufMessage] = [], extraInitializers: [ProtobufMessage] = [],
                      input: [Int64?] = [1, 3, 32, 32], output: String = "conv_out") -> [UInt8] {
        let conv = W.node("Conv", name: "conv1", inputs: ["x", "w", "b"], outputs: ["conv_out"],
                          attributes: [W.attribute("kernel_shape", ints: [3, 3]), W.attribute("pads", ints: [1, 1, 1, 1])])
        return W.model(nodes: [conv] + tail, initializers: [W.tensor("w", dims: [8, 3, 3, 3]), W.tensor("b", dims: [8])] + extraInitializers,
                       inputs: [W.valueInfo("x", dims: input)], outputs: [W.valueInfo(output, dims: [])]).serialized()
    }

    func error(_ bytes: [UInt8], input: [Int]? = nil) -> ModelImportError? {
        do throws(ModelImportError) {
            _ = try ONNXImporter.report(data: Data(bytes), model: "bad.onnx", file: "bad.onnx", input: input)
            return nil
        } catch {
            return error
        }
    }

    @Test func validBaseline() throws {
        let summary = try ONNXImporter.summary(data: Data(Self.model()), model: "m", file: "m")
        #expect(summary.layers.map(\.outputShape) == [[1, 8, 32, 32]])
        #expect(summary.totalParams == 8 * 27 + 8)
    }

    /// Every prefix of a real file fails cleanly (or, for a prefix that ends between top-level
    /// fields after the graph, decodes).
    @Test func truncatedFile() throws {
        let bytes = Array(try ONNXCorpus.data("resnet18"))
        for length in stride(from: 0, to: bytes.count, by: 97) {
            let failure = error(Array(bytes.prefix(length)))
            if length > 100 { #expect(failure != nil, "prefix \(length)") }
        }
        let half = error(Array(bytes.prefix(bytes.count / 2)))
        #expect(half?.description.contains("truncated") == true, "\(String(describing: half))")
    }

    /// A tag with wire type 3 (a group, which onnx.proto never uses) inside the second node.
    @Test func wrongWireType() {
        var broken = ProtobufMessage()
        broken.string(4, "Relu")
        broken.tag(99, wireType: 3)
        let bytes = Self.model(tail: [broken])
        let failure = error(bytes)
        #expect(failure?.description.hasPrefix("node #1: protobuf tag at byte") == true, "\(String(describing: failure))")
        #expect(failure?.description.contains("wire type 3") == true)
    }

    /// A length-delimited op_type written as a varint.
    @Test func mismatchedWireType() {
        var broken = ProtobufMessage()
        broken.varint(4, 7)
        let failure = error(Self.model(tail: [broken]))
        #expect(failure?.description.hasPrefix("node #1: protobuf field 4 of NodeProto at byte") == true, "\(String(describing: failure))")
    }

    /// A node without op_type.
    @Test func missingOperator() {
        var broken = ProtobufMessage()
        broken.string(3, "nameless")
        #expect(error(Self.model(tail: [broken])) == .layer(location: "node #1 'nameless' ()", problem: "has no op_type"))
    }

    @Test func undefinedTensor() {
        let relu = W.node("Relu", name: "relu_ghost", inputs: ["ghost"], outputs: ["y"])
        let failure = error(Self.model(tail: [relu]))
        #expect(failure == .layer(location: "node #1 'relu_ghost' (Relu)",
                                  problem: "reads tensor 'ghost', which no node, initializer or graph input defines"))
    }

    /// Two nodes that read each other's outputs.
    @Test func cycle() {
        let a = W.node("Add", name: "a", inputs: ["conv_out", "d"], outputs: ["c"])
        let b = W.node("Relu", name: "b", inputs: ["c"], outputs: ["d"])
        let failure = error(Self.model(tail: [a, b]))
        #expect(failure?.description.hasPrefix("node #1 'a' (Add): reads tensor 'd' before the node that writes it") == true,
                "\(String(describing: failure))")
    }

    @Test func negativeDims() {
        let failure = error(Self.model(extraInitializers: [W.tensor("bad", dims: [4, -3])]))
        #expect(failure?.description == "initializer #2 'bad': dims [4, -3] have a negative dim -3")
    }

    @Test func overflowingDims() {
        let failure = error(Self.model(extraInitializers: [W.tensor("huge", dims: [1 << 40, 1 << 40])]))
        #expect(failure?.description == "initializer #2 'huge': dims [1099511627776, 1099511627776] overflow Int when multiplied")
    }

    /// A Conv whose weight has a zero dim: the shape check names the node.
    @Test func zeroDims() {
        let conv = W.node("Conv", name: "conv0", inputs: ["x", "z"], outputs: ["y"], attributes: [W.attribute("kernel_shape", ints: [3, 3])])
        let bytes = W.model(nodes: [conv], initializers: [W.tensor("z", dims: [0, 3, 3, 3])],
                            inputs: [W.valueInfo("x", dims: [1, 3, 8, 8])], outputs: []).serialized()
        let failure = error(bytes)
        #expect(failure?.description.hasPrefix("node #0 'conv0' (Conv): ") == true, "\(String(describing: failure))")
    }

    /// A Conv whose weights say 4 input channels reading a 3-channel input.
    @Test func channelMismatch() {
        let conv = W.node("Conv", name: "conv0", inputs: ["x", "w4"], outputs: ["y"])
        let bytes = W.model(nodes: [conv], initializers: [W.tensor("w4", dims: [8, 4, 3, 3])],
                            inputs: [W.valueInfo("x", dims: [1, 3, 8, 8])], outputs: []).serialized()
        #expect(error(bytes)?.description.hasPrefix("node #0 'conv0' (Conv): ") == true)
    }

    /// 10^4 levels of subgraphs (node -> attribute g -> graph -> node ...), written inside out.
    @Test func deepNesting() {
        var reversed: [UInt8] = []
        func wrap(_ field: Int) {
            let header = [UInt8(field << 3 | 2)] + varint(UInt64(reversed.count))
            reversed += header.reversed()
        }
        func varint(_ value: UInt64) -> [UInt8] {
            var value = value, out: [UInt8] = []
            while value >= 0x80 { out.append(UInt8(value & 0x7f) | 0x80); value >>= 7 }
            out.append(UInt8(value))
            return out
        }
        for _ in 0..<10_000 {
            wrap(1)   // graph.node
            wrap(6)   // attribute.g
            wrap(5)   // node.attribute
        }
        wrap(1)       // the main graph's node
        wrap(7)       // ModelProto.graph
        let bytes = [0x08, 0x08] + Array(reversed.reversed())
        let failure = error(bytes)
        #expect(failure == .limit(problem: "protobuf messages nested deeper than \(ONNXImporter.maximumNesting)"),
                "\(String(describing: failure))")
    }

    /// More nodes than the bound: refused while walking the wire, before anything is decoded.
    @Test func tooManyNodes() {
        var graph: [UInt8] = []
        for _ in 0...ONNXImporter.maximumNodes { graph += [0x0a, 0x00] }
        let bytes = [0x08, 0x08, 0x3a] + ProtobufMessageTestSupport.varint(UInt64(graph.count)) + graph
        #expect(error(bytes) == .limit(problem: "more than \(ONNXImporter.maximumNodes) graph nodes"))
    }

    @Test func symbolicInputNeedsInputOption() throws {
        let bytes = Self.model(input: [nil, 3, nil, nil])
        #expect(error(bytes) == .noInputSize(problem: "graph input 'x' has size [d0, 3, d2, d3] (symbolic or missing dims)"))
        let summary = try ONNXImporter.summary(data: Data(bytes), model: "m", file: "m", input: [3, 16, 16])
        #expect(summary.layers[0].outputShape == [1, 8, 16, 16])
    }

    /// An op the importer does not infer: a row named after the node with its op_type; the rows
    /// after it are "shape unknown", and a note names it.
    @Test func unknownOperator() throws {
        let fancy = W.node("NonMaxSuppression", name: "nms", inputs: ["conv_out"], outputs: ["f"])
        let relu = W.node("Relu", name: "after", inputs: ["f"], outputs: ["g"])
        let summary = try ONNXImporter.summary(data: Data(Self.model(tail: [fancy, relu])), model: "m", file: "m")
        #expect(summary.layers.map(\.name) == ["conv1", "nms", "after"])
        #expect(summary.layers[1].type == "NonMaxSuppression")
        #expect(summary.layers[1].outputShape == [] && summary.layers[2].outputShape == [])
        #expect(summary.source?.notes.contains { $0.contains("nms (NonMaxSuppression)") } == true)
    }

    /// Not ONNX at all, or random bytes: an error, never a trap.
    @Test func garbage() {
        #expect(error(Array("[net]\nwidth=3\n".utf8)) != nil)
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let bytes = (0..<Int.random(in: 0..<300, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            _ = error(bytes)
        }
    }
}

enum ProtobufMessageTestSupport {
    static func varint(_ value: UInt64) -> [UInt8] {
        var value = value, out: [UInt8] = []
        while value >= 0x80 { out.append(UInt8(value & 0x7f) | 0x80); value >>= 7 }
        out.append(UInt8(value))
        return out
    }
}
