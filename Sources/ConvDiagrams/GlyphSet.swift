/// The characters a diagram draws boxes and markers with: plain ASCII (`+-|#.`) or Unicode box
/// drawing. Chosen once per export or terminal; diagrams never hard-code either.
public struct GlyphSet: Equatable, Sendable {
    public let horizontal: Character, vertical: Character
    public let topLeft: Character, topRight: Character, bottomLeft: Character, bottomRight: Character
    /// Marks the current cell or selection ("> " in ASCII).
    public let pointer: Character
    /// Fill for a shaded cell (pixels, bars).
    public let shade: Character
    /// Marks a zero cell in a sparse picture.
    public let dot: Character
    /// Multiplication sign in formulas.
    public let times: String
    /// True for the Unicode set.
    public let isUnicode: Bool

    /// Plain ASCII: every glyph is in 0x20...0x7E.
    public static let ascii = GlyphSet(horizontal: "-", vertical: "|", topLeft: "+", topRight: "+",
                                       bottomLeft: "+", bottomRight: "+", pointer: ">", shade: "#",
                                       dot: ".", times: "*", isUnicode: false)
    /// Unicode box drawing.
    public static let unicode = GlyphSet(horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐",
                                         bottomLeft: "└", bottomRight: "┘", pointer: "▶", shade: "█",
                                         dot: "·", times: "×", isUnicode: true)
}
