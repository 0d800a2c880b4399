import Testing
import ConvCore

@Suite struct YOLOGridTests {
    /// Redmon et al. 2016, section 2: S = 7, B = 2, C = 20 gives a 7 x 7 x 30 tensor (1,470 numbers).
    @Test func yoloV1Is7x7x30() throws {
        let v1 = try YOLOGrid()
        #expect(v1.outputShape == [7, 7, 30])
        #expect(v1.outputCount == 1470)
        #expect(v1.valuesPerCell == 30)
        let layout = v1.cellLayout
        #expect(layout.count == 30)
        #expect(layout.prefix(5) == [.box(0, .x), .box(0, .y), .box(0, .w), .box(0, .h), .box(0, .confidence)])
        #expect(layout[9] == .box(1, .confidence) && layout[10] == .classProbability(0) && layout[29] == .classProbability(19))
        #expect(YOLOBoxField.allCases.map(\.rawValue) == ["x", "y", "w", "h", "confidence"])
    }

    /// A 448 x 448 input (YOLO v1), cells 64 pixels wide: a centre at (224, 100) lies in column
    /// 224/64 = 3.5 -> 3, row 100/64 = 1.56 -> 1, offset (0.5, 0.5625).
    @Test func responsibleCellHoldsTheCentre() throws {
        let v1 = try YOLOGrid()
        let a = try v1.responsibleCell(centerX: 224, centerY: 100, width: 112, height: 224, imageWidth: 448, imageHeight: 448)
        #expect((a.row, a.column) == (1, 3))
        #expect(a.x == 0.5 && a.y == 0.5625 && a.w == 0.25 && a.h == 0.5)
        #expect(!a.isOnBoundary)
        let bounds = try #require(v1.cellBounds(row: 1, column: 3, imageWidth: 448, imageHeight: 448))
        #expect(bounds == (192, 64, 256, 128))
    }

    /// A centre exactly on the boundary x = 64 belongs to the cell on its right (offset 0); one on
    /// the image's right edge x = 448 to the last cell (offset 1); (0, 0) to the first.
    @Test func boundariesAndEdgesDoNotTrap() throws {
        let v1 = try YOLOGrid()
        let boundary = try v1.responsibleCell(centerX: 64, centerY: 128, width: 10, height: 10, imageWidth: 448, imageHeight: 448)
        #expect((boundary.row, boundary.column, boundary.x, boundary.y) == (2, 1, 0, 0))
        #expect(boundary.isOnBoundary)
        let edge = try v1.responsibleCell(centerX: 448, centerY: 448, width: 0, height: 0, imageWidth: 448, imageHeight: 448)
        #expect((edge.row, edge.column, edge.x, edge.y) == (6, 6, 1, 1))
        let origin = try v1.responsibleCell(centerX: 0, centerY: 0, width: 4, height: 4, imageWidth: 448, imageHeight: 448)
        #expect((origin.row, origin.column) == (0, 0))
        // 100 pixels, S = 3: boundaries at 33.3 and 66.7.
        let three = try YOLOGrid(gridSize: 3, boxesPerCell: 1, classes: 1)
        let c = try three.responsibleCell(centerX: 66.7, centerY: 33.3, width: 1, height: 1, imageWidth: 100, imageHeight: 100)
        #expect((c.row, c.column) == (0, 2))
    }

    @Test func badInputIsAnErrorNotATrap() throws {
        #expect(throws: DetectionError.self) { try YOLOGrid(gridSize: 0) }
        #expect(throws: DetectionError.self) { try YOLOGrid(boxesPerCell: -1) }
        #expect(throws: DetectionError.self) { try YOLOGrid(gridSize: Int.max) }
        let v1 = try YOLOGrid()
        #expect(throws: DetectionError.self) {
            try v1.responsibleCell(centerX: 449, centerY: 0, width: 1, height: 1, imageWidth: 448, imageHeight: 448)
        }
        #expect(throws: DetectionError.self) {
            try v1.responsibleCell(centerX: .nan, centerY: 0, width: 1, height: 1, imageWidth: 448, imageHeight: 448)
        }
        #expect(throws: DetectionError.self) {
            try v1.responsibleCell(centerX: 1, centerY: 1, width: 1, height: 1, imageWidth: 0, imageHeight: 448)
        }
        #expect(v1.cellBounds(row: 7, column: 0, imageWidth: 448, imageHeight: 448) == nil)
    }
}

@Suite struct RegionPipelineTests {
    /// R-CNN runs the CNN on each of ~2,000 warped image regions (Girshick et al. 2014); SPP-net
    /// and Fast R-CNN once per image, cropping from the feature map (He et al. 2014; Girshick 2015).
    @Test func rcnnRunsTheCNNPerRegion() throws {
        let rcnn = try RegionPipelineCost(pipeline: .rcnn, regionCount: 2000)
        #expect(rcnn.cnnForwardPasses == 2000 && rcnn.cropSource == .image)
        for pipeline in [RegionPipeline.sppNet, .fastRCNN, .fasterRCNN] {
            let cost = try RegionPipelineCost(pipeline: pipeline, regionCount: 2000)
            #expect(cost.cnnForwardPasses == 1 && cost.cropSource == .featureMap)
            #expect(cost.passesSavedAgainstRCNN == 1999)
        }
        #expect(RegionPipeline.fasterRCNN.proposalSource == "region proposal network")
        #expect(throws: DetectionError.self) { try RegionPipelineCost(pipeline: .rcnn, regionCount: 0) }
    }
}
