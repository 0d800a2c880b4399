import Testing
import ConvCore
import ConvTestSupport

struct GoldenAnchors: Decodable {
    struct PyFasterRCNN: Decodable {
        var base_size: Int
        var ratios: [Double]
        var scales: [Double]
        var anchors_xyxy: [[Double]]
    }
    struct Torchvision: Decodable {
        var sizes: [Double]
        var aspect_ratios: [Double]
        var image_hw: [Int]
        var feature_hw: [Int]
        var stride_hw: [Int]
        var cell_anchors_xyxy: [[Double]]
        var anchors_xyxy: [[Double]]
    }
    struct RPNHead: Decodable {
        var anchors_per_cell: Int
        var cls_channels: Int
        var reg_channels: Int
        var total_channels: Int
    }
    var py_faster_rcnn: PyFasterRCNN
    var torchvision: Torchvision
    var rpn_head: RPNHead
}

@Suite struct AnchorTests {
    /// anchors.json: py-faster-rcnn's nine anchors; the first box [-84, -40, 99, 55].
    @Test func pyFasterRCNNNineAnchors() throws {
        let golden = try Fixtures.decode(GoldenAnchors.self, from: "anchors.json").py_faster_rcnn
        let anchors = try CellAnchors.pyFasterRCNN(baseSize: golden.base_size, ratios: golden.ratios, scales: golden.scales)
        #expect(anchors.count == 9)
        #expect(anchors.boxes.map(\.xyxy) == golden.anchors_xyxy)
        #expect(anchors.boxes[0].xyxy == [-84, -40, 99, 55])
        #expect(try CellAnchors.pyFasterRCNN() == anchors)   // the defaults are the paper's
        #expect(anchors.centerX == 7.5 && anchors.centerY == 7.5)
        #expect(anchors.boxes.map(\.ratio) == [0.5, 0.5, 0.5, 1, 1, 1, 2, 2, 2])
    }

    /// anchors.json's note: the anchors of feature cell (i, j) add (16j, 16i, 16j, 16i).
    @Test func pyFasterRCNNShiftedAnchors() throws {
        let golden = try Fixtures.decode(GoldenAnchors.self, from: "anchors.json").py_faster_rcnn
        let grid = try AnchorGrid(cellAnchors: .pyFasterRCNN(), featureHeight: 3, featureWidth: 4, stride: (16, 16))
        #expect(grid.count == 3 * 4 * 9)
        let shifted = try grid.anchors(row: 2, column: 3)
        #expect(shifted.map(\.xyxy) == golden.anchors_xyxy.map { [$0[0] + 48, $0[1] + 32, $0[2] + 48, $0[3] + 32] })
        #expect(grid.allAnchors[(2 * 4 + 3) * 9] == shifted[0])
        #expect(grid.center(row: 2, column: 3) == (55.5, 39.5))
    }

    /// numpy rounds half to even: base 18, ratio 0.5: w = round(sqrt(648)) = 25, h = round(12.5) = 12
    /// (not 13); centred on 8.5: [8.5 - 12, 8.5 - 5.5, 8.5 + 12, 8.5 + 5.5].
    @Test func pyFasterRCNNRoundsHalfToEven() throws {
        let anchors = try CellAnchors.pyFasterRCNN(baseSize: 18, ratios: [0.5], scales: [1])
        #expect(anchors.boxes.map(\.xyxy) == [[-3.5, 3, 20.5, 14]])
    }

    /// anchors.json: torchvision's AnchorGenerator, cell anchors and all 216 anchors of a 4 x 6 map
    /// of a 64 x 96 image (stride 64 // 4 = 16, 96 // 6 = 16).
    @Test func torchvisionAnchorsOverA4x6Map() throws {
        let golden = try Fixtures.decode(GoldenAnchors.self, from: "anchors.json").torchvision
        let cell = try CellAnchors.torchvision(sizes: golden.sizes, aspectRatios: golden.aspect_ratios)
        #expect(cell.boxes.map(\.xyxy) == golden.cell_anchors_xyxy)
        #expect(try CellAnchors.torchvision() == cell)
        let grid = try AnchorGrid(cellAnchors: cell, imageSize: (golden.image_hw[0], golden.image_hw[1]),
                                  featureSize: (golden.feature_hw[0], golden.feature_hw[1]))
        #expect([grid.strideHeight, grid.strideWidth] == golden.stride_hw)
        #expect(grid.count == golden.anchors_xyxy.count)
        #expect(grid.count == 4 * 6 * 9)
        #expect(grid.allAnchors.map(\.xyxy) == golden.anchors_xyxy)
        #expect(grid.center(row: 1, column: 2) == (32, 16))
    }

