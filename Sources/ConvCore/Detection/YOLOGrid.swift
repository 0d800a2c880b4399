/// YOLO's S x S grid over an image and its output tensor of S x S x (B·5 + C) numbers: per cell,
/// B boxes of (x, y, w, h, confidence) and C class probabilities.
///
///     let v1 = try YOLOGrid()                // S 7, B 2, C 20 (PASCAL VOC)
///     v1.outputShape                         // [7, 7, 30]
///     v1.outputCount                         // 1470
///     try v1.responsibleCell(centerX: 224, centerY: 100, width: 50, height: 80, imageWidth: 448, imageHeight: 448)
///                                            // row 1, column 3
///
/// Source: Redmon et al. 2016, "You Only Look Once: Unified, Real-Time Object Detection",
/// section 2 (S = 7, B = 2, C = 20: a 7 x 7 x 30 tensor). The cell vector is laid out as the paper
/// describes it (box 1's five numbers, box 2's, then the C probabilities); Darknet's detection
/// layer stores the same numbers grouped by kind across all cells instead.
public struct YOLOGrid: Equatable, Sendable {
    /// S: cells per side.
    public let gridSize: Int
    /// B: boxes predicted per cell.
    public let boxesPerCell: Int
    /// C: classes.
    public let classes: Int

    /// Creates the grid.
    /// - Parameters:
    ///   - gridSize: S, 1...1024 (default 7).
    ///   - boxesPerCell: B, 1...1024 (default 2).
    ///   - classes: C, 0...65536 (default 20).
    /// - Throws: ``DetectionError/outOfRange(name:value:allowed:)``.
    public init(gridSize: Int = 7, boxesPerCell: Int = 2, classes: Int = 20) throws(DetectionError) {
        try detectionRequire("grid size", gridSize, 1...1024)
        try detectionRequire("boxes per cell", boxesPerCell, 1...1024)
        try detectionRequire("classes", classes, 0...65536)
        self.gridSize = gridSize
        self.boxesPerCell = boxesPerCell
        self.classes = classes
    }

    /// B·5 + C: the numbers one cell predicts (30 for v1).
    public var valuesPerCell: Int { boxesPerCell * YOLOBoxField.allCases.count + classes }

    /// [S, S, B·5 + C]: the output tensor's shape ([7, 7, 30] for v1).
    public var outputShape: [Int] { [gridSize, gridSize, valuesPerCell] }

    /// S·S·(B·5 + C): the output's size (1,470 for v1). At most 2^20 x 70,656, far inside Int.
    public var outputCount: Int { gridSize * gridSize * valuesPerCell }

    /// What each of a cell's B·5 + C numbers means, in order: x1 y1 w1 h1 confidence1 ... p1 ... pC.
    public var cellLayout: [YOLOCellSlot] {
        (0..<boxesPerCell).flatMap { b in YOLOBoxField.allCases.map { YOLOCellSlot.box(b, $0) } }
            + (0..<classes).map { YOLOCellSlot.classProbability($0) }
    }

    /// The cell whose half-open interval [j·W/S, (j+1)·W/S) holds the centre, on each axis, and
    /// the centre's offset within it. A centre exactly on a boundary goes to the cell right of it
    /// or below it; a centre on the image's right or bottom edge (x = W) to the last cell, with
    /// offset 1.
    /// - Parameters:
    ///   - centerX, centerY: the object's centre in pixels, 0...W and 0...H.
    ///   - width, height: the object's size in pixels, 0...W and 0...H.
    ///   - imageWidth, imageHeight: pixels, 1...2^20.
    /// - Throws: ``DetectionError/valueOutOfRange(name:value:allowed:)`` for a centre outside the
    ///   image, a size outside it, or a number that is not finite.
    public func responsibleCell(centerX: Double, centerY: Double, width: Double, height: Double,
                                imageWidth: Double, imageHeight: Double) throws(DetectionError) -> YOLOAssignment {
        try detectionRequire("image width", imageWidth, 1...Double(maximumExtent))
        try detectionRequire("image height", imageHeight, 1...Double(maximumExtent))
        try detectionRequire("centre x", centerX, 0...imageWidth)
        try detectionRequire("centre y", centerY, 0...imageHeight)
        try detectionRequire("object width", width, 0...imageWidth)
        try detectionRequire("object height", height, 0...imageHeight)
        let s = Double(gridSize)
        // c·S/W is exact for a centre on a boundary j·W/S given in whole pixels.
        let u = centerX * s / imageWidth, v = centerY * s / imageHeight
        let column = min(Int(u.rounded(.down)), gridSize - 1), row = min(Int(v.rounded(.down)), gridSize - 1)
        return YOLOAssignment(row: row, column: column, x: u - Double(column), y: v - Double(row),
                              w: width / imageWidth, h: height / imageHeight,
                              isOnBoundary: u == u.rounded(.down) || v == v.rounded(.down))
    }

    /// Cell (row, column)'s edges in pixels: [j·W/S, (j+1)·W/S) across, the same down.
    /// Nil for a cell out of range or an image size that is not positive and finite.
    public func cellBounds(row: Int, column: Int, imageWidth: Double, imageHeight: Double) -> (x1: Double, y1: Double, x2: Double, y2: Double)? {
        guard (0..<gridSize).contains(row), (0..<gridSize).contains(column),
              imageWidth.isFinite, imageHeight.isFinite, imageWidth > 0, imageHeight > 0 else { return nil }
        let s = Double(gridSize)
        return (Double(column) * imageWidth / s, Double(row) * imageHeight / s,
                Double(column + 1) * imageWidth / s, Double(row + 1) * imageHeight / s)
    }
}
