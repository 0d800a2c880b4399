/// One cell of a ``Canvas``: a glyph, its semantic role, and optionally a colour. A wide
/// character (Hangul) occupies its cell and the next, which holds ``Cell/continuation``.
///
/// The glyph is what plain exports write; ``color`` (when set) is what colour outputs show
/// instead: the curses backend with colours and the ANSI export. An image pixel pair, for
/// example, has an ASCII-ramp glyph for plain text and a `▀` in colour with the upper pixel as
/// foreground and the lower as background.
public struct Cell: Equatable, Sendable {
    /// The glyph's bytes (``PackedGlyph``: no reference, so cells copy and compare as plain words).
    private var packed: PackedGlyph
    /// What plain text shows in this cell.
    public var glyph: Character {
        get { packed.character }
        set { packed = PackedGlyph(newValue) }
    }
    public var role: Role
    /// The colour shown by colour outputs; nil for a cell styled by its role only.
    public var color: CellColor?
    public init(_ glyph: Character, _ role: Role = .plain, color: CellColor? = nil) {
        self.packed = PackedGlyph(glyph)
        self.role = role
        self.color = color
    }
    /// A blank cell.
    public static let blank = Cell(" ", .plain)
    /// The right half of a wide character; exports skip it.
    public static let continuation = Cell("\u{0}", .plain)

    /// True for ``continuation`` (its NUL glyph, plain and uncoloured).
    @inline(__always)
    public var isContinuation: Bool { self == .continuation }

    /// True when the glyph is one ASCII byte (no need to decode it to know its width: 1, or 0 for controls).
    public var isASCII: Bool { packed.byteCount == 1 && packed.firstByte < 0x80 }
}

/// A rectangle of styled cells: what every diagram draws into and every exporter and the
/// terminal backend read from. Writes outside the rectangle are clipped, never a trap.
///
/// Source: ratatui's Buffer (draw into memory; touch the terminal at the edge).
public struct Canvas: Equatable, Sendable {
    /// Columns.
    public let width: Int
    /// Rows.
    public let height: Int
    /// Row-major cells, `width * height` of them.
    public private(set) var cells: [Cell]
    /// The rectangle that ``set(_:_:_:)``, ``put(_:x:y:role:)``, ``paint(x:y:width:height:role:)``
    /// and everything built on them write into: the whole canvas, unless a diagram narrowed it to
    /// its area with ``narrowClip(to:)`` so that nothing it draws lands outside that area.
    public private(set) var clip: Rect

