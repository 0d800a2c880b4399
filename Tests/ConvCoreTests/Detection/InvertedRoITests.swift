import Testing
import ConvCore

/// Boxes with x2 < x1 or y2 < y1 (issue 14, item 4), worked by hand from torchvision's CPU
/// kernels on the 4 x 4 map v(r, c) = 4r + c, spatial_scale 1, output 1 x 1.
///
/// roi_pool_kernel.cpp: start/end = round(coordinate * scale); roi_width = max(end_w - start_w + 1, 1);
/// bin = roi / pooled; hstart = floor(ph * bin_h) + start_h, hend = ceil((ph + 1) * bin_h) + start_h.
/// roi_align_kernel.cpp: start = x1 * scale - offset (0.5 when aligned); roi_width = end - start,
/// max(·, 1) unless aligned; grid = sampling_ratio or ceil(roi / pooled); sample y = start_h +
/// ph * bin_h + (iy + 0.5) * bin_h / grid_h; count = max(grid_h * grid_w, 1).
@Suite struct InvertedRoITests {
    static let map = try! Tensor(shape: [1, 1, 4, 4], data: (0..<16).map(Float.init))

    /// Box (3, 1, 1, 2): x reversed, roi_width = max(1 - 3 + 1, 1) = 1 at column 3; rows 1...2
    /// (height 2): max(v(1,3), v(2,3)) = 11. The second box (0, 0, 1, 1), rows and columns 0...1,
    /// is evaluated as usual: v(1,1) = 5.
    @Test func roiPoolCountsAReversedAxisAsOneCell() throws {
        let boxes = [try RoIBox(x1: 3, y1: 1, x2: 1, y2: 2), try RoIBox(x1: 0, y1: 0, x2: 1, y2: 1)]
        #expect(boxes[0].isInverted && !boxes[1].isInverted)
        let pool = try RoIPooling(input: Self.map, boxes: boxes, outputSize: (1, 1), spatialScale: 1)
        #expect(pool.output.data == [11, 5])
        #expect(boxes[0].inversionWarning(number: 1)?.contains("box 1 (3, 1, 1, 2) has x2 < x1") == true)
        #expect(boxes[1].inversionWarning(number: 2) == nil)
    }

    /// Box (3, 1, 1, 3), sampling_ratio 1.
    /// aligned=False: roi_width = max(1 - 3, 1) = 1, roi_height = 2; the one sample is at
    /// y = 1 + 0.5 * 2 = 2, x = 3 + 0.5 * 1 = 3.5, which clamps to the last column: v(2, 3) = 11.
    /// aligned=True: start (2.5, 0.5), roi_width = 0.5 - 2.5 = -2, roi_height = 2; the sample is at
    /// x = 2.5 + 0.5 * -2 = 1.5, y = 0.5 + 0.5 * 2 = 1.5: (5 + 6 + 9 + 10) / 4 = 7.5.
    /// aligned=True, adaptive grid: ceil(-2 / 1) = -2 columns, no sample: 0.
    @Test func roiAlignFollowsTheKernel() throws {
        let box = try RoIBox(x1: 3, y1: 1, x2: 1, y2: 3)
        let plain = try RoIAlign(input: Self.map, boxes: [box], outputSize: (1, 1), spatialScale: 1, samplingRatio: 1)
        #expect(plain.output.data == [11])
        let aligned = try RoIAlign(input: Self.map, boxes: [box], outputSize: (1, 1), spatialScale: 1, samplingRatio: 1,
                                   aligned: true)
        #expect(aligned.output.data == [7.5])
        let adaptive = try RoIAlign(input: Self.map, boxes: [box], outputSize: (1, 1), spatialScale: 1, samplingRatio: -1,
                                    aligned: true)
        #expect(adaptive.output.data == [0])
        let g = try RoIAlignGrid(box: box, spatialScale: 1, outputSize: (1, 1), featureSize: (4, 4), aligned: true)
        #expect(g.roiWidth == -2 && g.samplingGridWidth == 0 && g.samples(row: 0, column: 0).isEmpty)
    }
}
