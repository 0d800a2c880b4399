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

    /// The feature map: H = image height // stride, W = image width // stride (the inverse of
    /// torchvision's stride = image size // feature size).
    public var featureSize: (height: Int, width: Int) {
        (imageHeight / max(1, strideHeight), imageWidth / max(1, strideWidth))
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
        return try AnchorGrid(cellAnchors: cellAnchors, featureHeight: f.height, featureWidth: f.width,
                              stride: (strideHeight, strideWidth))
    }
}

/// Throws ``DetectionError/outOfRange(name:value:allowed:)`` unless `allowed` holds `value`.
func detectionCheck(_ name: String, _ value: Int, _ allowed: ClosedRange<Int>) throws(DetectionError) {
    guard allowed.contains(value) else { throw .outOfRange(name: name, value: value, allowed: allowed) }
}

/// The anchors scene: one step per feature-map cell (row-major), so the arrows move the selected
/// cell; +/- change the image size, the stride and the convention.
public struct AnchorScene: Scene {
    /// The parameters the scene shows; +/- change them.
    public private(set) var parameterValues: AnchorSceneParameters
    /// The anchors over the feature map, or nil while the configuration is invalid.
    public private(set) var grid: AnchorGrid?
    /// Why the configuration is invalid (shown instead of the picture), or nil.
    public private(set) var errorMessage: String?
    /// The current 1-based step, kept in 1...stepCount (0 while invalid).
    public var step: Int {
        didSet { step = stepCount == 0 ? 0 : min(max(1, step), stepCount) }
    }

    /// Builds the scene with the cell at 1-based `step` selected, or the map's centre cell when nil.
    public init(parameters: AnchorSceneParameters, step: Int? = nil) {
        parameterValues = parameters
        self.step = 0
        recompute()
        self.step = step ?? centreStep
    }

    /// The step of the feature map's centre cell (H/2, W/2).
    public var centreStep: Int {
        guard let grid else { return 0 }
        return (grid.featureHeight / 2) * grid.featureWidth + grid.featureWidth / 2 + 1
    }

    /// The step of cell (row, column), or nil outside the map.
    public func step(row: Int, column: Int) -> Int? {
        guard let grid, (0..<grid.featureHeight).contains(row), (0..<grid.featureWidth).contains(column) else { return nil }
        return row * grid.featureWidth + column + 1
    }

    mutating func recompute() {
        do {
            grid = try parameterValues.grid()
            errorMessage = nil
        } catch {
            grid = nil
            errorMessage = error.description
        }
        let s = step
        step = s
    }

    /// "cell 9/24": a step is one feature-map cell.
    public var stepName: String { "cell" }

    /// The heading ("anchors").
    public var title: String { "anchors" }
    /// H x W: one step per feature-map cell.
    public var stepCount: Int { grid.map { $0.featureHeight * $0.featureWidth } ?? 0 }
    /// W: Up/Down move the cell by a row.
    public var stepsPerRow: Int { grid?.featureWidth ?? 1 }

    /// The parameters Tab moves between: image, stride, convention.
    public var parameters: [SceneParameter] {
        let p = parameterValues
        return [
            SceneParameter("image", "\(p.imageHeight)x\(p.imageWidth)"),
            SceneParameter("stride", p.strideHeight == p.strideWidth ? "\(p.strideHeight)" : "\(p.strideHeight),\(p.strideWidth)"),
            SceneParameter("convention", p.convention.rawValue),
        ]
    }

    /// Changes the image (by one stride), the stride or the convention and recomputes, keeping the selected cell where it still exists; an invalid result becomes ``errorMessage``.
    public mutating func adjust(parameter index: Int, by delta: Int) {
        var p = parameterValues
        let cell = grid.map { g in ((step - 1) / g.featureWidth, (step - 1) % g.featureWidth) }
        switch index {
        case 0:
            p.imageHeight = min(65536, max(1, p.imageHeight + delta * p.strideHeight))
            p.imageWidth = min(65536, max(1, p.imageWidth + delta * p.strideWidth))
        case 1:
            p.strideHeight = min(1024, max(1, p.strideHeight + delta))
            p.strideWidth = min(1024, max(1, p.strideWidth + delta))
        case 2: p.convention = p.convention == .torchvision ? .pyFasterRCNN : .torchvision
        default: return
        }
        parameterValues = p
        recompute()
        // Keep the same cell where it still exists.
        if let cell, let grid {
            step = min(cell.0, grid.featureHeight - 1) * grid.featureWidth + min(cell.1, grid.featureWidth - 1) + 1
        }
    }

    /// Scene keys for the footer and the help screen.
    public var sceneBindings: [(String, String)] { [("arrows", "move the cell")] }

    /// Draws ``AnchorDiagram`` for the selected cell.
    public func draw(into canvas: inout Canvas, area: Rect, glyphs: GlyphSet) {
        guard let grid, step >= 1 else { return }
        let p = parameterValues
        AnchorDiagram(grid: grid, imageHeight: p.imageHeight, imageWidth: p.imageWidth, step: step, glyphs: glyphs)
            .draw(into: &canvas, area: area)
    }
}
