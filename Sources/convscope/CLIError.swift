/// An error the command line reports as one line on standard error, with its exit status:
/// 64 (EX_USAGE) for bad values, 66 (EX_NOINPUT) for input files that cannot be read.
struct CLIError: Error, CustomStringConvertible {
    let description: String
    let exitCode: Int32

    static func usage(_ message: String) -> CLIError { CLIError(description: message, exitCode: 64) }
    static func noInput(_ message: String) -> CLIError { CLIError(description: message, exitCode: 66) }
}
