/// Reads and writes netpbm grey and colour maps: PGM (P2 plain, P5 binary) and PPM (P3 plain,
/// P6 binary).
///
/// Source: netpbm's `pgm(5)` and `ppm(5)` manual pages. The header is the magic number, then
/// width, height and maxval as ASCII decimals separated by whitespace, with `#` comments running
/// to the end of a line anywhere before the raster. A binary raster follows exactly one
/// whitespace byte after maxval, one byte per sample when maxval < 256, else two bytes, most
/// significant first. A plain raster is ASCII decimals (comments are tolerated there too).
/// maxval is 1...65535; samples are rescaled to 0-255 as round(v x 255 / maxval), the rule of
/// netpbm's `pamdepth 255`. Only the first image of a multi-image file is read.
public enum NetpbmCodec {
    /// Decodes a PGM or PPM file's bytes.
    /// - Parameters:
    ///   - bytes: the whole file.
    ///   - path: the name used in error messages.
    /// - Returns: a grey (PGM) or RGB (PPM) image.
    /// - Throws: ``ImageError/unsupportedFormat(path:reason:)`` for another magic number (PBM and
    ///   PAM included), ``ImageError/malformed(path:format:reason:)`` for a bad header token, a
    ///   maxval outside 1...65535, a sample above maxval or a truncated raster,
    ///   ``ImageError/dimensionsOutOfRange(path:width:height:channels:)`` for absurd sizes (checked
    ///   before anything is allocated).
    /// - Complexity: O(bytes.count).
    public static func decode(_ bytes: [UInt8], path: String, maximumSamples: Int = RasterImage.maximumSampleCount) throws(ImageError) -> RasterImage {
        guard let format = ImageFormat.detect(bytes), let channels = format.netpbmChannels else {
            throw .unsupportedFormat(path: path, reason: Self.magicDescription(bytes))
        }
        let plain = format == .plainPGM || format == .plainPPM
        var reader = Reader(bytes: bytes, position: 2, path: path, format: format.description)
        let width = try reader.header("width")
        let height = try reader.header("height")
        let maxval = try reader.header("maxval")
        let count = try RasterImage.sampleCount(width: width, height: height, channels: channels, path: path, limit: maximumSamples)
        guard (1...65535).contains(maxval) else {
            throw reader.malformed("maxval \(maxval) is out of range; allowed: 1...65535")
        }
        var samples = [UInt8](repeating: 0, count: count)
        if plain {
            for i in 0..<count {
                guard let value = try reader.sample(index: i, count: count) else {
                    throw reader.malformed("truncated raster: expected \(count) samples, found \(i)")
                }
                samples[i] = try scale(value, maxval: maxval, index: i, width: width, channels: channels, reader: reader)
            }
        } else {
            // Exactly one whitespace byte separates maxval from the raster.
            guard reader.position < bytes.count, Reader.isWhitespace(bytes[reader.position]) else {
                throw reader.malformed("expected one whitespace byte after maxval at byte \(reader.position)")
            }
            let start = reader.position + 1
            let bytesPerSample = maxval < 256 ? 1 : 2
            let needed = count * bytesPerSample
            let available = bytes.count - start
            guard available >= needed else {
                throw reader.malformed("truncated raster: needs \(needed) bytes after the header, found \(available)")
            }
            try bytes.withUnsafeBufferPointer { (src) throws(ImageError) in
                for i in 0..<count {
                    let value = bytesPerSample == 1
                        ? Int(src[start + i])
                        : Int(src[start + 2 * i]) << 8 | Int(src[start + 2 * i + 1])
                    samples[i] = try scale(value, maxval: maxval, index: i, width: width, channels: channels, reader: reader)
                }
            }
        }
        return RasterImage(unchecked: width, height, channels, samples)
    }

    /// round(value x 255 / maxval), after checking value <= maxval.
    private static func scale(_ value: Int, maxval: Int, index: Int, width: Int, channels: Int,
                              reader: Reader) throws(ImageError) -> UInt8 {
        guard value <= maxval else {
            let pixel = index / channels
            throw reader.malformed("sample \(value) at row \(pixel / width), column \(pixel % width) exceeds maxval \(maxval)")
        }
        if maxval == 255 { return UInt8(value) }
        return UInt8((value * 255 + maxval / 2) / maxval)
    }

