/// The continuous geometry of RoI align for one box: the box on the feature map (no rounding),
/// its ph x pw bins, and the bilinear sampling points inside each bin.
///
///     let grid = try RoIAlignGrid(box: box, spatialScale: 1, outputSize: (2, 2), featureSize: (8, 8),
///                                 samplingRatio: 2, aligned: false)
///     grid.binBounds(row: 0, column: 0)   // top, left, bottom, right in feature-map coordinates
///     grid.samples(row: 0, column: 0)     // 2 x 2 bilinear samples
///
/// | quantity        | rule                                                                 |
/// |-----------------|----------------------------------------------------------------------|
/// | start, end      | coordinate x spatial_scale, minus 0.5 when `aligned`                 |
/// | size            | end - start; at least 1 when not `aligned` (negative for an inverted aligned box) |
/// | bin size        | size / pooled size                                                   |
/// | samples per bin | sampling_ratio on each axis, or ceil(size / pooled size) when <= 0   |
/// | sample iy       | start + i·bin + (iy + 0.5)·bin / samples                             |
///
/// Source: He et al. 2017, "Mask R-CNN", section 3 (RoIAlign); matches
/// `torchvision.ops.roi_align` (roi_align_kernel.cpp and roi_align_common.h), in Float.
public struct RoIAlignGrid: Equatable, Sendable {
    /// The most bilinear samples one box may take (ph·pw·samples per bin).
    public static let maximumSampleCount = 1 << 24

    /// The box in image coordinates.
    public let box: RoIBox
    /// Feature-map cells per image pixel.
    public let spatialScale: Float
    /// True for the half-pixel shift of torchvision's `aligned=True` (Detectron2's corrected RoIAlign).
    public let aligned: Bool
    /// ph, pw.
    public let outputHeight: Int, outputWidth: Int
    /// The feature map's H and W.
    public let featureHeight: Int, featureWidth: Int
    /// The box's top-left corner on the feature map (continuous coordinates).
    public let startY: Float, startX: Float
    /// The box's size on the feature map (at least 1 when not aligned).
    public let roiHeight: Float, roiWidth: Float
    /// The size of one bin, in feature-map cells.
    public let binHeight: Float, binWidth: Float
    /// Sample rows and columns per bin (sampling_ratio, or the adaptive ceil(size / pooled size)).
    public let samplingGridHeight: Int, samplingGridWidth: Int

    /// Places the bins and samples of one box.
    /// - Parameters:
    ///   - outputSize: (ph, pw), 1...1024 each.
    ///   - featureSize: (H, W) of the feature map, 1...2^20 each.
    ///   - samplingRatio: samples per bin on each axis; <= 0 for torchvision's adaptive default
    ///     (-1), at most 1024.
    ///   - aligned: shift the box by -0.5 cell (torchvision `aligned=True`).
    /// - Throws: ``DetectionError/valueOutOfRange(name:value:allowed:)``, ``DetectionError/outOfRange(name:value:allowed:)``,
    ///   and ``DetectionError/tooLarge(name:limit:)`` when ph·pw·samples exceeds ``maximumSampleCount``.
    public init(box: RoIBox, spatialScale: Double, outputSize: (Int, Int), featureSize: (Int, Int),
                samplingRatio: Int = -1, aligned: Bool = false) throws(DetectionError) {
        let scale = try validatedSpatialScale(spatialScale)
        let (ph, pw) = try validatedRoIOutputSize(outputSize)
        try detectionRequire("feature height", featureSize.0, 1...maximumExtent)
        try detectionRequire("feature width", featureSize.1, 1...maximumExtent)
        try detectionRequire("sampling_ratio", samplingRatio, Int.min...1024)
        let offset: Float = aligned ? 0.5 : 0
        let startX = box.x1 * scale - offset, startY = box.y1 * scale - offset
        let endX = box.x2 * scale - offset, endY = box.y2 * scale - offset
        var roiWidth = endX - startX, roiHeight = endY - startY
        if !aligned {
            roiWidth = max(roiWidth, 1)
            roiHeight = max(roiHeight, 1)
        }
        // roi sizes are at most 2^35: the adaptive grid fits Int. An inverted aligned box has a
        // negative size, so torchvision's adaptive grid ceil(size / pooled) is <= 0 and its sample
        // loops run 0 times; 0 here gives the same (no samples, output 0).
        let gridHeight = samplingRatio > 0 ? samplingRatio : max(0, Int((roiHeight / Float(ph)).rounded(.up)))
        let gridWidth = samplingRatio > 0 ? samplingRatio : max(0, Int((roiWidth / Float(pw)).rounded(.up)))
        _ = try detectionCheckedProduct([ph, pw, gridHeight, gridWidth], name: "RoI align samples for one box",
                                        limit: Self.maximumSampleCount)
        self.box = box
        self.spatialScale = scale
        self.aligned = aligned
        self.outputHeight = ph
        self.outputWidth = pw
        self.featureHeight = featureSize.0
        self.featureWidth = featureSize.1
        self.startY = startY
        self.startX = startX
        self.roiHeight = roiHeight
        self.roiWidth = roiWidth
        self.binHeight = roiHeight / Float(ph)
        self.binWidth = roiWidth / Float(pw)
        self.samplingGridHeight = gridHeight
        self.samplingGridWidth = gridWidth
    }

