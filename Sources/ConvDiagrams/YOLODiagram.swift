import ConvCore

/// The YOLO picture: the S x S grid over the image, the object's box and centre, the cell
/// responsible for it, the output tensor's shape S x S x (B·5 + C) with the numbers plugged in,
/// and the selected cell's vector laid out (x, y, w, h, confidence per box, then the C class
/// probabilities), with the training targets when the cell is the responsible one.
///
/// A pure function of a ``YOLOGrid`` (core values), the image size, the object, a step and an
/// area. Steps are the grid cells, row-major, so the arrows move the selected cell.
///
/// Glyphs in plain text: `+ - |` the grid, `/` fills the responsible cell, `#` the object's box,
/// `@` its centre, `[ ]` inside the selected cell's edges.
///
/// Source: Redmon et al. 2016, "You Only Look Once: Unified, Real-Time Object Detection", section 2.
public struct YOLODiagram: Diagram, Sendable {
    /// An object: centre and size in pixels.
    public struct Object: Equatable, Sendable {
        /// The centre, in pixels.
        public var centerX: Double, centerY: Double
        /// The size, in pixels.
        public var width: Double, height: Double
        /// Creates an object.
        public init(centerX: Double, centerY: Double, width: Double, height: Double) {
            self.centerX = centerX
            self.centerY = centerY
            self.width = width
            self.height = height
        }
    }

    /// The grid and output sizes.
    public let grid: YOLOGrid
    /// The image size in pixels.
    public let imageHeight: Int, imageWidth: Int
    /// The object and its assignment, if any.
    public let object: Object?
    /// The responsible cell and targets of ``object``.
    public let assignment: YOLOAssignment?
    /// 1-based step: the selected cell.
    public let step: Int
    /// Glyphs for the grid and the object box.
    public let glyphs: GlyphSet

    /// Creates the diagram; the step is clamped into 1...S².
    public init(grid: YOLOGrid, imageHeight: Int, imageWidth: Int, object: Object?, assignment: YOLOAssignment?,
                step: Int, glyphs: GlyphSet = .ascii) {
        self.grid = grid
        self.imageHeight = imageHeight
        self.imageWidth = imageWidth
        self.object = object
        self.assignment = assignment
        self.step = min(max(1, step), grid.gridSize * grid.gridSize)
        self.glyphs = glyphs
    }

    /// The selected cell (row, column).
    public var cell: (row: Int, column: Int) { ((step - 1) / grid.gridSize, (step - 1) % grid.gridSize) }

    /// "S x S x (B*5 + C) = 7 x 7 x (2*5 + 20) = 7 x 7 x 30 = 1,470".
    public var shapeFormula: String {
        let s = grid.gridSize, b = grid.boxesPerCell, c = grid.classes
        return "S x S x (B*5 + C) = \(s) x \(s) x (\(b)*5 + \(c)) = \(s) x \(s) x \(grid.valuesPerCell) = \(groupedThousands(grid.outputCount))"
    }

