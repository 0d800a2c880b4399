/// A pair of numbers along the two spatial axes, height first, as PyTorch's `_pair` arguments
/// (`kernel_size=(kH, kW)`, `stride=(sH, sW)`, `padding=(pH, pW)`) and the golden files'
/// `[height, width]` pairs.
///
///     HeightWidth(3)                       // 3x3
///     HeightWidth(height: 7, width: 1)     // 7x1
///
/// A plain value: ranges are checked where a pair is used (``ModelSummary/init(model:graph:input:batchSize:)``).
public struct HeightWidth: Hashable, Sendable, CustomStringConvertible {
    /// The value along the height (rows) axis.
    public var height: Int
    /// The value along the width (columns) axis.
    public var width: Int

    /// The same value on both axes, as PyTorch expands an `int` argument.
    public init(_ both: Int) {
        height = both
        width = both
    }

    /// Different values per axis.
    public init(height: Int, width: Int) {
        self.height = height
        self.width = width
    }

    /// True when height and width are equal.
    public var isSquare: Bool { height == width }

    /// `[height, width]`, the golden files' and the JSON of docs/ARCHITECTURE.md form.
    public var pair: [Int] { [height, width] }

    /// "3" when square, else "7x1".
    public var description: String { isSquare ? "\(height)" : "\(height)x\(width)" }
}
