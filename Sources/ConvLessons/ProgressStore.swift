import ConvFiles
#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Reads and writes ``LessonProgress`` as `progress.json` in `$XDG_STATE_HOME/convscope`
/// (default `~/.local/state/convscope`, as the XDG Base Directory specification says for state).
///
/// Writes are atomic: the JSON goes to a temporary file in the same folder, which is then renamed
/// over `progress.json`, so a crash never leaves half a file. A file that cannot be read as our
/// progress (corrupt JSON, another program's file, a newer version) is set aside, renamed to
/// `progress.json.unreadable-<time>`, and the reader starts afresh with a message saying so.
public struct ProgressStore: Sendable {
    /// The folder (`.../convscope`).
    public let directory: String
    /// `directory/progress.json`.
    public var path: String { directory + "/progress.json" }

    /// A store in `directory` (created on the first save).
    public init(directory: String) {
        self.directory = directory
    }

    /// The store the environment names: `$XDG_STATE_HOME/convscope` when XDG_STATE_HOME is an
    /// absolute path, else `$HOME/.local/state/convscope`; nil when neither is set.
    public static func standard(environment: [String: String]) -> ProgressStore? {
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            return ProgressStore(directory: state + "/convscope")
        }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return ProgressStore(directory: home + "/.local/state/convscope")
    }

    /// The saved progress, or empty progress. Never throws: a missing file is no progress; an
    /// unreadable one is set aside and `message` says where it went.
    public func load() -> (progress: LessonProgress, message: String?) {
        let data: [UInt8]
        do throws(FileFailure) {
            data = try BoundedFile.read(path, limit: 16 << 20)
        } catch {
            switch error {
            case .notFound: return (LessonProgress(), nil)
            case .tooLarge: return setAside()
            default: return (LessonProgress(), "\(error.description); progress will not be kept")
            }
        }
        if let progress = try? JSONDecoder().decode(LessonProgress.self, from: Data(data)),
           progress.format == LessonProgress.formatMarker, progress.version == LessonProgress.currentVersion,
           progress.isPlausible {
            return (progress, nil)
        }
        return setAside()
    }

    /// Moves an unreadable progress file out of the way under a name no other file has.
    private func setAside() -> (progress: LessonProgress, message: String?) {
        do throws(FileFailure) {
            let aside = try BoundedFile.setAside(path, suffix: "unreadable", seconds: Int(Date().timeIntervalSince1970))
            return (LessonProgress(), "progress file \(path) was not readable; set aside as \(aside), starting afresh")
        } catch {
            return (LessonProgress(), "progress file \(path) is not readable and could not be set aside; progress will not be kept")
        }
    }

    /// Saves `progress` atomically (temporary file + rename), creating the folder if needed.
    /// - Throws: ``LessonError`` naming the path and the system's reason.
    public func save(_ progress: LessonProgress) throws(LessonError) {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw LessonError(file: directory, message: "cannot create the progress folder: \(error.localizedDescription)")
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        let data: Data
        do { data = try encoder.encode(progress) } catch {
            throw LessonError(file: path, message: "cannot encode progress: \(error.localizedDescription)")
        }
        let temporary = directory + "/.progress.json.tmp-\(getpid())"
        do {
            try data.write(to: URL(fileURLWithPath: temporary))
        } catch {
            throw LessonError(file: temporary, message: "cannot write the progress file: \(error.localizedDescription)")
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw LessonError(file: path, message: "cannot replace the progress file: \(reason)")
        }
    }
}
