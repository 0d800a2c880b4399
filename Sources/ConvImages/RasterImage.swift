import ConvCore

/// A decoded 8-bit image: grey (1 channel) or RGB (3 channels), rows top to bottom, channels
/// interleaved within a pixel (`pixels[(row * width + column) * channels + channel]`), values
/// 0-255.
///
/// Files decode to this through ``init(contentsOfFile:)`` (PNG through libpng, netpbm PGM/PPM),
/// and it converts to the core's 1 x C x H x W tensor with ``tensor()``, the layout of
/// `torchvision.transforms.functional.pil_to_tensor` (values kept 0-255, as Float).
///
///     let photo = try RasterImage(contentsOfFile: "assets/images/astronaut.png")
///     let x = try photo.tensor()          // shape 1 x 3 x 256 x 256
public struct RasterImage: Equatable, Sendable {
    /// The largest width or height accepted: 16384 pixels.
    public static let maximumSide = 16384
    /// The most samples (width x height x channels) accepted: 2^28, the core's
    /// ``ConvCore/Tensor/maximumElementCount``.
    public static let maximumSampleCount = 1 << 28
    /// The largest file read: 1 GiB.
    public static let maximumFileSize = 1 << 30

    /// Columns, in pixels (1...16384).
    public let width: Int
    /// Rows, in pixels (1...16384).
    public let height: Int
    /// 1 for grey, 3 for RGB (red, green, blue in that order).
    public let channels: Int
    /// `height * width * channels` samples, 0-255, row-major with channels interleaved.
    public let pixels: [UInt8]

    /// Creates an image from its samples.
    /// - Parameters:
    ///   - width: columns, 1...16384.
    ///   - height: rows, 1...16384.
    ///   - channels: 1 (grey) or 3 (RGB).
    ///   - pixels: `height * width * channels` samples, row-major, channels interleaved.
    /// - Throws: ``ImageError/dimensionsOutOfRange(path:width:height:channels:)`` (with path
    ///   "image") for sizes outside the limits, ``ImageError/invalidImage(_:)`` for another
    ///   channel count or a pixel count that disagrees with the size.
    public init(width: Int, height: Int, channels: Int, pixels: [UInt8]) throws(ImageError) {
        let count = try Self.sampleCount(width: width, height: height, channels: channels, path: "image")
        guard pixels.count == count else {
            throw .invalidImage("image \(width) x \(height) with \(channels) channels needs \(count) samples, got \(pixels.count)")
        }
        self.width = width
        self.height = height
        self.channels = channels
        self.pixels = pixels
    }

    /// Checks a size against the limits and returns width x height x channels.
    /// - Throws: ``ImageError/invalidImage(_:)`` for a channel count other than 1 or 3,
    ///   ``ImageError/dimensionsOutOfRange(path:width:height:channels:)`` otherwise.
    static func sampleCount(width: Int, height: Int, channels: Int, path: String,
                            limit: Int = maximumSampleCount) throws(ImageError) -> Int {
        guard channels == 1 || channels == 3 else {
            throw .invalidImage("an image has 1 (grey) or 3 (RGB) channels, got \(channels)")
        }
        let side = 1...maximumSide
        guard side.contains(width), side.contains(height), width * height * channels <= min(limit, maximumSampleCount) else {
            throw .dimensionsOutOfRange(path: path, width: width, height: height, channels: channels)
        }
        return width * height * channels
    }


    /// The sample at (`row`, `column`, `channel`), or nil outside the image.
    public func sample(row: Int, column: Int, channel: Int) -> UInt8? {
        guard row >= 0, row < height, column >= 0, column < width, channel >= 0, channel < channels else { return nil }
        return pixels[(row * width + column) * channels + channel]
    }

