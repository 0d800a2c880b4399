import Testing
import ConvCore
import ConvDiagrams
import ConvTestSupport

struct GoldenRoIFile: Decodable { var cases: [RoICaseJSON] }

@Suite struct RoITests {
    /// roi.json: torchvision.ops.roi_pool exactly, roi_align within 1e-5.
    @Test func everyGoldenCaseMatchesTorchvision() throws {
        let file = try Fixtures.decode(GoldenRoIFile.self, from: "roi.json")
        #expect(file.cases.count == 3)
        #expect(file.cases.map(\.kind) == [.pool, .pool, .align])
        for golden in file.cases {
            let name = golden.name ?? ""
            let output = try golden.computeOutput()
            let expected = try #require(golden.output)
            #expect(output.shape == expected.shape, "\(name)")
            switch golden.kind {
            case .pool:
                #expect(output.data == expected.data, "\(name)")
            case .align:
                #expect(output.data.count == expected.data.count, "\(name)")
                for (a, b) in zip(output.data, expected.data) { #expect(abs(a - b) <= 1e-5, "\(name): \(a) vs \(b)") }
            }
        }
    }

    /// Fast R-CNN's projection: edge x spatial_scale rounded half away from zero (C `round`), not
    /// half to even. roi.json's second box [16, 16, 112, 96] at 1/16 covers cells 1...7 x 1...6.
    @Test func projectionRoundsHalfAwayFromZero() throws {
        let golden = try RoIProjection(box: RoIBox(x1: 16, y1: 16, x2: 112, y2: 96), spatialScale: 1.0 / 16)
        #expect((golden.startColumn, golden.startRow, golden.endColumn, golden.endRow) == (1, 1, 7, 6))
        #expect((golden.width, golden.height) == (7, 6))
        // 40/16 = 2.5 -> 3, -8/16 = -0.5 -> -1, 56/16 = 3.5 -> 4, 8/16 = 0.5 -> 1 (half to even: 2, 0, 4, 0).
        let halves = try RoIProjection(box: RoIBox(x1: -8, y1: 8, x2: 40, y2: 56), spatialScale: 0.0625)
        #expect((halves.startColumn, halves.startRow, halves.endColumn, halves.endRow) == (-1, 1, 3, 4))
        // A zero-size box is one cell.
        let point = try RoIProjection(box: RoIBox(x1: 5, y1: 5, x2: 5, y2: 5), spatialScale: 1)
        #expect((point.width, point.height) == (1, 1))
    }

    /// Bin boundaries: start floor(i·h/ph), end ceil((i+1)·h/ph), offset by the RoI start and
    /// clipped. 7 rows into 3 bins: [0,3) [2,5) [4,7) (overlapping), from row 1.
    @Test func poolingBinsFloorStartCeilEndClipped() throws {
        let projection = try RoIProjection(box: RoIBox(x1: 16, y1: 16, x2: 112, y2: 112), spatialScale: 1.0 / 16)
        let bins = try projection.poolingBins(outputSize: (3, 3), featureSize: (6, 10))
        #expect(bins.count == 9)
        #expect(bins.prefix(3).map(\.rows) == [1..<4, 1..<4, 1..<4])
        #expect(bins.map(\.unclippedRows).filter { $0 != 1..<4 }.first == 3..<6)
        #expect(bins[6].unclippedRows == 5..<8 && bins[6].rows == 5..<6)   // clipped at the map's 6 rows
        #expect(bins.map(\.columns).prefix(3) == [1..<4, 3..<6, 5..<8])
    }

    /// A bin that clipping leaves empty outputs 0 (torchvision's roi_pool).
    @Test func emptyBinGivesZero() throws {
        let input = try Tensor(shape: [1, 1, 4, 4], data: [Float](repeating: 7, count: 16))
        let outside = try RoIPooling(input: input, boxes: [RoIBox(x1: 100, y1: 100, x2: 120, y2: 120)],
                                     outputSize: (2, 2), spatialScale: 1)
        #expect(outside.output.data == [0, 0, 0, 0])
        #expect(outside.bins[0].allSatisfy { $0.isEmpty })
        // Half outside: the bins over the map see 7, the bins past its right edge are empty.
        let half = try RoIPooling(input: input, boxes: [RoIBox(x1: 2, y1: 0, x2: 5, y2: 3)],
                                  outputSize: (1, 2), spatialScale: 1)
        #expect(half.output.data == [7, 0])
    }

    /// RoI align of a ramp f(y, x) = x: bilinear interpolation reproduces it exactly, so each bin is
    /// the mean x of its samples. Box [1, 1, 5, 5], one bin, 2 x 2 samples at x = 2 and 4: 3.
    /// aligned shifts the box by -0.5: samples at 1.5 and 3.5, mean 2.5.
    @Test func alignOnARampGivesTheMeanSampleColumn() throws {
        let ramp = try Tensor(shape: [1, 1, 8, 8], data: (0..<64).map { Float($0 % 8) })
        let box = try RoIBox(x1: 1, y1: 1, x2: 5, y2: 5)
        let plain = try RoIAlign(input: ramp, boxes: [box], outputSize: (1, 1), spatialScale: 1, samplingRatio: 2)
        #expect(abs(plain.output.data[0] - 3) <= 1e-6)
        let shifted = try RoIAlign(input: ramp, boxes: [box], outputSize: (1, 1), spatialScale: 1, samplingRatio: 2, aligned: true)
        #expect(abs(shifted.output.data[0] - 2.5) <= 1e-6)
        #expect(shifted.grids[0].startX == 0.5)
    }

    /// sampling_ratio <= 0: ceil(roi size / pooled size) samples per axis. A 4 x 4 box into 2 x 1
    /// bins: ceil(4/2) = 2 rows and ceil(4/1) = 4 columns of samples; on the ramp still 3.
    @Test func adaptiveSamplingRatio() throws {
        let ramp = try Tensor(shape: [1, 1, 8, 8], data: (0..<64).map { Float($0 % 8) })
        let box = try RoIBox(x1: 1, y1: 1, x2: 5, y2: 5)
        for ratio in [0, -1, -7] {
            let align = try RoIAlign(input: ramp, boxes: [box], outputSize: (2, 1), spatialScale: 1, samplingRatio: ratio)
            #expect(align.grids[0].samplingGridHeight == 2 && align.grids[0].samplingGridWidth == 4)
            #expect(align.grids[0].samples(row: 0, column: 0).map(\.x) == [1.5, 2.5, 3.5, 4.5, 1.5, 2.5, 3.5, 4.5])
            #expect(align.output.data.allSatisfy { abs($0 - 3) <= 1e-6 })
        }
        // Bin edges for the picture: rows 1...3 and 3...5.
        let bounds = try #require(try RoIAlignGrid(box: box, spatialScale: 1, outputSize: (2, 1), featureSize: (8, 8))
            .binBounds(row: 1, column: 0))
        #expect(bounds.top == 3 && bounds.bottom == 5 && bounds.left == 1 && bounds.right == 5)
    }

