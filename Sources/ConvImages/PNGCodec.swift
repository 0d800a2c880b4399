import CPNG

/// Reads and writes PNG through libpng's simplified API (`png_image_begin_read_from_memory`,
/// `png_image_finish_read`, `png_image_write_to_memory`), which catches libpng's longjmp
/// internally and reports failures in `png_image.message`: no setjmp in Swift, no trap.
///
/// Every PNG colour type and bit depth is read (grey, grey + alpha, RGB, RGBA, palette, 1-16 bits,
/// interlaced or not) and delivered as 8-bit grey or RGB:
///
/// | file                       | result                                                   |
/// |----------------------------|----------------------------------------------------------|
/// | grey, grey + alpha         | 1 channel                                                |
/// | RGB, RGBA, palette         | 3 channels                                               |
/// | alpha or tRNS transparency | dropped (colour kept), as torchvision's `decode_png` with `ImageReadMode.RGB` and PIL's `convert("RGB")` |
/// | 16 bits per sample         | scaled to 8 bits, round(v x 255 / 65535), taken as sRGB-encoded (`PNG_IMAGE_FLAG_16BIT_sRGB`) |
/// | gAMA other than sRGB's     | converted to sRGB by libpng                              |
///
/// Source: the PNG specification (W3C PNG 2nd edition) and libpng 1.6's `png.h`, section 5.
public enum PNGCodec {
    /// The 8-byte PNG signature: 89 50 4E 47 0D 0A 1A 0A.
    public static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// Decodes a PNG file's bytes.
    /// - Parameters:
    ///   - bytes: the whole file.
    ///   - path: the name used in error messages.
    /// - Returns: a grey or RGB 8-bit image (see the table above).
    /// - Throws: ``ImageError/unsupportedFormat(path:reason:)`` without the PNG signature,
    ///   ``ImageError/dimensionsOutOfRange(path:width:height:channels:)`` for a header beyond the
    ///   limits (checked before the pixels are decompressed or allocated), and
    ///   ``ImageError/malformed(path:format:reason:)`` with libpng's message for anything libpng
    ///   refuses (bad CRC, truncated data, zlib errors).
    /// - Complexity: O(width x height).
    public static func decode(_ bytes: [UInt8], path: String, maximumSamples: Int = RasterImage.maximumSampleCount) throws(ImageError) -> RasterImage {
        guard bytes.count >= 8, Array(bytes[0..<8]) == signature else {
            throw .unsupportedFormat(path: path, reason: NetpbmCodec.magicDescription(bytes))
        }
        var image = png_image()
        image.version = UInt32(PNG_IMAGE_VERSION)
        image.opaque = nil
        defer { png_image_free(&image) }
        let began = bytes.withUnsafeBytes { raw in
            png_image_begin_read_from_memory(&image, raw.baseAddress, raw.count)
        }
        guard began != 0 else { throw .malformed(path: path, format: "PNG", reason: message(of: &image)) }

        let fileFormat = image.format
        let color = fileFormat & UInt32(PNG_FORMAT_FLAG_COLOR) != 0
        let alpha = fileFormat & UInt32(PNG_FORMAT_FLAG_ALPHA) != 0
        let channels = color ? 3 : 1
        let width = Int(image.width), height = Int(image.height)
        // The header's size is checked against the caller's limit before a pixel is inflated (a
        // 520 KB file can hold a 16384 x 16384 image of zeros).
        _ = try RasterImage.sampleCount(width: width, height: height, channels: channels, path: path, limit: maximumSamples)

        // Read with the alpha channel (if any) and drop it below, so colour values are kept.
        let readChannels = channels + (alpha ? 1 : 0)
        image.format = (color ? UInt32(PNG_FORMAT_RGB) : UInt32(PNG_FORMAT_GRAY)) | (alpha ? UInt32(PNG_FORMAT_FLAG_ALPHA) : 0)
        image.flags |= UInt32(PNG_IMAGE_FLAG_16BIT_sRGB)
        var buffer = [UInt8](repeating: 0, count: width * height * readChannels)
        let finished = buffer.withUnsafeMutableBytes { raw in
            png_image_finish_read(&image, nil, raw.baseAddress, Int32(width * readChannels), nil)
        }
        guard finished != 0 else { throw .malformed(path: path, format: "PNG", reason: message(of: &image)) }
        guard alpha else { return RasterImage(unchecked: width, height, channels, buffer) }
        var samples = [UInt8](repeating: 0, count: width * height * channels)
        samples.withUnsafeMutableBufferPointer { out in
            buffer.withUnsafeBufferPointer { src in
                for pixel in 0..<(width * height) {
                    for c in 0..<channels { out[pixel * channels + c] = src[pixel * readChannels + c] }
                }
            }
        }
        return RasterImage(unchecked: width, height, channels, samples)
    }

    /// Encodes `image` as an 8-bit grey or RGB PNG (non-interlaced, with libpng's default
    /// compression and an sRGB chunk, as the simplified API writes).
    /// - Returns: the file's bytes.
    /// - Throws: ``ImageError/writeFailed(path:reason:)`` with libpng's message (path "PNG") if
    ///   libpng refuses.
    public static func encode(_ image: RasterImage) throws(ImageError) -> [UInt8] {
        var png = png_image()
        png.version = UInt32(PNG_IMAGE_VERSION)
        png.opaque = nil
        png.width = UInt32(image.width)
        png.height = UInt32(image.height)
        png.format = image.channels == 3 ? UInt32(PNG_FORMAT_RGB) : UInt32(PNG_FORMAT_GRAY)
        defer { png_image_free(&png) }
        var size = cs_png_encoded_size_max(&png)
        var out = [UInt8](repeating: 0, count: Int(size))
        let written = out.withUnsafeMutableBytes { raw in
            image.pixels.withUnsafeBytes { src in
                png_image_write_to_memory(&png, raw.baseAddress, &size, 0, src.baseAddress,
                                          Int32(image.width * image.channels), nil)
            }
        }
        guard written != 0, Int(size) <= out.count else {
            throw .writeFailed(path: "PNG", reason: "libpng: \(message(of: &png))")
        }
        out.removeSubrange(Int(size)...)
        return out
    }

    /// libpng's message in `image.message`, or a fallback when it is empty.
    private static func message(of image: inout png_image) -> String {
        let text = withUnsafeBytes(of: &image.message) { raw in
            String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
        }
        return text.isEmpty ? "libpng reported an error without a message" : text
    }
}
