import Foundation

/// A tensor whose value is fixed by the file: an initializer, a Constant node's `value`, or the
/// result of folding shape arithmetic (Shape, Gather, Unsqueeze, Concat, Slice) over such tensors.
/// `dims` is nil when the size is not known; `integers` and `reals` hold the elements only for
/// small tensors whose data the wire walk kept (shapes, axes, scales, bounds), never for weights.
struct ONNXConstant: Sendable {
    /// The tensor's dims, or nil when unknown.
    var dims: [Int]?
    /// The elements of an integer tensor (INT64, INT32, INT16, INT8, UINT8, UINT16, UINT32, BOOL), when known.
    var integers: [Int]?
    /// The elements of a FLOAT, DOUBLE or FLOAT16-free real tensor, when known.
    var reals: [Double]?

    /// A constant with nothing known about it.
    static let opaque = ONNXConstant(dims: nil, integers: nil, reals: nil)

    /// TensorProto.DataType values (onnx.proto, `enum DataType`).
    enum DataType {
        static let float = 1, uint8 = 2, int8 = 3, uint16 = 4, int16 = 5, int32 = 6, int64 = 7, bool = 9,
                   double = 11, uint32 = 12, uint64 = 13
    }

    /// The constant a TensorProto describes. `dims` must already have been checked (non-negative,
    /// element count within Int). Data fields the wire walk dropped leave the values nil.
    init(tensor: Onnx_TensorProto, dims: [Int], elements: Int) {
        self.dims = dims
        self.integers = nil
        self.reals = nil
        // Values are only needed for small tensors; the wire walk keeps at most 4 KiB of them.
        guard elements <= 4096, tensor.dataLocation != .external else { return }
        let raw = tensor.rawData
        switch Int(tensor.dataType) {
        case DataType.int64:
            if !tensor.int64Data.isEmpty, tensor.int64Data.count == elements {
                integers = tensor.int64Data.map { Int($0) }
            } else if raw.count == elements * 8 {
                integers = Self.littleEndian(raw, count: elements, as: Int64.self).map { Int($0) }
            }
        case DataType.int32, DataType.int16, DataType.int8, DataType.uint8, DataType.uint16, DataType.bool:
            if !tensor.int32Data.isEmpty, tensor.int32Data.count == elements {
                integers = tensor.int32Data.map { Int($0) }
            } else if Int(tensor.dataType) == DataType.int32, raw.count == elements * 4 {
                integers = Self.littleEndian(raw, count: elements, as: Int32.self).map { Int($0) }
            } else if [DataType.int8, DataType.uint8, DataType.bool].contains(Int(tensor.dataType)), raw.count == elements {
                integers = raw.map { Int(tensor.dataType) == DataType.int8 ? Int(Int8(bitPattern: $0)) : Int($0) }
            }
        case DataType.uint32, DataType.uint64:
            if !tensor.uint64Data.isEmpty, tensor.uint64Data.count == elements, tensor.uint64Data.allSatisfy({ $0 <= UInt64(Int.max) }) {
                integers = tensor.uint64Data.map { Int($0) }
            }
        case DataType.float:
            if !tensor.floatData.isEmpty, tensor.floatData.count == elements {
                reals = tensor.floatData.map { Double($0) }
            } else if raw.count == elements * 4 {
                reals = Self.littleEndian(raw, count: elements, as: UInt32.self).map { Double(Float(bitPattern: $0)) }
            }
        case DataType.double:
            if !tensor.doubleData.isEmpty, tensor.doubleData.count == elements {
                reals = tensor.doubleData
            } else if raw.count == elements * 8 {
                reals = Self.littleEndian(raw, count: elements, as: UInt64.self).map { Double(bitPattern: $0) }
            }
        default:
            break
        }
    }

    /// A constant with known dims and optionally known values.
    init(dims: [Int]?, integers: [Int]?, reals: [Double]?) {
        self.dims = dims
        self.integers = integers
        self.reals = reals
    }

    /// `count` little-endian values of `T` from `data` (whose size the caller checked).
    static func littleEndian<T: FixedWidthInteger>(_ data: Data, count: Int, as type: T.Type) -> [T] {
        data.withUnsafeBytes { buffer in
            (0..<count).map { T(littleEndian: buffer.loadUnaligned(fromByteOffset: $0 * MemoryLayout<T>.size, as: T.self)) }
        }
    }
}
