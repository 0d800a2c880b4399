import ConvCore

/// Parsers for the command line's value syntax. Every failure names the option, the bad value
/// and what is allowed.
enum ValueParsing {
    /// "1", "1,2", "same", "valid", "full" -> padding per axis.
    static func padding(_ text: String) throws(CLIError) -> (Padding, Padding) {
        switch text.lowercased() {
        case "same": return (.same, .same)
        case "valid": return (.valid, .valid)
        case "full": return (.full, .full)
        default:
            do {
                let (a, b) = try ListParsing.pair(text, option: "--padding", range: 0...4096)
                return (.explicit(a), .explicit(b))
            } catch {
                throw .usage("--padding '\(text)' is not valid; allowed: P or P,P with whole numbers 0...4096, same, valid or full")
            }
        }
    }

}

extension String {
    /// The string with spaces and tabs removed.
    func replacingSpaces() -> String { String(filter { $0 != " " && $0 != "\t" }) }

}
