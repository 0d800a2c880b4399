import Foundation
import ConvTestSupport

/// Paths of the photos shipped in the repository's assets/images, found from this file's
/// location (a test runs from any working directory).
enum Assets {
    static let folder: String = {
        let here = URL(fileURLWithPath: #filePath)
        return here.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("assets/images").path
    }()

    static func path(_ name: String) -> String { folder + "/" + name }

    static func bytes(_ name: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: URL(fileURLWithPath: path(name)))) }
}

/// The small hand-made fixtures of Sources/ConvTestSupport/Fixtures/images (see
/// make_image_fixtures.py).
enum SmallImages {
    static func path(_ name: String) -> String { Fixtures.url("images/" + name).path }
    static func bytes(_ name: String) throws -> [UInt8] { [UInt8](try Fixtures.data("images/" + name)) }
}

/// A fresh empty folder under the system's temporary directory.
func makeScratchFolder() throws -> String {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("convimages-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url.path
}
