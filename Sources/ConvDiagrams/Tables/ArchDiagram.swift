import ConvCore

/// The architecture table scene's picture (`convscope arch` in a terminal): the scrollable
/// torchinfo-style table with the selected row highlighted, the selected layer's numbers worked
/// out beside it (130 columns and wider) or below it (``LayerFormula``), a status line, and the
/// overlays: the model picker and the totals of several models side by side.
///
/// A pure function of a ``ModelSummary``, the rows shown (after depth and folding), the
/// selection and an area; any area, zero included, is drawn without a trap.
///
/// Glyphs in plain text: `>` the selected row, `[+]` a folded block, `[-]` an open one (`▸`,
/// `▾` in Unicode).
public struct ArchDiagram: Diagram, Sendable {
    /// What the status line under the table says.
    public enum Status: Equatable, Sendable {
        /// The position and the model's totals.
        case totals
        /// The `/` search box with the text typed so far.
        case search(query: String)
        /// A one-line notice ("no row matches ...").
        case notice(String)
    }

    /// What is drawn over the table.
    public enum Overlay: Equatable, Sendable {
        /// Nothing.
        case none
        /// The model picker: the zoo's listing and the highlighted line.
        case picker(listing: [ModelZoo.Listing], selection: Int)
        /// The totals of these models side by side, with their parameter counts as bars.
        case comparison([ModelSummary])
    }

    /// Rows of the table's gutter: the pointer, then the fold mark.
    static let gutter = 5

    /// The model.
    public let summary: ModelSummary
    /// The rows shown, after the depth limit and folding.
    public let visible: [ArchTableLayout.VisibleRow]
    /// The selected row, 1-based over ``visible``.
    public let selected: Int
    /// The deepest row shown.
    public let depth: Int
    /// The columns, the layer column first.
    public let columns: [ArchColumn]
    /// Container rows whose children are hidden (indices into the summary's rows).
    public let folded: Set<Int>
    /// The status line.
    public let status: Status
    /// The overlay.
    public let overlay: Overlay
    /// Plain text or Unicode.
    public let glyphs: GlyphSet

    /// Creates the picture.
    /// - Parameters:
    ///   - summary: the model's rows and totals.
    ///   - visible: the rows shown (``ArchTable/visibleRows(of:depth:folded:)``).
    ///   - selected: the selected row, 1-based over `visible`.
    ///   - depth: the deepest row shown (`Int.max`: all).
    ///   - columns: the table's columns.
    ///   - folded: folded container rows.
    ///   - status: the status line.
    ///   - overlay: what is drawn over the table.
    ///   - glyphs: plain text or Unicode.
    public init(summary: ModelSummary, visible: [ArchTableLayout.VisibleRow], selected: Int, depth: Int,
                columns: [ArchColumn], folded: Set<Int>, status: Status = .totals, overlay: Overlay = .none,
                glyphs: GlyphSet = .ascii) {
        self.summary = summary
        self.visible = visible
        self.selected = selected
        self.depth = depth
        self.columns = columns
        self.folded = folded
        self.status = status
        self.overlay = overlay
        self.glyphs = glyphs
    }

    /// The selected row, if any.
    var selectedRow: ModelSummaryRow? {
        visible.indices.contains(selected - 1) ? summary.rows[visible[selected - 1].index] : nil
    }

    public func draw(into canvas: inout Canvas, area: Rect) {
        guard area.width > 0, area.height > 2 else { return }
        let statusY = area.maxY - 1
        let besides = area.width >= 130
        let tableArea: Rect
        var panelArea: Rect
        if besides {
            let panelWidth = min(64, max(44, area.width / 3))
            tableArea = Rect(x: area.x, y: area.y, width: area.width - panelWidth - 2, height: area.height - 1)
            panelArea = Rect(x: tableArea.maxX + 2, y: area.y, width: panelWidth, height: area.height - 1)
        } else {
            let panelHeight = min(9, max(3, area.height * 2 / 5))
            tableArea = Rect(x: area.x, y: area.y, width: area.width, height: area.height - 1 - panelHeight)
            panelArea = Rect(x: area.x, y: tableArea.maxY, width: area.width, height: panelHeight)
        }
        let shown = drawTable(into: &canvas, area: tableArea)
        if !besides {
            canvas.put(String(repeating: String(glyphs.horizontal), count: panelArea.width), x: panelArea.x,
                       y: panelArea.y, role: .border)
            panelArea = Rect(x: panelArea.x, y: panelArea.y + 1, width: panelArea.width, height: panelArea.height - 1)
        }
        if let row = selectedRow { drawFormula(row, into: &canvas, area: panelArea) }
        canvas.put(prefix(of: statusText(shown: shown, width: area.width), fittingIn: area.width), x: area.x, y: statusY,
                   role: statusRole)
        switch overlay {
        case let .picker(listing, selection): drawPicker(listing, selection: selection, into: &canvas, area: area)
        case let .comparison(summaries): drawComparison(summaries, into: &canvas, area: area)
        case .none: break
        }
    }

