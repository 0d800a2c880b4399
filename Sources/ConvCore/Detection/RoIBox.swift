/// A region of interest: a box (x1, y1, x2, y2) in image coordinates (pixels, x to the right,
/// y down) and the index of the image in the batch it belongs to.
///
/// The same numbers as a row (batch_index, x1, y1, x2, y2) of the `rois` tensor of
/// `torchvision.ops.roi_pool` / `roi_align`, in Float as torchvision keeps them beside a Float map.
public struct RoIBox: Equatable, Sendable {
    /// The most a coordinate may be away from 0 (2^24: every integer up to it is exact in Float).
    public static let maximumCoordinate: Float = 16_777_216

    /// Left, top, right and bottom edges, in image pixels.
    public let x1: Float, y1: Float, x2: Float, y2: Float
    /// The image of the batch the box lies on (0-based).
    public let batchIndex: Int

    /// Creates and validates a box.
    /// - Throws: ``DetectionError/valueOutOfRange(name:value:allowed:)`` for a coordinate that is
    ///   not finite or beyond ±2^24; ``DetectionError/invertedBox(x1:y1:x2:y2:)`` when x2 < x1 or
    ///   y2 < y1 (a zero-width box is allowed: RoI pooling treats it as one cell, as torchvision
    ///   does); ``DetectionError/outOfRange(name:value:allowed:)`` for a batch index outside 0...65535.
    public init(x1: Float, y1: Float, x2: Float, y2: Float, batchIndex: Int = 0) throws(DetectionError) {
        let limit = Double(Self.maximumCoordinate)
        for (name, value) in [("x1", x1), ("y1", y1), ("x2", x2), ("y2", y2)] {
            try detectionRequire("box \(name)", Double(value), -limit...limit)
        }
        guard x1 <= x2, y1 <= y2 else {
            throw .invertedBox(x1: Double(x1), y1: Double(y1), x2: Double(x2), y2: Double(y2))
        }
        try detectionRequire("box batch index", batchIndex, 0...65535)
        self.x1 = x1
        self.y1 = y1
        self.x2 = x2
        self.y2 = y2
        self.batchIndex = batchIndex
    }

    /// Creates a box from [x1, y1, x2, y2] (the `boxes_xyxy` rows of `roi.json`).
    /// - Throws: ``DetectionError/countOutOfRange(name:count:allowed:)`` unless there are four
    ///   numbers, then as ``init(x1:y1:x2:y2:batchIndex:)``.
    public init(xyxy: [Float], batchIndex: Int = 0) throws(DetectionError) {
        guard xyxy.count == 4 else { throw .countOutOfRange(name: "box [x1, y1, x2, y2]", count: xyxy.count, allowed: 4...4) }
        try self.init(x1: xyxy[0], y1: xyxy[1], x2: xyxy[2], y2: xyxy[3], batchIndex: batchIndex)
    }
}

/// Validates a spatial_scale (feature-map cells per image pixel, e.g. 1/16 for VGG16 conv5_3)
/// and returns it as the Float torchvision's kernels use.
/// - Throws: ``DetectionError/valueOutOfRange(name:value:allowed:)`` outside 2^-20...1024.
func validatedSpatialScale(_ spatialScale: Double) throws(DetectionError) -> Float {
    try detectionRequire("spatial_scale", spatialScale, 0x1p-20...1024)
    return Float(spatialScale)
}

/// Validates a RoI output size (pooled height, pooled width).
/// - Throws: ``DetectionError/outOfRange(name:value:allowed:)`` outside 1...1024.
func validatedRoIOutputSize(_ outputSize: (Int, Int)) throws(DetectionError) -> (height: Int, width: Int) {
    try detectionRequire("output height", outputSize.0, 1...1024)
    try detectionRequire("output width", outputSize.1, 1...1024)
    return outputSize
}

/// Validates a RoI op's (N, C, H, W) feature map and boxes against each other.
/// - Throws: ``DetectionError/shapeMismatch(_:)``, ``DetectionError/countOutOfRange(name:count:allowed:)``,
///   ``DetectionError/outOfRange(name:value:allowed:)`` for a box's batch index beyond N - 1.
func validateRoIInput(_ input: Tensor, boxes: [RoIBox], op: String) throws(DetectionError) {
    guard input.rank == 4 else {
        throw .shapeMismatch("\(op) input must be N x C x H x W, got shape \(Tensor.describe(input.shape))")
    }
    try detectionRequire("batch", input.shape[0], 1...65536)
    try detectionRequire("channels", input.shape[1], 1...65536)
    try detectionRequire("feature height", input.shape[2], 1...maximumExtent)
    try detectionRequire("feature width", input.shape[3], 1...maximumExtent)
    guard boxes.count <= 65536 else { throw .countOutOfRange(name: "boxes", count: boxes.count, allowed: 0...65536) }
    for box in boxes {
        try detectionRequire("box batch index", box.batchIndex, 0...(input.shape[0] - 1))
    }
}
