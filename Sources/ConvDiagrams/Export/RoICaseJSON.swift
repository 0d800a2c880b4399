import ConvCore

/// One RoI pooling or RoI align case in the form of the reference file `roi.json`: `kind`
/// ("pool" or "align"), `input` (N, C, H, W), `boxes_xyxy` in image coordinates, `output_size`
/// [ph, pw], `spatial_scale`, for align `sampling_ratio` (default -1) and `aligned` (default
/// false), and optionally the expected `output` (K, C, ph, pw). Read by `convscope roi --from
/// FILE.json` and by the tests.
///
/// An optional `batch_indices` (one per box, default 0) gives each box's image; the reference
/// file has none.
public struct RoICaseJSON: Codable, Sendable {
    /// Which operation: `torchvision.ops.roi_pool` or `roi_align`.
    public enum Kind: String, Codable, Sendable {
        /// `torchvision.ops.roi_pool`.
        case pool
        /// `torchvision.ops.roi_align`.
        case align
    }

    /// The case's name.
    public var name: String?
    /// Pool or align.
    public var kind: Kind
    /// The feature map (N, C, H, W).
    public var input: TensorJSON
    /// Boxes [x1, y1, x2, y2] in image coordinates (`boxes_xyxy`).
    public var boxesXYXY: [[Float]]
    /// Each box's image in the batch (`batch_indices`); all 0 when absent.
    public var batchIndices: [Int]?
    /// [ph, pw] or [size] (`output_size`).
    public var outputSize: [Int]
    /// Feature-map cells per image pixel (`spatial_scale`).
    public var spatialScale: Double
    /// Align only: samples per bin per axis, <= 0 adaptive; -1 when absent (`sampling_ratio`).
    public var samplingRatio: Int?
    /// Align only: the half-pixel shift; false when absent.
    public var aligned: Bool?
    /// The expected or computed output (K, C, ph, pw).
    public var output: TensorJSON?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, kind, input
        case boxesXYXY = "boxes_xyxy"
        case batchIndices = "batch_indices"
        case outputSize = "output_size"
        case spatialScale = "spatial_scale"
        case samplingRatio = "sampling_ratio"
        case aligned, output
    }

    /// The keys a case may have (a `--from` file with any other key is refused).
    public static let allowedKeys = CodingKeys.allCases.map(\.rawValue)

    /// Creates a case (for writing `--format json`).
    public init(name: String? = nil, kind: Kind, input: TensorJSON, boxesXYXY: [[Float]], batchIndices: [Int]? = nil,
                outputSize: [Int], spatialScale: Double, samplingRatio: Int? = nil, aligned: Bool? = nil,
                output: TensorJSON? = nil) {
        self.name = name
        self.kind = kind
        self.input = input
        self.boxesXYXY = boxesXYXY
        self.batchIndices = batchIndices
        self.outputSize = outputSize
        self.spatialScale = spatialScale
        self.samplingRatio = samplingRatio
        self.aligned = aligned
        self.output = output
    }

    /// The boxes as core values.
    /// - Throws: ``DetectionError/countOutOfRange(name:count:allowed:)`` when `batch_indices`
    ///   does not have one entry per box, and the errors of ``RoIBox/init(xyxy:batchIndex:)``.
    public func boxes() throws(DetectionError) -> [RoIBox] {
        if let batchIndices, batchIndices.count != boxesXYXY.count {
            throw .countOutOfRange(name: "batch_indices", count: batchIndices.count,
                                   allowed: boxesXYXY.count...boxesXYXY.count)
        }
        var result: [RoIBox] = []
        for (k, xyxy) in boxesXYXY.enumerated() {
            result.append(try RoIBox(xyxy: xyxy, batchIndex: batchIndices?[k] ?? 0))
        }
        return result
    }

    /// (ph, pw) from `output_size` ([size] or [ph, pw]).
    /// - Throws: ``DetectionError/countOutOfRange(name:count:allowed:)`` for another count.
    public func outputPair() throws(DetectionError) -> (Int, Int) {
        switch outputSize.count {
        case 1: return (outputSize[0], outputSize[0])
        case 2: return (outputSize[0], outputSize[1])
        default: throw .countOutOfRange(name: "output_size", count: outputSize.count, allowed: 1...2)
        }
    }

    /// Runs the case through the core and returns the (K, C, ph, pw) output.
    /// - Throws: ``DetectionError/core(_:)`` for a malformed input tensor, and the errors of
    ///   ``RoIPooling/init(input:boxes:outputSize:spatialScale:)`` or
    ///   ``RoIAlign/init(input:boxes:outputSize:spatialScale:samplingRatio:aligned:)``.
    public func computeOutput() throws(DetectionError) -> Tensor {
        let tensor: Tensor
        do { tensor = try input.tensor() } catch { throw .core(error) }
        let boxes = try boxes(), size = try outputPair()
        switch kind {
        case .pool:
            return try RoIPooling(input: tensor, boxes: boxes, outputSize: size, spatialScale: spatialScale).output
        case .align:
            return try RoIAlign(input: tensor, boxes: boxes, outputSize: size, spatialScale: spatialScale,
                                samplingRatio: samplingRatio ?? -1, aligned: aligned ?? false).output
        }
    }
}