    /// The status line's words: whole parts only, so a number is never cut at the right edge.
    func statusText(shown: Range<Int>, width: Int) -> String {
        switch status {
        case let .search(query): return "/" + query + "_   Enter jump  Esc cancel  (path, name or type)"
        case let .notice(text): return text
        case .totals:
            var text = shown.isEmpty ? "no rows" : "rows \(shown.lowerBound + 1)-\(shown.upperBound) of \(visible.count)"
            for part in ["   \(summary.model): \(ArchNumberFormat.grouped(summary.totalParams)) params",
                         ", \(ArchNumberFormat.grouped(summary.totalMultAdds)) mult-adds"] {
                guard displayWidth(of: text + part) <= width else { break }
                text += part
            }
            return text
        }
    }

    var statusRole: Role {
        switch status {
        case .search: return .highlight
        case .notice: return .accent
        case .totals: return .dim
        }
    }

    /// The table with a five-column gutter; returns the visible positions drawn. The viewport
    /// centres the selection, and scrolls further so that an unfolded block's rows show under it
    /// when they fit.
    func drawTable(into canvas: inout Canvas, area: Rect) -> Range<Int> {
        guard area.height >= 3, area.width > Self.gutter else { return 0..<0 }
        let gutter = Self.gutter
        let layout = ArchTableLayout(summary, unicode: glyphs.isUnicode, width: area.width - gutter,
                                     depth: depth, columns: columns, folded: folded, variableNames: true)
        canvas.put(layout.header, x: area.x + gutter, y: area.y, role: .label)
        canvas.put(prefix(of: layout.divider, fittingIn: area.width - gutter), x: area.x + gutter, y: area.y + 1,
                   role: .border)
        let capacity = area.height - 2
        let count = layout.lines.count
        let position = max(0, selected - 1)
        var offset = min(max(0, position - capacity / 2), max(0, count - capacity))
        if visible.indices.contains(position) {
            // The last visible row inside the selected block.
            let index = visible[position].index
            let end = index + summary.rows[index].descendantCount
            var last = position
            while last + 1 < visible.count, visible[last + 1].index <= end { last += 1 }
            if last >= offset + capacity { offset = min(position, last - capacity + 1) }
        }
        let shown = offset..<min(count, offset + capacity)
        for (line, at) in shown.enumerated() {
            let y = area.y + 2 + line
            let entry = layout.visible[at]
            let row = summary.rows[entry.index]
            let isSelected = at == position
            let fold: String
            if row.isLeaf || row.descendantCount == 0 {
                fold = "   "
            } else if entry.collapsed {
                fold = glyphs.isUnicode ? " ▸ " : "[+]"
            } else {
                fold = glyphs.isUnicode ? " ▾ " : "[-]"
            }
            canvas.put((isSelected ? String(glyphs.pointer) : " ") + fold + " ", x: area.x, y: y,
                       role: isSelected ? .highlight : .accent)
            canvas.put(layout.lines[at], x: area.x + gutter, y: y, role: isSelected ? .highlight : .plain)
            if isSelected {
                canvas.paint(x: area.x, y: y, width: min(area.width, gutter + layout.tableWidth), height: 1, role: .highlight)
            }
        }
        return shown
    }

