import ConvCore
import ConvDiagrams

/// The parameters of the anchors scene, as the command line gives them.
public struct AnchorSceneParameters: Equatable, Sendable {
    /// The image size in pixels (default 600 x 1000: Faster R-CNN's shorter side 600, longer
    /// side at most 1000, Ren et al. 2015, section 3.3).
    public var imageHeight = 600, imageWidth = 1000
    /// Image pixels per feature-map cell (16 for VGG16 conv5_3).
    public var strideHeight = 16, strideWidth = 16
    /// Which implementation's anchors.
    public var convention = AnchorConvention.torchvision
    /// torchvision: sizes in pixels.
    public var sizes: [Double] = [128, 256, 512]
    /// Aspect ratios height/width (both conventions).
    public var ratios: [Double] = [0.5, 1, 2]
    /// py-faster-rcnn: scales, multiples of the base size.
    public var scales: [Double] = [8, 16, 32]
    /// py-faster-rcnn: the base size in pixels.
    public var baseSize = 16

    /// The most anchors (H x W x k) the scene and its JSON show: 262,144, which a debug build
    /// exports as JSON (about 5 MB) in about a second; Faster R-CNN's 600 x 1000 image has
    /// 37 x 62 x 9 = 20,646 anchors, ResNet-FPN's largest level on 1333 x 800 has 200 x 334 x 3 = 200,400.
    public static let maximumAnchorCount = 1 << 18

    /// Parameters with the defaults given on each property.
    public init() {}

    /// The feature map: H = image height // stride, W = image width // stride (the map a backbone
    /// of that stride gives).
    public var featureSize: (height: Int, width: Int) {
        (imageHeight / max(1, strideHeight), imageWidth / max(1, strideWidth))
    }

    /// The strides the anchors are shifted by, per axis (height, width): the given stride for
    /// py-faster-rcnn; for torchvision, `AnchorGenerator.forward`'s image size // feature size on
    /// each axis (600 x 1000 at stride 32: feature map 18 x 31, strides 600 // 18 = 33 and
    /// 1000 // 31 = 32).
    public var anchorStride: (height: Int, width: Int) {
        let f = featureSize
        switch convention {
        case .pyFasterRCNN: return (strideHeight, strideWidth)
        case .torchvision: return (imageHeight / max(1, f.height), imageWidth / max(1, f.width))
        }
    }

    /// The anchors of every cell.
    /// - Throws: ``DetectionError/outOfRange(name:value:allowed:)`` when the image is smaller than
    ///   the stride (no cell), ``DetectionError/shapeMismatch(_:)`` beyond
    ///   ``maximumAnchorCount`` anchors, and the errors of ``CellAnchors`` and ``AnchorGrid``.
    public func grid() throws(DetectionError) -> AnchorGrid {
        try detectionCheck("image height", imageHeight, 1...65536)
        try detectionCheck("image width", imageWidth, 1...65536)
        try detectionCheck("stride height", strideHeight, 1...imageHeight)
        try detectionCheck("stride width", strideWidth, 1...imageWidth)
        let cellAnchors: CellAnchors
        switch convention {
        case .pyFasterRCNN: cellAnchors = try .pyFasterRCNN(baseSize: baseSize, ratios: ratios, scales: scales)
        case .torchvision: cellAnchors = try .torchvision(sizes: sizes, aspectRatios: ratios)
        }
        let f = featureSize
        // f.height, f.width <= 65536 and k <= 64 x 64: the product fits in Int.
        let count = f.height * f.width * cellAnchors.count
        guard count <= Self.maximumAnchorCount else {
            throw .shapeMismatch("anchor count is too large: \(f.height) x \(f.width) cells x \(cellAnchors.count) anchors = \(count); allowed: at most 262,144 (a larger stride, or fewer sizes or ratios)")
        }
        // torchvision derives the stride from the image and the feature map (``anchorStride``).
        let s = anchorStride
        return try AnchorGrid(cellAnchors: cellAnchors, featureHeight: f.height, featureWidth: f.width,
                              stride: (s.height, s.width))
    }
}

/// Throws ``DetectionError/outOfRange(name:value:allowed:)`` unless `allowed` holds `value`.
func detectionCheck(_ name: String, _ value: Int, _ allowed: ClosedRange<Int>) throws(DetectionError) {
    guard allowed.contains(value) else { throw .outOfRange(name: name, value: value, allowed: allowed) }
}

/// The anchors scene: one step per feature-map cell (row-major), so the arrows move the selected
/// cell.
public typealias AnchorScene = ModelScene<AnchorModel>