    /// Samples beyond [-1, H] x [-1, W] contribute 0; an aligned zero-size box has no samples and gives 0.
    @Test func alignOutsideTheMapGivesZero() throws {
        let ones = try Tensor(shape: [1, 1, 4, 4], data: [Float](repeating: 1, count: 16))
        let far = try RoIAlign(input: ones, boxes: [RoIBox(x1: 50, y1: 50, x2: 60, y2: 60)], outputSize: (2, 2), spatialScale: 1)
        #expect(far.output.data == [0, 0, 0, 0])
        let empty = try RoIAlign(input: ones, boxes: [RoIBox(x1: 2, y1: 2, x2: 2, y2: 2)], outputSize: (1, 1),
                                 spatialScale: 1, aligned: true)
        #expect(empty.grids[0].sampleCount == 1 && empty.grids[0].samplingGridHeight == 0)
        #expect(empty.output.data == [0])
        // Inside the map, a constant map gives the constant, even past the last cell (clamped).
        let edge = try RoIAlign(input: ones, boxes: [RoIBox(x1: 2, y1: 2, x2: 4, y2: 4)], outputSize: (2, 2), spatialScale: 1)
        #expect(edge.output.data.allSatisfy { abs($0 - 1) <= 1e-6 })
    }

    @Test func badInputIsAnErrorNotATrap() throws {
        let map = try Tensor(zeros: [1, 1, 4, 4])
        let box = try RoIBox(x1: 0, y1: 0, x2: 3, y2: 3)
        #expect(try RoIBox(x1: 3, y1: 0, x2: 1, y2: 3).isInverted)   // accepted, as torchvision does (issue 14)
        #expect(throws: DetectionError.self) { try RoIBox(x1: .nan, y1: 0, x2: 1, y2: 3) }
        #expect(throws: DetectionError.self) { try RoIBox(x1: 0, y1: 0, x2: .infinity, y2: 3) }
        #expect(throws: DetectionError.self) { try RoIBox(xyxy: [0, 0, 1]) }
        #expect(throws: DetectionError.self) { try RoIBox(x1: 0, y1: 0, x2: 1, y2: 1, batchIndex: -1) }
        #expect(throws: DetectionError.self) {
            try RoIPooling(input: map, boxes: [RoIBox(x1: 0, y1: 0, x2: 1, y2: 1, batchIndex: 1)], outputSize: (2, 2), spatialScale: 1)
        }
        #expect(throws: DetectionError.self) { try RoIPooling(input: map, boxes: [box], outputSize: (0, 2), spatialScale: 1) }
        #expect(throws: DetectionError.self) { try RoIPooling(input: map, boxes: [box], outputSize: (2, 2), spatialScale: 0) }
        #expect(throws: DetectionError.self) { try RoIPooling(input: map, boxes: [box], outputSize: (2, 2), spatialScale: .nan) }
        #expect(throws: DetectionError.self) { try RoIAlign(input: Tensor(zeros: [4, 4]), boxes: [box], outputSize: (2, 2), spatialScale: 1) }
        #expect(throws: DetectionError.self) {
            try RoIAlign(input: map, boxes: [box], outputSize: (2, 2), spatialScale: 1, samplingRatio: 5000)
        }
        // A huge box with the adaptive grid would take 2^40 samples: refused, not run.
        let huge = try RoIBox(x1: 0, y1: 0, x2: 1_000_000, y2: 1_000_000)
        #expect(throws: DetectionError.self) { try RoIAlign(input: map, boxes: [huge], outputSize: (1, 1), spatialScale: 1) }
        // No boxes is valid, as in torchvision: an empty (0, C, ph, pw) output.
        #expect(try RoIPooling(input: map, boxes: [], outputSize: (2, 2), spatialScale: 1).output.shape == [0, 1, 2, 2])
    }
}
