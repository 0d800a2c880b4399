/// RoI max pooling: each box projected onto the (N, C, H, W) feature map, divided into a
/// ph x pw grid of bins, and the maximum of each bin taken, giving (K, C, ph, pw) for K boxes.
///
///     let pooled = try RoIPooling(input: featureMap, boxes: [box], outputSize: (7, 7), spatialScale: 1.0 / 16)
///     pooled.output.shape   // [1, C, 7, 7]
///
/// Source: Girshick 2015, "Fast R-CNN", section 2.1 (a single-level SPP layer); matches
/// `torchvision.ops.roi_pool(input, boxes, output_size, spatial_scale)` exactly: edges rounded
/// half away from zero, bin start floor and end ceil, clipped to the map, an empty bin gives 0,
/// and a bin whose values are all NaN gives -Float.greatestFiniteMagnitude (its initial maximum).
public struct RoIPooling: Sendable {
    /// The feature map (N, C, H, W).
    public let input: Tensor
    /// The boxes, in image coordinates.
    public let boxes: [RoIBox]
    /// ph, pw.
    public let outputHeight: Int, outputWidth: Int
    /// Each box's quantised projection onto the map.
    public let projections: [RoIProjection]
    /// Each box's bins, row-major.
    public let bins: [[RoIPoolBin]]
    /// (K, C, ph, pw).
    public let output: Tensor

    /// Pools every box.
    /// - Parameters:
    ///   - input: (N, C, H, W).
    ///   - boxes: 0...65536 boxes; each box's batch index must be below N.
    ///   - outputSize: (ph, pw), 1...1024 each.
    ///   - spatialScale: feature-map cells per image pixel, 2^-20...1024.
    /// - Throws: ``DetectionError/shapeMismatch(_:)``, ``DetectionError/outOfRange(name:value:allowed:)``,
    ///   ``DetectionError/valueOutOfRange(name:value:allowed:)``, ``DetectionError/countOutOfRange(name:count:allowed:)``,
    ///   and ``DetectionError/core(_:)`` when the output would exceed the tensor limit.
    /// - Complexity: O(K·C·Σ over bins of the bin's cells).
    public init(input: Tensor, boxes: [RoIBox], outputSize: (Int, Int), spatialScale: Double) throws(DetectionError) {
        try validateRoIInput(input, boxes: boxes, op: "roi_pool")
        let (ph, pw) = try validatedRoIOutputSize(outputSize)
        let channels = input.shape[1], height = input.shape[2], width = input.shape[3]
        var output = try detectionTensor(zeros: [boxes.count, channels, ph, pw])
        var projections: [RoIProjection] = []
        var allBins: [[RoIPoolBin]] = []
        for (k, box) in boxes.enumerated() {
            let projection = try RoIProjection(box: box, spatialScale: spatialScale)
            let bins = try projection.poolingBins(outputSize: (ph, pw), featureSize: (height, width))
            for c in 0..<channels {
                let base = (box.batchIndex * channels + c) * height * width
                for bin in bins {
                    var maximum: Float = bin.isEmpty ? 0 : -Float.greatestFiniteMagnitude
                    for y in bin.rows {
                        for x in bin.columns {
                            let value = input.data[base + y * width + x]
                            if value > maximum { maximum = value }
                        }
                    }
                    output[k, c, bin.row, bin.column] = maximum
                }
            }
            projections.append(projection)
            allBins.append(bins)
        }
        self.input = input
        self.boxes = boxes
        self.outputHeight = ph
        self.outputWidth = pw
        self.projections = projections
        self.bins = allBins
        self.output = output
    }
}
