/// A RoI projected from image coordinates onto a feature map and quantised to whole cells, as
/// RoI max pooling does: each edge is multiplied by spatial_scale and rounded half away from zero.
///
///     let box = try RoIBox(x1: 16, y1: 16, x2: 112, y2: 96)
///     let p = try RoIProjection(box: box, spatialScale: 1.0 / 16)
///     (p.startColumn, p.startRow, p.endColumn, p.endRow)   // (1, 1, 7, 6)
///     (p.width, p.height)                                  // (7, 6): inclusive ends
///
/// | x·scale | 2.5 | 3.5 | -0.5 | -1.5 |
/// |---------|-----|-----|------|------|
/// | rounded | 3   | 4   | -1   | -2   |   (C's `round`, half away from zero)
///
/// Source: Girshick 2015, "Fast R-CNN", section 2.1, and its Caffe `ROIPoolingLayer`;
/// matches `torchvision.ops.roi_pool` (roi_pool_kernel.cpp), which computes in Float.
public struct RoIProjection: Equatable, Sendable {
    /// The box in image coordinates.
    public let box: RoIBox
    /// Feature-map cells per image pixel (1/16 for a stride-16 backbone).
    public let spatialScale: Float
    /// round(x1·scale), round(y1·scale), round(x2·scale), round(y2·scale): feature-map cells,
    /// possibly outside the map.
    public let startColumn: Int, startRow: Int, endColumn: Int, endRow: Int

    /// Projects a box.
    /// - Throws: ``DetectionError/valueOutOfRange(name:value:allowed:)`` for a spatial_scale
    ///   outside 2^-20...1024.
    public init(box: RoIBox, spatialScale: Double) throws(DetectionError) {
        let scale = try validatedSpatialScale(spatialScale)
        self.box = box
        self.spatialScale = scale
        // |coordinate·scale| <= 2^34: exactly representable and far inside Int.
        startColumn = Int((box.x1 * scale).rounded(.toNearestOrAwayFromZero))
        startRow = Int((box.y1 * scale).rounded(.toNearestOrAwayFromZero))
        endColumn = Int((box.x2 * scale).rounded(.toNearestOrAwayFromZero))
        endRow = Int((box.y2 * scale).rounded(.toNearestOrAwayFromZero))
    }

    /// Cells across: max(endColumn - startColumn + 1, 1) (a malformed RoI counts as one cell).
    public var width: Int { max(endColumn - startColumn + 1, 1) }
    /// Cells down: max(endRow - startRow + 1, 1).
    public var height: Int { max(endRow - startRow + 1, 1) }

    /// The RoI max-pooling bins of an output of `outputSize` (pooled height, pooled width) over a
    /// feature map of `featureSize` (height, width), row-major.
    ///
    /// Bin (i, j) spans rows startRow + [floor(i·h/ph), ceil((i+1)·h/ph)) and the same for
    /// columns, then clipped to the map; h/ph is computed in Float as torchvision does.
    /// - Throws: ``DetectionError/outOfRange(name:value:allowed:)`` for an output size outside
    ///   1...1024 or a feature size outside 1...2^20.
    public func poolingBins(outputSize: (Int, Int), featureSize: (Int, Int)) throws(DetectionError) -> [RoIPoolBin] {
        let (ph, pw) = try validatedRoIOutputSize(outputSize)
        try detectionRequire("feature height", featureSize.0, 1...maximumExtent)
        try detectionRequire("feature width", featureSize.1, 1...maximumExtent)
        let binHeight = Float(height) / Float(ph), binWidth = Float(width) / Float(pw)
        func span(_ index: Int, _ size: Float, _ start: Int, _ limit: Int) -> (unclipped: Range<Int>, clipped: Range<Int>) {
            let lower = Int((Float(index) * size).rounded(.down)) + start
            let upper = Int((Float(index + 1) * size).rounded(.up)) + start
            let clippedLower = min(max(lower, 0), limit), clippedUpper = min(max(upper, 0), limit)
            return (lower..<max(lower, upper), clippedLower..<max(clippedLower, clippedUpper))
        }
        var bins: [RoIPoolBin] = []
        bins.reserveCapacity(ph * pw)
        for i in 0..<ph {
            let rows = span(i, binHeight, startRow, featureSize.0)
            for j in 0..<pw {
                let columns = span(j, binWidth, startColumn, featureSize.1)
                bins.append(RoIPoolBin(row: i, column: j, unclippedRows: rows.unclipped, unclippedColumns: columns.unclipped,
                                       rows: rows.clipped, columns: columns.clipped))
            }
        }
        return bins
    }
}

/// One bin of RoI max pooling: the feature-map cells it takes the maximum over.
///
/// Source: `torchvision.ops.roi_pool` (start floor, end ceil, clipped to the map; an empty bin
/// outputs 0).
public struct RoIPoolBin: Equatable, Sendable {
    /// The output cell (0-based).
    public let row: Int, column: Int
    /// The bin before clipping to the map (may lie partly or wholly outside it).
    public let unclippedRows: Range<Int>, unclippedColumns: Range<Int>
    /// The feature-map rows and columns pooled.
    public let rows: Range<Int>, columns: Range<Int>
    /// True when clipping left no cell; the output is then 0.
    public var isEmpty: Bool { rows.isEmpty || columns.isEmpty }
}
