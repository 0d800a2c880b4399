import Foundation
import ConvLessons

/// Finds files shipped in the repository's `assets/` folder: under `$CONVSCOPE_ASSETS`, else by
/// the same search as the lessons (``LessonLocator/searchAssets(_:isDirectory:executablePath:currentDirectory:)``).
enum AssetLocator {
    /// The path of `assets/<relativePath>`, or nil when it is in none of the places.
    static func path(_ relativePath: String) -> String? {
        if let root = ProcessInfo.processInfo.environment["CONVSCOPE_ASSETS"], !root.isEmpty {
            let candidate = root + "/" + relativePath
            if FileManager.default.fileExists(atPath: candidate) { return candidate }
        }
        return LessonLocator.searchAssets(relativePath, isDirectory: false, executablePath: CommandLine.arguments[0],
                                          currentDirectory: FileManager.default.currentDirectoryPath).path
    }
}
