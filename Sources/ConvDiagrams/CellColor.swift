/// A 24-bit sRGB colour: red, green and blue, 0-255 each.
public struct RGB: Hashable, Sendable, CustomStringConvertible {
    public var red: UInt8, green: UInt8, blue: UInt8

    public init(_ red: UInt8, _ green: UInt8, _ blue: UInt8) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    /// A grey: red = green = blue = `level`.
    public init(grey level: UInt8) { self.init(level, level, level) }

    /// Luma as Rec. ITU-R BT.601 weighs it (0.299 R + 0.587 G + 0.114 B), 0-255.
    public var luma: Float { 0.299 * Float(red) + 0.587 * Float(green) + 0.114 * Float(blue) }

    public var description: String { "rgb(\(red),\(green),\(blue))" }
}

/// The colour of one canvas cell in colour outputs: a foreground, an optional background and
/// the glyph drawn in colour (when it differs from the cell's plain glyph).
///
///     // Two pixels in one cell: the upper as foreground of "▀", the lower as background.
///     CellColor(foreground: upper, background: lower, glyph: "▀")
public struct CellColor: Equatable, Sendable {
    /// The glyph's colour.
    public var foreground: RGB
    /// The cell's background; nil keeps the terminal's default background.
    public var background: RGB?
    /// The character drawn when colours are shown (stored as a ``PackedGlyph``); nil draws the cell's own glyph.
    public var glyph: Character? {
        get { packedGlyph?.character }
        set { packedGlyph = newValue.map(PackedGlyph.init) }
    }
    private var packedGlyph: PackedGlyph?

    public init(foreground: RGB, background: RGB? = nil, glyph: Character? = nil) {
        self.foreground = foreground
        self.background = background
        self.packedGlyph = glyph.map(PackedGlyph.init)
    }
}

/// Maps 24-bit colours onto what a terminal offers: xterm's 256-colour palette (a 6 x 6 x 6
/// cube and a 24-step grey ramp) or the eight standard colours.
///
/// Source: xterm's `256colres.pl`: cube index 16 + 36 r + 6 g + b with channel levels
/// 0, 95, 135, 175, 215, 255; grey ramp index 232 + i with level 8 + 10 i (i = 0...23).
public enum ColorPalette {
    /// The six channel levels of xterm's colour cube.
    public static let cubeLevels: [Int] = [0, 95, 135, 175, 215, 255]

    /// The 24-bit value of xterm palette entry `index` (16...255; 0...15 give the eight standard
    /// colours and their bright variants as xterm's defaults).
    public static func rgb(ofXterm256 index: Int) -> RGB {
        switch index {
        case 16...231:
            let i = index - 16
            return RGB(UInt8(cubeLevels[i / 36]), UInt8(cubeLevels[(i / 6) % 6]), UInt8(cubeLevels[i % 6]))
        case 232...255:
            return RGB(grey: UInt8(8 + 10 * (index - 232)))
        default:
            return standard[max(0, min(15, index))]
        }
    }

    /// xterm's default 16 colours (black, red, green, yellow, blue, magenta, cyan, white, then bright).
    static let standard: [RGB] = [
        RGB(0, 0, 0), RGB(205, 0, 0), RGB(0, 205, 0), RGB(205, 205, 0), RGB(0, 0, 238), RGB(205, 0, 205), RGB(0, 205, 205), RGB(229, 229, 229),
        RGB(127, 127, 127), RGB(255, 0, 0), RGB(0, 255, 0), RGB(255, 255, 0), RGB(92, 92, 255), RGB(255, 0, 255), RGB(0, 255, 255), RGB(255, 255, 255),
    ]

    /// The nearest xterm 256-colour entry (16...255) to `color` by squared RGB distance, choosing
    /// between the nearest cube colour and the nearest grey-ramp step.
    ///
    ///     ColorPalette.xterm256Index(of: RGB(255, 0, 0))      // 196
    ///     ColorPalette.xterm256Index(of: RGB(grey: 128))      // 244 (level 128)
    public static func xterm256Index(of color: RGB) -> Int {
        func nearestLevel(_ v: UInt8) -> Int {
            var best = 0
            for (i, level) in cubeLevels.enumerated() where abs(level - Int(v)) < abs(cubeLevels[best] - Int(v)) { best = i }
            return best
        }
        let r = nearestLevel(color.red), g = nearestLevel(color.green), b = nearestLevel(color.blue)
        let cube = 16 + 36 * r + 6 * g + b
        let mean = (Int(color.red) + Int(color.green) + Int(color.blue)) / 3
        let greyStep = max(0, min(23, (mean - 8 + 5) / 10))
        let grey = 232 + greyStep
        return distance(color, rgb(ofXterm256: grey)) < distance(color, rgb(ofXterm256: cube)) ? grey : cube
    }

    /// The nearest of the eight standard colours (as xterm shows them), for terminals with fewer
    /// than 256 colours.
    public static func nearestStandard(to color: RGB) -> TerminalColor {
        var best = 0
        for i in 1..<8 where distance(color, standard[i]) < distance(color, standard[best]) { best = i }
        return TerminalColor(rawValue: best) ?? .white
    }

    /// Squared Euclidean distance in RGB.
    static func distance(_ a: RGB, _ b: RGB) -> Int {
        let dr = Int(a.red) - Int(b.red), dg = Int(a.green) - Int(b.green), db = Int(a.blue) - Int(b.blue)
        return dr * dr + dg * dg + db * db
    }
}
