import ConvCore
import Synchronization

/// Hands out ``ImagePyramid/identity`` values.
private let pyramidCounter = Atomic<UInt64>(0)

/// An image prepared for drawing at any scale: the pixels as display values 0-255 (grey or RGB)
/// and successive halvings (each pixel the mean of a 2 x 2 block), so that a picture of any size
/// is drawn in time proportional to its cells, not to the image's pixels.
///
/// Level 0 is the tensor itself (shared, not copied) read through a ``DisplayMapping``, so a
/// filter's raw output is drawn without a mapped copy of it; the smaller levels hold mapped values.
///
///     let pyramid = try ImagePyramid(tensor: photo)                         // 1 x 3 x 256 x 256
///     let edges = try ImagePyramid(tensor: raw, mapping: .absoluteRescaled)  // |v| x 255 / max |v|
///     pyramid.meanColor(top: 0, left: 0, bottom: 8, right: 8)               // the mean of an 8 x 8 block
///
/// Source: mipmapping (L. Williams, "Pyramidal parametrics", SIGGRAPH 1983) with a box filter.
public struct ImagePyramid: Equatable, Sendable {
    /// One level above the base: `height` x `width` pixels, channel planes of mapped values.
    struct Level: Equatable, Sendable {
        var height: Int, width: Int
        var samples: [Float]
    }

    /// 1 (grey) or 3 (RGB).
    public let channels: Int
    /// The full-resolution size in pixels.
    public let height: Int, width: Int
    /// The tensor's data (channel planes), read through ``mapping``.
    let base: [Float]
    /// How base values become display values.
    public let mapping: DisplayMapping
    /// 255 / max |v| for ``DisplayMapping/absoluteRescaled`` (0 when every value is 0).
    let scale: Float
    /// Levels 1, 2, ...: level L has pixels 2^L times as large.
    let levels: [Level]
    /// A number no other pyramid of this process has: the key of its drawn cells in
    /// ``ImagePanel``'s cache. Not part of equality.
    let identity: UInt64

    public static func == (lhs: ImagePyramid, rhs: ImagePyramid) -> Bool {
        if lhs.identity == rhs.identity { return true }
        return lhs.channels == rhs.channels && lhs.height == rhs.height && lhs.width == rhs.width
            && lhs.mapping == rhs.mapping && lhs.scale == rhs.scale && lhs.base == rhs.base && lhs.levels == rhs.levels
    }

    /// Builds the pyramid of a 1 x C x H x W tensor (C = 1 or 3).
    /// - Parameters:
    ///   - mapping: how values become 0-255: `clamp` (the default, for pixel values) or
    ///     `absoluteRescaled` (as ``ConvCore/DisplayMapping/apply(to:)``; NaN shows as 0).
    ///   - peak: max |v| of the tensor when already known (``DisplayMapping/maximumMagnitude(of:)``),
    ///     to save a pass for `absoluteRescaled`.
    /// - Throws: ``ConvError/shapeMismatch(_:)`` for another shape.
    /// - Complexity: O(H·W·C) time; the levels take a third of the tensor's memory.
    public init(tensor: Tensor, mapping: DisplayMapping = .clamp, peak: Float? = nil) throws(ConvError) {
        guard tensor.rank == 4, tensor.shape[0] == 1, tensor.shape[1] == 1 || tensor.shape[1] == 3,
              tensor.shape[2] >= 1, tensor.shape[3] >= 1 else {
            throw .shapeMismatch("an image to draw is 1 x 1 x H x W or 1 x 3 x H x W, got \(Tensor.describe(tensor.shape))")
        }
        let c = tensor.shape[1], h = tensor.shape[2], w = tensor.shape[3]
        identity = pyramidCounter.add(1, ordering: .relaxed).newValue
        channels = c
        height = h
        width = w
        base = tensor.data
        self.mapping = mapping
        let top = mapping == .absoluteRescaled ? (peak ?? DisplayMapping.maximumMagnitude(of: tensor)) : 0
        scale = top > 0 ? 255 / top : 0
        var levels: [Level] = []
        var current = (height: h, width: w)
        while current.height > 1 || current.width > 1 {
            let nh = (current.height + 1) / 2, nw = (current.width + 1) / 2
            var next = [Float](repeating: 0, count: nh * nw * c)
            let source = levels.last?.samples ?? base
            let fromBase = levels.isEmpty
            let (sh, sw) = current
            let mode = mapping, factor = scale
            source.withUnsafeBufferPointer { src in
                next.withUnsafeMutableBufferPointer { out in
                    for ch in 0..<c {
                        let plane = src.baseAddress.map { $0 + ch * sh * sw }
                        guard let plane else { continue }
                        for y in 0..<nh {
                            let y0 = 2 * y, y1 = min(2 * y + 1, sh - 1)
                            for x in 0..<nw {
                                let x0 = 2 * x, x1 = min(2 * x + 1, sw - 1)
                                var a = plane[y0 * sw + x0], b = plane[y0 * sw + x1], d = plane[y1 * sw + x0], e = plane[y1 * sw + x1]
                                if fromBase {
                                    a = Self.display(a, mode, factor); b = Self.display(b, mode, factor)
                                    d = Self.display(d, mode, factor); e = Self.display(e, mode, factor)
                                }
                                out[(ch * nh + y) * nw + x] = (a + b + d + e) / 4
                            }
                        }
                    }
                }
            }
            levels.append(Level(height: nh, width: nw, samples: next))
            current = (nh, nw)
        }
        self.levels = levels
    }

