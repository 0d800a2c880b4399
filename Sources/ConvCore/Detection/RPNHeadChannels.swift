/// The output channels of a region proposal network's head for k anchors per cell: a 1 x 1 conv
/// for objectness scores and one for box regression (4 deltas per anchor: dx, dy, dw, dh).
///
/// | convention      | scores          | deltas | total | k = 9        |
/// |-----------------|-----------------|--------|-------|--------------|
/// | `pyFasterRCNN`  | 2k (softmax: background, object) | 4k | 6k | 18 + 36 = 54 |
/// | `torchvision`   | k (sigmoid objectness)           | 4k | 5k | 9 + 36 = 45  |
///
/// Source: Ren et al. 2015, "Faster R-CNN", section 3.1 ("2k scores ... 4k outputs encoding the
/// coordinates of k boxes"); torchvision `RPNHead` (`cls_logits`: num_anchors channels,
/// `bbox_pred`: num_anchors x 4).
public struct RPNHeadChannels: Equatable, Sendable {
    /// k: anchors per feature-map cell.
    public let anchorsPerCell: Int
    /// Which implementation's head.
    public let convention: AnchorConvention

    /// The head for k anchors.
    /// - Throws: ``DetectionError/outOfRange(name:value:allowed:)`` for k outside 1...4096.
    public init(anchorsPerCell: Int, convention: AnchorConvention) throws(DetectionError) {
        try detectionRequire("anchors per cell", anchorsPerCell, 1...4096)
        self.init(validatedAnchorsPerCell: anchorsPerCell, convention: convention)
    }

    init(validatedAnchorsPerCell: Int, convention: AnchorConvention) {
        self.anchorsPerCell = validatedAnchorsPerCell
        self.convention = convention
    }

    /// Objectness channels: 2k (py-faster-rcnn) or k (torchvision).
    public var classificationChannels: Int {
        convention == .pyFasterRCNN ? 2 * anchorsPerCell : anchorsPerCell
    }

    /// Box-regression channels: 4k.
    public var regressionChannels: Int { 4 * anchorsPerCell }

    /// Both heads together: 6k or 5k.
    public var totalChannels: Int { classificationChannels + regressionChannels }

    /// The two heads' output shapes (N, channels, H, W) over an H x W feature map, batch 1.
    /// - Throws: ``DetectionError/outOfRange(name:value:allowed:)`` for a size outside 1...2^20.
    public func outputShapes(featureHeight: Int, featureWidth: Int) throws(DetectionError) -> (classification: [Int], regression: [Int]) {
        try detectionRequire("feature height", featureHeight, 1...maximumExtent)
        try detectionRequire("feature width", featureWidth, 1...maximumExtent)
        return ([1, classificationChannels, featureHeight, featureWidth], [1, regressionChannels, featureHeight, featureWidth])
    }
}