    /// The text panel: sizes, the shape, the object and its responsible cell, the cell's vector.
    public func panelLines(width: Int, maxLines: Int) -> [(String, Role)] {
        var block = TextBlock(width: width)
        block.add("S = \(grid.gridSize), B = \(grid.boxesPerCell), C = \(grid.classes), image \(imageHeight)x\(imageWidth)", .accent)
        block.add("output: S x S x (B*5 + C)")
        block.add("= " + shapeFormula.components(separatedBy: " = ").dropFirst().joined(separator: " = "))
        let (row, column) = cell
        if let object, let a = assignment {
            block.add("object: centre (\(formatReal(object.centerX)), \(formatReal(object.centerY))), \(formatReal(object.width)) x \(formatReal(object.height)) px")
            let u = object.centerX * Double(grid.gridSize) / Double(imageWidth), v = object.centerY * Double(grid.gridSize) / Double(imageHeight)
            // Each boundary note goes with its own axis: a centre on a column boundary goes to the
            // cell on the right, on a row boundary to the cell below, on the far edge to the last cell.
            let s = Double(grid.gridSize)
            let columnNote = u == s ? " (on the right edge: the last column)"
                : u == u.rounded(.down) ? " (on a column boundary: the cell to the right)" : ""
            let rowNote = v == s ? " (on the bottom edge: the last row)"
                : v == v.rounded(.down) ? " (on a row boundary: the cell below)" : ""
            block.add("responsible cell (\(a.row),\(a.column)): column floor(\(formatReal(object.centerX))*\(grid.gridSize)/\(imageWidth)) = floor(\(formatReal(u)))\(columnNote), row floor(\(formatReal(object.centerY))*\(grid.gridSize)/\(imageHeight)) = floor(\(formatReal(v)))\(rowNote)", .label)
        } else {
            block.add("no object given (--object cx,cy,w,h)")
        }
        block.blank()
        block.add("cell (\(row),\(column)): \(grid.valuesPerCell) numbers", .label)
        let responsible = assignment.map { $0.row == row && $0.column == column } ?? false
        let shownBoxes = min(grid.boxesPerCell, max(1, maxLines - block.lines.count - 5))
        for b in 0..<shownBoxes {
            let names = YOLOBoxField.allCases.map { YOLOCellSlot.box(b, $0).description }.joined(separator: " ")
            block.addLine("[\(b * 5)-\(b * 5 + 4)] box \(b + 1): \(names)")
        }
        if shownBoxes < grid.boxesPerCell { block.addLine("... (\(grid.boxesPerCell - shownBoxes) more boxes)") }
        let first = grid.boxesPerCell * 5
        if grid.classes > 0 {
            block.add("[\(first)-\(first + grid.classes - 1)] p1 ... p\(grid.classes): Pr(class | object), shared by the boxes")
        }
        if responsible, let a = assignment {
            block.add("targets: x \(formatReal(a.x)) y \(formatReal(a.y)) w \(formatReal(a.w)) h \(formatReal(a.h)) confidence IOU", .accent)
            block.add("(x, y: the centre in the cell; w, h: of the image; for the box with the best IOU, the others' confidence 0)", .dim)
        } else if assignment != nil {
            block.add("not responsible: every confidence target is 0", .dim)
        }
        return block.lines.map { ($0.text, $0.role) }
    }

    /// Draws the diagram into `area` of `canvas`.
    public func draw(into canvas: inout Canvas, area: Rect) {
        let outer = canvas.narrowClip(to: area)
        defer { canvas.restoreClip(outer) }
        guard area.width > 20, area.height > 4 else { return }
        var legend = TextBlock(width: area.width)
        legend.add("[ ] selected cell   / responsible cell (holds the centre)   # object box   @ its centre", .dim)
        let top = area.y + legend.draw(into: &canvas, x: area.x, y: area.y, maxLines: 2)
        let height = max(0, area.maxY - top)
        let panelWidth = min(max(40, area.width / 2), area.width - 12)
        let pictureWidth = max(0, area.width - panelWidth - 2)
        if pictureWidth >= 8 && height >= 4 {
            canvas.blit(picture(width: pictureWidth, height: height), x: area.x, y: top)
        }
        let px = area.x + pictureWidth + 2
        for (i, line) in panelLines(width: max(1, area.maxX - px), maxLines: height).prefix(height).enumerated() {
            canvas.put(line.0, x: px, y: top + i, role: line.1)
        }
    }

