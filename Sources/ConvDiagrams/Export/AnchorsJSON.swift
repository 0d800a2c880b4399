import ConvCore

/// The JSON of `convscope anchors --format json`: `convention`, `image_hw`, `feature_hw`,
/// `stride_hw` (the strides the anchors are shifted by: under torchvision image // feature map per
/// axis), `given_stride_hw` (the stride the feature map came from), the generator's `ratios` and `scales` (py-faster-rcnn, with `base_size`) or
/// `sizes` (torchvision), `cell_anchors` (the k boxes of the cell at the origin, [x1, y1, x2, y2],
/// as `anchors.json` lists them), `anchors` (every shifted box, cells row-major, k per cell),
/// `count` (H x W x k), `anchors_per_cell`, `rpn_head` (`cls_channels`, `reg_channels`,
/// `total_channels`, as in `anchors.json`) and `selected_cell` (`row`, `column`, `anchors`).
public enum AnchorsJSON {
    struct Head: Encodable {
        var anchors_per_cell: Int
        var cls_channels: Int
        var reg_channels: Int
        var total_channels: Int
        var output_shape: [Int]
    }

    struct Selected: Encodable {
        var row: Int
        var column: Int
        var center: [Double]
        var anchors: [[Double]]
    }

    struct Document: Encodable {
        var convention: String
        var image_hw: [Int]
        var feature_hw: [Int]
        var stride_hw: [Int]
        var given_stride_hw: [Int]
        var ratios: [Double]
        var scales: [Double]?
        var base_size: Int?
        var sizes: [Double]?
        var cell_anchors: [[Double]]
        var anchors: [[Double]]
        var count: Int
        var anchors_per_cell: Int
        var rpn_head: Head
        var selected_cell: Selected
    }

    /// The JSON text of `grid` over an image of `imageSize` (height, width) pixels, with cell
    /// (row, column) selected; keys sorted, ending in a newline. `givenStride` (height, width) is
    /// the stride the feature map came from (default: the grid's).
    public static func render(_ grid: AnchorGrid, imageSize: (Int, Int), selected: (row: Int, column: Int),
                              givenStride: (Int, Int)? = nil) -> String {
        let a = grid.cellAnchors, head = grid.rpnHead
        let isPaper = a.convention == .pyFasterRCNN
        let row = min(max(0, selected.row), grid.featureHeight - 1), column = min(max(0, selected.column), grid.featureWidth - 1)
        let centre = grid.center(row: row, column: column)
        let doc = Document(
            convention: a.convention.rawValue, image_hw: [imageSize.0, imageSize.1],
            feature_hw: [grid.featureHeight, grid.featureWidth], stride_hw: [grid.strideHeight, grid.strideWidth],
            given_stride_hw: givenStride.map { [$0.0, $0.1] } ?? [grid.strideHeight, grid.strideWidth],
            ratios: a.ratios, scales: isPaper ? a.scales : nil, base_size: a.baseSize, sizes: isPaper ? nil : a.scales,
            cell_anchors: a.boxes.map(\.xyxy), anchors: grid.allAnchors.map(\.xyxy), count: grid.count,
            anchors_per_cell: a.count,
            rpn_head: Head(anchors_per_cell: head.anchorsPerCell, cls_channels: head.classificationChannels,
                           reg_channels: head.regressionChannels, total_channels: head.totalChannels,
                           output_shape: [grid.featureHeight, grid.featureWidth, head.totalChannels]),
            selected_cell: Selected(row: row, column: column, center: [centre.x, centre.y],
                                    anchors: ((try? grid.anchors(row: row, column: column)) ?? []).map(\.xyxy)))
        return encodeJSON(doc)
    }
}
