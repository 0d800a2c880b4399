import ConvCore

/// Parsers for the command line's value syntax. Every failure names the option, the bad value
/// and what is allowed.
enum ValueParsing {
    /// "5", "5,7" or "5x7" -> (5, 5) / (5, 7), each within `range`. Strict: no empty items
    /// ("1,,2", "3x", ",7"), signs or spaces.
    static func pair(_ text: String, option: String, range: ClosedRange<Int>) throws(CLIError) -> (Int, Int) {
        let parts = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "," || $0 == "x" || $0 == "X" }).map(String.init)
        let allowed = "\(option) takes N or N,M with whole numbers \(range.lowerBound)...\(range.upperBound)"
        guard parts.count == 1 || parts.count == 2 else { throw .usage("\(option) '\(text)' is not valid; allowed: \(allowed)") }
        var values: [Int] = []
        for p in parts {
            guard !p.isEmpty, p.allSatisfy({ $0.isASCII && $0.isNumber }), let v = Int(p), range.contains(v) else {
                throw .usage("\(option) '\(text)' is not valid; allowed: \(allowed)")
            }
            values.append(v)
        }
        return (values[0], values.count == 2 ? values[1] : values[0])
    }

    /// "1", "1,2", "same", "valid", "full" -> padding per axis.
    static func padding(_ text: String) throws(CLIError) -> (Padding, Padding) {
        switch text.lowercased() {
        case "same": return (.same, .same)
        case "valid": return (.valid, .valid)
        case "full": return (.full, .full)
        default:
            do {
                let (a, b) = try pair(text, option: "--padding", range: 0...4096)
                return (.explicit(a), .explicit(b))
            } catch {
                throw .usage("--padding '\(text)' is not valid; allowed: P or P,P with whole numbers 0...4096, same, valid or full")
            }
        }
    }

    /// "3 3 2; 0 0 1" -> rows of numbers (separated by spaces or commas; rows by ';').
    /// - Throws: when a token is not a finite number, a row is empty, or rows differ in length.
    static func matrix(_ text: String, option: String) throws(CLIError) -> [[Float]] {
        var rows: [[Float]] = []
        for (i, rowText) in text.split(separator: ";", omittingEmptySubsequences: false).enumerated() {
            let trimmed = String(rowText).trimmingCharacters()
            if trimmed.hasPrefix(",") || trimmed.hasSuffix(",") || trimmed.contains(",,")
                || trimmed.replacingSpaces().contains(",,") {
                throw .usage("\(option): row \(i + 1) has an empty entry ('\(trimmed)'); allowed: numbers separated by spaces or single commas")
            }
            let tokens = rowText.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\t" })
            if tokens.isEmpty {
                throw .usage("\(option): row \(i + 1) is empty; allowed: rows of numbers separated by ';', e.g. \"1 2; 3 4\"")
            }
            var row: [Float] = []
            for t in tokens {
                guard let v = Float(t), v.isFinite, abs(v) <= 1e6 else {
                    throw .usage("\(option): '\(t)' in row \(i + 1) is not a number in -1e6...1e6; allowed: rows of numbers separated by ';'")
                }
                row.append(v)
            }
            if let first = rows.first, first.count != row.count {
                throw .usage("\(option): row \(i + 1) has \(row.count) number(s) but row 1 has \(first.count); allowed: rows of equal length")
            }
            rows.append(row)
        }
        guard rows.count <= 4096, (rows.first?.count ?? 0) <= 4096 else {
            throw .usage("\(option): at most 4096 x 4096 numbers")
        }
        return rows
    }
}

extension String {
    /// The string with spaces and tabs removed.
    func replacingSpaces() -> String { String(filter { $0 != " " && $0 != "\t" }) }

    func trimmingCharacters() -> String {
        String(drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
    }
}
