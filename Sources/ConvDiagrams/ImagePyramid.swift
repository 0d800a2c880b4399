import ConvCore

/// An image prepared for drawing at any scale: the pixels (display values 0-255, grey or RGB)
/// and successive halvings (each pixel the mean of a 2 x 2 block), so that a picture of any size
/// is drawn in time proportional to its cells, not to the image's pixels.
///
///     let pyramid = try ImagePyramid(tensor: photo)          // 1 x 3 x 256 x 256
///     pyramid.meanColor(top: 0, left: 0, bottom: 8, right: 8)  // the mean of an 8 x 8 block
///
/// Source: mipmapping (L. Williams, "Pyramidal parametrics", SIGGRAPH 1983) with a box filter.
public struct ImagePyramid: Equatable, Sendable {
    /// One level: `height` x `width` pixels of `channels` interleaved samples.
    struct Level: Equatable, Sendable {
        var height: Int, width: Int
        var samples: [Float]
    }

    /// 1 (grey) or 3 (RGB).
    public let channels: Int
    /// The full-resolution size in pixels.
    public let height: Int, width: Int
    /// Level 0 is the image; level L has pixels 2^L times as large.
    let levels: [Level]

    /// Builds the pyramid of a 1 x C x H x W tensor (C = 1 or 3) whose values are display values
    /// (0-255; others are clamped, NaN shows as 0).
    /// - Throws: ``ConvError/shapeMismatch(_:)`` for another shape.
    /// - Complexity: O(H·W·C) time and memory (the levels add a third).
    public init(tensor: Tensor) throws(ConvError) {
        guard tensor.rank == 4, tensor.shape[0] == 1, tensor.shape[1] == 1 || tensor.shape[1] == 3,
              tensor.shape[2] >= 1, tensor.shape[3] >= 1 else {
            throw .shapeMismatch("an image to draw is 1 x 1 x H x W or 1 x 3 x H x W, got \(Tensor.describe(tensor.shape))")
        }
        let c = tensor.shape[1], h = tensor.shape[2], w = tensor.shape[3], plane = h * w
        channels = c
        height = h
        width = w
        var base = [Float](repeating: 0, count: plane * c)
        tensor.data.withUnsafeBufferPointer { src in
            base.withUnsafeMutableBufferPointer { out in
                for ch in 0..<c {
                    for i in 0..<plane {
                        let v = src[ch * plane + i]
                        out[i * c + ch] = v > 0 ? (v < 255 ? v : 255) : 0
                    }
                }
            }
        }
        var levels = [Level(height: h, width: w, samples: base)]
        while let last = levels.last, last.height > 1 || last.width > 1 {
            let nh = (last.height + 1) / 2, nw = (last.width + 1) / 2
            var next = [Float](repeating: 0, count: nh * nw * c)
            last.samples.withUnsafeBufferPointer { src in
                next.withUnsafeMutableBufferPointer { out in
                    for y in 0..<nh {
                        let y0 = 2 * y, y1 = min(2 * y + 1, last.height - 1)
                        for x in 0..<nw {
                            let x0 = 2 * x, x1 = min(2 * x + 1, last.width - 1)
                            for ch in 0..<c {
                                let s = src[(y0 * last.width + x0) * c + ch] + src[(y0 * last.width + x1) * c + ch]
                                    + src[(y1 * last.width + x0) * c + ch] + src[(y1 * last.width + x1) * c + ch]
                                out[(y * nw + x) * c + ch] = s / 4
                            }
                        }
                    }
                }
            }
            levels.append(Level(height: nh, width: nw, samples: next))
        }
        self.levels = levels
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
        while level + 1 < levels.count, Double(1 << (level + 1)) <= size { level += 1 }
        let scale = Double(1 << level)
        let lv = levels[level]
        let lt = t / scale, ll = l / scale
        let lb = min(Double(lv.height), b / scale), lr = min(Double(lv.width), r / scale)
        var sums = [Double](repeating: 0, count: channels)
        var total = 0.0
        var y = Int(lt.rounded(.down))
        while Double(y) < lb, y < lv.height {
            let wy = min(lb, Double(y + 1)) - max(lt, Double(y))
            var x = Int(ll.rounded(.down))
            while Double(x) < lr, x < lv.width {
                let wx = min(lr, Double(x + 1)) - max(ll, Double(x))
                let weight = wy * wx
                if weight > 0 {
                    for ch in 0..<channels { sums[ch] += weight * Double(lv.samples[(y * lv.width + x) * channels + ch]) }
                    total += weight
                }
                x += 1
            }
            y += 1
        }
        guard total > 0 else { return nil }
        func byte(_ v: Double) -> UInt8 { UInt8(max(0, min(255, (v / total).rounded()))) }
        if channels == 1 { return RGB(grey: byte(sums[0])) }
        return RGB(byte(sums[0]), byte(sums[1]), byte(sums[2]))
    }
}
