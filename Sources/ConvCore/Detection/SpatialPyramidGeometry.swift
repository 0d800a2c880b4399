/// The geometry of spatial pyramid pooling over a C x H x W feature map: each level's bins on
/// both axes, each level's output size, and the layout of the fixed-length vector.
///
///     let spp = try SpatialPyramidGeometry(channels: 256, height: 13, width: 13)   // levels 4, 2, 1
///     spp.vectorLength        // 5376 = 256 x (16 + 4 + 1)
///
/// The vector concatenates the levels in order; within a level the values are channel-major
/// (channel, bin row, bin column), the layout of `adaptive_max_pool2d(...).flatten(1)` per level
/// (`spp.json`). Under the adaptive rule its length is C·Σn² whatever H and W are: the point of
/// SPP-net (He et al. 2014, section 2.3, figure 3).
public struct SpatialPyramidGeometry: Equatable, Sendable {
    /// One pyramid level: n and its bins on both axes.
    public struct Level: Equatable, Sendable {
        /// n: the bins asked for on each axis.
        public let binCount: Int
        /// The bins along the height (rows of the map).
        public let rows: PyramidAxisBins
        /// The bins along the width (columns of the map).
        public let columns: PyramidAxisBins
        /// Where this level's values start in the vector.
        public let vectorOffset: Int
        /// C x bin rows x bin columns: this level's share of the vector.
        public let vectorLength: Int
    }

    /// C: feature-map channels.
    public let channels: Int
    /// H: feature-map rows.
    public let height: Int
    /// W: feature-map columns.
    public let width: Int
    /// The rule placing the bins.
    public let rule: PyramidBinRule
    /// The levels, in the order given (and in the vector's order).
    public let levels: [Level]
    /// The length of the concatenated vector: C·Σ(bin rows x bin columns), C·Σn² under the
    /// adaptive rule (5,376 for C = 256 and levels 4, 2, 1; 12,800 for levels 6, 3, 2, 1).
    public let vectorLength: Int

    /// The levels of SPP-net's classification network: a 4 x 4, 2 x 2 and 1 x 1 pyramid
    /// (He et al. 2014, section 2.3: 21 bins per channel).
    public static let defaultLevels = [4, 2, 1]

    /// The most levels a pyramid may have.
    public static let maximumLevelCount = 32

    /// Places every level's bins over a C x H x W map.
    /// - Parameters:
    ///   - channels: C (1...65536).
    ///   - height, width: H and W, in cells (1...2^20).
    ///   - levels: the bin count n of each level (1...2^20 each, 1...32 levels); default 4, 2, 1.
    ///   - rule: adaptive (default, as `spp.json`) or the SPP-net paper's.
    /// - Throws: ``DetectionError/outOfRange(name:value:allowed:)`` for a size or level out of
    ///   range, ``DetectionError/countOutOfRange(name:count:allowed:)`` for no levels or too many,
    ///   ``DetectionError/paperRuleNeedsLargerMap(axis:inputSize:binCount:)``, and
    ///   ``DetectionError/tooLarge(name:limit:)`` when the vector would exceed
    ///   ``Tensor/maximumElementCount`` values.
    public init(channels: Int, height: Int, width: Int, levels: [Int] = defaultLevels,
                rule: PyramidBinRule = .adaptive) throws(DetectionError) {
        try detectionRequire("channels", channels, 1...65536)
        try detectionRequire("height", height, 1...maximumExtent)
        try detectionRequire("width", width, 1...maximumExtent)
        guard (1...Self.maximumLevelCount).contains(levels.count) else {
            throw .countOutOfRange(name: "levels", count: levels.count, allowed: 1...Self.maximumLevelCount)
        }
        var built: [Level] = []
        var offset = 0
        for n in levels {
            try detectionRequire("level", n, 1...maximumExtent)
            let rows = try PyramidAxisBins(inputSize: height, binCount: n, rule: rule, axis: "height")
            let columns = try PyramidAxisBins(inputSize: width, binCount: n, rule: rule, axis: "width")
            let length = try detectionCheckedProduct([channels, rows.bins.count, columns.bins.count],
                                                     name: "SPP vector", limit: Tensor.maximumElementCount)
            let (next, overflow) = offset.addingReportingOverflow(length)
            guard !overflow, next <= Tensor.maximumElementCount else {
                throw .tooLarge(name: "SPP vector", limit: Tensor.maximumElementCount)
            }
            built.append(Level(binCount: n, rows: rows, columns: columns, vectorOffset: offset, vectorLength: length))
            offset = next
        }
        self.channels = channels
        self.height = height
        self.width = width
        self.rule = rule
        self.levels = built
        self.vectorLength = offset
    }

    /// Every warning of every level, in level order (height before width).
    public var warnings: [SPPWarning] {
        levels.flatMap { $0.rows.warnings + $0.columns.warnings }
    }

    /// The position in the vector of level `level`'s bin (row, column) of channel `channel`:
    /// offset + (channel x bin rows + row) x bin columns + column. Nil for an index out of range.
    public func vectorIndex(level: Int, channel: Int, row: Int, column: Int) -> Int? {
        guard levels.indices.contains(level) else { return nil }
        let l = levels[level]
        let rowCount = l.rows.bins.count, columnCount = l.columns.bins.count
        guard (0..<channels).contains(channel), (0..<rowCount).contains(row), (0..<columnCount).contains(column) else {
            return nil
        }
        return l.vectorOffset + (channel * rowCount + row) * columnCount + column
    }

    /// The vector length written out: "256 x (4x4 + 2x2 + 1x1) = 5376".
    public var vectorLengthFormula: String {
        let terms = levels.map { "\($0.rows.bins.count)x\($0.columns.bins.count)" }.joined(separator: " + ")
        return "\(channels) x (\(terms)) = \(vectorLength)"
    }
}
