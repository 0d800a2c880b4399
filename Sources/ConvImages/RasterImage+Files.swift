import ConvFiles

extension RasterImage {
    /// Reads and decodes an image file, choosing the decoder by the file's first bytes (not its
    /// name): PNG (through libpng) or netpbm PGM/PPM (P2, P3, P5, P6).
    ///
    ///     let photo = try RasterImage(contentsOfFile: "assets/images/astronaut.png")   // 256 x 256 x 3
    /// - Parameter path: a file path, relative to the working directory or absolute.
    /// - Throws: ``ImageError/fileNotFound(path:)`` when nothing exists at `path` (the command line
    ///   exits 66 for it); ``ImageError/unreadable(path:reason:)`` for directories, permissions and
    ///   files over ``maximumFileSize``; and the errors of ``init(decoding:path:)``.
    /// - Parameter maximumSamples: width x height x channels allowed, checked from the header
    ///   before any pixel is decoded (``ImageError/dimensionsOutOfRange(path:width:height:channels:)``).
    public init(contentsOfFile path: String, maximumSamples: Int = RasterImage.maximumSampleCount) throws(ImageError) {
        let bytes: [UInt8]
        do throws(FileFailure) {
            bytes = try BoundedFile.read(path, limit: Self.maximumFileSize)
        } catch {
            switch error {
            case let .notFound(path): throw .fileNotFound(path: path)
            case let .unreadable(path, reason): throw .unreadable(path: path, reason: reason)
            case let .tooLarge(path, size, limit): throw .unreadable(path: path, reason: "the file has \(size) bytes; allowed: at most \(limit)")
            case let .writeFailed(path, reason): throw .writeFailed(path: path, reason: reason)
            }
        }
        try self.init(decoding: bytes, path: path, maximumSamples: maximumSamples)
    }

    /// Decodes the bytes of a PNG or netpbm file; see ``PNGCodec`` and ``NetpbmCodec``.
    /// - Parameters:
    ///   - bytes: the whole file.
    ///   - path: the name used in error messages.
    /// - Throws: ``ImageError/unsupportedFormat(path:reason:)`` for an empty file or an unknown
    ///   magic number, ``ImageError/malformed(path:format:reason:)`` for damaged or truncated data,
    ///   ``ImageError/dimensionsOutOfRange(path:width:height:channels:)`` for absurd sizes.
    ///   Never traps, whatever the bytes.
    public init(decoding bytes: [UInt8], path: String = "<memory>", maximumSamples: Int = RasterImage.maximumSampleCount) throws(ImageError) {
        switch ImageFormat.detect(bytes) {
        case .png?:
            self = try PNGCodec.decode(bytes, path: path, maximumSamples: maximumSamples)
        case .some:
            self = try NetpbmCodec.decode(bytes, path: path, maximumSamples: maximumSamples)
        case nil:
            throw .unsupportedFormat(path: path, reason: NetpbmCodec.magicDescription(bytes))
        }
    }

    /// The bytes of this image in `format` (netpbm with maxval 255; PNG 8-bit).
    /// - Throws: ``ImageError/invalidImage(_:)`` for an RGB image as PGM,
    ///   ``ImageError/writeFailed(path:reason:)`` if libpng refuses.
    public func encoded(as format: ImageFormat) throws(ImageError) -> [UInt8] {
        switch format {
        case .png: return try PNGCodec.encode(self)
        case .pgm: return try NetpbmCodec.encode(self, channels: 1, plain: false)
        case .ppm: return try NetpbmCodec.encode(self, channels: 3, plain: false)
        case .plainPGM: return try NetpbmCodec.encode(self, channels: 1, plain: true)
        case .plainPPM: return try NetpbmCodec.encode(self, channels: 3, plain: true)
        }
    }

    /// Writes the image to `path` atomically: the bytes go to a temporary file in the same folder,
    /// which is flushed and then renamed over `path`, so a reader never sees a partial file and a
    /// failed write leaves `path` as it was.
    /// - Parameters:
    ///   - path: the destination.
    ///   - format: the encoding; nil takes it from the name's extension (.png, .pgm, .ppm).
    /// - Throws: ``ImageError/writeFailed(path:reason:)`` for an unknown extension or a system
    ///   error (missing folder, permission, full disk), ``ImageError/invalidImage(_:)`` for an RGB
    ///   image written as PGM.
    public func write(toFile path: String, format: ImageFormat? = nil) throws(ImageError) {
        guard let chosen = format ?? ImageFormat(pathExtensionOf: path) else {
            throw .writeFailed(path: path, reason: "unknown image extension; allowed: .png, .pgm, .ppm")
        }
        let bytes: [UInt8]
        do {
            bytes = try encoded(as: chosen)
        } catch let error {
            if case let .writeFailed(_, reason) = error { throw .writeFailed(path: path, reason: reason) }
            throw error
        }
        do throws(FileFailure) {
            try BoundedFile.writeAtomically(bytes, to: path)
        } catch {
            if case let .writeFailed(path, reason) = error { throw .writeFailed(path: path, reason: reason) }
            throw .writeFailed(path: path, reason: error.description)
        }
    }
}
