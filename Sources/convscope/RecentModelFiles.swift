import Foundation
import ConvFiles

/// The model files opened with `O` in the terminal (home screen and `arch`), most recent first, at
/// most five: one absolute-or-relative path per line in `$XDG_STATE_HOME/convscope/recent-model-files`
/// (or `~/.local/state/convscope/recent-model-files`), written atomically. A missing or unreadable
/// file is an empty list, never an error.
struct RecentModelFiles {
    /// The list's file.
    let path: String

    /// The standard location, or nil when neither XDG_STATE_HOME (absolute) nor HOME is set.
    static func standard(environment: [String: String] = ProcessInfo.processInfo.environment) -> RecentModelFiles? {
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            return RecentModelFiles(path: state + "/convscope/recent-model-files")
        }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return RecentModelFiles(path: home + "/.local/state/convscope/recent-model-files")
    }

    /// The saved paths (at most five, blank lines and lines over 4096 bytes skipped).
    func load() -> [String] {
        guard let data = try? Data(BoundedFile.read(path, limit: 64 << 10)) else { return [] }
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
        return Array(lines.filter { !$0.trimmed().isEmpty && $0.utf8.count <= 4096 }.prefix(5))
    }

    /// Saves `files`; returns why not, or nil.
    func save(_ files: [String]) -> String? {
        let folder = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            return "recent files not saved: cannot create \(folder)"
        }
        do throws(CLIError) {
            try AtomicFile.write(files.prefix(5).joined(separator: "\n") + "\n", to: path)
            return nil
        } catch {
            return "recent files not saved: \(error.description)"
        }
    }

    /// The entries that complete `prefix` as a path: in the folder it names (the working folder
    /// when it has no "/"), the entries whose names start with its last part, folders with a
    /// trailing "/", hidden entries only when the part starts with ".". At most 200, sorted.
    @Sendable static func complete(_ prefix: String) -> [String] {
        let expanded = prefix.hasPrefix("~/") ? (NSHomeDirectory() + prefix.dropFirst(1)) : prefix
        let folder: String, stem: String, shownFolder: String
        if let slash = prefix.lastIndex(of: "/") {
            shownFolder = String(prefix[...slash])
            stem = String(prefix[prefix.index(after: slash)...])
            let expandedSlash = expanded.lastIndex(of: "/") ?? expanded.startIndex
            folder = String(expanded[...expandedSlash])
        } else {
            shownFolder = ""
            stem = prefix
            folder = "."
        }
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return [] }
        var out: [String] = []
        for name in names.sorted() where name.hasPrefix(stem) && (stem.hasPrefix(".") || !name.hasPrefix(".")) {
            var isFolder: ObjCBool = false
            let full = (folder as NSString).appendingPathComponent(name)
            _ = FileManager.default.fileExists(atPath: full, isDirectory: &isFolder)
            out.append(shownFolder + name + (isFolder.boolValue ? "/" : ""))
            if out.count == 200 { break }
        }
        return out
    }
}
