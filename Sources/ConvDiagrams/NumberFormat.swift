import Foundation

/// How diagrams write numbers: integral values without a decimal point ("12", "-3"), others
/// with two decimals ("0.25"), non-finite values as "nan", "inf", "-inf". Exact for the small
/// integers of the reference examples, so a printed frame can be checked against PyTorch.
public func formatValue(_ value: Float) -> String {
    guard value.isFinite else { return value.isNaN ? "nan" : (value > 0 ? "inf" : "-inf") }
    if value == value.rounded(), abs(value) < 1e9 {
        let i = Int(value)
        return String(i)
    }
    return String(format: "%.2f", Double(value))
}

/// Right-aligns `text` in `width` columns (no truncation: a longer text is returned whole).
public func padLeft(_ text: String, _ width: Int) -> String {
    let w = displayWidth(of: text)
    return w >= width ? text : String(repeating: " ", count: width - w) + text
}

/// Left-aligns `text` in `width` columns (no truncation).
public func padRight(_ text: String, _ width: Int) -> String {
    let w = displayWidth(of: text)
    return w >= width ? text : text + String(repeating: " ", count: width - w)
}