    /// The grid over the image (a viewport around the selected cell when S is large).
    public func picture(width: Int, height: Int) -> Canvas {
        var canvas = Canvas(width: width, height: height)
        let s = grid.gridSize
        let labelWidth = String(s - 1).count + 1
        // Cell size in characters: keep the image's aspect (a row is about two columns tall).
        let availableWidth = width - labelWidth - 1, availableHeight = height - 2
        guard availableWidth >= 3, availableHeight >= 2 else { return canvas }
        let aspect = Double(imageHeight) / Double(imageWidth)
        var cellWidth = max(3, availableWidth / s)
        var cellHeight = max(2, Int((Double(cellWidth) * aspect / 2).rounded()))
        if cellHeight * min(s, availableHeight / 2) > availableHeight || s * cellHeight > availableHeight {
            cellHeight = max(2, availableHeight / s)
            cellWidth = max(3, min(cellWidth, Int((Double(cellHeight) * 2 / aspect).rounded())))
        }
        let visibleColumns = max(1, min(s, availableWidth / cellWidth)), visibleRows = max(1, min(s, availableHeight / cellHeight))
        let (row, column) = cell
        let vc = GridPanel.viewport(total: s, visible: visibleColumns, focusStart: column, focusLength: 1)
        let vr = GridPanel.viewport(total: s, visible: visibleRows, focusStart: row, focusLength: 1)
        let x0 = labelWidth, y0 = 1
        // Rulers.
        for c in 0..<vc.count {
            let text = String(vc.start + c)
            canvas.put(text, x: x0 + c * cellWidth + (cellWidth - text.count + 1) / 2, y: 0, role: .dim)
        }
        for r in 0..<vr.count {
            canvas.put(padLeft(String(vr.start + r), labelWidth - 1), x: 0, y: y0 + r * cellHeight + cellHeight / 2, role: .dim)
        }
        // The responsible cell, hatched.
        if let a = assignment, vr.start..<(vr.start + vr.count) ~= a.row, vc.start..<(vc.start + vc.count) ~= a.column {
            let cx = x0 + (a.column - vc.start) * cellWidth, cy = y0 + (a.row - vr.start) * cellHeight
            for yy in (cy + 1)..<(cy + cellHeight) { for xx in (cx + 1)..<(cx + cellWidth) { canvas.set(xx, yy, Cell("/", .highlight)) } }
        }
        // Grid lines.
        for r in 0...vr.count {
            for c in 0..<(vc.count * cellWidth) { canvas.set(x0 + c, y0 + r * cellHeight, Cell(glyphs.horizontal, .border)) }
        }
        for c in 0...vc.count {
            for r in 0..<(vr.count * cellHeight) {
                let yy = y0 + r
                canvas.set(x0 + c * cellWidth, yy, Cell(r % cellHeight == 0 ? "+" : glyphs.vertical, .border))
            }
        }
        for c in 0...vc.count { canvas.set(x0 + c * cellWidth, y0 + vr.count * cellHeight, Cell("+", .border)) }
        // The object's box and centre, in grid coordinates.
        if let object {
            // A pixel in cell j lands on the cell's inner characters (1...size-1 past its grid line),
            // so a centre is always drawn inside the cell that holds it.
            func place(_ p: Double, _ image: Int, _ size: Int, _ start: Int, _ origin: Int) -> Int {
                let u = (p * Double(s) / Double(image)).clamped(-1e6, 1e6)
                let j = u.rounded(.down), f = u - j
                let inner = min(Int((f * Double(size - 1)).rounded(.down)), size - 2)
                return origin + (Int(j) - start) * size + 1 + inner
            }
            func x(_ px: Double) -> Int { place(px, imageWidth, cellWidth, vc.start, x0) }
            func y(_ py: Double) -> Int { place(py, imageHeight, cellHeight, vr.start, y0) }
            let x1 = x(object.centerX - object.width / 2), x2 = x(object.centerX + object.width / 2)
            let y1 = y(object.centerY - object.height / 2), y2 = y(object.centerY + object.height / 2)
            let lowX = max(x1, 0), highX = min(x2, width), lowY = max(y1, 0), highY = min(y2, height)
            if lowX <= highX { for xx in lowX...highX { canvas.set(xx, y1, Cell(glyphs.shade, .accent)); canvas.set(xx, y2, Cell(glyphs.shade, .accent)) } }
            if lowY <= highY { for yy in lowY...highY { canvas.set(x1, yy, Cell(glyphs.shade, .accent)); canvas.set(x2, yy, Cell(glyphs.shade, .accent)) } }
        }
        // The selected cell: brackets inside its left and right edges.
        let sx = x0 + (column - vc.start) * cellWidth, sy = y0 + (row - vr.start) * cellHeight
        for yy in (sy + 1)..<(sy + cellHeight) {
            canvas.set(sx + 1, yy, Cell("[", .window))
            canvas.set(sx + cellWidth - 1, yy, Cell("]", .window))
        }
        if let object {
            func place(_ p: Double, _ image: Int, _ size: Int, _ start: Int, _ origin: Int) -> Int {
                let u = (p * Double(s) / Double(image)).clamped(-1e6, 1e6)
                let j = min(u.rounded(.down), Double(s - 1)), f = min(u - j, 0.999)
                return origin + (Int(j) - start) * size + 1 + min(Int((f * Double(size - 1)).rounded(.down)), size - 2)
            }
            canvas.set(place(object.centerX, imageWidth, cellWidth, vc.start, x0),
                       place(object.centerY, imageHeight, cellHeight, vr.start, y0), Cell("@", .current))
        }
        return canvas
    }
}
