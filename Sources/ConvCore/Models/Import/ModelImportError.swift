/// Why a model file could not be opened. Every case names the place in the file (a line, a
/// Darknet section such as "[convolutional] layer 3 (line 25)", a Caffe layer such as
/// "layer 'conv2' (Convolution, line 40)") and the problem, in one line; the command line prefixes
/// the file name and exits 65.
public enum ModelImportError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The text is not valid in the format (a cfg line without '=', an unclosed brace, a bad number).
    case syntax(line: Int, problem: String)
    /// A layer is malformed or does not fit its input (bad option, impossible shape, a `[route]`
    /// before the first layer, an unknown blob).
    case layer(location: String, problem: String)
    /// The file gives no input size: `--input CxHxW` is needed.
    case noInputSize(problem: String)
    /// The file is beyond the importer's bounds (size, layer count, nesting depth).
    case limit(problem: String)
    /// The text is not a model file of any supported format.
    case unrecognized(problem: String)

    /// The one line a user sees (without the file name).
    public var description: String {
        switch self {
        case let .syntax(line, problem): return "line \(line): \(problem)"
        case let .layer(location, problem): return "\(location): \(problem)"
        case let .noInputSize(problem): return "\(problem); give --input CxHxW"
        case let .limit(problem): return problem
        case let .unrecognized(problem): return problem
        }
    }
}
