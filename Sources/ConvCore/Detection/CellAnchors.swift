/// The k anchors of one feature-map cell, placed at the origin cell in one of the two named
/// conventions; ``AnchorGrid`` shifts them over the map.
///
///     let paper = try CellAnchors.pyFasterRCNN()      // base 16, ratios 0.5/1/2, scales 8/16/32
///     paper.boxes[0].xyxy                             // [-84, -40, 99, 55]
///     let tv = try CellAnchors.torchvision()          // sizes 128/256/512, ratios 0.5/1/2
///     tv.boxes[0].xyxy                                // [-91, -45, 91, 45]
///
/// Order in both conventions: for each ratio, each scale (size). k = ratios x scales (9 for the
/// defaults, Ren et al. 2015, "Faster R-CNN", section 3.1.1).
public struct CellAnchors: Equatable, Sendable {
    /// The most ratios, or scales, one cell may have.
    public static let maximumListCount = 64

    /// The convention that placed the boxes.
    public let convention: AnchorConvention
    /// The aspect ratios (height/width), in order.
    public let ratios: [Double]
    /// The scales (py-faster-rcnn: multiples of the base size) or sizes (torchvision: pixels).
    public let scales: [Double]
    /// py-faster-rcnn's base size in pixels (the backbone stride it was designed for); nil for torchvision.
    public let baseSize: Int?
    /// The k boxes of the origin cell, ratio-major.
    public let boxes: [AnchorBox]
    /// The centre the boxes are placed on, in pixels: ((base-1)/2, (base-1)/2) = (7.5, 7.5) for
    /// py-faster-rcnn, the corner (0, 0) for torchvision.
    public let centerX: Double, centerY: Double

    /// k: anchors per cell.
    public var count: Int { boxes.count }

    /// py-faster-rcnn's `generate_anchors(base_size, ratios, scales)`, in Double as numpy does.
    ///
    /// The base box [0, 0, base-1, base-1] (centre c = (base-1)/2); for each ratio r:
    /// w = round(sqrt(base²/r)), h = round(w·r), rounded half to even (`np.round`); for each scale s
    /// the box of w·s x h·s on the same centre: [c - (w·s-1)/2, c - (h·s-1)/2, c + (w·s-1)/2, c + (h·s-1)/2].
    ///
    /// | ratio | sqrt(256/r) | w  | w·r  | h  |
    /// |-------|-------------|----|------|----|
    /// | 0.5   | 22.63       | 23 | 11.5 | 12 |  (half to even)
    /// | 1     | 16          | 16 | 16   | 16 |
    /// | 2     | 11.31       | 11 | 22   | 22 |
    ///
    /// - Parameters:
    ///   - baseSize: pixels, 1...4096 (default 16).
    ///   - ratios: heights/widths, each in 2^-10...2^10, 1...64 of them (default 0.5, 1, 2).
    ///   - scales: each in 2^-10...4096, 1...64 of them (default 8, 16, 32).
    /// - Throws: ``DetectionError/outOfRange(name:value:allowed:)``, ``DetectionError/valueOutOfRange(name:value:allowed:)``,
    ///   ``DetectionError/countOutOfRange(name:count:allowed:)``, and ``DetectionError/degenerateAnchor(ratio:width:height:)``
    ///   when a rounded width or height is 0.
    public static func pyFasterRCNN(baseSize: Int = 16, ratios: [Double] = [0.5, 1, 2],
                                    scales: [Double] = [8, 16, 32]) throws(DetectionError) -> CellAnchors {
        try detectionRequire("base size", baseSize, 1...4096)
        try validate(ratios: ratios, name: "ratio")
        try validate(scales, name: "scale", allowed: 0x1p-10...4096)
        // _whctrs / _mkanchors of generate_anchors.py.
        func widthHeightCentre(_ a: [Double]) -> (Double, Double, Double, Double) {
            let w = a[2] - a[0] + 1, h = a[3] - a[1] + 1
            return (w, h, a[0] + 0.5 * (w - 1), a[1] + 0.5 * (h - 1))
        }
        func make(_ w: Double, _ h: Double, _ cx: Double, _ cy: Double) -> [Double] {
            [cx - 0.5 * (w - 1), cy - 0.5 * (h - 1), cx + 0.5 * (w - 1), cy + 0.5 * (h - 1)]
        }
        let base = [0, 0, Double(baseSize) - 1, Double(baseSize) - 1]
        let (w, h, cx, cy) = widthHeightCentre(base)
        let size = w * h
        var boxes: [AnchorBox] = []
        for ratio in ratios {
            let ws = (size / ratio).squareRoot().rounded(.toNearestOrEven)
            let hs = (ws * ratio).rounded(.toNearestOrEven)
            guard ws >= 1, hs >= 1 else { throw .degenerateAnchor(ratio: ratio, width: ws, height: hs) }
            let (rw, rh, rcx, rcy) = widthHeightCentre(make(ws, hs, cx, cy))
            for scale in scales {
                let a = make(rw * scale, rh * scale, rcx, rcy)
                boxes.append(AnchorBox(x1: a[0], y1: a[1], x2: a[2], y2: a[3], ratio: ratio, scale: scale))
            }
        }
        return CellAnchors(convention: .pyFasterRCNN, ratios: ratios, scales: scales, baseSize: baseSize,
                           boxes: boxes, centerX: cx, centerY: cy)
    }

