import ConvCore
/// What a fact evaluates to: a count, a real number or a shape. Lesson text shows it through
/// ``formatted``; a typed answer is compared with ``accepts(_:)``.
///
/// | value                   | formatted        | accepted answers                          |
/// |-------------------------|------------------|-------------------------------------------|
/// | `.integer(73728)`       | `73,728`         | `73728`, `73,728`, `73 728`, `73_728`     |
/// | `.real(0.0625)`         | `0.0625`         | `0.0625`, `.0625`, `1/16`                 |
/// | `.shape([7, 7, 30])`    | `7 x 7 x 30`     | `7x7x30`, `7 x 7 x 30`, `7,7,30`, `(7, 7, 30)`, `7×7×30` |
public enum FactValue: Equatable, Sendable, CustomStringConvertible {
    case integer(Int)
    case real(Double)
    case shape([Int])

    /// The value as lesson text shows it: integers with thousands separators, shapes joined by " x ".
    public var formatted: String {
        switch self {
        case let .integer(n): return groupedThousands(n)
        case let .real(x):
            if x == x.rounded(), abs(x) < 1e15 { return groupedThousands(Int(x)) }
            return "\(x)"
        case let .shape(dims): return dims.map { groupedThousands($0) }.joined(separator: " x ")
        }
    }

    public var description: String { formatted }

    /// Whether `answer`, as a person typed it, is this value. Separators and spaces are
    /// ignored (see the table in the type's description); anything unparsable is wrong, never an error.
    public func accepts(_ answer: String) -> Bool {
        let text = answer.trimmed()
        guard !text.isEmpty else { return false }
        switch self {
        case let .integer(n):
            return Self.parseInteger(text) == n
        case let .real(x):
            guard let y = Self.parseReal(text) else { return false }
            return abs(x - y) <= 1e-9 * max(1, abs(x)) || (y != 0 && "\(y)" == "\(x)")
        case let .shape(dims):
            return Self.parseShape(text) == dims
        }
    }

    /// "73,728", "73 728", "73_728", "73'728" -> 73728; nil for anything else.
    static func parseInteger(_ text: String) -> Int? {
        var t = text.filter { $0 != "," && $0 != " " && $0 != "_" && $0 != "'" && $0 != "\u{2009}" }
        if t.hasPrefix("+") { t.removeFirst() }
        guard t.count <= 19, !t.isEmpty else { return nil }
        return Int(t)
    }

    /// "0.0625", ".0625", "1/16" -> 0.0625.
    static func parseReal(_ text: String) -> Double? {
        let t = text.filter { $0 != " " && $0 != "_" }
        if let slash = t.firstIndex(of: "/") {
            guard let a = Double(t[..<slash]), let b = Double(t[t.index(after: slash)...]), b != 0 else { return nil }
            return a / b
        }
        let normalized = t.hasPrefix(".") ? "0" + t : t
        guard normalized.count <= 40, let v = Double(normalized), v.isFinite else { return nil }
        return v
    }

    /// "7x7x30", "7 x 7 x 30", "7,7,30", "(7, 7, 30)", "[7, 7, 30]", "7×7×30", "7*7*30" -> [7, 7, 30].
    static func parseShape(_ text: String) -> [Int]? {
        let inner = text.filter { !"()[] ".contains($0) }
        let parts = inner.split(whereSeparator: { "xX×*,".contains($0) })
        guard parts.count >= 1, parts.count <= 8 else { return nil }
        var dims: [Int] = []
        for p in parts {
            guard p.count <= 12, let v = Int(p) else { return nil }
            dims.append(v)
        }
        return dims
    }
}
