import Testing
import ConvCore
import ConvDiagrams
import ConvImages
import ConvTestSupport

struct FiltersFile: Decodable {
    struct Image: Decodable { var image: String; var pixels: TensorJSON }
    var images: [Image]
}

struct RGBBankFile: Decodable { var input: TensorJSON }

/// The photos of assets/images: each PNG decodes to the same pixels as its netpbm twin, and the
/// decoded pixels are the ones the PyTorch reference vectors were computed from.
@Suite struct PhotoTests {
    @Test(arguments: [("astronaut.png", "astronaut.ppm", 256, 256, 3), ("camera.png", "camera.pgm", 256, 256, 1),
                      ("chelsea.png", "chelsea.ppm", 300, 225, 3), ("coins.png", "coins.pgm", 192, 152, 1)])
    func pngAndNetpbmDecodeToTheSamePixels(_ pair: (String, String, Int, Int, Int)) throws {
        let png = try RasterImage(contentsOfFile: Assets.path(pair.0))
        let netpbm = try RasterImage(contentsOfFile: Assets.path(pair.1))
        #expect(png.width == pair.2 && png.height == pair.3 && png.channels == pair.4)
        #expect(png == netpbm)
    }

    @Test func camera16MatchesThePixelsOfFiltersJSON() throws {
        let file = try Fixtures.decode(FiltersFile.self, from: "filters.json")
        let image = try RasterImage(contentsOfFile: Assets.path("camera-16.pgm"))
        for entry in file.images {
            #expect(entry.image == "camera-16.pgm")
            #expect(try image.tensor() == entry.pixels.tensor())
        }
    }

    @Test func astronautCropMatchesTheInputOfRGBBankJSON() throws {
        // rgb_bank.json: astronaut.ppm rows 100-107, columns 120-127.
        let file = try Fixtures.decode(RGBBankFile.self, from: "rgb_bank.json")
        for name in ["astronaut.ppm", "astronaut.png"] {
            let crop = try RasterImage(contentsOfFile: Assets.path(name)).cropped(top: 100, left: 120, height: 8, width: 8)
            #expect(try crop.tensor() == file.input.tensor(), "\(name)")
        }
    }

    @Test func tensorIsChannelPlanesOfBytesAsFloat() throws {
        let image = try RasterImage(width: 2, height: 1, channels: 3, pixels: [1, 2, 3, 4, 5, 6])
        let tensor = try image.tensor()
        #expect(tensor.shape == [1, 3, 1, 2])
        #expect(tensor.data == [1, 4, 2, 5, 3, 6])
        #expect(try RasterImage(tensor: tensor) == image)
    }

    @Test func tensorToImageRoundsAndClamps() throws {
        let tensor = try Tensor(shape: [1, 1, 1, 6], data: [-3, 0.49, 0.5, 254.6, 999, .nan])
        #expect(try RasterImage(tensor: tensor).pixels == [0, 0, 1, 255, 255, 0])
        #expect(throws: ImageError.self) { try RasterImage(tensor: Tensor(zeros: [1, 2, 3, 3])) }
        #expect(throws: ImageError.self) { try RasterImage(tensor: Tensor(zeros: [3, 3])) }
    }

    @Test func invalidConstructionsAreErrors() throws {
        #expect(throws: ImageError.self) { try RasterImage(width: 2, height: 2, channels: 1, pixels: [1, 2, 3]) }
        #expect(throws: ImageError.self) { try RasterImage(width: 1, height: 1, channels: 4, pixels: [1, 2, 3, 4]) }
        #expect(throws: ImageError.self) { try RasterImage(width: -1, height: 1, channels: 1, pixels: []) }
        let image = try RasterImage(width: 2, height: 2, channels: 1, pixels: [1, 2, 3, 4])
        #expect(throws: ImageError.self) { try image.cropped(top: 1, left: 1, height: 2, width: 1) }
        #expect(throws: ImageError.self) { try image.cropped(top: Int.max, left: 0, height: Int.max, width: 1) }
        #expect(try image.cropped(top: 1, left: 1, height: 1, width: 1).pixels == [4])
        #expect(image.sample(row: 1, column: 0, channel: 0) == 3)
        #expect(image.sample(row: 2, column: 0, channel: 0) == nil)
    }
}