/// The anchors scene as a model: +/- change the image size (by one stride), the stride and the
/// convention, keeping the selected cell where it still exists.
public enum AnchorModel: SceneModel {
    /// "anchors".
    /// "anchors"; under torchvision, when image // feature map differs from the given stride,
    /// also the strides the anchors use ("anchors, torchvision strides 33 x 32 = image // feature map").
    public static func title(_ options: AnchorSceneParameters) -> String {
        let s = options.anchorStride
        guard s != (options.strideHeight, options.strideWidth) else { return "anchors" }
        return "anchors, torchvision strides \(s.height) x \(s.width) = image // feature map"
    }
    /// See ``AnchorSceneParameters/grid()``.
    public static func compute(_ options: AnchorSceneParameters) throws -> AnchorGrid { try options.grid() }
    /// "cell 9/24": a step is one feature-map cell.
    public static var stepName: String { "cell" }
    /// H x W.
    public static func stepCount(_ result: AnchorGrid, view: NoViewState) -> Int { result.featureHeight * result.featureWidth }
    /// W: Up/Down move the cell by a row.
    public static func stepsPerRow(_ result: AnchorGrid, view: NoViewState, step: Int) -> Int { result.featureWidth }
    /// The feature map's centre cell (H/2, W/2).
    public static func defaultStep(_ g: AnchorGrid, view: NoViewState) -> Int {
        (g.featureHeight / 2) * g.featureWidth + g.featureWidth / 2 + 1
    }
    /// The same cell where it still exists (else the nearest on the map's edge).
    public static func carryStep(_ step: Int, from old: AnchorGrid?, to new: AnchorGrid, view: NoViewState) -> Int {
        guard let old, old.featureWidth > 0, step >= 1 else { return step }
        let row = (step - 1) / old.featureWidth, column = (step - 1) % old.featureWidth
        return min(row, new.featureHeight - 1) * new.featureWidth + min(column, new.featureWidth - 1) + 1
    }

    /// image, stride, convention.
    public static func controls(_ p: AnchorSceneParameters) -> [Control<AnchorSceneParameters>] {
        [
            Control("image", value: { "\($0.imageHeight)x\($0.imageWidth)" }, adjust: { p, d in
                p.imageHeight = clamp(p.imageHeight + d * p.strideHeight, 1...65536)
                p.imageWidth = clamp(p.imageWidth + d * p.strideWidth, 1...65536)
            }),
            .pair("stride", \.strideHeight, \.strideWidth, 1...1024),
            .cycle("convention", \.convention, [.torchvision, .pyFasterRCNN]) { $0.rawValue },
        ]
    }

    /// The arrows move the cell (the generic step keys).
    public static func keys(_ result: AnchorGrid, options: Options, view: NoViewState) -> [SceneKey<AnchorModel>] {
        [SceneKey([], "arrows", "move the cell") { _, _, _ in false }]
    }

    /// Draws ``AnchorDiagram`` for the selected cell.
    public static func draw(_ result: AnchorGrid, options p: AnchorSceneParameters, view: NoViewState, step: Int,
                            into canvas: inout Canvas, area: Rect, glyphs: GlyphSet) {
        AnchorDiagram(grid: result, imageHeight: p.imageHeight, imageWidth: p.imageWidth, step: step, glyphs: glyphs,
                      givenStride: (p.strideHeight, p.strideWidth))
            .draw(into: &canvas, area: area)
    }

    /// ``AnchorsJSON`` with the selected cell.
    public static func json(_ result: AnchorGrid, options p: AnchorSceneParameters, step: Int) -> String {
        let index = step - 1
        return AnchorsJSON.render(result, imageSize: (p.imageHeight, p.imageWidth),
                                  selected: (index / result.featureWidth, index % result.featureWidth),
                                  givenStride: (p.strideHeight, p.strideWidth))
    }
}

extension ModelScene where M == AnchorModel {
    /// The scene with the cell at 1-based `step` selected, or the map's centre cell when nil.
    public init(parameters: AnchorSceneParameters, step: Int? = nil) { self.init(parameters, step: step) }
    /// The anchors, or nil while the configuration is invalid.
    public var grid: AnchorGrid? { result }
    /// The step of the feature map's centre cell.
    public var centreStep: Int { result.map { AnchorModel.defaultStep($0, view: NoViewState()) } ?? 0 }
    /// The step of cell (row, column), or nil outside the map.
    public func step(row: Int, column: Int) -> Int? {
        guard let grid, (0..<grid.featureHeight).contains(row), (0..<grid.featureWidth).contains(column) else { return nil }
        return row * grid.featureWidth + column + 1
    }
}
