/// The number of terminal columns a character occupies: 2 for East Asian wide and fullwidth
/// characters (Hangul syllables and Jamo, CJK, fullwidth forms), 0 for combining marks, else 1.
///
/// Source: Unicode Standard Annex #11 (East Asian Width), the ranges `wcwidth` reports as 2 in
/// glibc for the scripts the lessons use.
public func displayWidth(of character: Character) -> Int {
    guard let scalar = character.unicodeScalars.first else { return 0 }
    let v = scalar.value
    if v < 0x20 || (v >= 0x7F && v < 0xA0) { return 0 }
    // Below U+0300 (the first combining mark) every printable scalar is one column: skip the
    // Unicode property lookup, which dominated frame times.
    if v < 0x300 { return 1 }
    if scalar.properties.generalCategory == .nonspacingMark || scalar.properties.generalCategory == .enclosingMark { return 0 }
    switch v {
    case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
         0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F,
         0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD:
        return 2
    default:
        return 1
    }
}

/// The number of terminal columns a string occupies (see ``displayWidth(of:)``).
public func displayWidth(of text: String) -> Int {
    text.reduce(0) { $0 + displayWidth(of: $1) }
}

/// The longest prefix of `text` that fits in `columns` columns, never splitting a character.
public func prefix(of text: String, fittingIn columns: Int) -> String {
    var used = 0
    var end = text.startIndex
    for index in text.indices {
        let w = displayWidth(of: text[index])
        if used + w > columns { break }
        used += w
        end = text.index(after: index)
    }
    return String(text[text.startIndex..<end])
}

/// Wraps `text` into lines of at most `columns` columns, breaking at spaces where possible and
/// never inside a character (Hangul counts two columns).
public func wrap(_ text: String, columns: Int) -> [String] {
    guard columns > 0 else { return [] }
    var lines: [String] = []
    for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
        var line = ""
        var lineWidth = 0
        for word in paragraph.split(separator: " ", omittingEmptySubsequences: false) {
            var word = String(word)
            var ww = displayWidth(of: word)
            let sep = line.isEmpty ? 0 : 1
            if lineWidth + sep + ww <= columns {
                if sep == 1 { line += " " }
                line += word
                lineWidth += sep + ww
                continue
            }
            if !line.isEmpty { lines.append(line); line = ""; lineWidth = 0 }
            if ww > columns {
                // Cut a word longer than a line in one pass over its characters (linear: a
                // 100,000-character word once took 16 s when each cut re-measured the rest).
                var piece = "", pieceWidth = 0
                for character in word {
                    let w = displayWidth(of: character)
                    if pieceWidth + w > columns, !piece.isEmpty {
                        lines.append(piece)
                        piece = ""; pieceWidth = 0
                    }
                    piece.append(character)
                    pieceWidth += w
                }
                word = piece
                ww = pieceWidth
            }
            line = word
            lineWidth = ww
        }
        lines.append(line)
    }
    return lines
}
