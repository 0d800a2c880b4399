#if canImport(Glibc)
import Glibc
#endif
import ConvCore
import ConvImages

/// Reading and writing the images of `convscope filter` and `convscope rgb`, with their errors
/// turned into command-line errors: a missing or unreadable file, or one that is not a supported
/// image (wrong magic, truncated, absurd dimensions), exits 66 (EX_NOINPUT) with libpng's or the
/// netpbm reader's message naming the file.
enum ImageLoading {
    /// The most samples (width x height x channels) a filtered image may have: 2^24.
    static let maximumSamples = 1 << 24

    /// The image at `path` and its 1 x C x H x W tensor (values 0-255).
    static func load(_ path: String) throws(CLIError) -> (image: RasterImage, tensor: Tensor) {
        let image: RasterImage
        do {
            image = try RasterImage(contentsOfFile: path, maximumSamples: maximumSamples)
        } catch {
            if case let .dimensionsOutOfRange(_, width, height, channels) = error,
               (1...RasterImage.maximumSide).contains(width), (1...RasterImage.maximumSide).contains(height) {
                throw .usage("\(path) is \(width) x \(height) x \(channels) = \(width * height * channels) samples; the filter scenes allow at most \(maximumSamples) (e.g. 2048 x 2048 RGB); crop or scale it first")
            }
            throw .noInput(error.description)
        }
        let samples = image.width * image.height * image.channels
        guard samples <= maximumSamples else {
            throw .usage("\(path) is \(image.width) x \(image.height) x \(image.channels) = \(samples) samples; the filter scenes allow at most \(maximumSamples) (e.g. 2048 x 2048 RGB); crop or scale it first")
        }
        do {
            return (image, try image.tensor())
        } catch {
            throw .noInput("\(path): \(error.description)")
        }
    }

    /// The file name after the last '/'.
    static func fileName(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }

    /// Checks `--out`'s name before any work: .png, .pgm (grey only) or .ppm.
    static func outputFormat(_ path: String, channels: Int) throws(CLIError) -> ImageFormat {
        guard let format = ImageFormat(pathExtensionOf: path) else {
            throw .usage("--out '\(path)' has no image extension; allowed: .png, .pgm (grey images), .ppm")
        }
        if format == .pgm && channels != 1 {
            throw .usage("--out '\(path)': a colour result cannot be written as PGM (grey); allowed: .png or .ppm")
        }
        return format
    }

    /// Writes `tensor` (1 x C x H x W display values 0-255) to `path` atomically.
    /// - Throws: ``CLIError`` with exit status 73 (EX_CANTCREAT) when the file cannot be written.
    static func write(_ tensor: Tensor, to path: String, format: ImageFormat) throws(CLIError) {
        do {
            try RasterImage(tensor: tensor).write(toFile: path, format: format)
        } catch {
            throw CLIError(description: error.description, exitCode: 73)
        }
    }

    /// Refuses an `--out` path that names the input file itself (the same file by device and
    /// inode, so another spelling or a link is caught too).
    static func checkNotInput(_ out: String, input: String) throws(CLIError) {
        var a = stat(), b = stat()
        guard stat(out, &a) == 0, stat(input, &b) == 0 else { return }
        if a.st_dev == b.st_dev && a.st_ino == b.st_ino {
            throw .usage("--out '\(out)' is the input image; allowed: a different file (the photo is never overwritten)")
        }
    }
}
