/// A small dense Float tensor, row-major, shape in PyTorch order (N, C, H, W for images,
/// (C_out, C_in/groups, kH, kW) for convolution weights, (F) for biases).
///
/// Source: the layout of `torch.Tensor.contiguous()` and of the `{"shape", "data"}` objects in
/// the reference vectors.
public struct Tensor: Equatable, Sendable {
    /// The extent of each dimension.
    public let shape: [Int]
    /// The elements in row-major order; `data.count` is the product of `shape`.
    public var data: [Float]

    /// The most elements a tensor may hold (2^28, 1 GiB of Float32).
    public static let maximumElementCount = 1 << 28

    /// Creates a tensor from a shape and its row-major data.
    /// - Throws: ``ConvError/shapeMismatch(_:)`` when an extent is negative, the element count
    ///   exceeds ``maximumElementCount`` or `data.count` differs from the product of `shape`.
    public init(shape: [Int], data: [Float]) throws(ConvError) {
        let count = try Tensor.elementCount(of: shape)
        guard count == data.count else {
            throw .shapeMismatch("tensor shape \(Tensor.describe(shape)) needs \(count) values, got \(data.count)")
        }
        self.shape = shape
        self.data = data
    }

    /// Creates a tensor of zeros.
    /// - Throws: ``ConvError/shapeMismatch(_:)`` for a negative extent or too many elements.
    public init(zeros shape: [Int]) throws(ConvError) {
        let count = try Tensor.elementCount(of: shape)
        self.shape = shape
        self.data = [Float](repeating: 0, count: count)
    }

    /// The product of the extents, checked against overflow and ``maximumElementCount``.
    /// - Throws: ``ConvError/shapeMismatch(_:)``.
    public static func elementCount(of shape: [Int]) throws(ConvError) -> Int {
        var count = 1
        for extent in shape {
            guard extent >= 0 else { throw .shapeMismatch("tensor shape \(describe(shape)) has a negative extent") }
            let (product, overflow) = count.multipliedReportingOverflow(by: extent)
            guard !overflow, product <= maximumElementCount else {
                throw .shapeMismatch("tensor shape \(describe(shape)) has more than \(maximumElementCount) elements")
            }
            count = product
        }
        return count
    }

    /// "1 x 3 x 224 x 224": a shape written as the project writes shapes.
    public static func describe(_ shape: [Int]) -> String {
        shape.map(String.init).joined(separator: " x ")
    }

    /// A 1 x 1 x 1 x 1 tensor holding 0: a safe fallback that needs no validation.
    public static let zero = Tensor(checkedShape: [1, 1, 1, 1], data: [0])

    private init(checkedShape: [Int], data: [Float]) {
        shape = checkedShape
        self.data = data
    }

    /// The number of dimensions.
    public var rank: Int { shape.count }

    /// Element (n, c, h, w) of a rank-4 tensor.
    /// - Precondition: rank 4 and indices in range (callers index shapes they validated).
    @inlinable
    public subscript(n: Int, c: Int, h: Int, w: Int) -> Float {
        get { data[((n * shape[1] + c) * shape[2] + h) * shape[3] + w] }
        set { data[((n * shape[1] + c) * shape[2] + h) * shape[3] + w] = newValue }
    }
}
