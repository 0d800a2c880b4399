/// One cell of a grid panel: the text to show (right-aligned in the cell) and its role.
public struct GridCell: Equatable, Sendable {
    public var text: String
    public var role: Role
    public init(_ text: String, _ role: Role) {
        self.text = text
        self.role = role
    }
}

/// A labelled grid of numbers drawn into a canvas, with an optional bracketed region (the
/// kernel window, the current output cell) and a viewport that keeps a focus cell visible when
/// the grid is larger than the space it has, saying which rows and columns it shows.
///
/// Each column takes `cellWidth + 1` canvas columns: a separator, then the right-aligned text.
/// A bracketed region is drawn with `[` and `]` in the separators around it, so it is visible in
/// plain ASCII exports too.
public struct GridPanel: Sendable {
    /// The heading line.
    public var title: String
    /// Grid rows and columns.
    public var rows: Int, columns: Int
    /// Width of one cell's text.
    public var cellWidth: Int
    /// The bracketed region (row, column, height, width) in grid coordinates, if any.
    public var bracket: (row: Int, column: Int, height: Int, width: Int)?
    /// The role painted over the bracketed region's cells (keeps the cell's role if nil).
    public var bracketRole: Role?
    /// The grid cell the viewport centres on when the grid does not fit.
    public var focus: (row: Int, column: Int)

    public init(title: String, rows: Int, columns: Int, cellWidth: Int,
                bracket: (row: Int, column: Int, height: Int, width: Int)? = nil, bracketRole: Role? = nil,
                focus: (row: Int, column: Int) = (0, 0)) {
        self.title = title
        self.rows = max(0, rows)
        self.columns = max(0, columns)
        self.cellWidth = max(1, cellWidth)
        self.bracket = bracket
        self.bracketRole = bracketRole
        self.focus = focus
    }

    /// The canvas size the whole grid needs (title line included; a viewport line is added when
    /// it is clipped).
    public var naturalSize: Size {
        Size(width: max(displayWidth(of: title), columns * (cellWidth + 1) + 1), height: rows + 1)
    }

    /// The first index and count of a viewport of `visible` out of `total`, keeping the span
    /// `[focusStart, focusStart + focusLength)` visible and as centred as possible.
    static func viewport(total: Int, visible: Int, focusStart: Int, focusLength: Int) -> (start: Int, count: Int) {
        guard visible < total else { return (0, total) }
        let count = max(1, visible)
        let centre = focusStart + focusLength / 2
        var start = centre - count / 2
        // Keep the whole focus span visible when it fits.
        if focusLength <= count {
            start = min(start, focusStart)
            start = max(start, focusStart + focusLength - count)
        } else {
            // The span does not fit: show its beginning, where the bracket opens.
            start = focusStart
        }
        start = max(0, min(start, total - count))
        return (start, count)
    }

    /// Draws the panel into `canvas` inside `area` and returns the size used.
    /// - Parameter cell: the content of grid cell (row, column).
    @discardableResult
    public func draw(into canvas: inout Canvas, area: Rect, cell: (Int, Int) -> GridCell) -> Size {
        guard area.width > 2, area.height > 1 else { return Size(width: 0, height: 0) }
        let fitColumns = max(1, (area.width - 1) / (cellWidth + 1))
        var fitRows = area.height - 1
        let clipped = fitColumns < columns || fitRows < rows
        if clipped { fitRows = max(1, area.height - 2) }
        let fb = bracket ?? (focus.row, focus.column, 1, 1)
        let vr = GridPanel.viewport(total: rows, visible: fitRows, focusStart: fb.row, focusLength: fb.height)
        let vc = GridPanel.viewport(total: columns, visible: fitColumns, focusStart: fb.column, focusLength: fb.width)
        canvas.put(prefix(of: title, fittingIn: area.width), x: area.x, y: area.y, role: .label)
        var top = area.y + 1
        if clipped {
            let info = "rows \(vr.start + 1)-\(vr.start + vr.count) of \(rows), cols \(vc.start + 1)-\(vc.start + vc.count) of \(columns)"
            canvas.put(prefix(of: info, fittingIn: area.width), x: area.x, y: top, role: .dim)
            top += 1
        }
        for r in 0..<vr.count {
            let row = vr.start + r
            let y = top + r
            for c in 0..<vc.count {
                let column = vc.start + c
                let x = area.x + c * (cellWidth + 1)
                var content = cell(row, column)
                let inBracket = bracket.map { row >= $0.row && row < $0.row + $0.height && column >= $0.column && column < $0.column + $0.width } ?? false
                if inBracket, let role = bracketRole { content.role = role }
                canvas.put(padLeft(content.text, cellWidth), x: x + 1, y: y, role: content.role)
                if let b = bracket, row >= b.row, row < b.row + b.height {
                    if column == b.column { canvas.put("[", x: x, y: y, role: .window) }
                    if column == b.column + b.width - 1 { canvas.put("]", x: x + cellWidth + 1, y: y, role: .window) }
                }
            }
        }
        return Size(width: vc.count * (cellWidth + 1) + 1, height: (top - area.y) + vr.count)
    }
}
