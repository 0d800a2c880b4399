/// Strict parsers for the command line's lists ("4,2,1", "13x13", "0.5,1,2", "1 2; 3 4").
///
/// Every item must be present: a leading, trailing or doubled separator ("1,,2", "13x", ",3")
/// is an error, and so is a stray sign or space inside a number ("+3", "3 ", "1,-2" where only
/// positive values are allowed). Every failure is one line naming the option, the bad text and
/// what is allowed, thrown as ``CLIError/usage(_:)`` (exit 64).
///
///     try ListParsing.integers("4,2,1", option: "--levels", count: 1...32, range: 1...64)  // [4, 2, 1]
///     try ListParsing.integers("4,,1", option: "--levels", count: 1...32, range: 1...64)
///     // --levels '4,,1' has an empty item (a leading, trailing or doubled ','); allowed: ...
enum ListParsing {
    /// A real number as the messages print it ("16", "0.0625", "1e-06").
    static func format(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        return "\(value)"
    }

    /// The items of `text` split at any of `separators`, keeping empty items (so they can be
    /// reported).
    static func items(_ text: String, separators: Set<Character>) -> [Substring] {
        text.split(omittingEmptySubsequences: false, whereSeparator: { separators.contains($0) })
    }

    /// The separators as the messages name them ("','" or "',' or 'x'").
    static func describe(_ separators: Set<Character>) -> String {
        separators.filter { $0 != "X" }.sorted().map { $0 == " " ? "space" : "'\($0)'" }.joined(separator: " or ")
    }

    /// Splits `text` at `separators` and checks the number of items, rejecting empty items.
    /// - Throws: ``CLIError/usage(_:)`` for an empty item or a count outside `count`.
    static func strictItems(_ text: String, option: String, separators: Set<Character>, count: ClosedRange<Int>,
                            allowed: String) throws(CLIError) -> [Substring] {
        let parts = items(text, separators: separators)
        if parts.contains(where: \.isEmpty) {
            let what = text.isEmpty ? "is empty" : "has an empty item (a leading, trailing or doubled \(describe(separators)))"
            throw .usage("\(option) '\(text)' \(what); allowed: \(allowed)")
        }
        guard count.contains(parts.count) else {
            throw .usage("\(option) '\(text)' has \(parts.count) item\(parts.count == 1 ? "" : "s"); allowed: \(allowed)")
        }
        return parts
    }

    /// "1...32" or "4" for a count range.
    static func countText(_ count: ClosedRange<Int>) -> String {
        count.lowerBound == count.upperBound ? "\(count.lowerBound)" : "\(count.lowerBound)...\(count.upperBound)"
    }

    /// A whole number written with digits only (and a leading '-' when `allowsSign`), or nil.
    static func wholeNumber(_ item: Substring, allowsSign: Bool) -> Int? {
        var digits = item[...]
        if allowsSign, digits.first == "-" { digits = digits.dropFirst() }
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(item)
    }

    /// "4,2,1" -> [4, 2, 1]: `count` whole numbers in `range`, split at `separators`.
    /// `form`, when given, replaces the generated description of what is allowed.
    /// - Throws: ``CLIError/usage(_:)`` naming the bad item: an empty item, a sign or space, a
    ///   non-number, a value outside `range`, or a count outside `count`.
    static func integers(_ text: String, option: String, separators: Set<Character> = [","], count: ClosedRange<Int>,
                         range: ClosedRange<Int>, form: String? = nil) throws(CLIError) -> [Int] {
        let allowed = form ?? "\(countText(count)) whole number\(count.upperBound == 1 ? "" : "s") \(range.lowerBound)...\(range.upperBound) separated by \(describe(separators))"
        let parts = try strictItems(text, option: option, separators: separators, count: count, allowed: allowed)
        var values: [Int] = []
        for part in parts {
            guard let value = wholeNumber(part, allowsSign: range.lowerBound < 0) else {
                throw .usage("\(option) '\(text)': '\(part)' is not a whole number; allowed: \(allowed)")
            }
            guard range.contains(value) else {
                throw .usage("\(option) '\(text)': \(value) is out of range; allowed: \(allowed)")
            }
            values.append(value)
        }
        return values
    }

    /// "5", "5,7" or "5x7" -> (5, 5) / (5, 7), each within `range`.
    /// - Throws: ``CLIError/usage(_:)`` as ``integers(_:option:separators:count:range:)``.
    static func pair(_ text: String, option: String, range: ClosedRange<Int>) throws(CLIError) -> (Int, Int) {
        let values = try integers(text, option: option, separators: [",", "x", "X"], count: 1...2, range: range,
                                  form: "N, NxM or N,M with whole numbers \(range.lowerBound)...\(range.upperBound)")
        return (values[0], values.count == 2 ? values[1] : values[0])
    }

