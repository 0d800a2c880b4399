import Synchronization

/// A picture of an image in terminal cells, under a title line: two pixels per cell (the upper
/// one as the foreground of `▀`, the lower one as its background) in colour outputs, and one
/// character of the ASCII ramp `" .:-=+*#%@"` (dark to bright, by the cell's mean luma) in
/// plain text. Grey images are drawn in greys.
///
/// At zoom 0 the whole image is scaled to fit the area (each dot the area-weighted mean of the
/// pixels it covers, or a pixel repeated when the image is smaller than the area); each zoom
/// level doubles the scale around ``center``, and the title then says which rows and columns are
/// shown. A marker (the kernel window) is bracketed with `[` and `]`, visible in plain text too.
///
/// A dot is taken as square and a cell as two dots high, the usual 1:2 shape of terminal cells.
public struct ImagePanel: Sendable {
    /// The ASCII ramp of plain text, darkest first.
    public static let ramp: [Character] = Array(" .:-=+*#%@")
    /// The largest zoom level: 2^8 times the fitting scale.
    public static let maximumZoom = 8

    /// The heading.
    public var title: String
    /// The pixels.
    public var pyramid: ImagePyramid
    /// 0 shows the whole image; each level doubles the scale.
    public var zoom: Int
    /// The pixel (row, column) the view centres on when zoomed (clamped so the view stays inside
    /// the image).
    public var center: (row: Double, column: Double)
    /// The pixel rectangle (row, column, height, width) to bracket, if any; parts outside the
    /// image (padding) are ignored.
    public var marker: (row: Int, column: Int, height: Int, width: Int)?

    public init(title: String, pyramid: ImagePyramid, zoom: Int = 0, center: (row: Double, column: Double)? = nil,
                marker: (row: Int, column: Int, height: Int, width: Int)? = nil) {
        self.title = title
        self.pyramid = pyramid
        self.zoom = max(0, min(Self.maximumZoom, zoom))
        self.center = center ?? (Double(pyramid.height) / 2, Double(pyramid.width) / 2)
        self.marker = marker
    }

    /// Where the picture lies for a given space: pixels per dot, the pixel coordinates of the
    /// first dot, and the number of dot columns and rows shown.
    public struct Layout: Equatable, Sendable {
        /// Image pixels per dot (below 1 when magnified).
        public var scale: Double
        /// Pixel coordinates of the top-left corner of the first dot.
        public var top: Double, left: Double
        /// Dots shown across and down (two dot rows per cell row).
        public var columns: Int, dotRows: Int
        /// True when part of the image is outside the view.
        public var isClipped: Bool
        /// Cell rows used.
        public var cellRows: Int { (dotRows + 1) / 2 }
        /// The first and last image row and column shown (0-based, inclusive).
        public var rowRange: ClosedRange<Int>, columnRange: ClosedRange<Int>
    }

    /// The layout in `columns` x `rows` cells (title excluded, one column kept free on each side
    /// for the marker's brackets).
    public func layout(columns: Int, rows: Int) -> Layout {
        let w = max(1, columns - 2), r = max(1, rows)
        let imageWidth = Double(pyramid.width), imageHeight = Double(pyramid.height)
        let fit = max(imageWidth / Double(w), imageHeight / Double(2 * r))
        let scale = fit / Double(1 << zoom)
        let neededColumns = Int((imageWidth / scale - 1e-9).rounded(.up))
        let neededRows = Int((imageHeight / scale - 1e-9).rounded(.up))
        let shownColumns = max(1, min(w, neededColumns)), shownRows = max(1, min(2 * r, neededRows))
        func origin(_ center: Double, _ shown: Int, _ extent: Double) -> Double {
            let span = Double(shown) * scale
            return max(0, min(center - span / 2, max(0, extent - span)))
        }
        let left = origin(center.column, shownColumns, imageWidth)
        let top = origin(center.row, shownRows, imageHeight)
        let lastRow = min(pyramid.height - 1, Int((top + Double(shownRows) * scale - 1e-9).rounded(.down)))
        let lastColumn = min(pyramid.width - 1, Int((left + Double(shownColumns) * scale - 1e-9).rounded(.down)))
        let firstRow = min(lastRow, Int(top.rounded(.down))), firstColumn = min(lastColumn, Int(left.rounded(.down)))
        return Layout(scale: scale, top: top, left: left, columns: shownColumns, dotRows: shownRows,
                      isClipped: shownColumns < neededColumns || shownRows < neededRows,
                      rowRange: firstRow...lastRow, columnRange: firstColumn...lastColumn)
    }

    /// The glyph of the ASCII ramp for a luma 0-255.
    public static func rampGlyph(luma: Float) -> Character {
        let index = Int(max(0, min(Float(ramp.count - 1), (luma * Float(ramp.count) / 256).rounded(.down))))
        return ramp[index]
    }