    /// The selected row's path, shapes and worked-out formulas, wrapped to the panel.
    func drawFormula(_ row: ModelSummaryRow, into canvas: inout Canvas, area: Rect) {
        guard area.width > 0, area.height > 0 else { return }
        let name = row.path.isEmpty ? summary.model : row.path
        var lines: [(String, Role)] = [("\(name)  (\(row.label))", .title)]
        let arrow = glyphs.isUnicode ? "→" : "->"
        lines.append(("\(ArchNumberFormat.shape(row.inputShape)) \(arrow) \(ArchNumberFormat.shape(row.outputShape))", .label))
        for text in LayerFormula.lines(for: row, glyphs: glyphs) {
            for part in wrap(text, columns: area.width) { lines.append((part, .plain)) }
        }
        for (offset, line) in lines.prefix(area.height).enumerated() {
            canvas.put(prefix(of: line.0, fittingIn: area.width), x: area.x, y: area.y + offset, role: line.1)
        }
    }

    /// A box over the table listing the zoo: name, total parameters, default input.
    func drawPicker(_ entries: [ModelZoo.Listing], selection: Int, into canvas: inout Canvas, area: Rect) {
        let nameWidth = entries.map { displayWidth(of: $0.name) }.max() ?? 10
        let lines = entries.map { entry in
            padRight(entry.name, nameWidth) + "  " + padLeft(ArchNumberFormat.grouped(entry.totalParams), 11)
                + "  " + entry.defaultInput.map(String.init).joined(separator: "x")
        }
        let width = min(area.width, (lines.map { displayWidth(of: $0) }.max() ?? 30) + 6)
        let height = min(area.height, entries.count + 4)
        guard width > 4, height > 2 else { return }
        let capacity = max(1, height - 4)
        let offset = min(max(0, selection - capacity / 2), max(0, entries.count - capacity))
        let x = area.x + (area.width - width) / 2, y = area.y + (area.height - height) / 2
        for yy in y..<(y + height) { canvas.put(String(repeating: " ", count: width), x: x, y: yy) }
        canvas.box(x: x, y: y, width: width, height: height, glyphs: glyphs)
        canvas.put(prefix(of: "Models (Enter loads, Esc closes)", fittingIn: width - 4), x: x + 2, y: y + 1, role: .title)
        for (line, index) in (offset..<min(entries.count, offset + capacity)).enumerated() {
            let isSelected = index == selection
            let text = (isSelected ? String(glyphs.pointer) : " ") + " " + lines[index]
            canvas.put(prefix(of: text, fittingIn: width - 4), x: x + 2, y: y + 2 + line,
                       role: isSelected ? .highlight : .plain)
        }
    }

    /// The models' totals side by side, and their parameter counts as bars.
    func drawComparison(_ comparison: [ModelSummary], into canvas: inout Canvas, area: Rect) {
        for yy in area.y..<area.maxY { canvas.put(String(repeating: " ", count: area.width), x: area.x, y: yy) }
        var lines: [(String, Role)] = [("Totals side by side (Esc or v closes)", .title), ("", .plain)]
        let table = ArchTable.comparison(comparison, format: glyphs.isUnicode ? .unicode : .text, width: area.width)
        for line in table.split(separator: "\n") { lines.append((String(line), .plain)) }
        lines.append(("", .plain))
        lines.append(("Parameters (each bar to scale)", .label))
        let largest = comparison.map(\.totalParams).max() ?? 1
        let nameWidth = comparison.map { displayWidth(of: $0.model) }.max() ?? 8
        let numberWidth = comparison.map { ArchNumberFormat.grouped($0.totalParams).count }.max() ?? 1
        let barWidth = max(1, area.width - nameWidth - numberWidth - 4)
        for summary in comparison {
            let length = max(1, Int((Double(summary.totalParams) / Double(max(largest, 1)) * Double(barWidth)).rounded()))
            lines.append((padRight(summary.model, nameWidth) + "  " + padLeft(ArchNumberFormat.grouped(summary.totalParams), numberWidth)
                          + "  " + String(repeating: String(glyphs.shade), count: length), .plain))
        }
        for (offset, line) in lines.prefix(area.height).enumerated() {
            canvas.put(prefix(of: line.0, fittingIn: area.width), x: area.x, y: area.y + offset, role: line.1)
        }
    }
}
