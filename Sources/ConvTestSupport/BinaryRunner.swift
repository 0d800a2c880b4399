import Foundation

/// Runs the built `convscope` binary for end-to-end tests.
public enum BinaryRunner {
    /// The folder holding the built products (the test bundle's folder).
    public static var productsDirectory: URL {
        let exe = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var dir = exe.deletingLastPathComponent()
        // On Linux the test runner is `<products>/ConvScopePackageTests.xctest`.
        while !FileManager.default.fileExists(atPath: dir.appendingPathComponent("convscope").path) && dir.path != "/" {
            dir = dir.deletingLastPathComponent()
        }
        return dir
    }

    /// The path of the built `convscope` executable.
    public static var binaryPath: String { productsDirectory.appendingPathComponent("convscope").path }

    /// The result of one run.
    public struct Result: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    /// Runs `convscope` with `arguments`, no terminal, and waits for it.
    public static func run(_ arguments: [String], environment extra: [String: String] = [:],
                           currentDirectory: URL? = nil) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binaryPath)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["SWIFT_BACKTRACE"] = "enable=no"
        for (k, v) in extra { env[k] = v }
        process.environment = env
        if let currentDirectory { process.currentDirectoryURL = currentDirectory }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Read before waiting so a large output cannot fill the pipe and block.
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus,
                      stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }
}