    /// Draws the title and the picture into `area`; returns the size used.
    /// The half-block cells of the picture at layout `l`, row by row (nil outside the image).
    func picture(_ l: Layout) -> [Cell?] {
        var cells: [Cell?] = []
        cells.reserveCapacity(l.cellRows * l.columns)
        for cy in 0..<l.cellRows {
            let upperTop = l.top + Double(2 * cy) * l.scale
            let lowerTop = upperTop + l.scale
            for cx in 0..<l.columns {
                let left = l.left + Double(cx) * l.scale, right = left + l.scale
                guard let upper = pyramid.meanColor(top: upperTop, left: left, bottom: lowerTop, right: right) else {
                    cells.append(nil)
                    continue
                }
                let lower = 2 * cy + 1 < l.dotRows
                    ? pyramid.meanColor(top: lowerTop, left: left, bottom: lowerTop + l.scale, right: right) : nil
                let luma = lower.map { (upper.luma + $0.luma) / 2 } ?? upper.luma
                cells.append(Cell(Self.rampGlyph(luma: luma), .plain, color: CellColor(foreground: upper, background: lower, glyph: "▀")))
            }
        }
        return cells
    }

    @discardableResult
    public func draw(into canvas: inout Canvas, area: Rect) -> Size {
        guard area.width >= 4, area.height >= 2 else { return Size(width: 0, height: 0) }
        var l = layout(columns: area.width, rows: area.height - 1)
        var top = area.y + 1
        if l.isClipped, area.height >= 3 {
            // One line says which part is shown, as GridPanel does.
            l = layout(columns: area.width, rows: area.height - 2)
            let info = "zoom \(1 << zoom)x: rows \(l.rowRange.lowerBound + 1)-\(l.rowRange.upperBound + 1) of \(pyramid.height),"
                + " cols \(l.columnRange.lowerBound + 1)-\(l.columnRange.upperBound + 1) of \(pyramid.width)"
            canvas.put(prefix(of: info, fittingIn: area.width), x: area.x, y: top, role: .dim)
            top += 1
        }
        let heading = !l.isClipped && zoom > 0 ? title + "  zoom \(1 << zoom)x" : title
        canvas.put(prefix(of: heading, fittingIn: area.width), x: area.x, y: area.y, role: .label)
        let x0 = area.x + 1, y0 = top
        let key = PictureCache.Key(pyramid: pyramid.identity, scale: l.scale.bitPattern, top: l.top.bitPattern,
                                   left: l.left.bitPattern, columns: l.columns, dotRows: l.dotRows)
        let cells = PictureCache.shared.cells(for: key) { picture(l) }
        for cy in 0..<l.cellRows {
            for cx in 0..<l.columns {
                if let cell = cells[cy * l.columns + cx] { canvas.set(x0 + cx, y0 + cy, cell) }
            }
        }
        if let m = marker {
            // The marker's part inside the image, in dots, then in cells.
            let r0 = max(0, m.row), r1 = min(pyramid.height, m.row + m.height)
            let c0 = max(0, m.column), c1 = min(pyramid.width, m.column + m.width)
            if r1 > r0, c1 > c0 {
                let firstDotRow = Int(((Double(r0) - l.top) / l.scale).rounded(.down))
                let lastDotRow = Int(((Double(r1) - l.top) / l.scale - 1e-9).rounded(.down))
                let firstColumn = Int(((Double(c0) - l.left) / l.scale).rounded(.down))
                let lastColumn = Int(((Double(c1) - l.left) / l.scale - 1e-9).rounded(.down))
                let firstCellRow = max(0, firstDotRow / 2), lastCellRow = min(l.cellRows - 1, max(0, lastDotRow) / 2)
                if lastDotRow >= 0, firstDotRow < l.dotRows, lastColumn >= 0, firstColumn < l.columns, firstCellRow <= lastCellRow {
                    for cy in firstCellRow...lastCellRow {
                        if firstColumn >= 0 { canvas.set(x0 + firstColumn - 1, y0 + cy, Cell("[", .window)) }
                        if lastColumn < l.columns { canvas.set(x0 + lastColumn + 1, y0 + cy, Cell("]", .window)) }
                    }
                }
            }
        }
        return Size(width: max(l.columns + 2, min(area.width, displayWidth(of: heading))), height: l.cellRows + (top - area.y))
    }
}

/// The pictures drawn most recently, by pyramid and layout: stepping a filter moves only the
/// window marker, so the picture's cells are computed once per result and view, not per frame.
/// Holds at most ``capacity`` pictures (a few hundred KB); thread-safe.
final class PictureCache: Sendable {
    struct Key: Hashable, Sendable {
        var pyramid: UInt64, scale: UInt64, top: UInt64, left: UInt64
        var columns: Int, dotRows: Int
    }

    static let shared = PictureCache()
    static let capacity = 8
    private let entries = Mutex<[(key: Key, cells: [Cell?])]>([])

    /// The cached cells of `key`, or `make()`'s, which are then kept (the oldest dropped).
    func cells(for key: Key, make: () -> [Cell?]) -> [Cell?] {
        if let hit = entries.withLock({ list in list.first { $0.key == key }?.cells }) { return hit }
        let made = make()
        entries.withLock { list in
            list.append((key, made))
            if list.count > Self.capacity { list.removeFirst(list.count - Self.capacity) }
        }
        return made
    }
}
