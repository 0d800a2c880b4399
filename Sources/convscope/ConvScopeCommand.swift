#if canImport(Glibc)
import Glibc
#endif
import ArgumentParser

/// The `convscope` command: a terminal lab for convolutional neural networks.
@main
struct ConvScopeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convscope",
        abstract: "A terminal lab for convolutional neural networks.",
        discussion: """
            Each scene opens an interactive step-through in a terminal, or prints its frames as
            text when output is not a terminal or --print is given. Exit status: 0 ok, 64 bad
            usage or values, 66 unreadable input file.
            """,
        subcommands: SceneCommands.all.map { $0 as ParsableCommand.Type }
    )

    func run() throws {
        // The home screen comes with the lessons; until then the conv playground is the default.
        var conv = try ConvCommand.parse([])
        try conv.run()
    }
}

/// Runs `body`, turning a ``CLIError`` into one line on standard error and its exit status.
func reportingErrors(_ body: () throws(CLIError) -> Void) throws {
    do {
        try body()
    } catch {
        FileHandleStandardError.write("convscope: \(error.description)\n")
        throw ExitCode(error.exitCode)
    }
}

/// Standard error without Foundation's FileHandle (stderr is not concurrency-safe in Swift 6).
enum FileHandleStandardError {
    static func write(_ text: String) {
        var bytes = Array(text.utf8)
        _ = bytes.withUnsafeMutableBytes { Glibc.write(2, $0.baseAddress, $0.count) }
    }
}
