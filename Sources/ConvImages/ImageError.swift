/// Why an image could not be read, decoded, built or written. Every case that concerns a file
/// names it, and `description` is the one line a user sees ("camera.pgm: malformed netpbm:
/// truncated raster: needs 65536 bytes after the header, found 100").
///
/// A missing file is its own case (``fileNotFound(path:)``, see ``isFileNotFound``) so that the
/// command line can exit with status 66 (`EX_NOINPUT` of BSD's sysexits.h) for it.
public enum ImageError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No file exists at `path` (`ENOENT`).
    case fileNotFound(path: String)
    /// The file exists but could not be read: permission denied, a directory, an I/O error, or
    /// larger than ``RasterImage/maximumFileSize``.
    case unreadable(path: String, reason: String)
    /// The bytes are not a format this reader supports: wrong magic number, a netpbm variant
    /// other than P2, P3, P5 or P6, an empty file.
    case unsupportedFormat(path: String, reason: String)
    /// The bytes start like a supported format but are damaged: truncated data, a bad header
    /// token, a sample above maxval, or an error reported by libpng (CRC, zlib, missing IDAT).
    case malformed(path: String, format: String, reason: String)
    /// Width, height or sample count outside ``RasterImage/maximumSide`` (per side, 1...16384) or
    /// ``RasterImage/maximumSampleCount`` (2^28 samples), as read from a header or asked for.
    case dimensionsOutOfRange(path: String, width: Int, height: Int, channels: Int)
    /// Pixels or a tensor that do not describe an image: a channel count other than 1 or 3, a
    /// pixel count that disagrees with the size, a crop outside the image.
    case invalidImage(String)
    /// The image could not be encoded or written to `path`; the destination is left untouched.
    case writeFailed(path: String, reason: String)

    /// True for ``fileNotFound(path:)``: the command line exits 66 (`EX_NOINPUT`) for it.
    public var isFileNotFound: Bool {
        if case .fileNotFound = self { return true }
        return false
    }

    public var description: String {
        switch self {
        case let .fileNotFound(path):
            return "\(path): no such file"
        case let .unreadable(path, reason):
            return "\(path): cannot read: \(reason)"
        case let .unsupportedFormat(path, reason):
            return "\(path): unsupported image format: \(reason)"
        case let .malformed(path, format, reason):
            return "\(path): malformed \(format): \(reason)"
        case let .dimensionsOutOfRange(path, width, height, channels):
            return "\(path): image \(width) x \(height) with \(channels) channel\(channels == 1 ? "" : "s") is outside the limits; "
                + "allowed: width and height 1...\(RasterImage.maximumSide), at most \(RasterImage.maximumSampleCount) samples"
        case let .invalidImage(message):
            return message
        case let .writeFailed(path, reason):
            return "\(path): cannot write: \(reason)"
        }
    }
}