    /// torchvision's `AnchorGenerator.generate_anchors(sizes, aspect_ratios)`, in Float as torch does.
    ///
    /// For each ratio r and size s: h_ratio = sqrt(r), w_ratio = 1/h_ratio, w = w_ratio·s,
    /// h = h_ratio·s, and the box round([-w/2, -h/2, w/2, h/2]) centred on the cell's corner,
    /// rounded half to even (`torch.round`): r = 0.5, s = 128 gives w = 181.02, so [-91, -45, 91, 45].
    /// - Parameters:
    ///   - sizes: pixels, each in 2^-10...65536, 1...64 of them (default 128, 256, 512).
    ///   - aspectRatios: heights/widths, each in 2^-10...2^10, 1...64 of them (default 0.5, 1, 2).
    /// - Throws: ``DetectionError/valueOutOfRange(name:value:allowed:)``, ``DetectionError/countOutOfRange(name:count:allowed:)``.
    public static func torchvision(sizes: [Double] = [128, 256, 512],
                                   aspectRatios: [Double] = [0.5, 1, 2]) throws(DetectionError) -> CellAnchors {
        try validate(sizes, name: "size", allowed: 0x1p-10...65536)
        try validate(ratios: aspectRatios, name: "aspect ratio")
        var boxes: [AnchorBox] = []
        for ratio in aspectRatios {
            let hRatio = Float(ratio).squareRoot()
            let wRatio = 1 / hRatio
            for size in sizes {
                let w = wRatio * Float(size), h = hRatio * Float(size)
                let edges = [-w, -h, w, h].map { Double(($0 / 2).rounded(.toNearestOrEven)) }
                boxes.append(AnchorBox(x1: edges[0], y1: edges[1], x2: edges[2], y2: edges[3], ratio: ratio, scale: size))
            }
        }
        return CellAnchors(convention: .torchvision, ratios: aspectRatios, scales: sizes, baseSize: nil,
                           boxes: boxes, centerX: 0, centerY: 0)
    }

    /// The defaults of a convention: py-faster-rcnn's nine (base 16) or torchvision's nine.
    /// - Throws: never for the defaults; typed for uniformity with the other constructors.
    public static func defaults(_ convention: AnchorConvention) throws(DetectionError) -> CellAnchors {
        switch convention {
        case .pyFasterRCNN: return try pyFasterRCNN()
        case .torchvision: return try torchvision()
        }
    }

    private static func validate(ratios: [Double], name: String) throws(DetectionError) {
        try validate(ratios, name: name, allowed: 0x1p-10...0x1p10)
    }

    private static func validate(_ values: [Double], name: String, allowed: ClosedRange<Double>) throws(DetectionError) {
        guard (1...maximumListCount).contains(values.count) else {
            throw .countOutOfRange(name: "\(name)s", count: values.count, allowed: 1...maximumListCount)
        }
        for value in values { try detectionRequire(name, value, allowed) }
    }
}
