import ConvCore
import ConvDiagrams

/// The parameters of the YOLO scene, as the command line gives them.
public struct YOLOSceneParameters: Equatable, Sendable {
    /// S, B, C (default YOLO v1 on PASCAL VOC: 7, 2, 20).
    public var gridSize = 7, boxesPerCell = 2, classes = 20
    /// The image size in pixels (default 448 x 448, YOLO v1's input).
    public var imageHeight = 448, imageWidth = 448
    /// The object (centre and size, pixels); nil for the default, an object whose centre is at
    /// (W/2, 100/448·H) and whose size is (50/448·W, 80/448·H): (224, 100), 50 x 80 on 448 x 448.
    public var object: YOLODiagram.Object?

    /// Parameters with the defaults given on each property.
    public init() {}

    /// The object shown: the one given, or the default.
    public var shownObject: YOLODiagram.Object {
        object ?? YOLODiagram.Object(centerX: Double(imageWidth) / 2, centerY: 100 * Double(imageHeight) / 448,
                                     width: 50 * Double(imageWidth) / 448, height: 80 * Double(imageHeight) / 448)
    }

    /// The grid.
    /// - Throws: ``DetectionError/outOfRange(name:value:allowed:)``.
    public func grid() throws(DetectionError) -> YOLOGrid {
        try detectionCheck("image height", imageHeight, 1...65536)
        try detectionCheck("image width", imageWidth, 1...65536)
        return try YOLOGrid(gridSize: gridSize, boxesPerCell: boxesPerCell, classes: classes)
    }

    /// The responsible cell of ``shownObject``.
    /// - Throws: ``DetectionError/valueOutOfRange(name:value:allowed:)`` for an object outside the image.
    public func assignment(in grid: YOLOGrid) throws(DetectionError) -> YOLOAssignment {
        let o = shownObject
        return try grid.responsibleCell(centerX: o.centerX, centerY: o.centerY, width: o.width, height: o.height,
                                        imageWidth: Double(imageWidth), imageHeight: Double(imageHeight))
    }
}

/// The YOLO scene: one step per grid cell (row-major), so the arrows move the selected cell; it
/// starts on the responsible cell. +/- change S, B and C.
public struct YOLOScene: Scene {
    /// The parameters the scene shows; +/- change them.
    public private(set) var parameterValues: YOLOSceneParameters
    /// The grid, or nil while the configuration is invalid.
    public private(set) var grid: YOLOGrid?
    /// The responsible cell of the object, or nil while invalid.
    public private(set) var assignment: YOLOAssignment?
    /// Why the configuration is invalid (shown instead of the picture), or nil.
    public private(set) var errorMessage: String?
    /// The current 1-based step, kept in 1...stepCount (0 while invalid).
    public var step: Int {
        didSet { step = stepCount == 0 ? 0 : min(max(1, step), stepCount) }
    }

    /// Builds the scene with cell `step` selected, or the responsible cell when nil.
    public init(parameters: YOLOSceneParameters, step: Int? = nil) {
        parameterValues = parameters
        self.step = 0
        recompute()
        self.step = step ?? responsibleStep
    }

    /// The step of the responsible cell (1 when there is none).
    public var responsibleStep: Int {
        guard let grid, let assignment else { return 1 }
        return assignment.row * grid.gridSize + assignment.column + 1
    }

    mutating func recompute() {
        do {
            let g = try parameterValues.grid()
            assignment = try parameterValues.assignment(in: g)
            grid = g
            errorMessage = nil
        } catch {
            grid = nil
            assignment = nil
            errorMessage = error.description
        }
        let s = step
        step = s
    }

    /// "cell 11/49": a step is one grid cell.
    public var stepName: String { "cell" }

    /// The heading ("YOLO grid").
    public var title: String { "YOLO grid" }
    /// S x S: one step per grid cell.
    public var stepCount: Int { grid.map { $0.gridSize * $0.gridSize } ?? 0 }
    /// S: Up/Down move the cell by a row.
    public var stepsPerRow: Int { grid?.gridSize ?? 1 }

    /// The parameters Tab moves between: grid (S), boxes (B), classes (C).
    public var parameters: [SceneParameter] {
        let p = parameterValues
        return [SceneParameter("grid", "\(p.gridSize)"), SceneParameter("boxes", "\(p.boxesPerCell)"),
                SceneParameter("classes", "\(p.classes)")]
    }

    /// Changes S, B or C and recomputes (a new S selects the responsible cell); an invalid result becomes ``errorMessage``.
    public mutating func adjust(parameter index: Int, by delta: Int) {
        var p = parameterValues
        switch index {
        case 0: p.gridSize = min(64, max(1, p.gridSize + delta))
        case 1: p.boxesPerCell = min(64, max(1, p.boxesPerCell + delta))
        case 2: p.classes = min(1000, max(0, p.classes + delta))
        default: return
        }
        parameterValues = p
        recompute()
        if index == 0 { step = responsibleStep }
    }

    /// Scene keys for the footer and the help screen.
    public var sceneBindings: [(String, String)] { [("arrows", "move the cell")] }

    /// Draws ``YOLODiagram`` for the selected cell.
    public func draw(into canvas: inout Canvas, area: Rect, glyphs: GlyphSet) {
        guard let grid, step >= 1 else { return }
        let p = parameterValues
        YOLODiagram(grid: grid, imageHeight: p.imageHeight, imageWidth: p.imageWidth, object: p.shownObject,
                    assignment: assignment, step: step, glyphs: glyphs).draw(into: &canvas, area: area)
    }
}