    /// A value as shown: clamped to 0-255, or |v| x scale clamped (NaN: 0), as DisplayMapping.apply.
    @inline(__always)
    static func display(_ v: Float, _ mapping: DisplayMapping, _ scale: Float) -> Float {
        let shown = mapping == .clamp ? v : abs(v) * scale
        return shown > 0 ? (shown < 255 ? shown : 255) : 0
    }

    /// The display value of channel `c` at (`row`, `column`) of level `level`.
    @inline(__always)
    func sample(level: Int, channel c: Int, row: Int, column: Int) -> Float {
        if level == 0 { return Self.display(base[(c * height + row) * width + column], mapping, scale) }
        let l = levels[level - 1]
        return l.samples[(c * l.height + row) * l.width + column]
    }

    /// The mean colour of the rectangle [top, bottom) x [left, right) in full-resolution pixel
    /// coordinates (fractions allowed; the part outside the image is ignored), each pixel weighted
    /// by the area it shares with the rectangle. Read from the level whose pixels are at most as
    /// large as the rectangle, so at most about 3 x 3 level pixels are averaged. A rectangle
    /// smaller than a pixel gives that pixel (nearest neighbour when zoomed in).
    /// - Returns: the colour, or nil when the rectangle misses the image.
    public func meanColor(top: Double, left: Double, bottom: Double, right: Double) -> RGB? {
        let t = max(0, top), l = max(0, left), b = min(Double(height), bottom), r = min(Double(width), right)
        guard b > t, r > l else { return nil }
        let size = min(b - t, r - l)
        var level = 0
        while level < levels.count, Double(1 << (level + 1)) <= size { level += 1 }
        let scaleDown = Double(1 << level)
        let levelHeight = level == 0 ? height : levels[level - 1].height
        let levelWidth = level == 0 ? width : levels[level - 1].width
        let lt = t / scaleDown, ll = l / scaleDown
        let lb = min(Double(levelHeight), b / scaleDown), lr = min(Double(levelWidth), r / scaleDown)
        // Three running sums instead of an array, and the level's samples fetched once: this runs
        // for every half-block cell of every frame.
        let shown = min(channels, 3)
        var sums = (0.0, 0.0, 0.0)
        var total = 0.0
        let samples = level == 0 ? [] : levels[level - 1].samples
        func value(_ ch: Int, _ row: Int, _ column: Int) -> Double {
            if level == 0 { return Double(Self.display(base[(ch * height + row) * width + column], mapping, scale)) }
            return Double(samples[(ch * levelHeight + row) * levelWidth + column])
        }
        var y = Int(lt.rounded(.down))
        while Double(y) < lb, y < levelHeight {
            let wy = min(lb, Double(y + 1)) - max(lt, Double(y))
            var x = Int(ll.rounded(.down))
            while Double(x) < lr, x < levelWidth {
                let wx = min(lr, Double(x + 1)) - max(ll, Double(x))
                let weight = wy * wx
                if weight > 0 {
                    sums.0 += weight * value(0, y, x)
                    if shown == 3 {
                        sums.1 += weight * value(1, y, x)
                        sums.2 += weight * value(2, y, x)
                    }
                    total += weight
                }
                x += 1
            }
            y += 1
        }
        guard total > 0 else { return nil }
        func byte(_ v: Double) -> UInt8 { UInt8(max(0, min(255, (v / total).rounded()))) }
        if shown < 3 { return RGB(grey: byte(sums.0)) }
        return RGB(byte(sums.0), byte(sums.1), byte(sums.2))
    }
}