    /// The divisor of a bin's sum: max(samples per bin, 1). A bin with no samples (a zero-size
    /// aligned box with the adaptive grid) outputs 0.
    public var sampleCount: Int { max(samplingGridHeight * samplingGridWidth, 1) }

    /// Bin (row, column)'s edges in feature-map coordinates (continuous, possibly outside the map).
    /// Nil for a bin out of range.
    public func binBounds(row: Int, column: Int) -> (top: Float, left: Float, bottom: Float, right: Float)? {
        guard (0..<outputHeight).contains(row), (0..<outputWidth).contains(column) else { return nil }
        return (startY + Float(row) * binHeight, startX + Float(column) * binWidth,
                startY + Float(row + 1) * binHeight, startX + Float(column + 1) * binWidth)
    }

    /// The bilinear samples of bin (row, column), iy-major, in torchvision's order and arithmetic.
    /// Empty for a bin out of range.
    public func samples(row: Int, column: Int) -> [RoIAlignSample] {
        guard (0..<outputHeight).contains(row), (0..<outputWidth).contains(column) else { return [] }
        var result: [RoIAlignSample] = []
        result.reserveCapacity(samplingGridHeight * samplingGridWidth)
        for iy in 0..<samplingGridHeight {
            let y = startY + Float(row) * binHeight + (Float(iy) + 0.5) * binHeight / Float(samplingGridHeight)
            for ix in 0..<samplingGridWidth {
                let x = startX + Float(column) * binWidth + (Float(ix) + 0.5) * binWidth / Float(samplingGridWidth)
                result.append(RoIAlignSample(y: y, x: x, featureHeight: featureHeight, featureWidth: featureWidth))
            }
        }
        return result
    }
}

/// One bilinear sample of RoI align: where it lies and the four cells and weights it mixes.
///
/// A sample beyond [-1, H] x [-1, W] contributes 0; otherwise negative coordinates are clamped to
/// 0, coordinates past the last cell to it, and the value is
/// w1·v(yLow, xLow) + w2·v(yLow, xHigh) + w3·v(yHigh, xLow) + w4·v(yHigh, xHigh).
///
/// Source: torchvision's `pre_calc_for_bilinear_interpolate` (roi_align_common.h).
public struct RoIAlignSample: Equatable, Sendable {
    /// The sample position in feature-map coordinates, before clamping.
    public let y: Float, x: Float
    /// True when the sample lies outside [-1, H] x [-1, W] and contributes 0.
    public let isOutside: Bool
    /// The neighbouring cells (all 0 when outside).
    public let yLow: Int, yHigh: Int, xLow: Int, xHigh: Int
    /// The weights of (yLow, xLow), (yLow, xHigh), (yHigh, xLow), (yHigh, xHigh); they sum to 1
    /// (0 when outside).
    public let w1: Float, w2: Float, w3: Float, w4: Float

    /// Resolves a sample at (y, x) on an H x W map (H and W validated by ``RoIAlignGrid``).
    init(y: Float, x: Float, featureHeight: Int, featureWidth: Int) {
        self.y = y
        self.x = x
        guard y >= -1, y <= Float(featureHeight), x >= -1, x <= Float(featureWidth) else {
            isOutside = true
            yLow = 0; yHigh = 0; xLow = 0; xHigh = 0
            w1 = 0; w2 = 0; w3 = 0; w4 = 0
            return
        }
        isOutside = false
        var cy = max(y, 0), cx = max(x, 0)
        var low = Int(cy), high: Int
        if low >= featureHeight - 1 {
            low = featureHeight - 1; high = low; cy = Float(low)
        } else {
            high = low + 1
        }
        yLow = low; yHigh = high
        low = Int(cx)
        if low >= featureWidth - 1 {
            low = featureWidth - 1; high = low; cx = Float(low)
        } else {
            high = low + 1
        }
        xLow = low; xHigh = high
        let ly = cy - Float(yLow), lx = cx - Float(xLow)
        let hy = 1 - ly, hx = 1 - lx
        w1 = hy * hx; w2 = hy * lx; w3 = ly * hx; w4 = ly * lx
    }
}
