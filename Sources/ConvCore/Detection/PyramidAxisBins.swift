/// The bins of one pyramid level along one axis: a axis cells divided into n bins by a
/// ``PyramidBinRule``, with the warnings the rule raises.
///
///     let rows = try PyramidAxisBins(inputSize: 13, binCount: 4)
///     rows.bins          // [0..<4, 3..<7, 6..<10, 9..<13]   (adaptive: overlapping)
///     let paper = try PyramidAxisBins(inputSize: 11, binCount: 4, rule: .sppNetPaper)
///     paper.bins.count   // 5, with a warning
///
/// Source: adaptive rule as `torch.nn.functional.adaptive_max_pool2d`; paper rule as He et al.
/// 2014, section 2.3.
public struct PyramidAxisBins: Equatable, Sendable {
    /// a: the number of cells on the axis.
    public let inputSize: Int
    /// n: the number of bins asked for.
    public let binCount: Int
    /// The rule that placed the bins.
    public let rule: PyramidBinRule
    /// The axis name used in warnings and errors ("height", "width").
    public let axis: String
    /// The half-open cell range of each bin, in order. n bins under the adaptive rule;
    /// floor((a - window)/stride) + 1 under the paper's rule.
    public let bins: [Range<Int>]
    /// The paper rule's window ceil(a/n), or nil under the adaptive rule.
    public let window: Int?
    /// The paper rule's stride floor(a/n), or nil under the adaptive rule.
    public let stride: Int?
    /// The cells no bin covers (only ever non-empty under the paper's rule).
    public let uncoveredCells: [Int]
    /// Warnings about the bins (only ever raised under the paper's rule).
    public let warnings: [SPPWarning]

    /// Places `binCount` bins over `inputSize` cells.
    /// - Parameters:
    ///   - inputSize: a, in cells (1...2^20).
    ///   - binCount: n, the level (1...2^20; above a, adaptive bins repeat cells).
    ///   - rule: adaptive (default) or the SPP-net paper's.
    ///   - axis: the name used in messages.
    /// - Throws: ``DetectionError/outOfRange(name:value:allowed:)`` for sizes outside 1...2^20;
    ///   ``DetectionError/paperRuleNeedsLargerMap(axis:inputSize:binCount:)`` for the paper's
    ///   rule with a < n (stride 0).
    /// - Complexity: O(a + n).
    public init(inputSize: Int, binCount: Int, rule: PyramidBinRule = .adaptive, axis: String = "axis") throws(DetectionError) {
        try detectionRequire("\(axis) size", inputSize, 1...maximumExtent)
        try detectionRequire("bin count", binCount, 1...maximumExtent)
        self.inputSize = inputSize
        self.binCount = binCount
        self.rule = rule
        self.axis = axis
        switch rule {
        case .adaptive:
            // The same bins as adaptive pooling (one rule, kept in Pooling/AdaptivePoolAxis).
            do throws(PoolError) {
                bins = try AdaptivePoolAxis(inputSize: inputSize, outputSize: binCount, name: axis).bins
            } catch {
                throw .outOfRange(name: "\(axis) size", value: inputSize, allowed: 1...maximumExtent)
            }
            window = nil
            stride = nil
        case .sppNetPaper:
            let window = ceilDivide(inputSize, binCount)
            let stride = floorDivide(inputSize, binCount)
            guard stride >= 1 else { throw .paperRuleNeedsLargerMap(axis: axis, inputSize: inputSize, binCount: binCount) }
            // A pooling layer with kernel `window` and stride `stride`, no padding (floor mode).
            let count = floorDivide(inputSize - window, stride) + 1
            bins = (0..<count).map { ($0 * stride)..<($0 * stride + window) }
            self.window = window
            self.stride = stride
        }
        var covered = [Bool](repeating: false, count: inputSize)
        for bin in bins {
            for cell in bin where cell < inputSize { covered[cell] = true }
        }
        uncoveredCells = covered.indices.filter { !covered[$0] }
        var warnings: [SPPWarning] = []
        if let window, let stride, bins.count != binCount {
            warnings.append(.binCountDiffers(axis: axis, inputSize: inputSize, binCount: binCount,
                                             window: window, stride: stride, actualBinCount: bins.count))
        }
        if !uncoveredCells.isEmpty {
            warnings.append(.cellsNotCovered(axis: axis, inputSize: inputSize, binCount: binCount, cells: uncoveredCells))
        }
        self.warnings = warnings
    }

    /// True when two consecutive bins share a cell (adaptive bins with n not dividing a, or the
    /// paper's window wider than its stride).
    public var isOverlapping: Bool {
        zip(bins, bins.dropFirst()).contains { $0.upperBound > $1.lowerBound }
    }

    /// The largest bin's size, in cells (16 for a = 64, n = 4).
    public var largestBinSize: Int { bins.map(\.count).max() ?? 0 }
}
