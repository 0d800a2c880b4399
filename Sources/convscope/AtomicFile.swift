import Foundation

/// Writes files atomically: the bytes go to a temporary file in the same folder, which is then
/// renamed over the target, so a reader never sees a half-written file and a failure leaves the
/// old file intact.
enum AtomicFile {
    static func write(_ text: String, to path: String) throws(CLIError) {
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw .noInput("cannot write \(path): \(error.localizedDescription)")
        }
    }
}
