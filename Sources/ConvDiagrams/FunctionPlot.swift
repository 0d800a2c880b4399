/// A plot of a function and, optionally, its derivative in terminal cells, with axes and labels.
///
/// With Unicode glyphs the function is drawn in braille dots (2 x 4 dots per cell, consecutive
/// samples joined) and the derivative as `·`; in ASCII the function is `*` and the derivative
/// `.`. Where both fall in one cell the function wins. Axes are `-` `|` `+` (or `─` `│` `┼`).
///
/// Source: the braille patterns block (U+2800-U+28FF): dot n of a cell is bit n - 1, dots 1-3
/// and 7 down the left column, 4-6 and 8 down the right.
public struct FunctionPlot: Sendable {
    /// The heading.
    public var title: String
    /// The plotted x interval.
    public var xRange: ClosedRange<Double>
    /// The plotted y interval.
    public var yRange: ClosedRange<Double>
    /// The function.
    public var function: @Sendable (Double) -> Double
    /// Its derivative, drawn at cell resolution, or nil.
    public var derivative: (@Sendable (Double) -> Double)?

    public init(title: String, xRange: ClosedRange<Double>, yRange: ClosedRange<Double>,
                function: @escaping @Sendable (Double) -> Double, derivative: (@Sendable (Double) -> Double)? = nil) {
        self.title = title
        self.xRange = xRange
        self.yRange = yRange
        self.function = function
        self.derivative = derivative
    }

    /// Braille bit for the dot in column `dx` (0, 1) and row `dy` (0...3) of a cell.
    public static func brailleBit(dx: Int, dy: Int) -> UInt32 {
        let left: [UInt32] = [0x01, 0x02, 0x04, 0x40], right: [UInt32] = [0x08, 0x10, 0x20, 0x80]
        return (dx == 0 ? left : right)[max(0, min(3, dy))]
    }

    /// A number for an axis label: "1", "-.5", ".25" (at most five characters).
    static func label(_ v: Double) -> String {
        if v == v.rounded() { return String(Int(v)) }
        var text = String(v)
        if text.hasPrefix("0.") { text = String(text.dropFirst()) } else if text.hasPrefix("-0.") { text = "-" + text.dropFirst(2) }
        return text.count <= 5 ? text : String(text.prefix(5))
    }

    /// Draws the plot into `area` (title line, plot, x labels); returns nothing when too small.
    public func draw(into canvas: inout Canvas, area: Rect, glyphs: GlyphSet) {
        canvas.put(prefix(of: title, fittingIn: area.width), x: area.x, y: area.y, role: .label)
        let labels = [yRange.upperBound, 0, yRange.lowerBound].map(Self.label)
        let labelWidth = (labels.map(\.count).max() ?? 1) + 1
        let plotX = area.x + labelWidth, plotY = area.y + 1
        let columns = area.width - labelWidth, rows = area.height - 2
        guard columns >= 4, rows >= 2, xRange.upperBound > xRange.lowerBound, yRange.upperBound > yRange.lowerBound else { return }
        let xSpan = xRange.upperBound - xRange.lowerBound, ySpan = yRange.upperBound - yRange.lowerBound
        let subX = glyphs.isUnicode ? 2 : 1, subY = glyphs.isUnicode ? 4 : 1
        let dotColumns = columns * subX, dotRows = rows * subY
        /// Dot row of y (0 = top), or nil outside the plot.
        func dotRow(_ y: Double) -> Int? {
            guard y.isFinite else { return nil }
            let r = Int(((yRange.upperBound - y) / ySpan * Double(dotRows)).rounded(.down))
            return r >= 0 && r < dotRows ? r : (y == yRange.lowerBound ? dotRows - 1 : nil)
        }
        func x(ofDotColumn i: Int, of count: Int) -> Double { xRange.lowerBound + (Double(i) + 0.5) / Double(count) * xSpan }

        // Axes.
        let zeroRow = dotRow(0).map { $0 / subY }
        let zeroColumn = Int(((0 - xRange.lowerBound) / xSpan * Double(columns)).rounded(.down))
        let horizontal: Character = glyphs.isUnicode ? "─" : "-", vertical: Character = glyphs.isUnicode ? "│" : "|"
        let cross: Character = glyphs.isUnicode ? "┼" : "+"
        if let zr = zeroRow {
            for c in 0..<columns { canvas.set(plotX + c, plotY + zr, Cell(horizontal, .dim)) }
        }
        if zeroColumn >= 0, zeroColumn < columns {
            for r in 0..<rows { canvas.set(plotX + zeroColumn, plotY + r, Cell(r == zeroRow ? cross : vertical, .dim)) }
        }
        for (i, text) in labels.enumerated() {
            let row = i == 0 ? 0 : (i == 1 ? zeroRow : rows - 1)
            if let row, i == 1 || row != zeroRow { canvas.put(padLeft(text, labelWidth - 1), x: area.x, y: plotY + row, role: .dim) }
        }
        let left = Self.label(xRange.lowerBound), right = Self.label(xRange.upperBound)
        canvas.put(left, x: plotX, y: plotY + rows, role: .dim)
        if zeroColumn > left.count, zeroColumn < columns - 1 { canvas.put("0", x: plotX + zeroColumn, y: plotY + rows, role: .dim) }
        canvas.put(right, x: plotX + columns - right.count, y: plotY + rows, role: .dim)

        // The derivative, one mark per column.
        var occupied = Set<Int>()
        if let derivative {
            for c in 0..<columns {
                guard let r = dotRow(derivative(x(ofDotColumn: c, of: columns))).map({ $0 / subY }) else { continue }
                canvas.set(plotX + c, plotY + r, Cell(glyphs.isUnicode ? "·" : ".", .kernel))
            }
        }
        // The function, consecutive samples joined vertically.
        var bits: [Int: UInt32] = [:]
        var previous: Int?
        for i in 0..<dotColumns {
            let y = function(x(ofDotColumn: i, of: dotColumns))
            guard let r = dotRow(y) else { previous = nil; continue }
            let from = previous.map { min($0, r) } ?? r, to = previous.map { max($0, r) } ?? r
            // Join to the previous sample: the half of the gap nearer to each column.
            for rr in from...to {
                let nearPrevious = previous.map { abs(rr - $0) < abs(rr - r) } ?? false
                let column = nearPrevious ? i - 1 : i
                guard column >= 0 else { continue }
                let cell = (rr / subY) * columns + column / subX
                bits[cell, default: 0] |= Self.brailleBit(dx: column % subX, dy: rr % subY)
                occupied.insert(cell)
            }
            previous = r
        }
        for cell in occupied {
            let c = cell % columns, r = cell / columns
            let glyph: Character = glyphs.isUnicode ? Character(Unicode.Scalar(0x2800 + (bits[cell] ?? 0)) ?? "*") : "*"
            canvas.set(plotX + c, plotY + r, Cell(glyph, .output))
        }
    }
}
