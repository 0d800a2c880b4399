import Testing
import ConvImages

/// Hand-written netpbm files (pgm(5), ppm(5)) with the samples they must decode to.
@Suite struct NetpbmTests {
    func decode(_ text: String) throws -> RasterImage {
        try RasterImage(decoding: Array(text.utf8), path: "test.pnm")
    }

    @Test func plainPGMWithComments() throws {
        let image = try decode("P2\n# a comment\n3 2 # trailing comment\n255\n0 128 255\n# between samples\n10 20 30\n")
        #expect(image.width == 3 && image.height == 2 && image.channels == 1)
        #expect(image.pixels == [0, 128, 255, 10, 20, 30])
    }

    @Test func plainPPMWithSmallMaxval() throws {
        // maxval 15: v -> round(v x 255 / 15) = 17 v.
        let image = try decode("P3 2 1 15  15 0 1   7 8 15")
        #expect(image.channels == 3)
        #expect(image.pixels == [255, 0, 17, 119, 136, 255])
    }

    @Test func plainPGMMaxval1000() throws {
        // 500 x 255 / 1000 = 127.5 -> 128 (half up); 1 x 255 / 1000 = 0.255 -> 0; 2 -> 0.51 -> 1.
        let image = try decode("P2\n3 1\n1000\n500 1 2\n")
        #expect(image.pixels == [128, 0, 1])
    }

    @Test func binaryPGMWithCommentInHeader() throws {
        let bytes = Array("P5\n#c\n2 2\n255\n".utf8) + [0, 1, 254, 255]
        let image = try RasterImage(decoding: bytes, path: "b.pgm")
        #expect(image.pixels == [0, 1, 254, 255])
    }

    @Test func binaryPPM16Bit() throws {
        // Big-endian samples: 65535 -> 255, 0 -> 0, 257 -> 1, 32896 -> 128, 1000 -> 4, 25700 -> 100.
        let header = Array("P6 2 1 65535\n".utf8)
        let raster: [UInt8] = [0xFF, 0xFF, 0x00, 0x00, 0x01, 0x01, 0x80, 0x80, 0x03, 0xE8, 0x64, 0x64]
        let image = try RasterImage(decoding: header + raster, path: "w.ppm")
        #expect(image.channels == 3)
        #expect(image.pixels == [255, 0, 1, 128, 4, 100])
    }

    @Test func binaryWithMaxvalBelow255() throws {
        let bytes = Array("P5 3 1 3\n".utf8) + [0, 2, 3]
        #expect(try RasterImage(decoding: bytes, path: "x").pixels == [0, 170, 255])
    }

    @Test func trailingDataAfterTheFirstImageIsIgnored() throws {
        let bytes = Array("P5 1 1 255\n".utf8) + [42] + Array("P5 1 1 255\n".utf8) + [7]
        #expect(try RasterImage(decoding: bytes, path: "x").pixels == [42])
    }

    @Test(arguments: [
        ("P2 2 1 255 1", "truncated raster: expected 2 samples, found 1"),
        ("P2 2 1 255 1 300", "sample 300 at row 0, column 1 exceeds maxval 255"),
        ("P2 2 1 0 1 1", "maxval 0 is out of range; allowed: 1...65535"),
        ("P2 2 1 65536 1 1", "maxval 65536 is out of range; allowed: 1...65535"),
        ("P2 2 x 255", "height: unexpected byte 'x' at byte 5; expected a decimal number"),
        ("P2 2", "truncated header: missing height"),
        ("P2 2 1 255 1 2a", "sample 2 of 2: unexpected byte 'a' at byte 14 after the number"),
        ("P5 2 2 255\n\u{1}\u{2}\u{3}", "truncated raster: needs 4 bytes after the header, found 3"),
        ("P5 1 1 255", "expected one whitespace byte after maxval at byte 10"),
    ])
    func malformedFilesNameTheProblem(_ example: (String, String)) {
        #expect(throws: ImageError.malformed(path: "bad.pgm",
                                             format: example.0.hasPrefix("P2") ? "plain PGM (P2)" : "PGM (P5)",
                                             reason: example.1)) {
            try RasterImage(decoding: Array(example.0.utf8), path: "bad.pgm")
        }
    }

    @Test func absurdDimensionsAreRefusedBeforeAllocating() {
        #expect(throws: ImageError.dimensionsOutOfRange(path: "big.pgm", width: 100000, height: 100000, channels: 1)) {
            try RasterImage(decoding: Array("P5 100000 100000 255\n".utf8), path: "big.pgm")
        }
        // Each side within 16384, but 16384 x 16384 x 3 > 2^28 samples.
        #expect(throws: ImageError.dimensionsOutOfRange(path: "big.ppm", width: 16384, height: 16384, channels: 3)) {
            try RasterImage(decoding: Array("P6 16384 16384 255\n".utf8), path: "big.ppm")
        }
        #expect(throws: ImageError.dimensionsOutOfRange(path: "zero.pgm", width: 0, height: 5, channels: 1)) {
            try RasterImage(decoding: Array("P5 0 5 255\n".utf8), path: "zero.pgm")
        }
        // A number far beyond Int's range is read without overflow.
        #expect(throws: ImageError.self) {
            try RasterImage(decoding: Array("P5 99999999999999999999999999 1 255\n".utf8), path: "o.pgm")
        }
    }

    @Test func otherNetpbmVariantsAreUnsupported() {
        #expect(throws: ImageError.unsupportedFormat(path: "a.pbm", reason: "netpbm bitmap (PBM, P4) is not supported; allowed: PGM (P2, P5), PPM (P3, P6), PNG")) {
            try RasterImage(decoding: Array("P4 1 1\n\u{0}".utf8), path: "a.pbm")
        }
        #expect(throws: ImageError.unsupportedFormat(path: "a.pam", reason: "netpbm PAM (P7) is not supported; allowed: PGM (P2, P5), PPM (P3, P6), PNG")) {
            try RasterImage(decoding: Array("P7\nWIDTH 1\n".utf8), path: "a.pam")
        }
    }

    @Test func errorTextNamesTheFile() {
        let error = ImageError.malformed(path: "cam.pgm", format: "PGM (P5)", reason: "truncated raster: needs 4 bytes after the header, found 3")
        #expect(error.description == "cam.pgm: malformed PGM (P5): truncated raster: needs 4 bytes after the header, found 3")
    }
}
