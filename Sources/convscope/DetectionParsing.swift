/// Parsers for the detection scenes' list values ("4,2,1", "16,16,112,96", "0.5,1,2"). Every
/// failure names the option, the bad value and what is allowed.
enum DetectionParsing {
    /// Splits at commas (and spaces), dropping empty parts.
    static func parts(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init)
    }

    /// "4,2,1" -> [4, 2, 1]: whole numbers in `range`, `counts` of them.
    static func integers(_ text: String, option: String, range: ClosedRange<Int>, counts: ClosedRange<Int>) throws(CLIError) -> [Int] {
        let allowed = "\(option) takes \(counts.lowerBound == counts.upperBound ? "\(counts.lowerBound)" : "\(counts.lowerBound)...\(counts.upperBound)") whole numbers \(range.lowerBound)...\(range.upperBound) separated by commas"
        let items = parts(text)
        guard counts.contains(items.count) else { throw .usage("\(option) '\(text)' is not valid; allowed: \(allowed)") }
        var values: [Int] = []
        for item in items {
            guard let v = Int(item), range.contains(v) else { throw .usage("\(option) '\(text)' is not valid; allowed: \(allowed)") }
            values.append(v)
        }
        return values
    }

    /// "0.5,1,2" -> [0.5, 1, 2]: finite numbers in `range`, `counts` of them.
    static func reals(_ text: String, option: String, range: ClosedRange<Double>, counts: ClosedRange<Int>) throws(CLIError) -> [Double] {
        let countText = counts.lowerBound == counts.upperBound ? "\(counts.lowerBound)" : "\(counts.lowerBound)...\(counts.upperBound)"
        let allowed = "\(option) takes \(countText) numbers \(format(range.lowerBound))...\(format(range.upperBound)) separated by commas"
        let items = parts(text)
        guard counts.contains(items.count) else { throw .usage("\(option) '\(text)' is not valid; allowed: \(allowed)") }
        var values: [Double] = []
        for item in items {
            guard let v = Double(item), v.isFinite, range.contains(v) else {
                throw .usage("\(option) '\(text)' is not valid; allowed: \(allowed)")
            }
            values.append(v)
        }
        return values
    }

    /// A real number as the messages print it ("16", "0.0625", "1e-06").
    static func format(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        return "\(value)"
    }
}
