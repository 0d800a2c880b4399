/// Why the protobuf wire walk of a model file failed (truncated or malformed bytes, or beyond the bounds).
enum WireError: Error, Equatable, CustomStringConvertible {
    /// The bytes end inside a varint, a fixed-width value or a length-delimited field.
    case truncated(offset: Int)
    /// A tag with wire type 3, 4, 6 or 7 (groups are not used by onnx.proto) or a field number 0.
    case badWireType(offset: Int, wireType: Int)
    /// A length-delimited field longer than the bytes left (a truncated file, usually).
    case lengthPastEnd(offset: Int, field: Int, length: UInt64, available: Int)
    /// A field with a wire type other than the one onnx.proto gives it.
    case wrongWireType(offset: Int, field: Int, wireType: Int, message: String)
    /// A varint longer than 10 bytes.
    case badVarint(offset: Int)
    /// Messages nested deeper than the bound.
    case tooDeep(limit: Int)
    /// More graph nodes than the bound.
    case tooManyNodes(limit: Int)
    /// The error happened inside graph node `index` (0-based, in file order).
    indirect case inNode(index: Int, WireError)

    /// One line without the file name.
    var description: String {
        switch self {
        case let .truncated(offset): return "protobuf data truncated at byte \(offset)"
        case let .badWireType(offset, wireType): return "protobuf tag at byte \(offset) has wire type \(wireType), not one onnx.proto uses"
        case let .lengthPastEnd(offset, field, length, available):
            return "protobuf data truncated: field \(field) at byte \(offset) is \(length) bytes long, \(available) are left"
        case let .wrongWireType(offset, field, wireType, message):
            return "protobuf field \(field) of \(message) at byte \(offset) has wire type \(wireType), not the one onnx.proto gives it"
        case let .badVarint(offset): return "protobuf varint at byte \(offset) is longer than 10 bytes"
        case let .tooDeep(limit): return "protobuf messages nested deeper than \(limit)"
        case let .tooManyNodes(limit): return "more than \(limit) graph nodes"
        case let .inNode(index, error): return "node #\(index): \(error.description)"
        }
    }
}

/// A copy of an ONNX ModelProto's bytes without the weight data, made by walking the protobuf wire
/// format (https://protobuf.dev/programming-guides/encoding/) so that SwiftProtobuf never copies
/// nor parses a weight: TensorProto fields float_data (4), int32_data (5), string_data (6),
/// int64_data (7), raw_data (9), double_data (10), uint64_data (11) are dropped from
/// graph.initializer (ModelProto 7 -> GraphProto 5) and from Constant-node tensors
/// (GraphProto 1 -> NodeProto 5 -> AttributeProto 5) whose encoding is larger than `keepTensorBytes`;
/// dims (1) and data_type (2) are kept, and smaller tensors (shapes, bounds) are kept whole.
/// Total: every malformed input throws ``WireError``. Memory: the slim copy plus, while a message
/// is rewritten, one buffer per nesting level (at most 5 levels are rewritten; deeper messages are
/// copied as they are and bounded by SwiftProtobuf's depth limit when decoded).
enum WireSlimmer {
    /// The TensorProto fields that carry element data.
    static let dataFields: Set<Int> = [4, 5, 6, 7, 9, 10, 11]

