import Testing
import ConvCore
import ConvDiagrams
import ConvTestSupport

private struct GoldenSPPFile: Decodable { var cases: [SPPCaseJSON] }

@Suite struct SpatialPyramidPoolingTests {
    /// spp.json: adaptive_max_pool2d per level; bins, level outputs and vectors compared exactly.
    @Test func everyGoldenCaseMatchesPyTorchExactly() throws {
        let file = try Fixtures.decode(GoldenSPPFile.self, from: "spp.json")
        #expect(file.cases.count == 3)
        for golden in file.cases {
            let name = golden.name ?? ""
            let spp = try golden.pooling()
            #expect(spp.warnings.isEmpty, "\(name)")
            let expectedLevels = try #require(golden.perLevel)
            #expect(spp.levelOutputs.count == expectedLevels.count, "\(name)")
            for (level, expected) in zip(spp.geometry.levels, expectedLevels) {
                #expect(level.binCount == expected.n, "\(name)")
                let bins = try #require(expected.bins)
                #expect(level.rows.bins.count == bins.count && level.columns.bins.count == bins.first?.count, "\(name)")
                for (i, row) in bins.enumerated() {
                    for (j, bin) in row.enumerated() {
                        let rows = level.rows.bins[i], columns = level.columns.bins[j]
                        #expect([rows.lowerBound, rows.upperBound] == bin.rows, "\(name) level \(expected.n) bin \(i),\(j)")
                        #expect([columns.lowerBound, columns.upperBound] == bin.cols, "\(name) level \(expected.n) bin \(i),\(j)")
                    }
                }
            }
            for (output, expected) in zip(spp.levelOutputs, expectedLevels) {
                let tensor = try #require(expected.output)
                #expect(output.shape == tensor.shape, "\(name)")
                #expect(output.data == tensor.data, "\(name)")
            }
            let vector = try #require(golden.vector)
            #expect(spp.geometry.vectorLength == golden.vectorLength, "\(name)")
            #expect(spp.vector.shape == vector.shape, "\(name)")
            #expect(spp.vector.data == vector.data, "\(name)")

            // The exporter writes the same bins, outputs and vector back.
            let written = SPPCaseJSON(name: golden.name, pooling: spp)
            #expect(written.vectorLength == golden.vectorLength)
            #expect(written.vector == golden.vector)
            #expect(written.perLevel?.map(\.bins) == golden.perLevel?.map(\.bins))
            #expect(written.perLevel?.map(\.output) == golden.perLevel?.map(\.output))
        }
    }

    /// The lecture's example: a 64 x 64 x 256 conv5 map, levels 4/2/1: the 4 x 4 level's bins are
    /// 16 x 16 cells and the vector has 256 x 21 = 5,376 values.
    @Test func lectureExample64x64x256() throws {
        let geometry = try SpatialPyramidGeometry(channels: 256, height: 64, width: 64)
        let four = geometry.levels[0]
        #expect(four.binCount == 4)
        #expect(four.rows.bins.allSatisfy { $0.count == 16 } && four.columns.bins.allSatisfy { $0.count == 16 })
        #expect(four.rows.bins.first == 0..<16 && four.rows.bins.last == 48..<64)
        #expect(geometry.levels[1].rows.bins.allSatisfy { $0.count == 32 })
        #expect(geometry.levels[2].rows.bins == [0..<64])
        #expect(geometry.vectorLength == 5376)
        #expect(geometry.vectorLengthFormula == "256 x (4x4 + 2x2 + 1x1) = 5376")

        let spp = try SpatialPyramidPooling(input: Tensor(zeros: [1, 256, 64, 64]))
        #expect(spp.vector.shape == [1, 5376])
        #expect(spp.levelOutputs.map(\.shape) == [[1, 256, 4, 4], [1, 256, 2, 2], [1, 256, 1, 1]])
    }

