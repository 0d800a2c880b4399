import Testing
import ConvImages

/// Each fixture was assembled byte by byte from the PNG specification by
/// make_image_fixtures.py; the expected samples below are the values written there (16-bit
/// samples v restated as round(v x 255 / 65535)).
@Suite struct PNGDecodingTests {
    func decode(_ name: String) throws -> RasterImage {
        try RasterImage(contentsOfFile: SmallImages.path(name))
    }

    @Test func grey8() throws {
        let image = try decode("grey8.png")
        #expect(image.width == 3 && image.height == 2 && image.channels == 1)
        #expect(image.pixels == [0, 128, 255, 10, 20, 30])
    }

    @Test func greyWithAlphaDropsTheAlpha() throws {
        let image = try decode("grey-alpha8.png")
        #expect(image.channels == 1)
        #expect(image.pixels == [0, 128, 255, 10, 20, 30])
    }

    @Test func rgb8() throws {
        let image = try decode("rgb8.png")
        #expect(image.width == 2 && image.height == 2 && image.channels == 3)
        #expect(image.pixels == [255, 0, 0, 0, 255, 0, 0, 0, 255, 1, 2, 3])
    }

    @Test func rgbaKeepsTheColourOfTransparentPixels() throws {
        let image = try decode("rgba8.png")
        #expect(image.channels == 3)
        #expect(image.pixels == [255, 0, 0, 0, 255, 0, 40, 50, 60, 7, 8, 9])
    }

    @Test func paletteWithTransparency() throws {
        let image = try decode("palette8.png")
        #expect(image.width == 3 && image.height == 2 && image.channels == 3)
        #expect(image.pixels == [0, 0, 0, 200, 100, 50, 255, 255, 255,
                                 12, 34, 56, 255, 255, 255, 200, 100, 50])
    }

    @Test func twoBitPalette() throws {
        let image = try decode("palette2.png")
        #expect(image.width == 5 && image.height == 1)
        #expect(image.pixels == [12, 34, 56, 255, 255, 255, 200, 100, 50, 0, 0, 0, 12, 34, 56])
    }

    @Test func oneBitGrey() throws {
        let image = try decode("grey1.png")
        #expect(image.pixels == [255, 0, 255, 255, 0, 0, 255, 0, 255, 255])
    }

    @Test func sixteenBitGreyIsScaledTo8Bits() throws {
        let image = try decode("grey16.png")
        // 0, 65535, 25700 = 100 x 257, 1000 (1000 x 255 / 65535 = 3.89).
        #expect(image.pixels == [0, 255, 100, 4])
    }

    @Test func sixteenBitRGBIsScaledTo8Bits() throws {
        let image = try decode("rgb16.png")
        #expect(image.channels == 3)
        #expect(image.pixels == [255, 0, 128, 1, 2, 3])
    }

    @Test func adam7Interlaced() throws {
        let image = try decode("interlaced9.png")
        #expect(image.width == 9 && image.height == 9)
        #expect(image.pixels == (0..<9).flatMap { row in (0..<9).map { UInt8(10 * row + $0) } })
    }

    @Test func hugeHeaderIsRefusedBeforeDecoding() throws {
        let path = SmallImages.path("huge-header.png")
        #expect(throws: ImageError.dimensionsOutOfRange(path: path, width: 100000, height: 100000, channels: 1)) {
            try RasterImage(contentsOfFile: path)
        }
    }
}