    /// Encodes `image` as PGM (grey) or PPM (RGB) with maxval 255.
    /// - Parameters:
    ///   - plain: true for the ASCII variants P2/P3 (lines of at most 70 characters, as `pgm(5)`
    ///     asks), false for binary P5/P6.
    /// - Returns: the file's bytes. A grey image asked for as PPM is written with three equal
    ///   channels; an RGB image cannot be written as PGM (see the throws).
    /// - Throws: ``ImageError/invalidImage(_:)`` for an RGB image and `channels == 1`.
    public static func encode(_ image: RasterImage, channels: Int, plain: Bool) throws(ImageError) -> [UInt8] {
        guard channels == 3 || image.channels == 1 else {
            throw .invalidImage("an RGB image cannot be written as PGM (grey); write PPM or PNG")
        }
        let source = channels == 3 ? image.expandedToRGB() : image
        let magic = channels == 1 ? (plain ? "P2" : "P5") : (plain ? "P3" : "P6")
        var out = Array("\(magic)\n\(image.width) \(image.height)\n255\n".utf8)
        guard plain else {
            out.append(contentsOf: source.pixels)
            return out
        }
        out.reserveCapacity(out.count + source.pixels.count * 4)
        var lineLength = 0
        for value in source.pixels {
            let text = Array(String(value).utf8)
            if lineLength > 0 {
                if lineLength + 1 + text.count > 70 {
                    out.append(UInt8(ascii: "\n")); lineLength = 0
                } else {
                    out.append(UInt8(ascii: " ")); lineLength += 1
                }
            }
            out.append(contentsOf: text)
            lineLength += text.count
        }
        out.append(UInt8(ascii: "\n"))
        return out
    }

    /// "starts with bytes 47 49 46 38, not PNG (89 50 4E 47 ...) or netpbm (P2, P3, P5, P6)".
    static func magicDescription(_ bytes: [UInt8]) -> String {
        if bytes.isEmpty { return "the file is empty" }
        if bytes.count >= 2, bytes[0] == UInt8(ascii: "P") {
            switch bytes[1] {
            case UInt8(ascii: "1"), UInt8(ascii: "4"):
                return "netpbm bitmap (PBM, P\(Character(UnicodeScalar(bytes[1])))) is not supported; allowed: PGM (P2, P5), PPM (P3, P6), PNG"
            case UInt8(ascii: "7"):
                return "netpbm PAM (P7) is not supported; allowed: PGM (P2, P5), PPM (P3, P6), PNG"
            default: break
            }
        }
        let hex = bytes.prefix(8).map { byte -> String in
            let digits = String(byte, radix: 16, uppercase: true)
            return digits.count == 1 ? "0" + digits : digits
        }
        return "starts with bytes \(hex.joined(separator: " ")), not PNG (89 50 4E 47 0D 0A 1A 0A) or netpbm (P2, P3, P5, P6)"
    }

    /// A cursor over the header and plain raster.
    struct Reader {
        let bytes: [UInt8]
        var position: Int
        let path: String
        let format: String

        static func isWhitespace(_ byte: UInt8) -> Bool {
            byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0B || byte == 0x0C || byte == 0x0D
        }

        static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

        func malformed(_ reason: String) -> ImageError {
            .malformed(path: path, format: format, reason: reason)
        }

        /// Skips whitespace and `#` comments (to the next CR or LF).
        mutating func skipSeparators() {
            while position < bytes.count {
                let byte = bytes[position]
                if Self.isWhitespace(byte) {
                    position += 1
                } else if byte == UInt8(ascii: "#") {
                    while position < bytes.count, bytes[position] != 0x0A, bytes[position] != 0x0D { position += 1 }
                } else {
                    return
                }
            }
        }

        /// The next decimal token, or nil at the end of the bytes. Values above 10^9 are reported
        /// as such, never computed with overflow.
        mutating func decimal(_ name: @autoclosure () -> String) throws(ImageError) -> Int? {
            skipSeparators()
            guard position < bytes.count else { return nil }
            let start = position
            var value = 0
            while position < bytes.count, Self.isDigit(bytes[position]) {
                if value <= 1_000_000_000 { value = value * 10 + Int(bytes[position] - 0x30) }
                position += 1
            }
            guard position > start else {
                throw malformed("\(name()): unexpected byte \(Self.show(bytes[position])) at byte \(position); expected a decimal number")
            }
            if position < bytes.count, !Self.isWhitespace(bytes[position]), bytes[position] != UInt8(ascii: "#") {
                throw malformed("\(name()): unexpected byte \(Self.show(bytes[position])) at byte \(position) after the number")
            }
            return value
        }

        /// A header field (width, height, maxval).
        mutating func header(_ name: String) throws(ImageError) -> Int {
            guard let value = try decimal(name) else {
                throw malformed("truncated header: missing \(name)")
            }
            return value
        }

        /// Sample `index` of a plain raster, or nil when the bytes end.
        mutating func sample(index: Int, count: Int) throws(ImageError) -> Int? {
            try decimal("sample \(index + 1) of \(count)")
        }

        static func show(_ byte: UInt8) -> String {
            if byte >= 0x21 && byte < 0x7F { return "'\(Character(UnicodeScalar(byte)))'" }
            let digits = String(byte, radix: 16, uppercase: true)
            return "0x" + (digits.count == 1 ? "0" + digits : digits)
        }
    }
}
