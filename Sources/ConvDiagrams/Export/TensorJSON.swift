import ConvCore

/// A tensor as the project's JSON writes and reads it: `{"shape": [...], "data": [...]}`,
/// row-major, shape in PyTorch order. The same form as the reference vectors in the test fixtures.
public struct TensorJSON: Codable, Equatable, Sendable {
    /// The extents, PyTorch order.
    public var shape: [Int]
    /// The elements, row-major.
    public var data: [Float]

    /// Wraps a core tensor.
    public init(_ tensor: Tensor) {
        shape = tensor.shape
        data = tensor.data
    }

    /// The core tensor this JSON describes.
    /// - Throws: ``ConvError/shapeMismatch(_:)`` when shape and data disagree.
    public func tensor() throws(ConvError) -> Tensor {
        try Tensor(shape: shape, data: data)
    }
}

/// One convolution case in the form of the reference file `conv2d.json`: `input`, `weight`,
/// optional `bias`, `stride`, `padding`, `dilation` (pairs [height, width]), `groups`, and
/// optionally the expected `output`. Read by `convscope conv --from` and by the tests.
public struct ConvCaseJSON: Codable, Sendable {
    public var name: String?
    public var input: TensorJSON
    public var weight: TensorJSON
    public var bias: TensorJSON?
    public var stride: [Int]?
    public var padding: [Int]?
    public var dilation: [Int]?
    public var groups: Int?
    public var output: TensorJSON?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, input, weight, bias, stride, padding, dilation, groups, output
    }

    /// The keys a case may have (a `--from` file with any other key is refused).
    public static let allowedKeys = CodingKeys.allCases.map(\.rawValue)

    /// Runs the case through the core.
    /// - Throws: ``ConvError`` for a malformed pair (not two numbers) or an invalid geometry.
    public func computation() throws(ConvError) -> ConvComputation {
        let s = try Self.pair(stride, name: "stride", default: 1)
        let p = try Self.pair(padding, name: "padding", default: 0)
        let d = try Self.pair(dilation, name: "dilation", default: 1)
        return try ConvComputation(input: input.tensor(), weight: weight.tensor(), bias: bias?.tensor(),
                                   stride: s, padding: (.explicit(p.0), .explicit(p.1)), dilation: d,
                                   groups: groups ?? 1)
    }

    static func pair(_ values: [Int]?, name: String, default value: Int) throws(ConvError) -> (Int, Int) {
        guard let values else { return (value, value) }
        switch values.count {
        case 1: return (values[0], values[0])
        case 2: return (values[0], values[1])
        default: throw .shapeMismatch("\(name) must be [height, width], got \(values.count) numbers")
        }
    }
}
