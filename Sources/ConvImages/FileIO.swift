#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whole-file reads and atomic writes with POSIX calls, so that each failure maps to one
/// ``ImageError`` case (ENOENT to ``ImageError/fileNotFound(path:)``).
enum FileIO {
    /// The bytes of the file at `path`, at most `limit` of them.
    /// - Throws: ``ImageError/fileNotFound(path:)`` when nothing exists at `path`,
    ///   ``ImageError/unreadable(path:reason:)`` for a directory, a permission or I/O error, or a
    ///   file larger than `limit` bytes.
    static func read(_ path: String, limit: Int) throws(ImageError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            let code = errno
            if code == ENOENT || path.isEmpty { throw .fileNotFound(path: path) }
            throw .unreadable(path: path, reason: describe(code))
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .unreadable(path: path, reason: describe(errno)) }
        if (info.st_mode & S_IFMT) == S_IFDIR { throw .unreadable(path: path, reason: "it is a directory") }
        // A device or pipe (/dev/zero) reports no size and could be read forever.
        if (info.st_mode & S_IFMT) != S_IFREG { throw .unreadable(path: path, reason: "it is not a regular file") }
        if Int(info.st_size) > limit {
            throw .unreadable(path: path, reason: "the file has \(info.st_size) bytes; allowed: at most \(limit)")
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(max(0, Int(info.st_size)))
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let got = chunk.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress, $0.count) }
            if got < 0 {
                if errno == EINTR { continue }
                throw .unreadable(path: path, reason: describe(errno))
            }
            if got == 0 { break }
            guard bytes.count + got <= limit else {
                throw .unreadable(path: path, reason: "the file has more than \(limit) bytes; allowed: at most \(limit)")
            }
            bytes.append(contentsOf: chunk[0..<got])
        }
        return bytes
    }

    /// Writes `bytes` to `path` atomically: a temporary file in the same folder, flushed to disk,
    /// then renamed over `path`. Readers see the old file or the whole new one, never a part;
    /// on failure the temporary file is removed and `path` is untouched.
    /// - Throws: ``ImageError/writeFailed(path:reason:)`` with the system's reason.
    static func writeAtomically(_ bytes: [UInt8], to path: String) throws(ImageError) {
        guard !path.isEmpty else { throw .writeFailed(path: path, reason: "empty file name") }
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { String(path[...$0]) } ?? ""
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        guard !name.isEmpty else { throw .writeFailed(path: path, reason: "the name ends with '/'") }
        var template = Array("\(folder).\(name).tmp-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { buffer -> Int32 in
            guard let base = buffer.baseAddress else { return -1 }
            return mkstemp(base)
        }
        guard fd >= 0 else { throw .writeFailed(path: path, reason: describe(errno)) }
        let temporary = String(decoding: template.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var code: Int32 = 0
        var offset = 0
        while code == 0, offset < bytes.count {
            let wrote = bytes.withUnsafeBytes { raw -> Int in
                guard let base = raw.baseAddress else { return 0 }
                return systemWrite(fd, base + offset, raw.count - offset)
            }
            if wrote < 0 {
                if errno != EINTR { code = errno }
            } else if wrote == 0 {
                code = EIO
            } else {
                offset += wrote
            }
        }
        // mkstemp creates the file 0600; give it the usual rw-r--r--, and flush it to disk.
        if code == 0, fchmod(fd, 0o644) != 0 || fsync(fd) != 0 { code = errno }
        if close(fd) != 0, code == 0 { code = errno }
        if code == 0, rename(temporary, path) != 0 { code = errno }
        if code != 0 {
            unlink(temporary)
            throw .writeFailed(path: path, reason: describe(code))
        }
    }

    /// strerror's text for `code`.
    static func describe(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        return String(cString: text)
    }
}

#if canImport(Glibc)
private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int { Glibc.read(fd, buffer, count) }
private func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int { Glibc.write(fd, buffer, count) }
#elseif canImport(Darwin)
private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int { Darwin.read(fd, buffer, count) }
private func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int { Darwin.write(fd, buffer, count) }
#endif
