/// RoI align: each box mapped onto the (N, C, H, W) feature map without rounding, divided into
/// ph x pw bins, and each bin the average of bilinear samples, giving (K, C, ph, pw).
///
///     let aligned = try RoIAlign(input: featureMap, boxes: [box], outputSize: (7, 7),
///                                spatialScale: 1.0 / 16, samplingRatio: 2)
///
/// Source: He et al. 2017, "Mask R-CNN", section 3; matches `torchvision.ops.roi_align(input,
/// boxes, output_size, spatial_scale, sampling_ratio, aligned)` to Float rounding (within 1e-5 on
/// `roi.json`): the same sample positions, weights and summation order (see ``RoIAlignGrid``).
public struct RoIAlign: Sendable {
    /// The most multiply-adds one call may do (K·C·ph·pw·samples per bin·4).
    public static let maximumWork = 1 << 32

    /// The feature map (N, C, H, W).
    public let input: Tensor
    /// The boxes, in image coordinates.
    public let boxes: [RoIBox]
    /// Each box's bins and samples.
    public let grids: [RoIAlignGrid]
    /// (K, C, ph, pw).
    public let output: Tensor

    /// Aligns every box.
    /// - Parameters:
    ///   - input: (N, C, H, W).
    ///   - boxes: 0...65536 boxes; each box's batch index must be below N.
    ///   - outputSize: (ph, pw), 1...1024 each.
    ///   - spatialScale: feature-map cells per image pixel, 2^-20...1024.
    ///   - samplingRatio: samples per bin on each axis; <= 0 (default -1) for ceil(size / pooled size).
    ///   - aligned: the half-pixel shift of torchvision's `aligned=True`.
    /// - Throws: the errors of ``RoIAlignGrid/init(box:spatialScale:outputSize:featureSize:samplingRatio:aligned:)``,
    ///   ``DetectionError/shapeMismatch(_:)``, ``DetectionError/countOutOfRange(name:count:allowed:)``,
    ///   ``DetectionError/tooLarge(name:limit:)`` beyond ``maximumWork``, and ``DetectionError/core(_:)``
    ///   when the output would exceed the tensor limit.
    /// - Complexity: O(K·C·ph·pw·samples per bin).
    public init(input: Tensor, boxes: [RoIBox], outputSize: (Int, Int), spatialScale: Double,
                samplingRatio: Int = -1, aligned: Bool = false) throws(DetectionError) {
        try validateRoIInput(input, boxes: boxes, op: "roi_align")
        let (ph, pw) = try validatedRoIOutputSize(outputSize)
        let channels = input.shape[1], height = input.shape[2], width = input.shape[3]
        var output = try detectionTensor(zeros: [boxes.count, channels, ph, pw])
        var grids: [RoIAlignGrid] = []
        var work = 0
        for box in boxes {
            let grid = try RoIAlignGrid(box: box, spatialScale: spatialScale, outputSize: (ph, pw),
                                        featureSize: (height, width), samplingRatio: samplingRatio, aligned: aligned)
            let boxWork = try detectionCheckedProduct([channels, ph, pw, grid.sampleCount, 4],
                                                      name: "RoI align work", limit: Self.maximumWork)
            let (next, overflow) = work.addingReportingOverflow(boxWork)
            guard !overflow, next <= Self.maximumWork else { throw .tooLarge(name: "RoI align work", limit: Self.maximumWork) }
            work = next
            grids.append(grid)
        }
        for (k, grid) in grids.enumerated() {
            let count = Float(grid.sampleCount)
            var binSamples: [[RoIAlignSample]] = []
            for row in 0..<ph {
                for column in 0..<pw { binSamples.append(grid.samples(row: row, column: column)) }
            }
            for c in 0..<channels {
                let base = (grid.box.batchIndex * channels + c) * height * width
                for row in 0..<ph {
                    for column in 0..<pw {
                        var sum: Float = 0
                        for s in binSamples[row * pw + column] {
                            let v1 = input.data[base + s.yLow * width + s.xLow]
                            let v2 = input.data[base + s.yLow * width + s.xHigh]
                            let v3 = input.data[base + s.yHigh * width + s.xLow]
                            let v4 = input.data[base + s.yHigh * width + s.xHigh]
                            let a = s.w1 * v1 + s.w2 * v2
                            let b = a + s.w3 * v3
                            sum += b + s.w4 * v4
                        }
                        output[k, c, row, column] = sum / count
                    }
                }
            }
        }
        self.input = input
        self.boxes = boxes
        self.grids = grids
        self.output = output
    }
}
