import Foundation
import ConvCore

/// Number formats of the architecture tables, as torchinfo 1.8 prints them: integers with
/// thousands separators ("138,357,544"), sizes in MB with two decimals ("0.60"), totals of
/// multiply-adds scaled to M, G or T ("15.48" with unit "G").
///
///     ArchNumberFormat.megabytes(602_112)     // "0.60"
///     ArchNumberFormat.scaled(15_483_821_032) // ("G", "15.48")
public enum ArchNumberFormat {
    /// `value` with two decimals ("%.2f", POSIX locale), or without decimals when it is an
    /// integer, as torchinfo's `format_output_num`.
    public static func twoDecimals(_ value: Double) -> String {
        if value.isFinite, value == value.rounded(), value.magnitude < 1e15 {
            return groupedThousands(Int(value))
        }
        return String(format: "%.2f", value)
    }

    /// Bytes as torchinfo's MB: bytes / 10^6 with two decimals.
    public static func megabytes(_ bytes: Int) -> String {
        twoDecimals(Double(bytes) / 1e6)
    }

    /// A count scaled as torchinfo 1.8's `to_readable` scales mult-adds: T at 10^12 and above,
    /// G at 10^9 and above, M otherwise (so 18,432 reads "0.02" M).
    public static func scaled(_ value: Int) -> (unit: String, text: String) {
        let number = Double(value)
        if number >= 1e12 { return ("T", twoDecimals(number / 1e12)) }
        if number >= 1e9 { return ("G", twoDecimals(number / 1e9)) }
        return ("M", twoDecimals(number / 1e6))
    }

    /// A share as a percentage with two decimals ("1.19%"), as torchinfo's Param % column.
    public static func percent(_ part: Int, of total: Int) -> String {
        guard total > 0 else { return "--" }
        return String(format: "%.2f%%", Double(part) / Double(total) * 100)
    }

    /// A shape as torchinfo prints it: "[1, 64, 55, 55]".
    public static func shape(_ shape: [Int]) -> String {
        // An imported layer whose output cannot be inferred has no shape (never a guessed one).
        shape.isEmpty ? "shape unknown" : "[" + shape.map(String.init).joined(separator: ", ") + "]"
    }
}