    /// A blank canvas; negative sizes are treated as 0.
    public init(width: Int, height: Int, fill: Cell = .blank) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: fill, count: self.width * self.height)
        clip = Rect(x: 0, y: 0, width: self.width, height: self.height)
    }

    /// Narrows ``clip`` to its intersection with `area` (an empty area clips everything) and
    /// returns the clip before, for ``restoreClip(_:)``. A diagram's `draw(into:area:)` starts with
    ///
    ///     let outer = canvas.narrowClip(to: area)
    ///     defer { canvas.restoreClip(outer) }
    public mutating func narrowClip(to area: Rect) -> Rect {
        let before = clip
        let x0 = max(clip.x, area.x), y0 = max(clip.y, area.y)
        let x1 = min(clip.maxX, area.x + max(0, area.width)), y1 = min(clip.maxY, area.y + max(0, area.height))
        clip = Rect(x: x0, y: y0, width: max(0, x1 - x0), height: max(0, y1 - y0))
        return before
    }

    /// Puts back the clip ``narrowClip(to:)`` returned.
    public mutating func restoreClip(_ previous: Rect) { clip = previous }

    /// The cell at (x, y), or nil outside the canvas.
    public subscript(x: Int, y: Int) -> Cell? {
        guard x >= 0, y >= 0, x < width, y < height else { return nil }
        return cells[y * width + x]
    }

    /// Sets one cell; ignored outside ``clip``. Wide characters stay whole: writing over
    /// either half of one turns its other half into a space, so a terminal never sees a wide
    /// character without its continuation, or a continuation without its character (which
    /// would shift the rest of the row by a column).
    public mutating func set(_ x: Int, _ y: Int, _ cell: Cell) {
        guard x >= clip.x, y >= clip.y, x < clip.maxX, y < clip.maxY else { return }
        let i = y * width + x
        let oldIsContinuation = cells[i].isContinuation
        if oldIsContinuation, !cell.isContinuation, x > 0, !cells[i - 1].isContinuation {
            cells[i - 1] = Cell(" ", cells[i - 1].role)
        }
        if !oldIsContinuation, x + 1 < width, cells[i + 1].isContinuation, displayWidth(of: cells[i].glyph) == 2 {
            cells[i + 1] = Cell(" ", cells[i].role)
        }
        cells[i] = cell
    }

    /// Writes `text` from (x, y) in `role`, clipped at the right edge of ``clip``; a wide character that
    /// would not fit whole is not written. Returns the column after the last written character.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, role: Role = .plain) -> Int {
        var cx = x
        for ch in text {
            let w = displayWidth(of: ch)
            if w == 0 { continue }
            if cx + w > clip.maxX { break }
            if cx >= clip.x {
                set(cx, y, Cell(ch, role))
                if w == 2 { set(cx + 1, y, .continuation) }
            }
            cx += w
        }
        return cx
    }

    /// Changes the role of the cells in a rectangle, keeping their glyphs.
    public mutating func paint(x: Int, y: Int, width w: Int, height h: Int, role: Role) {
        let y0 = max(clip.y, y), y1 = min(clip.maxY, y + max(0, h))
        let x0 = max(clip.x, x), x1 = min(clip.maxX, x + max(0, w))
        guard y0 < y1, x0 < x1 else { return }
        for yy in y0..<y1 {
            for xx in x0..<x1 {
                cells[yy * width + xx].role = role
            }
        }
    }

    /// Draws a rectangle outline with `glyphs`, clipped.
    public mutating func box(x: Int, y: Int, width w: Int, height h: Int, glyphs: GlyphSet, role: Role = .border) {
        guard w >= 2, h >= 2 else { return }
        for xx in (x + 1)..<(x + w - 1) {
            set(xx, y, Cell(glyphs.horizontal, role))
            set(xx, y + h - 1, Cell(glyphs.horizontal, role))
        }
        for yy in (y + 1)..<(y + h - 1) {
            set(x, yy, Cell(glyphs.vertical, role))
            set(x + w - 1, yy, Cell(glyphs.vertical, role))
        }
        set(x, y, Cell(glyphs.topLeft, role))
        set(x + w - 1, y, Cell(glyphs.topRight, role))
        set(x, y + h - 1, Cell(glyphs.bottomLeft, role))
        set(x + w - 1, y + h - 1, Cell(glyphs.bottomRight, role))
    }

    /// Copies `other` onto this canvas with its top-left at (x, y), clipped.
    public mutating func blit(_ other: Canvas, x: Int, y: Int) {
        for yy in 0..<other.height {
            for xx in 0..<other.width {
                set(x + xx, y + yy, other.cells[yy * other.width + xx])
            }
        }
    }

    /// Row `y` as text, wide-character continuations skipped, trailing spaces kept.
    public func line(_ y: Int) -> String {
        guard y >= 0, y < height else { return "" }
        var s = ""
        for x in 0..<width {
            let c = cells[y * width + x]
            if c == .continuation { continue }
            s.append(c.glyph)
        }
        return s
    }

    /// The canvas as plain text: one line per row, trailing spaces and trailing blank lines
    /// removed, each line ending in a newline. This is the ASCII export of a frame.
    public var plainText: String {
        var lines = (0..<height).map { line($0).trimmed(leading: false) { $0 == " " } }
        while let last = lines.last, last.isEmpty { lines.removeLast() }
        return lines.map { $0 + "\n" }.joined()
    }
}

