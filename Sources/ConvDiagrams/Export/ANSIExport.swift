/// The ANSI export of a canvas: the same characters as the plain text, with SGR escape codes for
/// the roles' styles (bold, dim, underline, reverse, the eight colours of ``Theme``) and 24-bit
/// colour (`ESC[38;2;r;g;bm`, `ESC[48;2;r;g;bm`) for cells that carry a ``CellColor``, which
/// show their colour glyph (`▀` for an image's pixel pairs) instead of the plain glyph.
///
/// Each line ends with a reset (`ESC[0m`) when it changed the style, so lines can be printed
/// on their own. Trailing unstyled blanks and trailing blank lines are dropped, as in
/// ``Canvas/plainText``.
///
/// Source: ECMA-48 SGR; 24-bit colour as xterm, iTerm2, VTE and tmux accept it
/// (ISO 8613-6 with ';' separators).
public enum ANSIExport {
    /// One cell's look in SGR terms.
    struct Look: Equatable {
        var style = Style()
        var foreground: RGB?
        var background: RGB?

        var parameters: [String] {
            var p: [String] = []
            if style.bold { p.append("1") }
            if style.dim { p.append("2") }
            if style.underline { p.append("4") }
            if style.reverse { p.append("7") }
            if let fg = foreground {
                p.append("38;2;\(fg.red);\(fg.green);\(fg.blue)")
            } else if let c = style.foreground {
                p.append("\(30 + c.rawValue)")
            }
            if let bg = background { p.append("48;2;\(bg.red);\(bg.green);\(bg.blue)") }
            return p
        }
    }

    /// The canvas as text with escape codes, styled by `theme` (pass `Theme(usesColor: true)`
    /// for the eight role colours).
    public static func render(_ canvas: Canvas, theme: Theme = Theme(usesColor: true)) -> String {
        var lines: [String] = []
        for y in 0..<canvas.height {
            var cells: [(Character, Look)] = []
            for x in 0..<canvas.width {
                guard let cell = canvas[x, y], cell != .continuation else { continue }
                var look = Look(style: theme.style(cell.role))
                var glyph = cell.glyph
                if let color = cell.color {
                    look = Look(style: Style(), foreground: color.foreground, background: color.background)
                    glyph = color.glyph ?? cell.glyph
                }
                cells.append((glyph, look))
            }
            while let last = cells.last, last.0 == " ", last.1.parameters.isEmpty { cells.removeLast() }
            var line = ""
            var current = Look()
            for (glyph, look) in cells {
                if look != current {
                    line += "\u{1B}[0" + look.parameters.map { ";" + $0 }.joined() + "m"
                    current = look
                }
                line.append(glyph)
            }
            if current != Look() { line += "\u{1B}[0m" }
            lines.append(line)
        }
        while let last = lines.last, last.isEmpty { lines.removeLast() }
        return lines.map { $0 + "\n" }.joined()
    }
}
