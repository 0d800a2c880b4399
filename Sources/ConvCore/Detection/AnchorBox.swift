/// One anchor box (x1, y1, x2, y2) in image pixels, with the aspect ratio and scale (or size) that
/// generated it.
///
/// Under ``AnchorConvention/pyFasterRCNN`` the edges are inclusive pixel indices (the box spans
/// x2 - x1 + 1 pixels); under ``AnchorConvention/torchvision`` they are continuous coordinates.
///
/// Source: the `[x1, y1, x2, y2]` rows of py-faster-rcnn's `generate_anchors` and torchvision's
/// `AnchorGenerator` (`anchors.json`).
public struct AnchorBox: Equatable, Sendable {
    /// Left, top, right and bottom edges, in image pixels.
    public let x1: Double, y1: Double, x2: Double, y2: Double
    /// The aspect ratio height/width asked for (0.5 = wide, 2 = tall).
    public let ratio: Double
    /// The scale (py-faster-rcnn, a multiple of the base size) or size (torchvision, in pixels).
    public let scale: Double

    /// Creates an anchor box (no validation: anchors are built by ``CellAnchors`` from checked inputs).
    public init(x1: Double, y1: Double, x2: Double, y2: Double, ratio: Double, scale: Double) {
        self.x1 = x1
        self.y1 = y1
        self.x2 = x2
        self.y2 = y2
        self.ratio = ratio
        self.scale = scale
    }

    /// [x1, y1, x2, y2], the form of the reference files and of `convscope anchors --format json`.
    public var xyxy: [Double] { [x1, y1, x2, y2] }

    /// The box moved by (dx, dy) pixels: the anchor of another cell.
    public func shifted(x dx: Double, y dy: Double) -> AnchorBox {
        AnchorBox(x1: x1 + dx, y1: y1 + dy, x2: x2 + dx, y2: y2 + dy, ratio: ratio, scale: scale)
    }
}