    /// torch.round is half to even too: size 5, ratio 1: ±2.5 -> ±2.
    @Test func torchvisionRoundsHalfToEven() throws {
        #expect(try CellAnchors.torchvision(sizes: [5], aspectRatios: [1]).boxes[0].xyxy == [-2, -2, 2, 2])
    }

    /// anchors.json: the RPN head of py-faster-rcnn has 2k + 4k = 18 + 36 = 54 channels for 9
    /// anchors; torchvision's RPNHead has k + 4k = 9 + 36 = 45.
    @Test func rpnHeadChannels() throws {
        let golden = try Fixtures.decode(GoldenAnchors.self, from: "anchors.json").rpn_head
        let head = try RPNHeadChannels(anchorsPerCell: golden.anchors_per_cell, convention: .pyFasterRCNN)
        #expect(head.classificationChannels == golden.cls_channels)
        #expect(head.regressionChannels == golden.reg_channels)
        #expect(head.totalChannels == golden.total_channels)
        #expect(head.totalChannels == 54)
        let tv = try RPNHeadChannels(anchorsPerCell: 9, convention: .torchvision)
        #expect((tv.classificationChannels, tv.regressionChannels, tv.totalChannels) == (9, 36, 45))
        let grid = try AnchorGrid(cellAnchors: .pyFasterRCNN(), featureHeight: 4, featureWidth: 6, stride: (16, 16))
        #expect(grid.rpnHead == head)
        let shapes = try head.outputShapes(featureHeight: 4, featureWidth: 6)
        #expect(shapes.classification == [1, 18, 4, 6] && shapes.regression == [1, 36, 4, 6])
    }

    @Test func badInputIsAnErrorNotATrap() throws {
        #expect(throws: DetectionError.self) { try CellAnchors.pyFasterRCNN(baseSize: 0) }
        #expect(throws: DetectionError.self) { try CellAnchors.pyFasterRCNN(ratios: []) }
        #expect(throws: DetectionError.self) { try CellAnchors.pyFasterRCNN(ratios: [0]) }
        #expect(throws: DetectionError.self) { try CellAnchors.pyFasterRCNN(ratios: [-1]) }
        #expect(throws: DetectionError.self) { try CellAnchors.pyFasterRCNN(scales: [.nan]) }
        #expect(throws: DetectionError.self) { try CellAnchors.torchvision(sizes: [.infinity]) }
        #expect(throws: DetectionError.self) { try CellAnchors.torchvision(aspectRatios: [Double](repeating: 1, count: 65)) }
        // Base 1, ratio 1/1024: w = round(sqrt(1024)) = 32, h = round(32/1024) = 0.
        #expect(throws: DetectionError.degenerateAnchor(ratio: 0x1p-10, width: 32, height: 0)) {
            try CellAnchors.pyFasterRCNN(baseSize: 1, ratios: [0x1p-10], scales: [1])
        }
        let cell = try CellAnchors.torchvision()
        #expect(throws: DetectionError.self) { try AnchorGrid(cellAnchors: cell, featureHeight: 1 << 20, featureWidth: 1 << 20, stride: (16, 16)) }
        #expect(throws: DetectionError.self) { try AnchorGrid(cellAnchors: cell, featureHeight: 4, featureWidth: 6, stride: (0, 16)) }
        // A feature map larger than the image gives stride 0.
        #expect(throws: DetectionError.self) { try AnchorGrid(cellAnchors: cell, imageSize: (4, 4), featureSize: (8, 8)) }
        let grid = try AnchorGrid(cellAnchors: cell, featureHeight: 4, featureWidth: 6, stride: (16, 16))
        #expect(throws: DetectionError.self) { try grid.anchors(row: 4, column: 0) }
        #expect(throws: DetectionError.self) { try grid.anchors(row: 0, column: -1) }
        #expect(throws: DetectionError.self) { try RPNHeadChannels(anchorsPerCell: 0, convention: .torchvision) }
    }
}
