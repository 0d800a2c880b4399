/// The bins of adaptive pooling along one axis: input size a, output size n, and bin j spanning
/// input cells [floor(j·a/n), ceil((j+1)·a/n)). Neighbouring bins overlap by one cell when n does
/// not divide a; every bin is non-empty, also when n > a.
///
/// Source: `torch.nn.functional.adaptive_max_pool2d` / `adaptive_avg_pool2d` (`start_index`,
/// `end_index` in PyTorch's AdaptivePooling.h). The SPP-net paper's own rule (window ceil(a/n),
/// stride floor(a/n)) gives different bins when n does not divide a.
///
/// | a  | n | bins                              |
/// |----|---|-----------------------------------|
/// | 8  | 4 | [0,2) [2,4) [4,6) [6,8)           |
/// | 5  | 3 | [0,2) [1,4) [3,5)                 |
/// | 10 | 4 | [0,3) [2,5) [5,8) [7,10)          |
/// | 2  | 3 | [0,1) [0,2) [1,2)                 |
///
///     let axis = try AdaptivePoolAxis(inputSize: 5, outputSize: 3)
///     axis.bin(1)   // 1..<4
public struct AdaptivePoolAxis: Equatable, Sendable {
    /// a: the number of input cells.
    public let inputSize: Int
    /// n: the number of bins (output cells).
    public let outputSize: Int

    /// Creates the bins of one axis.
    /// - Parameters:
    ///   - inputSize: a, 1...2^20.
    ///   - outputSize: n, 1...2^20.
    ///   - name: the axis name used in error messages.
    /// - Throws: ``PoolError/invalid(_:)`` wrapping ``ConvError/outOfRange(name:value:allowed:)``.
    public init(inputSize: Int, outputSize: Int, name: String = "axis") throws(PoolError) {
        do throws(ConvError) {
            try requireInRange("input size (\(name))", inputSize, 1...maximumExtent)
            try requireInRange("output size (\(name))", outputSize, 1...maximumExtent)
        } catch {
            throw .invalid(error)
        }
        self.inputSize = inputSize
        self.outputSize = outputSize
    }

    /// Bin `index` (0-based, 0..<n): input cells [floor(index·a/n), ceil((index+1)·a/n)).
    /// - Precondition: 0 <= index < n (callers index the bins they asked for).
    public func bin(_ index: Int) -> Range<Int> {
        floorDivide(index * inputSize, outputSize)..<ceilDivide((index + 1) * inputSize, outputSize)
    }

    /// All n bins, in order.
    public var bins: [Range<Int>] { (0..<outputSize).map(bin) }
}

/// The n bins of adaptive pooling over a input cells: bin j spans [floor(j·a/n), ceil((j+1)·a/n)).
/// See ``AdaptivePoolAxis``; matches `torch.nn.functional.adaptive_max_pool2d`.
///
///     try adaptiveBins(inputSize: 10, outputSize: 4)   // [0..<3, 2..<5, 5..<8, 7..<10]
///
/// - Throws: ``PoolError/invalid(_:)`` for sizes outside 1...2^20.
public func adaptiveBins(inputSize: Int, outputSize: Int) throws(PoolError) -> [Range<Int>] {
    try AdaptivePoolAxis(inputSize: inputSize, outputSize: outputSize).bins
}