    /// The slim copy of `bytes`.
    /// - Throws: ``WireError`` for truncated or malformed bytes.
    /// - Parameters:
    ///   - bytes: a serialized ModelProto (the mapped file).
    ///   - keepTensorBytes: tensors whose encoding is at most this many bytes are copied whole.
    ///   - maximumNodes: the most graph nodes accepted (``WireError/tooManyNodes(limit:)`` beyond).
    static func slim(_ bytes: UnsafeRawBufferPointer, keepTensorBytes: Int = 4096,
                     maximumNodes: Int = 100_000) throws(WireError) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(min(bytes.count, 1 << 20))
        var nodes = 0
        try copy(bytes, 0, bytes.count, level: .model, keep: keepTensorBytes, out: &out, depth: 0,
                 nodes: &nodes, maximumNodes: maximumNodes)
        return out
    }

    enum Level {
        case model, graph, node, attribute, tensor, opaque

        /// The onnx.proto message the level reads.
        var messageName: String {
            switch self {
            case .model: return "ModelProto"
            case .graph: return "GraphProto"
            case .node: return "NodeProto"
            case .attribute: return "AttributeProto"
            case .tensor: return "TensorProto"
            case .opaque: return "message"
            }
        }
    }

    /// The wire types onnx.proto 1.23.2 gives each field of the rewritten messages (repeated
    /// scalars may also be packed, wire type 2). Unlisted (newer) fields are copied as they are.
    static func wireTypes(_ level: Level) -> [Int: Set<Int>] {
        switch level {
        case .model: return modelWireTypes
        case .graph: return graphWireTypes
        case .node: return nodeWireTypes
        case .attribute: return attributeWireTypes
        case .tensor: return tensorWireTypes
        case .opaque: return [:]
        }
    }

    static let length: Set<Int> = [2]
    static let modelWireTypes: [Int: Set<Int>] = [1: [0], 2: length, 3: length, 4: length, 5: [0], 6: length, 7: length,
                                                  8: length, 14: length, 20: length, 25: length, 26: length]
    static let graphWireTypes: [Int: Set<Int>] = [1: length, 2: length, 5: length, 10: length, 11: length, 12: length,
                                                  13: length, 14: length, 15: length, 16: length]
    static let nodeWireTypes: [Int: Set<Int>] = [1: length, 2: length, 3: length, 4: length, 5: length, 6: length,
                                                 7: length, 8: length, 9: length, 10: length]
    static let attributeWireTypes: [Int: Set<Int>] = [1: length, 2: [5], 3: [0], 4: length, 5: length, 6: length,
                                                      7: [5, 2], 8: [0, 2], 9: length, 10: length, 11: length, 13: length,
                                                      14: length, 15: length, 20: [0], 21: length, 22: length, 23: length]
    static let tensorWireTypes: [Int: Set<Int>] = [1: [0, 2], 2: [0], 3: length, 4: [5, 2], 5: [0, 2], 6: length,
                                                   7: [0, 2], 8: length, 9: length, 10: [1, 2], 11: [0, 2], 12: length,
                                                   13: length, 14: [0], 16: length]

    /// Skips one value of wire type 0, 1 or 5.
    static func skip(_ b: UnsafeRawBufferPointer, _ i: inout Int, _ end: Int, wire: Int) throws(WireError) {
        switch wire {
        case 0:
            _ = try varint(b, &i, end)
        case 1, 5:
            let width = wire == 1 ? 8 : 4
            guard end - i >= width else { throw .truncated(offset: i) }
            i += width
        default:
            throw .badWireType(offset: i, wireType: wire)
        }
    }

    static func child(_ level: Level, field: Int) -> Level {
        switch (level, field) {
        case (.model, 7): return .graph
        case (.graph, 5): return .tensor        // initializer
        case (.graph, 1): return .node
        case (.node, 5): return .attribute
        case (.attribute, 5): return .tensor    // AttributeProto.t
        default: return .opaque
        }
    }

    static func varint(_ b: UnsafeRawBufferPointer, _ i: inout Int, _ end: Int) throws(WireError) -> UInt64 {
        let start = i
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard i < end else { throw .truncated(offset: i) }
            guard shift < 70 else { throw .badVarint(offset: start) }
            let byte = b[i]
            i += 1
            value |= UInt64(byte & 0x7f) << min(shift, 63)
            if byte & 0x80 == 0 { return value }
            shift += 7
        }
    }

    static func appendVarint(_ v: UInt64, _ out: inout [UInt8]) {
        var v = v
        while v >= 0x80 { out.append(UInt8(v & 0x7f) | 0x80); v >>= 7 }
        out.append(UInt8(v))
    }

    static func copy(_ b: UnsafeRawBufferPointer, _ start: Int, _ end: Int, level: Level, keep: Int,
                     out: inout [UInt8], depth: Int, nodes: inout Int, maximumNodes: Int) throws(WireError) {
        guard depth <= 64 else { throw .tooDeep(limit: 64) }
        var i = start
        while i < end {
            let tagStart = i
            let tag = try varint(b, &i, end)
            let wire = Int(tag & 7)
            let field = tag >> 3
            guard field > 0, field < (1 << 29) else { throw .badWireType(offset: tagStart, wireType: wire) }
            if let allowed = wireTypes(level)[Int(field)], !allowed.contains(wire) {
                throw .wrongWireType(offset: tagStart, field: Int(field), wireType: wire, message: level.messageName)
            }
            if level == .tensor, dataFields.contains(Int(field)), wire != 2 {
                // An unpacked element of float_data, int64_data, ...: skipped like packed data.
                try skip(b, &i, end, wire: wire)
                continue
            }
            switch wire {
            case 0:
                _ = try varint(b, &i, end)
                out.append(contentsOf: UnsafeRawBufferPointer(rebasing: b[tagStart..<i]))
            case 1, 5:
                let width = wire == 1 ? 8 : 4
                guard end - i >= width else { throw .truncated(offset: i) }
                i += width
                out.append(contentsOf: UnsafeRawBufferPointer(rebasing: b[tagStart..<i]))
            case 2:
                let length = try varint(b, &i, end)
                guard length <= UInt64(end - i) else {
                    throw .lengthPastEnd(offset: tagStart, field: Int(field), length: length, available: end - i)
                }
                let bodyStart = i, bodyEnd = i + Int(length)
                i = bodyEnd
                let f = Int(field)
                if level == .tensor, dataFields.contains(f) { continue }   // weight bytes: skipped, never read
                let sub = child(level, field: f)
                // Small tensors (Reshape shapes, Clip bounds, Constant values) are kept whole.
                if sub == .opaque || (sub == .tensor && Int(length) <= keep) {
                    out.append(contentsOf: UnsafeRawBufferPointer(rebasing: b[tagStart..<bodyEnd]))
                } else {
                    var body: [UInt8] = []
                    if sub == .node {
                        guard nodes < maximumNodes else { throw .tooManyNodes(limit: maximumNodes) }
                        let index = nodes
                        nodes += 1
                        do throws(WireError) {
                            try copy(b, bodyStart, bodyEnd, level: sub, keep: keep, out: &body, depth: depth + 1,
                                     nodes: &nodes, maximumNodes: maximumNodes)
                        } catch {
                            throw .inNode(index: index, error)
                        }
                    } else {
                        try copy(b, bodyStart, bodyEnd, level: sub, keep: keep, out: &body, depth: depth + 1,
                                 nodes: &nodes, maximumNodes: maximumNodes)
                    }
                    appendVarint(tag, &out)
                    appendVarint(UInt64(body.count), &out)
                    out.append(contentsOf: body)
                }
            default:
                throw .badWireType(offset: tagStart, wireType: wire)
            }
        }
    }
}
