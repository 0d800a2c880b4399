import Foundation

/// A protobuf message written field by field in the wire format
/// (https://protobuf.dev/programming-guides/encoding/), for synthesising ONNX files in the
/// benchmark and the tests. Long runs of zero bytes (weights) are kept as a count, not as bytes, so
/// a 553 MB VGG16 file is streamed to disk without being held in memory.
///
///     var tensor = ProtobufMessage()
///     tensor.varint(1, 64)             // TensorProto.dims
///     tensor.varint(2, 1)              // data_type FLOAT
///     tensor.string(8, "conv1.weight") // name
///     tensor.zeros(9, count: 4 * 64)   // raw_data
public struct ProtobufMessage: Sendable {
    /// A part of the serialized bytes.
    public enum Chunk: Sendable {
        /// Bytes as they are.
        case bytes([UInt8])
        /// `count` zero bytes.
        case zeros(Int)
    }

    /// The serialized message, in order.
    public private(set) var chunks: [Chunk] = []
    /// The serialized size in bytes.
    public private(set) var count = 0

    /// An empty message.
    public init() {}

    /// The varint encoding of `value`.
    static func varintBytes(_ value: UInt64) -> [UInt8] {
        var value = value
        var out: [UInt8] = []
        while value >= 0x80 { out.append(UInt8(value & 0x7f) | 0x80); value >>= 7 }
        out.append(UInt8(value))
        return out
    }

    /// Appends bytes as they are (a malformed message for a test is written this way).
    public mutating func raw(_ bytes: [UInt8]) {
        guard !bytes.isEmpty else { return }
        if case var .bytes(last)? = chunks.last {
            chunks.removeLast()   // `last` is now the only reference: appending is amortised O(1)
            last += bytes
            chunks.append(.bytes(last))
        } else {
            chunks.append(.bytes(bytes))
        }
        count += bytes.count
    }

    /// A tag: field number and wire type (0 varint, 1 fixed64, 2 length-delimited, 5 fixed32).
    public mutating func tag(_ field: Int, wireType: Int) {
        raw(Self.varintBytes(UInt64(field) << 3 | UInt64(wireType)))
    }

    /// A varint field (int64, int32, enum, bool); negative values take 10 bytes (two's complement).
    public mutating func varint(_ field: Int, _ value: Int64) {
        tag(field, wireType: 0)
        raw(Self.varintBytes(UInt64(bitPattern: value)))
    }

    /// A fixed32 float field.
    public mutating func float(_ field: Int, _ value: Float) {
        tag(field, wireType: 5)
        let bits = value.bitPattern
        raw([UInt8(bits & 0xff), UInt8(bits >> 8 & 0xff), UInt8(bits >> 16 & 0xff), UInt8(bits >> 24)])
    }

    /// A length-delimited field holding `bytes`.
    public mutating func bytes(_ field: Int, _ bytes: [UInt8]) {
        tag(field, wireType: 2)
        raw(Self.varintBytes(UInt64(bytes.count)))
        raw(bytes)
    }

    /// A string field (UTF-8).
    public mutating func string(_ field: Int, _ text: String) {
        bytes(field, Array(text.utf8))
    }

    /// A nested message field.
    public mutating func message(_ field: Int, _ message: ProtobufMessage) {
        tag(field, wireType: 2)
        raw(Self.varintBytes(UInt64(message.count)))
        for chunk in message.chunks {
            switch chunk {
            case let .bytes(bytes): raw(bytes)
            case let .zeros(zeros): appendZeros(zeros)
            }
        }
    }

    /// A length-delimited field of `count` zero bytes (raw_data of a zero tensor).
    public mutating func zeros(_ field: Int, count zeros: Int) {
        tag(field, wireType: 2)
        raw(Self.varintBytes(UInt64(zeros)))
        appendZeros(zeros)
    }

    mutating func appendZeros(_ zeros: Int) {
        guard zeros > 0 else { return }
        chunks.append(.zeros(zeros))
        count += zeros
    }

    /// The serialized bytes (zeros materialised).
    public func serialized() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(count)
        for chunk in chunks {
            switch chunk {
            case let .bytes(bytes): out += bytes
            case let .zeros(zeros): out += repeatElement(0, count: zeros)
            }
        }
        return out
    }

    /// Writes the message to `url`, streaming zeros 1 MiB at a time.
    /// - Throws: the file system's error.
    public func write(to url: URL) throws {
        _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        let block = Data(count: 1 << 20)
        for chunk in chunks {
            switch chunk {
            case let .bytes(bytes):
                try handle.write(contentsOf: bytes)
            case let .zeros(zeros):
                var left = zeros
                while left > 0 {
                    let size = min(left, block.count)
                    try handle.write(contentsOf: size == block.count ? block : block.prefix(size))
                    left -= size
                }
            }
        }
    }
}
