/// A character stored inline as its UTF-8 bytes (at most 15; the 16th byte is the count), so that
/// a ``Cell`` holds no reference: copying a canvas is a memory copy and comparing two cells
/// compares two words, with no reference counting (which dominated frame diffs with `Character`).
/// A character longer than 15 UTF-8 bytes (a long emoji sequence) is stored as U+FFFD.
public struct PackedGlyph: Hashable, Sendable {
    private var low: UInt64
    private var high: UInt64

    /// `character`'s bytes.
    public init(_ character: Character) {
        var low: UInt64 = 0, high: UInt64 = 0
        var count = 0
        let utf8 = character.utf8
        if utf8.count > 15 {
            // U+FFFD REPLACEMENT CHARACTER: EF BF BD.
            low = 0xBD_BF_EF
            count = 3
        } else {
            for byte in utf8 {
                if count < 8 { low |= UInt64(byte) << (8 * UInt64(count)) } else { high |= UInt64(byte) << (8 * UInt64(count - 8)) }
                count += 1
            }
        }
        high |= UInt64(count) << 56
        self.low = low
        self.high = high
    }

    /// The number of UTF-8 bytes.
    public var byteCount: Int { Int(high >> 56) }

    /// The first UTF-8 byte (0 for NUL).
    public var firstByte: UInt8 { UInt8(truncatingIfNeeded: low) }

    /// The character.
    public var character: Character {
        let n = byteCount
        if n == 1 { return Character(Unicode.Scalar(UInt8(truncatingIfNeeded: low))) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(n)
        for i in 0..<n {
            bytes.append(i < 8 ? UInt8(truncatingIfNeeded: low >> (8 * UInt64(i))) : UInt8(truncatingIfNeeded: high >> (8 * UInt64(i - 8))))
        }
        return String(decoding: bytes, as: UTF8.self).first ?? "\u{FFFD}"
    }
}
