/// A feature map of numbers with pooling-bin boundaries drawn over it: the picture of spatial
/// pyramid pooling and RoI max pooling.
///
/// A boundary between columns x - 1 and x is a `|` in the separator before column x; a
/// boundary between rows y - 1 and y is a line of `-` (crossings `+`) drawn before row y. The
/// current bin is bracketed with `[ ]` (its left and right edges) and its top and bottom edges are
/// drawn with `=`, so it is visible in plain text. Rows and columns that more (or fewer) than one
/// bin covers are marked `x2` (`x0`, `x3`, ...) on the rulers: the overlapping cells of adaptive
/// bins, or the cells the SPP-net paper's rule leaves unread.
///
///     BinGridPicture(title: "Map 13x13", rows: 13, columns: 13, cellWidth: 2,
///                    rowBoundaries: [0, 3, 4, 6, 7, 9, 10, 13], columnBoundaries: [0, 3, 4, 6, 7, 9, 10, 13])
///
/// When the picture does not fit its area it shows a viewport that keeps the current bin visible
/// and says which map rows and columns it shows ("map rows 4-13 of 13, cols 1-13 of 13").
public struct BinGridPicture: Sendable {
    /// The heading line.
    public var title: String
    /// Map rows and columns.
    public var rows: Int, columns: Int
    /// Width of one cell's text (at least 2, so that `x2` marks fit under a column).
    public var cellWidth: Int
    /// Positions 0...rows before which a horizontal boundary line is drawn (rows = after the last row).
    public var rowBoundaries: Set<Int>
    /// Positions 0...columns before which a vertical boundary is drawn.
    public var columnBoundaries: Set<Int>
    /// The map rows on which vertical boundaries are drawn (all rows by default; the RoI's rows for RoI pooling).
    public var boundaryRows: Range<Int>
    /// The map columns over which horizontal boundaries are drawn.
    public var boundaryColumns: Range<Int>
    /// How many bins cover each row (marked on the row ruler when not 1), or nil for no marks.
    public var rowCoverage: [Int]?
    /// How many bins cover each column (marked on the column ruler when not 1), or nil for no marks.
    public var columnCoverage: [Int]?
    /// The current bin (map rows, map columns): bracketed, with `=` top and bottom edges.
    public var current: (rows: Range<Int>, columns: Range<Int>)?

    /// Creates the picture; boundaries outside 0...rows / 0...columns are ignored.
    public init(title: String, rows: Int, columns: Int, cellWidth: Int,
                rowBoundaries: Set<Int> = [], columnBoundaries: Set<Int> = [],
                boundaryRows: Range<Int>? = nil, boundaryColumns: Range<Int>? = nil,
                rowCoverage: [Int]? = nil, columnCoverage: [Int]? = nil,
                current: (rows: Range<Int>, columns: Range<Int>)? = nil) {
        self.title = title
        self.rows = max(0, rows)
        self.columns = max(0, columns)
        self.cellWidth = max(2, cellWidth, String(max(0, columns - 1)).count)
        self.rowBoundaries = rowBoundaries
        self.columnBoundaries = columnBoundaries
        self.boundaryRows = boundaryRows ?? 0..<self.rows
        self.boundaryColumns = boundaryColumns ?? 0..<self.columns
        self.rowCoverage = rowCoverage
        self.columnCoverage = columnCoverage
        self.current = current
    }

    /// One line of the picture's body: a boundary line before map row `y`, or map row `y`.
    enum Line: Equatable {
        case boundary(Int)
        case row(Int)
    }

    /// The body's lines, top to bottom.
    var lines: [Line] {
        var result: [Line] = []
        result.reserveCapacity(rows * 2 + 1)
        for y in 0...rows {
            if rowBoundaries.contains(y) { result.append(.boundary(y)) }
            if y < rows { result.append(.row(y)) }
        }
        return result
    }

    /// Width of the row labels: the index, a space, a mark (`x2`) and a space.
    var labelWidth: Int { String(max(0, rows - 1)).count + 4 }

    /// Header lines above the body: title, column indices, and the coverage marks when any.
    var headerHeight: Int { hasColumnMarks ? 3 : 2 }

    var hasColumnMarks: Bool { columnCoverage?.contains { $0 != 1 } ?? false }

    /// The canvas size the whole picture needs.
    public var naturalSize: Size {
        Size(width: max(displayWidth(of: title), labelWidth + columns * (cellWidth + 1) + 1),
             height: headerHeight + lines.count)
    }

    static func mark(_ count: Int?) -> String {
        guard let count, count != 1 else { return "" }
        return count > 9 ? "x+" : "x\(count)"
    }