    /// The image as a 1 x C x H x W tensor of Float values 0-255 (channel planes, PyTorch order),
    /// as `torchvision.transforms.functional.pil_to_tensor(image).float().unsqueeze(0)`.
    /// - Throws: ``ConvCore/ConvError`` only if the core's limits were lower than the image's
    ///   (they are equal: 2^28 elements), so in practice never.
    /// - Complexity: O(width x height x channels).
    public func tensor() throws(ConvError) -> Tensor {
        let plane = width * height
        var data = [Float](repeating: 0, count: plane * channels)
        data.withUnsafeMutableBufferPointer { out in
            pixels.withUnsafeBufferPointer { src in
                for c in 0..<channels {
                    for i in 0..<plane { out[c * plane + i] = Float(src[i * channels + c]) }
                }
            }
        }
        return try Tensor(shape: [1, channels, height, width], data: data)
    }

    /// An image from a 1 x C x H x W tensor (C = 1 or 3), each value rounded to the nearest
    /// integer and clamped to 0-255 (NaN becomes 0). Apply a display mapping first (for example
    /// ``ConvCore/DisplayMapping``) to show raw filter output.
    /// - Throws: ``ImageError/invalidImage(_:)`` for another shape,
    ///   ``ImageError/dimensionsOutOfRange(path:width:height:channels:)`` for a size outside the limits.
    public init(tensor: Tensor) throws(ImageError) {
        guard tensor.rank == 4, tensor.shape[0] == 1 else {
            throw .invalidImage("an image tensor is 1 x C x H x W, got \(Tensor.describe(tensor.shape))")
        }
        let channels = tensor.shape[1], height = tensor.shape[2], width = tensor.shape[3]
        let count = try Self.sampleCount(width: width, height: height, channels: channels, path: "tensor")
        let plane = width * height
        var samples = [UInt8](repeating: 0, count: count)
        samples.withUnsafeMutableBufferPointer { out in
            tensor.data.withUnsafeBufferPointer { src in
                for c in 0..<channels {
                    for i in 0..<plane { out[i * channels + c] = Self.byte(src[c * plane + i]) }
                }
            }
        }
        self.width = width
        self.height = height
        self.channels = channels
        self.pixels = samples
    }

    /// Rounds to nearest (ties away from zero) and clamps to 0...255; NaN gives 0.
    static func byte(_ value: Float) -> UInt8 {
        guard value > 0 else { return 0 }   // also NaN
        guard value < 255 else { return 255 }
        return UInt8(value.rounded())
    }

    /// The `height` x `width` region whose top-left pixel is (`top`, `left`).
    ///
    ///     try astronaut.cropped(top: 100, left: 120, height: 8, width: 8)   // rgb_bank.json's input
    /// - Throws: ``ImageError/invalidImage(_:)`` when the region is empty or leaves the image.
    public func cropped(top: Int, left: Int, height cropHeight: Int, width cropWidth: Int) throws(ImageError) -> RasterImage {
        guard top >= 0, left >= 0, cropHeight >= 1, cropWidth >= 1,
              cropHeight <= height - top, cropWidth <= width - left else {
            throw .invalidImage("crop rows \(top)..<\(top &+ cropHeight), columns \(left)..<\(left &+ cropWidth) is empty or outside the \(width) x \(height) image; allowed: rows 0..<\(height), columns 0..<\(width)")
        }
        var samples: [UInt8] = []
        samples.reserveCapacity(cropHeight * cropWidth * channels)
        for row in top..<(top + cropHeight) {
            let start = (row * width + left) * channels
            samples.append(contentsOf: pixels[start..<(start + cropWidth * channels)])
        }
        return try RasterImage(width: cropWidth, height: cropHeight, channels: channels, pixels: samples)
    }

    /// The same picture with three equal channels (grey to RGB); an RGB image is returned as is.
    public func expandedToRGB() -> RasterImage {
        guard channels == 1 else { return self }
        var samples = [UInt8](repeating: 0, count: pixels.count * 3)
        for i in pixels.indices {
            samples[3 * i] = pixels[i]; samples[3 * i + 1] = pixels[i]; samples[3 * i + 2] = pixels[i]
        }
        return RasterImage(unchecked: width, height, 3, samples)
    }

    /// For codecs that have already checked the size.
    init(unchecked width: Int, _ height: Int, _ channels: Int, _ pixels: [UInt8]) {
        self.width = width
        self.height = height
        self.channels = channels
        self.pixels = pixels
    }
}
