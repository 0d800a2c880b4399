/// Why a kernel argument ("box", "0 -1 0; -1 5 -1; 0 -1 0") could not be turned into a
/// ``FilterKernel``. `description` is the one line a user sees; it names the bad token and its
/// place.
public enum FilterError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A token that is not a finite number (or fraction p/q); row and entry are 1-based.
    case badToken(token: String, row: Int, entry: Int, reason: String)
    /// A row whose length differs from the first row's.
    case raggedRows(row: Int, count: Int, expected: Int)
    /// A row with no numbers (two semicolons in a row, or a leading semicolon).
    case emptyRow(row: Int)
    /// No numbers at all.
    case emptyKernel
    /// More rows or columns than ``FilterKernel/maximumSide``.
    case tooLarge(rows: Int, columns: Int)
    /// Weights whose count is not rows x columns (for ``FilterKernel/init(rows:columns:weights:name:)``).
    case weightCount(rows: Int, columns: Int, count: Int)
    /// A word that is neither a named kernel nor a matrix.
    case unknownName(String)

    /// How to write a kernel, appended to parse errors.
    static let syntax = "write rows of numbers separated by ';', e.g. \"0 -1 0; -1 5 -1; 0 -1 0\" (fractions like 1/9 allowed)"

    public var description: String {
        switch self {
        case let .badToken(token, row, entry, reason):
            return "kernel row \(row), entry \(entry): '\(token)' \(reason); \(Self.syntax)"
        case let .raggedRows(row, count, expected):
            return "kernel row \(row) has \(count) number\(count == 1 ? "" : "s"), row 1 has \(expected); all rows must have the same length"
        case let .emptyRow(row):
            return "kernel row \(row) is empty; \(Self.syntax)"
        case .emptyKernel:
            return "the kernel is empty; \(Self.syntax)"
        case let .tooLarge(rows, columns):
            return "kernel \(rows) x \(columns) is too large; allowed: 1...\(FilterKernel.maximumSide) rows and columns"
        case let .weightCount(rows, columns, count):
            return "kernel \(rows) x \(columns) needs \(rows * columns) weights, got \(count)"
        case let .unknownName(name):
            let names = NamedFilter.allCases.map(\.rawValue).joined(separator: ", ")
            return "unknown kernel '\(name)'; allowed: \(names), or \(Self.syntax)"
        }
    }
}
