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
            image = try RasterImage(contentsOfFile: path)
        } catch {
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
    static func write(_ tensor: Tensor, to path: String, format: ImageFormat) throws(CLIError) {
        do {
            try RasterImage(tensor: tensor).write(toFile: path, format: format)
        } catch {
            throw .noInput(error.description)
        }
    }
}
