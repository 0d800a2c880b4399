import Testing
import Foundation
import ConvImages

@Suite struct ImageWritingTests {
    static var grey: RasterImage {
        get throws { try RasterImage(width: 3, height: 2, channels: 1, pixels: [0, 1, 127, 128, 254, 255]) }
    }
    static var rgb: RasterImage {
        get throws { try RasterImage(width: 2, height: 2, channels: 3, pixels: [255, 0, 0, 0, 255, 0, 0, 0, 255, 9, 99, 199]) }
    }

    @Test(arguments: ImageFormat.allCases)
    func roundTripThroughEveryFormat(_ format: ImageFormat) throws {
        let folder = try makeScratchFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/out.img"
        for image in [try Self.grey, try Self.rgb] where !(format.netpbmChannels == 1 && image.channels == 3) {
            try image.write(toFile: path, format: format)
            let back = try RasterImage(contentsOfFile: path)
            #expect(back == (format.netpbmChannels == 3 ? image.expandedToRGB() : image), "\(format)")
        }
        // Only the destination remains: no temporary file is left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["out.img"])
    }

    @Test func netpbmBytesAreThePublishedLayout() throws {
        #expect(try Self.grey.encoded(as: .pgm) == Array("P5\n3 2\n255\n".utf8) + [0, 1, 127, 128, 254, 255])
        #expect(try Self.grey.encoded(as: .plainPGM) == Array("P2\n3 2\n255\n0 1 127 128 254 255\n".utf8))
        #expect(try Self.grey.encoded(as: .ppm).count == 11 + 18)
        let wide = try RasterImage(width: 30, height: 1, channels: 1, pixels: [UInt8](repeating: 200, count: 30))
        let lines = String(decoding: try wide.encoded(as: .plainPGM), as: UTF8.self).split(separator: "\n")
        #expect(lines.allSatisfy { $0.count <= 70 })
    }

    @Test func formatFollowsTheExtension() throws {
        let folder = try makeScratchFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Self.rgb.write(toFile: folder + "/a.PNG")
        try Self.rgb.write(toFile: folder + "/a.ppm")
        #expect(Array(try Data(contentsOf: URL(fileURLWithPath: folder + "/a.PNG")).prefix(4)) == [0x89, 0x50, 0x4E, 0x47])
        #expect(Array(try Data(contentsOf: URL(fileURLWithPath: folder + "/a.ppm")).prefix(2)) == Array("P6".utf8))
        #expect(throws: ImageError.writeFailed(path: folder + "/a.jpg", reason: "unknown image extension; allowed: .png, .pgm, .ppm")) {
            try Self.rgb.write(toFile: folder + "/a.jpg")
        }
        #expect(throws: ImageError.self) { try Self.rgb.write(toFile: folder + "/a.pgm") }
    }

    @Test func writeReplacesAnExistingFileAndFailsCleanly() throws {
        let folder = try makeScratchFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/result.png"
        try Self.grey.write(toFile: path)
        try Self.rgb.write(toFile: path)
        #expect(try RasterImage(contentsOfFile: path) == (try Self.rgb))
        // A missing folder: an error naming the file, nothing created.
        let missing = folder + "/no/such/folder/x.png"
        #expect(throws: ImageError.writeFailed(path: missing, reason: "No such file or directory")) {
            try Self.rgb.write(toFile: missing)
        }
        // A directory in the way: the rename fails, the temporary file is removed.
        try FileManager.default.createDirectory(atPath: folder + "/taken.png", withIntermediateDirectories: false)
        #expect(throws: ImageError.self) { try Self.rgb.write(toFile: folder + "/taken.png") }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["result.png", "taken.png"])
    }

    @Test func writtenPhotoReadsBackIdentically() throws {
        let folder = try makeScratchFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let photo = try RasterImage(contentsOfFile: Assets.path("chelsea.png"))
        try photo.write(toFile: folder + "/chelsea.png")
        try photo.write(toFile: folder + "/chelsea.ppm")
        #expect(try RasterImage(contentsOfFile: folder + "/chelsea.png") == photo)
        #expect(try RasterImage(contentsOfFile: folder + "/chelsea.ppm") == photo)
    }
}
