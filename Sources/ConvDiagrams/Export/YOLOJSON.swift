import ConvCore

/// The JSON of `convscope yolo --format json`: `grid_size` (S), `boxes_per_cell` (B), `classes`
/// (C), `image_hw`, `values_per_cell` (B·5 + C), `output_shape` [S, S, B·5 + C], `output_count`,
/// `cell_layout` (the names of one cell's numbers: "x1", "y1", "w1", "h1", "confidence1", ...,
/// "p1", ...), `object` [cx, cy, w, h] in pixels, and `responsible_cell` (`row`, `column`, the
/// targets `x`, `y` within the cell and `w`, `h` of the image, and `on_boundary`).
public enum YOLOJSON {
    struct Responsible: Encodable {
        var row: Int
        var column: Int
        var x: Double
        var y: Double
        var w: Double
        var h: Double
        var on_boundary: Bool
    }

    struct Document: Encodable {
        var grid_size: Int
        var boxes_per_cell: Int
        var classes: Int
        var image_hw: [Int]
        var values_per_cell: Int
        var output_shape: [Int]
        var output_count: Int
        var cell_layout: [String]
        var object: [Double]?
        var responsible_cell: Responsible?
    }

    /// The JSON text of `grid` over an image of `imageSize` (height, width), with the object and
    /// its assignment; keys sorted, ending in a newline.
    public static func render(_ grid: YOLOGrid, imageSize: (Int, Int), object: YOLODiagram.Object?,
                              assignment: YOLOAssignment?) -> String {
        let doc = Document(
            grid_size: grid.gridSize, boxes_per_cell: grid.boxesPerCell, classes: grid.classes,
            image_hw: [imageSize.0, imageSize.1], values_per_cell: grid.valuesPerCell, output_shape: grid.outputShape,
            output_count: grid.outputCount, cell_layout: grid.cellLayout.map(\.description),
            object: object.map { [$0.centerX, $0.centerY, $0.width, $0.height] },
            responsible_cell: assignment.map { Responsible(row: $0.row, column: $0.column, x: $0.x, y: $0.y, w: $0.w, h: $0.h,
                                                           on_boundary: $0.isOnBoundary) })
        return encodeJSON(doc)
    }
}
