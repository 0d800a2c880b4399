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

/// The YOLO grid scene: one step per grid cell, the object's centre and its responsible cell,
/// and the S x S x (B*5+C) output.
public typealias YOLOScene = ModelScene<YOLOModel>

/// The YOLO scene as a model: +/- change S, B and C (a new S selects the responsible cell).
public enum YOLOModel: SceneModel {
    /// The grid and the cell responsible for the object.
    public struct Result: Sendable {
        /// S, B, C and the output shape.
        public var grid: YOLOGrid
        /// The cell holding the object's centre.
        public var assignment: YOLOAssignment
        /// The step of the responsible cell.
        var responsibleStep: Int { assignment.row * grid.gridSize + assignment.column + 1 }
    }

    /// "YOLO grid".
    public static func title(_ options: YOLOSceneParameters) -> String { "YOLO grid" }
    /// The grid and the assignment of ``YOLOSceneParameters/shownObject``.
    public static func compute(_ options: YOLOSceneParameters) throws -> Result {
        let g = try options.grid()
        return Result(grid: g, assignment: try options.assignment(in: g))
    }
    /// "cell 11/49": a step is one grid cell.
    public static var stepName: String { "cell" }
    /// S x S.
    public static func stepCount(_ result: Result, view: NoViewState) -> Int { result.grid.gridSize * result.grid.gridSize }
    /// S: Up/Down move the cell by a row.
    public static func stepsPerRow(_ result: Result, view: NoViewState, step: Int) -> Int { result.grid.gridSize }
    /// The responsible cell.
    public static func defaultStep(_ result: Result, view: NoViewState) -> Int { result.responsibleStep }
    /// A new S selects the responsible cell.
    public static func carryStep(_ step: Int, from old: Result?, to new: Result, view: NoViewState) -> Int {
        old?.grid.gridSize == new.grid.gridSize ? step : new.responsibleStep
    }

    /// grid (S), boxes (B), classes (C).
    public static func controls(_ p: YOLOSceneParameters) -> [Control<YOLOSceneParameters>] {
        [.int("grid", \.gridSize, 1...64), .int("boxes", \.boxesPerCell, 1...64), .int("classes", \.classes, 0...1000)]
    }

    /// The arrows move the cell (the generic step keys).
    public static func keys(_ result: Result, options: Options, view: NoViewState) -> [SceneKey<YOLOModel>] {
        [SceneKey([], "arrows", "move the cell") { _, _, _ in false }]
    }

    /// Draws ``YOLODiagram`` for the selected cell.
    public static func draw(_ result: Result, options p: YOLOSceneParameters, view: NoViewState, step: Int,
                            into canvas: inout Canvas, area: Rect, glyphs: GlyphSet) {
        YOLODiagram(grid: result.grid, imageHeight: p.imageHeight, imageWidth: p.imageWidth, object: p.shownObject,
                    assignment: result.assignment, step: step, glyphs: glyphs).draw(into: &canvas, area: area)
    }

    /// ``YOLOJSON``.
    public static func json(_ result: Result, options p: YOLOSceneParameters, step: Int) -> String {
        YOLOJSON.render(result.grid, imageSize: (p.imageHeight, p.imageWidth), object: p.shownObject, assignment: result.assignment)
    }
}

extension ModelScene where M == YOLOModel {
    /// The scene of `parameters` at `step` (default: the responsible cell).
    public init(parameters: YOLOSceneParameters, step: Int? = nil) { self.init(parameters, step: step) }
    /// The grid, or nil while the configuration is invalid.
    public var grid: YOLOGrid? { result?.grid }
    /// The cell responsible for the object.
    public var assignment: YOLOAssignment? { result?.assignment }
    /// The step of the responsible cell (1 when there is none).
    public var responsibleStep: Int { result?.responsibleStep ?? 1 }
}
