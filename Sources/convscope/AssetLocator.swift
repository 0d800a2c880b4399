import Foundation

/// Finds files shipped in the repository's `assets/` folder: under `$CONVSCOPE_ASSETS`, under
/// the working directory, or under a folder above the executable (a build in `.build/debug`
/// of the checkout).
enum AssetLocator {
    /// The path of `assets/<relativePath>`, or nil when it is in none of the places.
    static func path(_ relativePath: String) -> String? {
        candidates(relativePath).first { FileManager.default.fileExists(atPath: $0) }
    }

    /// The places looked in, in order.
    static func candidates(_ relativePath: String) -> [String] {
        var list: [String] = []
        if let root = ProcessInfo.processInfo.environment["CONVSCOPE_ASSETS"], !root.isEmpty {
            list.append(root + "/" + relativePath)
        }
        list.append("assets/" + relativePath)
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<6 {
            list.append(folder.appendingPathComponent("assets").appendingPathComponent(relativePath).path)
            folder = folder.deletingLastPathComponent()
        }
        return list
    }
}
