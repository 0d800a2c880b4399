/// Parsers for the detection scenes' list values ("4,2,1", "16,16,112,96", "0.5,1,2"). Every
/// failure names the option, the bad value and what is allowed.
enum DetectionParsing {
    /// "4,2,1" -> [4, 2, 1]: whole numbers in `range`, `counts` of them, separated by single
    /// commas (``ListParsing/integers(_:option:separators:count:range:)``: empty items, signs and
    /// spaces are errors).
    static func integers(_ text: String, option: String, range: ClosedRange<Int>, counts: ClosedRange<Int>) throws(CLIError) -> [Int] {
        try ListParsing.integers(text, option: option, count: counts, range: range)
    }

    /// "0.5,1,2" -> [0.5, 1, 2]: finite numbers in `range`, `counts` of them, separated by single
    /// commas (``ListParsing/reals(_:option:separators:count:range:)``).
    static func reals(_ text: String, option: String, range: ClosedRange<Double>, counts: ClosedRange<Int>) throws(CLIError) -> [Double] {
        try ListParsing.reals(text, option: option, count: counts, range: range)
    }

    /// A real number as the messages print it ("16", "0.0625", "1e-06").
    static func format(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        return "\(value)"
    }
}
