import Foundation

/// Lines of text with roles, wrapped to a width, for the text panels beside a diagram's grids.
struct TextBlock {
    /// The lines so far.
    private(set) var lines: [(text: String, role: Role)] = []
    /// The width lines are wrapped to (at least 1).
    let width: Int

    init(width: Int) { self.width = max(1, width) }

    /// Adds `text`, wrapped at spaces into lines of at most ``width`` columns.
    mutating func add(_ text: String, _ role: Role = .plain) {
        for line in wrap(text, columns: width) { lines.append((line, role)) }
    }

    /// Adds `text` cut to one line.
    mutating func addLine(_ text: String, _ role: Role = .plain) {
        lines.append((prefix(of: text, fittingIn: width), role))
    }

    /// Adds an empty line.
    mutating func blank() { lines.append(("", .plain)) }

    /// Writes at most `maxLines` lines from (x, y); returns the number written.
    @discardableResult
    func draw(into canvas: inout Canvas, x: Int, y: Int, maxLines: Int) -> Int {
        let shown = lines.prefix(max(0, maxLines))
        for (i, line) in shown.enumerated() {
            canvas.put(line.text, x: x, y: y + i, role: line.role)
        }
        return shown.count
    }
}

/// Formats a coordinate or other real number the way the detection scenes print it: integers
/// without a fraction ("-84"), others with up to two decimals, trailing zeros dropped ("7.5", "0.06").
public func formatReal(_ value: Double) -> String {
    guard value.isFinite else { return value.isNaN ? "nan" : (value > 0 ? "inf" : "-inf") }
    if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
    var text = String(format: "%.2f", value)
    while text.hasSuffix("0") { text.removeLast() }
    if text.hasSuffix(".") { text.removeLast() }
    return text == "-0" ? "0" : text
}

/// The width of the widest ``formatValue(_:)`` text among `values`: found from the extremes,
/// since the widest text is always that of the smallest or the largest value (or a non-finite one).
func formattedWidth<C: Collection>(of values: C) -> Int where C.Element == Float {
    var low = Float.infinity, high = -Float.infinity
    var width = 1
    for v in values {
        if v.isFinite {
            low = min(low, v)
            high = max(high, v)
        } else {
            width = max(width, formatValue(v).count)
        }
    }
    if low <= high {
        width = max(width, formatValue(low).count, formatValue(high).count)
        // A fraction anywhere makes every non-integer two decimals: 9.5 is wider than 10.
        if values.contains(where: { $0.isFinite && $0 != $0.rounded() }) {
            width = max(width, String(format: "%.2f", Double(low)).count, String(format: "%.2f", Double(high)).count)
        }
    }
    return width
}

/// Formats a scale factor exactly as given ("0.0625", "1", "0.001"), without rounding.
public func formatScale(_ value: Double) -> String {
    if value.isFinite, value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
    return "\(value)"
}

/// Formats a Float scale factor with the fewest digits that read back as it ("0.1", not "0.100000001").
public func formatScale(_ value: Float) -> String {
    if value.isFinite, value == value.rounded(), abs(value) < 1e7 { return String(Int(value)) }
    return "\(value)"
}