    /// A finite decimal number ("0.5", "16", "1e-3", "-2" when `allowsSign`), or nil for signs,
    /// spaces, hexadecimal, "inf" and "nan".
    static func decimalNumber(_ item: Substring, allowsSign: Bool) -> Double? {
        var body = item[...]
        if allowsSign, body.first == "-" { body = body.dropFirst() }
        guard let first = body.first, first.isASCII, first.isNumber || first == "." else { return nil }
        guard body.allSatisfy({ $0.isASCII && ($0.isNumber || ".eE-+".contains($0)) }) else { return nil }
        guard let value = Double(item), value.isFinite else { return nil }
        return value
    }

    /// "0.5,1,2" -> [0.5, 1, 2]: `count` finite numbers in `range`, split at `separators`.
    /// - Throws: ``CLIError/usage(_:)`` naming the bad item.
    static func reals(_ text: String, option: String, separators: Set<Character> = [","], count: ClosedRange<Int>,
                      range: ClosedRange<Double>) throws(CLIError) -> [Double] {
        let allowed = "\(countText(count)) number\(count.upperBound == 1 ? "" : "s") \(ListParsing.format(range.lowerBound))...\(ListParsing.format(range.upperBound)) separated by \(describe(separators))"
        let parts = try strictItems(text, option: option, separators: separators, count: count, allowed: allowed)
        var values: [Double] = []
        for part in parts {
            guard let value = decimalNumber(part, allowsSign: range.lowerBound < 0) else {
                throw .usage("\(option) '\(text)': '\(part)' is not a number; allowed: \(allowed)")
            }
            guard range.contains(value) else {
                throw .usage("\(option) '\(text)': \(part) is out of range; allowed: \(allowed)")
            }
            values.append(value)
        }
        return values
    }

    /// "output,params" -> ["output", "params"]: non-empty words (spaces around a word are
    /// dropped), `count` of them.
    /// - Throws: ``CLIError/usage(_:)`` for an empty item or a count outside `count`.
    static func words(_ text: String, option: String, separators: Set<Character> = [","], count: ClosedRange<Int> = 1...Int.max,
                      allowed: String) throws(CLIError) -> [String] {
        let trimmed = items(text, separators: separators).map { $0.trimmed { $0 == " " } }
        if trimmed.contains(where: \.isEmpty) {
            let what = text.allSatisfy({ $0 == " " }) ? "is empty" : "has an empty item (a leading, trailing or doubled \(describe(separators)))"
            throw .usage("\(option) '\(text)' \(what); allowed: \(allowed)")
        }
        guard count.contains(trimmed.count) else {
            throw .usage("\(option) '\(text)' has \(trimmed.count) items; allowed: \(allowed)")
        }
        return trimmed
    }

    /// "3 3 2; 0 0 1" -> rows of numbers: numbers separated by single commas or by spaces, rows
    /// by ';'. A doubled comma, an empty row or a trailing ';' is an error.
    /// - Throws: ``CLIError/usage(_:)`` when a token is not a finite number in -1e6...1e6, an
    ///   item or row is empty, or rows differ in length.
    static func matrix(_ text: String, option: String) throws(CLIError) -> [[Float]] {
        let allowed = "rows of numbers -1e6...1e6 separated by ',' or spaces, rows by ';', e.g. \"1 2; 3 4\""
        var rows: [[Float]] = []
        for (i, rowText) in text.split(separator: ";", omittingEmptySubsequences: false).enumerated() {
            // Spaces (and tabs) are padding around items; commas separate items strictly.
            let commaItems = rowText.split(separator: ",", omittingEmptySubsequences: false)
            var tokens: [Substring] = []
            for item in commaItems {
                let words = item.split(whereSeparator: { $0 == " " || $0 == "\t" })
                if words.isEmpty {
                    let what = rowText.allSatisfy({ $0 == " " || $0 == "\t" }) ? "row \(i + 1) is empty" : "row \(i + 1) has an empty item (a leading, trailing or doubled ',')"
                    throw .usage("\(option) '\(text)': \(what); allowed: \(allowed)")
                }
                tokens += words
            }
            var row: [Float] = []
            for t in tokens {
                guard let v = decimalNumber(t, allowsSign: true), abs(v) <= 1e6 else {
                    throw .usage("\(option): '\(t)' in row \(i + 1) is not a number in -1e6...1e6; allowed: \(allowed)")
                }
                row.append(Float(v))
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
