import Testing
import Foundation
import ConvImages

/// Damaged, truncated, mislabelled and missing files are refused with a message naming the file
/// and the problem, never a trap.
@Suite struct MalformedFileTests {
    @Test func missingFileIsItsOwnCase() {
        let path = Assets.path("no-such-photo.png")
        #expect(throws: ImageError.fileNotFound(path: path)) { try RasterImage(contentsOfFile: path) }
        #expect(ImageError.fileNotFound(path: path).isFileNotFound)
        #expect(ImageError.fileNotFound(path: "x.png").description == "x.png: no such file")
    }

    @Test func directoryIsUnreadable() {
        #expect(throws: ImageError.unreadable(path: Assets.folder, reason: "it is a directory")) {
            try RasterImage(contentsOfFile: Assets.folder)
        }
    }

    @Test func wrongMagicIsUnsupported() throws {
        let gif = Array("GIF89a\u{1}\u{0}\u{1}\u{0}".utf8)
        #expect(throws: ImageError.unsupportedFormat(path: "cat.gif", reason: "starts with bytes 47 49 46 38 39 61 01 00, not PNG (89 50 4E 47 0D 0A 1A 0A) or netpbm (P2, P3, P5, P6)")) {
            try RasterImage(decoding: gif, path: "cat.gif")
        }
        #expect(throws: ImageError.unsupportedFormat(path: "empty.png", reason: "the file is empty")) {
            try RasterImage(decoding: [], path: "empty.png")
        }
        // A PNG whose signature lost its first byte.
        var png = try Assets.bytes("camera.png")
        png[0] = 0x88
        #expect(throws: ImageError.self) { try RasterImage(decoding: png, path: "camera.png") }
    }

    @Test(arguments: ["astronaut.png", "camera.png", "astronaut.ppm", "camera.pgm"])
    func truncatedFilesAreMalformed(_ name: String) throws {
        let bytes = try Assets.bytes(name)
        for cut in [9, 40, bytes.count / 2, bytes.count - 13, bytes.count - 1] {
            do {
                _ = try RasterImage(decoding: Array(bytes[0..<cut]), path: name)
                // A PNG cut inside IEND's CRC alone may still decode; netpbm must not.
                #expect(name.hasSuffix(".png") && cut >= bytes.count - 12, "\(name) cut at \(cut) decoded")
            } catch {
                if case let .malformed(path, _, reason) = error {
                    #expect(path == name && !reason.isEmpty)
                    #expect(error.description.hasPrefix("\(name): malformed "))
                } else {
                    Issue.record("\(name) cut at \(cut): \(error)")
                }
            }
        }
    }

    @Test func corruptedPNGDataIsReportedWithLibpngsMessage() throws {
        var bytes = try Assets.bytes("camera.png")
        // Flip bytes inside the first IDAT's data: its CRC no longer matches.
        for i in 100..<110 { bytes[i] ^= 0xFF }
        #expect {
            try RasterImage(decoding: bytes, path: "camera.png")
        } throws: { error in
            guard case let .malformed(path, format, reason)? = error as? ImageError else { return false }
            return path == "camera.png" && format == "PNG" && !reason.isEmpty
        }
    }

    /// Seeded random damage to small and large files: every outcome is an image or an ImageError.
    @Test func fuzzedBytesNeverTrap() throws {
        var generator = SplitMix64(seed: 0x5EED)
        let seeds: [[UInt8]] = [
            try SmallImages.bytes("palette8.png"), try SmallImages.bytes("interlaced9.png"),
            try SmallImages.bytes("rgb16.png"), try Assets.bytes("camera-16.pgm"),
            Array("P3 2 2 255 1 2 3 4 5 6 7 8 9 10 11 12".utf8), Array("P2\n# c\n2 1 65535 0 65535".utf8),
        ]
        var decoded = 0, refused = 0
        for round in 0..<3000 {
            var bytes = seeds[round % seeds.count]
            let edits = 1 + Int(generator.next() % 6)
            for _ in 0..<edits {
                let position = Int(generator.next() % UInt64(bytes.count))
                switch generator.next() % 4 {
                case 0: bytes[position] = UInt8(truncatingIfNeeded: generator.next())
                case 1: bytes[position] ^= 1 << UInt8(generator.next() % 8)
                case 2: bytes.removeSubrange(position...)
                default: bytes.insert(UInt8(truncatingIfNeeded: generator.next()), at: position)
                }
                if bytes.isEmpty { break }
            }
            do {
                let image = try RasterImage(decoding: bytes, path: "fuzz")
                #expect(image.pixels.count == image.width * image.height * image.channels)
                decoded += 1
            } catch {
                refused += 1
            }
        }
        #expect(decoded + refused == 3000)
        #expect(refused > 0)
    }
}

/// A small deterministic generator (Steele, Lea and Flood 2014, "Fast splittable pseudorandom
/// number generators").
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