    /// The vector length does not depend on the map size: 5,376 for 256 channels whether the map
    /// is 13 x 13 or 10 x 7 (He et al. 2014, section 2.3).
    @Test(arguments: [(13, 13), (10, 7), (1, 1), (224, 300)])
    func vectorLengthIsFixed(_ size: (Int, Int)) throws {
        let geometry = try SpatialPyramidGeometry(channels: 256, height: size.0, width: size.1)
        #expect(geometry.vectorLength == 5376)
    }

    /// SPP-net's detection pyramid 6/3/2/1 (He et al. 2014, section 4.1): a 12,800-d (256 x 50) vector.
    @Test func detectionPyramidGives12800() throws {
        let geometry = try SpatialPyramidGeometry(channels: 256, height: 13, width: 13, levels: [6, 3, 2, 1])
        #expect(geometry.vectorLength == 12800)
        #expect(geometry.levels.map(\.vectorOffset) == [0, 9216, 11520, 12544])
    }

    /// The layout is per level, channel-major (spp.json): level 2's channel 1 starts after level 1's
    /// 2 x 16 values and level 2's channel 0 (4 values).
    @Test func vectorIndexIsChannelMajorPerLevel() throws {
        let geometry = try SpatialPyramidGeometry(channels: 2, height: 8, width: 8)
        #expect(geometry.vectorLength == 42)
        #expect(geometry.vectorIndex(level: 0, channel: 1, row: 0, column: 0) == 16)
        #expect(geometry.vectorIndex(level: 1, channel: 1, row: 0, column: 0) == 36)
        #expect(geometry.vectorIndex(level: 2, channel: 1, row: 0, column: 0) == 41)
        #expect(geometry.vectorIndex(level: 3, channel: 0, row: 0, column: 0) == nil)
        #expect(geometry.vectorIndex(level: 0, channel: 2, row: 0, column: 0) == nil)
    }

    /// The adaptive rule's table (adaptive_max_pool2d): overlapping bins when n does not divide a,
    /// repeated cells when n > a.
    @Test func adaptiveBinsOverlapWhenNDoesNotDivideA() throws {
        #expect(try PyramidAxisBins(inputSize: 8, binCount: 4).bins == [0..<2, 2..<4, 4..<6, 6..<8])
        #expect(try PyramidAxisBins(inputSize: 13, binCount: 4).bins == [0..<4, 3..<7, 6..<10, 9..<13])
        #expect(try PyramidAxisBins(inputSize: 3, binCount: 4).bins == [0..<1, 0..<2, 1..<3, 2..<3])
        let rows = try PyramidAxisBins(inputSize: 13, binCount: 4)
        #expect(rows.isOverlapping && rows.warnings.isEmpty && rows.uncoveredCells.isEmpty)
        #expect(try !PyramidAxisBins(inputSize: 8, binCount: 4).isOverlapping)
        #expect(try PyramidAxisBins(inputSize: 7, binCount: 4).bins[1] == 1..<4)
        #expect(throws: DetectionError.self) { try PyramidAxisBins(inputSize: 0, binCount: 4) }
        #expect(throws: DetectionError.self) { try PyramidAxisBins(inputSize: 7, binCount: 0) }
    }

    /// The SPP-net paper's figure 4 for a 13 x 13 conv5: pool3x3 has sizeX 5, stride 4; pool2x2
    /// sizeX 7, stride 6; pool1x1 sizeX 13, stride 13 (He et al. 2014).
    @Test func papersRuleMatchesFigure4() throws {
        for (n, window, stride) in [(3, 5, 4), (2, 7, 6), (1, 13, 13)] {
            let axis = try PyramidAxisBins(inputSize: 13, binCount: n, rule: .sppNetPaper)
            #expect(axis.window == window && axis.stride == stride)
            #expect(axis.bins.count == n && axis.warnings.isEmpty)
        }
    }

