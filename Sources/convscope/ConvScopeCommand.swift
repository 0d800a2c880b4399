#if canImport(Glibc)
import Glibc
#endif
import ArgumentParser
import Synchronization
import ConvApp
import ConvTerminal

/// The `convscope` command: a terminal lab for convolutional neural networks.
@main
struct ConvScopeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convscope",
        abstract: "A terminal lab for convolutional neural networks.",
        discussion: """
            Each scene opens an interactive step-through in a terminal, or prints its frames as text when output is not a terminal or --print is given. Exit status: 0 ok, 64 bad usage or values, 65 a malformed input file, 66 unreadable input file, 73 an --out file cannot be created, 74 the output cannot be written (a full disk, a closed pipe).
            """,
        subcommands: [HomeCommand.self] + SceneCommands.all.map { $0 as ParsableCommand.Type } + [LessonCommand.self],
        defaultSubcommand: HomeCommand.self
    )

    /// ArgumentParser's entry point, with standard output checked at exit: a write that failed
    /// (stdout on /dev/full, a reader that closed the pipe) is reported and exits 74 instead of 0.
    static func main() {
        signal(SIGPIPE, SIG_IGN)
        atexit { checkStandardOutput() }
        main(nil)
    }
}

/// Flushes standard output; on failure writes one line to standard error and ends the process
/// with 74 (EX_IOERR, sysexits.h).
func checkStandardOutput() {
    guard let reason = StandardOutput.flushFailure() else { return }
    FileHandleStandardError.write("convscope: cannot write the output: \(reason)\n")
    _exit(74)
}

/// `convscope` with no arguments (or `convscope home`): the home screen with the lessons and
/// their progress, the playgrounds and the model tables; printed as text when there is no terminal.
struct HomeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "home",
        abstract: "The home screen: lessons with progress, playgrounds, model tables (the default).",
        discussion: """
            Keys: Up/Down move, Enter opens, L switches between English and Korean, ? help, q quits.
            Printed (one lesson per line, starting with its number) when output is not a terminal.
            """)

    @Option(parsing: .unconditional, help: "Language of the home screen and the lessons: en or ko (default: from LC_ALL/LANG).")
    var lang: String?

    @Flag(help: "Print the home screen's list instead of opening it.")
    var print = false

    @Option(parsing: .unconditional, help: "ascii or unicode glyphs.")
    var format: OutputFormat = .ascii

    func run() throws {
        try reportingErrors { () throws(CLIError) in
            guard format != .json else { throw .usage("--format json is not available for the home screen; allowed: ascii, unicode") }
            let language = try LessonSupport.language(lang)
            let library = try LessonSupport.library()
            let (state, store) = LessonSupport.homeState(library: library, language: language,
                                                         glyphs: format == .unicode ? .unicode : .ascii)
            if !print && LessonSupport.isInteractive && LessonSupport.runInteractive(state, store: store) { return }
            LessonSupport.report(state.message)
            CommandOutput.print(homeText(state), terminator: "")
        }
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
        if let sink = CommandOutput.sink.withLock({ $0 }) { sink(text, true); return }
        var bytes = Array(text.utf8)
        _ = bytes.withUnsafeMutableBytes { Glibc.write(2, $0.baseAddress, $0.count) }
    }
}

/// Everything the commands print goes through here: standard output (C stdio, as `print`), or,
/// while a test has set ``sink``, to it (the in-process argument fuzzer reads what a run says
/// without touching the process's file descriptors).
enum CommandOutput {
    /// Receives (text, isStandardError) instead of the streams when set.
    static let sink = Mutex<(@Sendable (String, Bool) -> Void)?>(nil)

    /// Writes `text` to standard output (or the sink).
    static func print(_ text: String, terminator: String = "\n") {
        if let sink = sink.withLock({ $0 }) { sink(text + terminator, false); return }
        Swift.print(text, terminator: terminator)
    }
}