    /// Draws the picture into `area` and returns the size used.
    /// - Parameter cell: the text and role of map cell (row, column).
    @discardableResult
    public func draw(into canvas: inout Canvas, area: Rect, glyphs: GlyphSet, cell: (Int, Int) -> GridCell) -> Size {
        guard area.width > labelWidth + 2, area.height > headerHeight, rows > 0, columns > 0 else { return Size(width: 0, height: 0) }
        let body = lines
        let step = cellWidth + 1
        let cross: Character = glyphs.isUnicode ? "┼" : "+"
        let double: Character = glyphs.isUnicode ? "═" : "="
        // Viewport: which columns and lines fit.
        let fitColumns = max(1, (area.width - labelWidth - 1) / step)
        var fitLines = area.height - headerHeight
        let clipped = fitColumns < columns || fitLines < body.count
        if clipped { fitLines = max(1, fitLines - 1) }
        let focusColumns = current.map { $0.columns } ?? 0..<1
        let vc = GridPanel.viewport(total: columns, visible: fitColumns, focusStart: focusColumns.lowerBound,
                                    focusLength: max(1, focusColumns.count))
        var focusFirst = 0, focusLast = 0
        if let current {
            let top = current.rows.lowerBound, bottom = current.rows.upperBound
            focusFirst = body.firstIndex(of: .boundary(top)) ?? body.firstIndex(of: .row(top)) ?? 0
            focusLast = body.firstIndex(of: .boundary(bottom)) ?? body.firstIndex(of: .row(bottom - 1)) ?? focusFirst
        }
        let vl = GridPanel.viewport(total: body.count, visible: fitLines, focusStart: focusFirst,
                                    focusLength: max(1, focusLast - focusFirst + 1))

        canvas.put(prefix(of: title, fittingIn: area.width), x: area.x, y: area.y, role: .label)
        let gridX = area.x + labelWidth
        // Column ruler and coverage marks.
        for c in 0..<vc.count {
            let column = vc.start + c
            let x = gridX + c * step + 1
            canvas.put(padLeft(String(column), cellWidth), x: x, y: area.y + 1, role: .dim)
            if hasColumnMarks, let coverage = columnCoverage, column < coverage.count {
                canvas.put(padLeft(Self.mark(coverage[column]), cellWidth), x: x, y: area.y + 2, role: .accent)
            }
        }
        var top = area.y + headerHeight
        if clipped {
            let shownRows = body[vl.start..<(vl.start + vl.count)].compactMap { line -> Int? in
                if case let .row(y) = line { return y } else { return nil }
            }
            let rowText = shownRows.isEmpty ? "no rows" : "rows \((shownRows.first ?? 0) + 1)-\((shownRows.last ?? 0) + 1) of \(rows)"
            let info = "map \(rowText), cols \(vc.start + 1)-\(vc.start + vc.count) of \(columns)"
            canvas.put(prefix(of: info, fittingIn: area.width), x: area.x, y: top, role: .dim)
            top += 1
        }
        let shownColumns = vc.start..<(vc.start + vc.count)
        for i in 0..<vl.count {
            let y = top + i
            switch body[vl.start + i] {
            case let .boundary(boundary):
                let onEdge = current.map { boundary == $0.rows.lowerBound || boundary == $0.rows.upperBound } ?? false
                for column in shownColumns {
                    let x = gridX + (column - vc.start) * step
                    let inLine = boundaryColumns.contains(column)
                    let inCurrent = onEdge && (current?.columns.contains(column) ?? false)
                    if inLine || inCurrent {
                        let glyph: Character = inCurrent ? double : glyphs.horizontal
                        for k in 1...cellWidth { canvas.set(x + k, y, Cell(glyph, inCurrent ? .window : .border)) }
                    }
                    let leftIn = boundaryColumns.contains(column) || boundaryColumns.contains(column - 1)
                    if columnBoundaries.contains(column) && (leftIn || inCurrent) {
                        canvas.set(x, y, Cell(cross, .border))
                    } else if inCurrent && column > (current?.columns.lowerBound ?? 0) {
                        canvas.set(x, y, Cell(double, .window))
                    } else if leftIn || inCurrent {
                        canvas.set(x, y, Cell(glyphs.horizontal, .border))
                    }
                }
                if let last = shownColumns.last, boundaryColumns.contains(last) {
                    let x = gridX + shownColumns.count * step
                    canvas.set(x, y, Cell(columnBoundaries.contains(last + 1) ? cross : glyphs.horizontal, .border))
                }
            case let .row(row):
                let label = padLeft(String(row), labelWidth - 4) + " " + padRight(Self.mark(rowCoverage.flatMap { row < $0.count ? $0[row] : nil }), 2)
                canvas.put(label, x: area.x, y: y, role: .dim)
                let inCurrentRows = current?.rows.contains(row) ?? false
                let barsHere = boundaryRows.contains(row)
                for column in shownColumns.lowerBound...shownColumns.upperBound {
                    let x = gridX + (column - vc.start) * step
                    // The separator before `column` (or after the last shown column).
                    if inCurrentRows, let current, column == current.columns.lowerBound {
                        canvas.set(x, y, Cell("[", .window))
                    } else if inCurrentRows, let current, column == current.columns.upperBound {
                        canvas.set(x, y, Cell("]", .window))
                    } else if barsHere && columnBoundaries.contains(column) {
                        canvas.set(x, y, Cell(glyphs.vertical, .border))
                    }
                    guard column < shownColumns.upperBound else { continue }
                    var content = cell(row, column)
                    if inCurrentRows, let current, current.columns.contains(column), content.role != .current {
                        content.role = .window
                    }
                    canvas.put(padLeft(content.text, cellWidth), x: x + 1, y: y, role: content.role)
                }
            }
        }
        return Size(width: labelWidth + vc.count * step + 1, height: (top - area.y) + vl.count)
    }
}