    /// a = 11, n = 4: window ceil(11/4) = 3, stride floor(11/4) = 2 give 5 bins, with a warning.
    @Test func papersRuleGivesFiveBinsFor11And4() throws {
        let axis = try PyramidAxisBins(inputSize: 11, binCount: 4, rule: .sppNetPaper, axis: "height")
        #expect(axis.window == 3 && axis.stride == 2)
        #expect(axis.bins == [0..<3, 2..<5, 4..<7, 6..<9, 8..<11])
        #expect(axis.warnings == [.binCountDiffers(axis: "height", inputSize: 11, binCount: 4, window: 3, stride: 2, actualBinCount: 5)])
        #expect(axis.warnings[0].description.contains("give 5 bins, not 4"))

        // Through the whole pyramid: the level is 5 x 5, so the vector is no longer C x 21.
        let spp = try SpatialPyramidPooling(input: Tensor(zeros: [1, 1, 11, 11]), rule: .sppNetPaper)
        #expect(spp.levelOutputs[0].shape == [1, 1, 5, 5])
        #expect(spp.vector.shape == [1, 25 + 4 + 1])
        #expect(spp.warnings.count == 2)   // height and width
    }

    /// a = 10, n = 4: window 3, stride 2 give 4 bins ending at cell 8; cell 9 is never read.
    @Test func papersRuleCanLeaveCellsUnread() throws {
        let axis = try PyramidAxisBins(inputSize: 10, binCount: 4, rule: .sppNetPaper, axis: "width")
        #expect(axis.bins == [0..<3, 2..<5, 4..<7, 6..<9])
        #expect(axis.uncoveredCells == [9])
        #expect(axis.warnings == [.cellsNotCovered(axis: "width", inputSize: 10, binCount: 4, cells: [9])])
    }

    @Test func papersRuleNeedsAtLeastNCells() {
        #expect(throws: DetectionError.paperRuleNeedsLargerMap(axis: "height", inputSize: 3, binCount: 4)) {
            try PyramidAxisBins(inputSize: 3, binCount: 4, rule: .sppNetPaper, axis: "height")
        }
    }

    /// The cell holding a bin's maximum, for the picture.
    @Test func maximumLocationPointsAtTheMaximum() throws {
        // A 4 x 4 map counting 0...15: the maximum of every bin is its bottom-right cell.
        let input = try Tensor(shape: [1, 1, 4, 4], data: (0..<16).map(Float.init))
        let spp = try SpatialPyramidPooling(input: input, levels: [2, 1])
        #expect(spp.levelOutputs[0].data == [5, 7, 13, 15])
        let location = try #require(spp.maximumLocation(level: 0, batch: 0, channel: 0, row: 1, column: 0))
        #expect(location.row == 3 && location.column == 1)
        #expect(spp.maximumLocation(level: 2, batch: 0, channel: 0, row: 0, column: 0) == nil)
    }

    @Test func badInputIsAnErrorNotATrap() throws {
        #expect(throws: DetectionError.self) { try SpatialPyramidGeometry(channels: 1, height: 4, width: 4, levels: []) }
        #expect(throws: DetectionError.self) { try SpatialPyramidGeometry(channels: 1, height: 4, width: 4, levels: [4, 0]) }
        #expect(throws: DetectionError.self) { try SpatialPyramidGeometry(channels: 1, height: 4, width: 4, levels: [-1]) }
        #expect(throws: DetectionError.self) { try SpatialPyramidGeometry(channels: 0, height: 4, width: 4) }
        #expect(throws: DetectionError.self) { try SpatialPyramidGeometry(channels: 1, height: Int.max, width: 4) }
        #expect(throws: DetectionError.self) {
            try SpatialPyramidGeometry(channels: 65536, height: 4, width: 4, levels: [1 << 20])
        }
        #expect(throws: DetectionError.self) {
            try SpatialPyramidGeometry(channels: 1, height: 4, width: 4, levels: [Int](repeating: 1, count: 33))
        }
        #expect(throws: DetectionError.self) { try SpatialPyramidPooling(input: Tensor(zeros: [2, 4, 4])) }
        var bad = try #require(try Fixtures.decode(GoldenSPPFile.self, from: "spp.json").cases.first)
        bad.rule = "nearest"
        #expect(throws: DetectionError.self) { try bad.pooling() }
    }
}
