/// The image file formats ConvScope reads and writes.
///
/// Sources: the PNG specification (ISO/IEC 15948, W3C PNG 2nd edition), read and written
/// through libpng's simplified API; netpbm's `pgm(5)` and `ppm(5)` manual pages (magic numbers
/// P2/P5 for grey, P3/P6 for colour; "plain" = ASCII decimal samples, otherwise binary).
public enum ImageFormat: String, Equatable, Sendable, CaseIterable, CustomStringConvertible {
    /// PNG, 8 bits per sample, grey or RGB.
    case png
    /// Binary PGM (P5), grey.
    case pgm
    /// Binary PPM (P6), RGB.
    case ppm
    /// Plain (ASCII) PGM (P2), grey.
    case plainPGM = "plain-pgm"
    /// Plain (ASCII) PPM (P3), RGB.
    case plainPPM = "plain-ppm"

    /// The format a file name asks for: ".png", ".pgm" or ".ppm" (any letter case); nil otherwise.
    public init?(pathExtensionOf path: String) {
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return nil }
        switch path[path.index(after: dot)...].lowercased() {
        case "png": self = .png
        case "pgm": self = .pgm
        case "ppm": self = .ppm
        default: return nil
        }
    }

    /// The format the first bytes announce: PNG's 8-byte signature (89 50 4E 47 0D 0A 1A 0A) or
    /// a netpbm magic number ("P2", "P3", "P5", "P6"); nil for anything else.
    public static func detect(_ bytes: [UInt8]) -> ImageFormat? {
        if bytes.count >= 8, Array(bytes[0..<8]) == PNGCodec.signature { return .png }
        guard bytes.count >= 2, bytes[0] == UInt8(ascii: "P") else { return nil }
        switch bytes[1] {
        case UInt8(ascii: "2"): return .plainPGM
        case UInt8(ascii: "3"): return .plainPPM
        case UInt8(ascii: "5"): return .pgm
        case UInt8(ascii: "6"): return .ppm
        default: return nil
        }
    }


    /// The channel count a netpbm format stores (1 for PGM, 3 for PPM); nil for PNG (either).
    public var netpbmChannels: Int? {
        switch self {
        case .png: return nil
        case .pgm, .plainPGM: return 1
        case .ppm, .plainPPM: return 3
        }
    }

    public var description: String {
        switch self {
        case .png: return "PNG"
        case .pgm: return "PGM (P5)"
        case .ppm: return "PPM (P6)"
        case .plainPGM: return "plain PGM (P2)"
        case .plainPPM: return "plain PPM (P3)"
        }
    }
}
