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
    /// A box with x2 < x1 or y2 < y1 is accepted, as torchvision accepts it (see ``isInverted``).
    /// - Throws: ``DetectionError/valueOutOfRange(name:value:allowed:)`` for a coordinate that is
    ///   not finite or beyond ±2^24; ``DetectionError/outOfRange(name:value:allowed:)`` for a
    ///   batch index outside 0...65535.
    public init(x1: Float, y1: Float, x2: Float, y2: Float, batchIndex: Int = 0) throws(DetectionError) {
        let limit = Double(Self.maximumCoordinate)
        for (name, value) in [("x1", x1), ("y1", y1), ("x2", x2), ("y2", y2)] {
            try detectionRequire("box \(name)", Double(value), -limit...limit)
        }
        try detectionRequire("box batch index", batchIndex, 0...65535)
        self.x1 = x1
        self.y1 = y1
        self.x2 = x2
        self.y2 = y2
        self.batchIndex = batchIndex
    }

    /// True when x2 < x1 or y2 < y1. torchvision evaluates such a box without complaint:
    /// `roi_pool` (roi_pool_kernel.cpp) counts its size as max(end - start + 1, 1) cells, so a
    /// reversed axis is one cell wide at the rounded start; `roi_align` (roi_align_kernel.cpp)
    /// takes max(end - start, 1) without `aligned`, and with `aligned=True` keeps the negative
    /// size, so its bins run backwards (and the adaptive sampling grid is empty: output 0).
    public var isInverted: Bool { x2 < x1 || y2 < y1 }

    /// The warning for an inverted box, naming it as box `number` (1-based); nil for a box in order.
    public func inversionWarning(number: Int) -> String? {
        guard isInverted else { return nil }
        func f(_ v: Float) -> String { v == v.rounded() && abs(v) < 1e9 ? String(Int(v)) : String(v) }
        let axes = [x2 < x1 ? "x2 < x1" : nil, y2 < y1 ? "y2 < y1" : nil].compactMap { $0 }.joined(separator: " and ")
        return "warning: box \(number) (\(f(x1)), \(f(y1)), \(f(x2)), \(f(y2))) has \(axes); evaluated as torchvision does "
            + "(roi_pool: at least one cell; roi_align: size at least 1, or negative with aligned=True)"
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
