import CNCurses
#if canImport(Glibc)
import Glibc
#endif

/// The process's standard output as Swift's `print` writes it (C stdio, buffered).
public enum StandardOutput {
    /// Flushes standard output and says why a write to it failed, or nil when everything went out
    /// (stdout on /dev/full gives "No space left on device", a closed pipe "Broken pipe").
    public static func flushFailure() -> String? {
        let status = cs_stdout_status()
        if status == 0 { return nil }
        if status < 0 { return "an earlier write failed (the reader closed the pipe, or the disk is full)" }
        guard let text = strerror(status) else { return "error \(status)" }
        return String(cString: text)
    }
}
