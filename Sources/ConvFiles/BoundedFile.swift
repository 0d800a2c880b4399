#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a file could not be read or written.
public enum FileFailure: Error, Equatable, Sendable, CustomStringConvertible {
    /// Nothing exists at `path` (ENOENT).
    case notFound(path: String)
    /// A directory, a device or pipe, a permission or I/O error.
    case unreadable(path: String, reason: String)
    /// A regular file of `size` bytes, over the `limit` the caller allows (nothing was read).
    case tooLarge(path: String, size: Int, limit: Int)
    /// The system's reason a write failed (the target is untouched).
    case writeFailed(path: String, reason: String)

    /// "cannot read PATH: REASON" and the like, one line.
    public var description: String {
        switch self {
        case let .notFound(path): return "cannot read \(path): no such file"
        case let .unreadable(path, reason): return "cannot read \(path): \(reason)"
        case let .tooLarge(path, size, limit): return "cannot read \(path): it has \(size) bytes; allowed: at most \(limit)"
        case let .writeFailed(path, reason): return "cannot write \(path): \(reason)"
        }
    }
}

/// Whole-file reads that check what the path is and how large it is before reading a byte, and
/// atomic writes, with POSIX calls (every user-named file goes through here: images, lessons,
/// progress, case files).
public enum BoundedFile {
    /// The bytes of the regular file at `path`, at most `limit` of them. The file is opened
    /// without blocking (a FIFO with no writer would block `open` forever), then refused unless
    /// it is a regular file of at most `limit` bytes, so a device, a pipe or a huge file is never read.
    /// - Throws: ``FileFailure/notFound(path:)`` when nothing exists at `path`,
    ///   ``FileFailure/unreadable(path:reason:)`` for a directory, a device or pipe, a permission
    ///   or I/O error, ``FileFailure/tooLarge(path:size:limit:)`` for a file larger than `limit` bytes.
    public static func read(_ path: String, limit: Int) throws(FileFailure) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else {
            let code = errno
            if code == ENOENT || path.isEmpty { throw .notFound(path: path) }
            throw .unreadable(path: path, reason: describe(code))
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .unreadable(path: path, reason: describe(errno)) }
        if (info.st_mode & S_IFMT) == S_IFDIR { throw .unreadable(path: path, reason: "it is a directory") }
        // A device or pipe (/dev/zero) reports no size and could be read forever.
        if (info.st_mode & S_IFMT) != S_IFREG { throw .unreadable(path: path, reason: "it is not a regular file (a device, pipe or socket)") }
        if Int(info.st_size) > limit { throw .tooLarge(path: path, size: Int(info.st_size), limit: limit) }
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
            guard bytes.count + got <= limit else { throw .tooLarge(path: path, size: bytes.count + got, limit: limit) }
            bytes.append(contentsOf: chunk[0..<got])
        }
        return bytes
    }

    /// Writes `bytes` to `path` atomically: a temporary file in the same folder, flushed to disk,
    /// then renamed over `path`. Readers see the old file or the whole new one, never a part;
    /// on failure the temporary file is removed and `path` is untouched.
    /// - Throws: ``FileFailure/writeFailed(path:reason:)`` with the system's reason.
    public static func writeAtomically(_ bytes: [UInt8], to path: String) throws(FileFailure) {
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

    /// The size of the regular file at `path` (symbolic links followed), found with stat(2)
    /// without opening it.
    /// - Throws: ``FileFailure/notFound(path:)``, or ``FileFailure/unreadable(path:reason:)``
    ///   naming what it is instead (a directory, a device, a pipe or socket).
    public static func regularFileSize(_ path: String) throws(FileFailure) -> Int {
        var info = stat()
        guard stat(path, &info) == 0 else {
            let code = errno
            if code == ENOENT || path.isEmpty { throw .notFound(path: path) }
            throw .unreadable(path: path, reason: describe(code))
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return Int(info.st_size)
        case S_IFDIR: throw .unreadable(path: path, reason: "it is a directory")
        default: throw .unreadable(path: path, reason: "it is not a regular file (a device, pipe or socket)")
        }
    }

    /// Moves the file at `path` to `path.SUFFIX-SECONDS[-N]` without ever replacing an existing
    /// file (a hard link that fails on EEXIST, then the old name removed), and returns the new name.
    /// - Throws: ``FileFailure/writeFailed(path:reason:)`` when the file cannot be moved.
    public static func setAside(_ path: String, suffix: String, seconds: Int) throws(FileFailure) -> String {
        for attempt in 0..<1000 {
            let aside = "\(path).\(suffix)-\(seconds)" + (attempt == 0 ? "" : "-\(attempt)")
            if link(path, aside) == 0 {
                unlink(path)
                return aside
            }
            let code = errno
            if code == EEXIST { continue }
            // A file system without hard links: rename, after checking the name is free.
            if code == EPERM || code == EXDEV || code == ENOTSUP {
                var info = stat()
                if lstat(aside, &info) == 0 { continue }
                if rename(path, aside) == 0 { return aside }
            }
            throw .writeFailed(path: path, reason: describe(errno))
        }
        throw .writeFailed(path: path, reason: "1,000 set-aside names are taken")
    }

    /// strerror's text for `code`.
    public static func describe(_ code: Int32) -> String {
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
