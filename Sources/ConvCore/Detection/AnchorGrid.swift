/// Anchors over a whole H x W feature map: the k anchors of ``CellAnchors`` shifted to every
/// cell, H x W x k boxes.
///
///     let grid = try AnchorGrid(cellAnchors: .torchvision(), featureHeight: 4, featureWidth: 6, stride: (16, 16))
///     grid.count                            // 216 = 4 x 6 x 9
///     try grid.anchors(row: 0, column: 1)[0].xyxy   // [-75, -45, 107, 45]: shifted by (16, 0)
///
/// Cell (i, j) adds (j·stride_w, i·stride_h) to every edge; cells are row-major and each cell's
/// k anchors are consecutive, so anchor a of cell (i, j) is number (i·W + j)·k + a. This is the
/// order of py-faster-rcnn's `proposal_layer.py` and of torchvision's `AnchorGenerator.grid_anchors`.
public struct AnchorGrid: Equatable, Sendable {
    /// The most anchors a grid may hold (2^22).
    public static let maximumCount = 1 << 22

    /// The k anchors of the origin cell.
    public let cellAnchors: CellAnchors
    /// H and W: feature-map cells.
    public let featureHeight: Int, featureWidth: Int
    /// Image pixels per feature-map cell, down and across (16 for VGG16 conv5_3).
    public let strideHeight: Int, strideWidth: Int
    /// H x W x k.
    public let count: Int

    /// Places the anchors over an H x W map.
    /// - Parameters:
    ///   - featureHeight, featureWidth: 1...2^20.
    ///   - stride: (height, width), pixels, 1...2^20 each.
    /// - Throws: ``DetectionError/outOfRange(name:value:allowed:)``, and ``DetectionError/tooLarge(name:limit:)``
    ///   when H x W x k exceeds ``maximumCount``.
    public init(cellAnchors: CellAnchors, featureHeight: Int, featureWidth: Int, stride: (Int, Int)) throws(DetectionError) {
        try detectionRequire("feature height", featureHeight, 1...maximumExtent)
        try detectionRequire("feature width", featureWidth, 1...maximumExtent)
        try detectionRequire("stride height", stride.0, 1...maximumExtent)
        try detectionRequire("stride width", stride.1, 1...maximumExtent)
        count = try detectionCheckedProduct([featureHeight, featureWidth, cellAnchors.count], name: "anchor count",
                                            limit: Self.maximumCount)
        self.cellAnchors = cellAnchors
        self.featureHeight = featureHeight
        self.featureWidth = featureWidth
        self.strideHeight = stride.0
        self.strideWidth = stride.1
    }

    /// torchvision's rule for one feature map: stride = image size // feature size on each axis
    /// (`AnchorGenerator.forward`); 64 x 96 over 4 x 6 gives (16, 16).
    /// - Throws: as ``init(cellAnchors:featureHeight:featureWidth:stride:)``; the stride is out of
    ///   range when the feature map is larger than the image.
    public init(cellAnchors: CellAnchors, imageSize: (Int, Int), featureSize: (Int, Int)) throws(DetectionError) {
        try detectionRequire("image height", imageSize.0, 1...maximumExtent)
        try detectionRequire("image width", imageSize.1, 1...maximumExtent)
        try detectionRequire("feature height", featureSize.0, 1...maximumExtent)
        try detectionRequire("feature width", featureSize.1, 1...maximumExtent)
        try self.init(cellAnchors: cellAnchors, featureHeight: featureSize.0, featureWidth: featureSize.1,
                      stride: (imageSize.0 / featureSize.0, imageSize.1 / featureSize.1))
    }

    /// The pixel shift (x, y) = (column·stride_w, row·stride_h) of cell (row, column).
    public func shift(row: Int, column: Int) -> (x: Double, y: Double) {
        (Double(column) * Double(strideWidth), Double(row) * Double(strideHeight))
    }

    /// The centre of cell (row, column)'s anchors in image pixels: the shift plus the cell
    /// anchors' centre ((7.5, 7.5) in py-faster-rcnn, (0, 0) in torchvision).
    public func center(row: Int, column: Int) -> (x: Double, y: Double) {
        let s = shift(row: row, column: column)
        return (s.x + cellAnchors.centerX, s.y + cellAnchors.centerY)
    }

    /// The k anchors of cell (row, column).
    /// - Throws: ``DetectionError/outOfRange(name:value:allowed:)`` for a cell outside the map.
    public func anchors(row: Int, column: Int) throws(DetectionError) -> [AnchorBox] {
        try detectionRequire("row", row, 0...(featureHeight - 1))
        try detectionRequire("column", column, 0...(featureWidth - 1))
        let s = shift(row: row, column: column)
        return cellAnchors.boxes.map { $0.shifted(x: s.x, y: s.y) }
    }

    /// Every anchor, row-major over cells, k consecutive per cell (``count`` boxes).
    /// - Complexity: O(H·W·k).
    public var allAnchors: [AnchorBox] {
        var result: [AnchorBox] = []
        result.reserveCapacity(count)
        for row in 0..<featureHeight {
            for column in 0..<featureWidth {
                let s = shift(row: row, column: column)
                for box in cellAnchors.boxes { result.append(box.shifted(x: s.x, y: s.y)) }
            }
        }
        return result
    }

    /// The RPN head's output channels for this grid's k.
    public var rpnHead: RPNHeadChannels {
        // k <= 64 x 64 always fits RPNHeadChannels's range.
        RPNHeadChannels(validatedAnchorsPerCell: cellAnchors.count, convention: cellAnchors.convention)
    }
}
