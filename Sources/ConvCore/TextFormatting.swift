/// `n` in decimal with a comma between groups of three digits, as Python's `f"{n:,}"` (the form
/// torchinfo prints counts in): 73728 -> "73,728", -1234 -> "-1,234", 999 -> "999". The one
/// thousands separator of every table, lesson fact and listing.
public func groupedThousands(_ n: Int) -> String {
    let digits = String(n.magnitude)
    var out = ""
    out.reserveCapacity(digits.count + digits.count / 3 + 1)
    for (i, digit) in digits.enumerated() {
        if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
        out.append(digit)
    }
    return n < 0 ? "-" + out : out
}

extension StringProtocol {
    /// The text without the characters `isRemoved` accepts at its start (when `leading`) and at
    /// its end (when `trailing`); by default spaces, tabs and line breaks ("\n", "\r", "\r\n", which
    /// Swift counts as one Character) at both ends. The one trim of the command line, lesson parser and frame text:
    ///
    ///     "  3x3 ".trimmed()                                  // "3x3"
    ///     "row   ".trimmed(leading: false) { $0 == " " }      // "row"
    public func trimmed(leading: Bool = true, trailing: Bool = true,
                        removing isRemoved: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0.isNewline }) -> String {
        var start = startIndex, end = endIndex
        if leading { while start < end, isRemoved(self[start]) { start = index(after: start) } }
        if trailing {
            while end > start {
                let before = index(before: end)
                guard isRemoved(self[before]) else { break }
                end = before
            }
        }
        return String(self[start..<end])
    }
}
