import ConvCore

/// The pooling step-through picture: the padded input with the current window bracketed (the
/// maximum's tap marked for max pooling), the output filling in, and the current cell's maximum
/// or sum and divisor, with the output-size formula (floor or ceil mode) in numbers.
///
/// A pure function of a ``PoolComputation``, a step and an area: it animates the core's
/// ``PoolComputation/trace(step:)`` and never recomputes the pooling.
///
/// Glyphs in plain text:
///
/// | glyph   | cell                                                                  |
/// |---------|-----------------------------------------------------------------------|
/// | number  | a real input value (or a computed output value)                       |
/// | `3*`    | the window's maximum (max pooling; the first maximum in row-major order) |
/// | `.`     | a padding cell (never chosen by max; counted by avg only with count_include_pad) |
/// | `-`     | beyond the padded input: ceil mode's partial last window (never read, never counted) |
/// | `?`     | an output cell not computed yet                                       |
/// | `[ ]`   | the window and the current output cell                                |
///
/// Overlapping windows (AlexNet's 3x3, stride 2) show as brackets that share rows or columns
/// from one step to the next; the screen says how many.
public struct PoolStepDiagram: Diagram, Sendable {
    /// The glyph of a padding cell.
    public static let paddingGlyph = "."
    /// The glyph of a cell beyond the padded input (ceil mode's partial window).
    public static let beyondGlyph = "-"
    /// The mark after the maximum's value.
    public static let maximumMark = "*"

    /// The computation to show.
    public let computation: PoolComputation
    /// 1-based step (output cell), clamped to 1...stepCount.
    public let step: Int

    /// Creates the picture of `step`.
    public init(computation: PoolComputation, step: Int) {
        self.computation = computation
        self.step = min(max(1, step), max(1, computation.stepCount))
    }

    private var isMax: Bool { computation.mode == .max }

    /// The output-size lines: PyTorch's formula per axis (one line when the axes agree), or the
    /// adaptive bins.
    public var formulaLines: [String] {
        switch computation.geometry.windows {
        case let .fixed(h, w):
            if h == w { return [h.formula] }
            return ["rows: " + h.formula, "cols: " + w.formula]
        case let .adaptive(h, w):
            func bins(_ a: AdaptivePoolAxis) -> String {
                "a = \(a.inputSize), n = \(a.outputSize): " + a.bins.map { "[\($0.lowerBound),\($0.upperBound))" }.joined(separator: " ")
            }
            let rule = "adaptive: bin j spans [floor(j*a/n), ceil((j+1)*a/n))"
            if h == w { return [rule + "; " + bins(h)] }
            return [rule, "rows: " + bins(h), "cols: " + bins(w)]
        }
    }

    /// Notes on overlapping windows and ceil mode's partial last window, when they apply.
    public var windowNotes: [String] {
        guard case let .fixed(h, w) = computation.geometry.windows else { return [] }
        var notes: [String] = []
        let overlapRows = h.dilatedKernelSize - h.stride, overlapColumns = w.dilatedKernelSize - w.stride
        if (overlapRows > 0 && h.outputSize > 1) || (overlapColumns > 0 && w.outputSize > 1) {
            var text = "overlapping windows: window \(h.dilatedKernelSize)x\(w.dilatedKernelSize) at stride \(h.stride)x\(w.stride); neighbours share \(max(0, overlapRows)) row(s), \(max(0, overlapColumns)) column(s)"
            if h.kernelSize == 3 && h.stride == 2 && w.kernelSize == 3 && w.stride == 2 { text += " (AlexNet's 3x3, stride 2 pooling)" }
            notes.append(text)
        }
        if h.lastWindowOverhang > 0 || w.lastWindowOverhang > 0 {
            notes.append("ceil_mode: the last window reaches \(h.lastWindowOverhang) row(s), \(w.lastWindowOverhang) column(s) past the padded input: a partial window (\(Self.beyondGlyph) cells are never read or counted); it starts inside the input or the left padding, so it is kept")
        }
        return notes
    }

    /// The legend line.
    public var legend: String {
        if isMax {
            return "[ ] window / current cell  \(Self.maximumMark) maximum  \(Self.paddingGlyph) padding (never chosen)  \(Self.beyondGlyph) past the padded input  ? not yet"
        }
        return "[ ] window / current cell  \(Self.paddingGlyph) padding (counted if count_include_pad)  \(Self.beyondGlyph) past the padded input (never)  ? not yet"
    }

    /// Draws the picture into `area` of `canvas`.
    public func draw(into canvas: inout Canvas, area: Rect) {
        let outer = canvas.narrowClip(to: area)
        defer { canvas.restoreClip(outer) }
        guard let trace = try? computation.trace(step: step) else { return }
        var y = area.y
        let header = formulaLines.map { ($0, Role.accent) } + windowNotes.map { ($0, Role.plain) }
        for (text, role) in header {
            for line in wrap(text, columns: area.width) where y < area.maxY {
                canvas.put(line, x: area.x, y: y, role: role)
                y += 1
            }
        }
        if y < area.maxY { canvas.put(prefix(of: legend, fittingIn: area.width), x: area.x, y: y, role: .dim) }
        y += 2
        let footerLines = 3
        let panels = Rect(x: area.x, y: y, width: area.width, height: max(0, area.maxY - y - footerLines - 1))
        drawPanels(trace: trace, into: &canvas, area: panels)
        var fy = area.maxY - footerLines
        for line in sumText(trace: trace, columns: area.width).prefix(footerLines) {
            canvas.put(line, x: area.x, y: fy, role: .plain)
            fy += 1
        }
    }

    private func drawPanels(trace: PoolCellTrace, into canvas: inout Canvas, area: Rect) {
        let g = computation.geometry
        let (ih, iw) = g.inputSize, (oh, ow) = g.outputSize
        let n = trace.batch, c = trace.channel
        // The grid: the input with its padding, extended to ceil mode's partial last window.
        let rowOffset: Int, columnOffset: Int, gridRows: Int, gridColumns: Int
        let rowKind: (Int) -> PoolCellKind, columnKind: (Int) -> PoolCellKind
        switch g.windows {
        case let .fixed(h, w):
            rowOffset = h.padding
            columnOffset = w.padding
            gridRows = max(ih + 2 * h.padding, h.inputIndex(window: oh - 1, tap: h.kernelSize - 1) + h.padding + 1)
            gridColumns = max(iw + 2 * w.padding, w.inputIndex(window: ow - 1, tap: w.kernelSize - 1) + w.padding + 1)
            rowKind = h.cellKind(atInputIndex:)
            columnKind = w.cellKind(atInputIndex:)
        case .adaptive:
            rowOffset = 0; columnOffset = 0; gridRows = ih; gridColumns = iw
            rowKind = { _ in .input }
            columnKind = { _ in .input }
        }
        let tapRows = trace.taps.map(\.row), tapColumns = trace.taps.map(\.column)
        let top = (tapRows.min() ?? 0) + rowOffset, left = (tapColumns.min() ?? 0) + columnOffset
        let height = (tapRows.max() ?? 0) + rowOffset - top + 1, width = (tapColumns.max() ?? 0) + columnOffset - left + 1
        let inWindow = Set(trace.taps.map { ($0.row + rowOffset) * gridColumns + $0.column + columnOffset })
        let maximum = trace.maxTapIndex.map { trace.taps[$0] }
        var cellWidth = 1
        for v in computation.input.data { cellWidth = max(cellWidth, formatValue(v).count) }
        for v in computation.output.data { cellWidth = max(cellWidth, formatValue(v).count) }
        if isMax { cellWidth += Self.maximumMark.count }
        let inputPanel = GridPanel(
            title: "Input \(ih)x\(iw)" + (g.channels > 1 ? " ch \(c)/\(g.channels)" : "")
                + (gridRows != ih || gridColumns != iw ? " grid \(gridRows)x\(gridColumns)" : ""),
            rows: gridRows, columns: gridColumns, cellWidth: cellWidth, bracket: (top, left, height, width))
        let inputCell: (Int, Int) -> GridCell = { r, col in
            let iy = r - rowOffset, ix = col - columnOffset
            let windowed = inWindow.contains(r * gridColumns + col)
            switch PoolCellKind.combining(row: rowKind(iy), column: columnKind(ix)) {
            case .input:
                let text = formatValue(computation.input[n, c, iy, ix])
                if let m = maximum, m.row == iy, m.column == ix { return GridCell(text + Self.maximumMark, .highlight) }
                return GridCell(text, windowed ? .window : .input)
            case .padding: return GridCell(Self.paddingGlyph, windowed ? .window : .padding)
            case .beyondPadding: return GridCell(Self.beyondGlyph, windowed ? .window : .dim)
            }
        }
        let current = step - 1
        let base = (n * g.channels + c) * oh * ow
        let outputPanel = GridPanel(title: "Output \(oh)x\(ow)" + (g.channels > 1 ? " ch \(c)/\(g.channels)" : ""),
                                    rows: oh, columns: ow, cellWidth: cellWidth,
                                    bracket: (trace.row, trace.column, 1, 1), bracketRole: .current)
        let outputCell: (Int, Int) -> GridCell = { r, col in
            let index = base + r * ow + col
            let value = formatValue(computation.output.data[index])
            if index < current { return GridCell(value, .output) }
            if index == current { return GridCell(value, .current) }
            return GridCell("?", .pending)
        }
        layOutPanels([PanelContent(panel: inputPanel, cell: inputCell), PanelContent(panel: outputPanel, cell: outputCell)],
                     into: &canvas, area: area, gap: 4)
    }

    /// The current cell's computation: "out[0,0] = max(3, 3, 2, ...) = 3 at in[0,0]" or
    /// "out[0,0] = (3 + 3 + ...)/9 = 1.67" with a line on the divisor.
    func sumText(trace: PoolCellTrace, columns: Int) -> [String] {
        let g = computation.geometry
        let cellName = "out[\(g.channels > 1 ? "\(trace.channel)," : "")\(trace.row),\(trace.column)]"
        let inputs = trace.taps.filter { $0.kind == .input }
        let values = inputs.map { formatValue($0.value ?? 0) }
        let padding = trace.taps.filter { $0.kind == .padding }.count
        let beyond = trace.taps.filter { $0.kind == .beyondPadding }.count
        switch computation.mode {
        case .max:
            var tail = ") = \(formatValue(trace.value))"
            if let i = trace.maxTapIndex {
                let m = trace.taps[i]
                tail += " at in[\(m.row),\(m.column)] (the first maximum; padding is never chosen)"
            } else {
                tail += " (the window reads no input cell)"
            }
            return fittedSum(head: "\(cellName) = max(", terms: values, separator: ", ", tail: tail, columns: columns, lines: 3)
        case let .average(countIncludePad):
            let divisor = trace.divisor ?? 0
            let counted = countIncludePad ? "\(inputs.count) input + \(padding) padding cells (count_include_pad=True)"
                                          : "\(inputs.count) input cells (count_include_pad=False: \(padding) padding cells not counted)"
            var note = "divisor \(divisor) = \(counted)"
            if let d = computation.divisorOverride {
                note = "divisor \(d) = divisor_override (instead of the window's \(inputs.count) input + \(padding) padding cells)"
            }
            if beyond > 0 { note += "; \(beyond) cells past the padded input never count" }
            let noteLines = Array(wrap(note, columns: columns).prefix(2))
            var lines = fittedSum(head: "\(cellName) = (", terms: values.isEmpty ? ["0"] : values,
                                  tail: ")/\(divisor) = \(formatValue(trace.value))", columns: columns,
                                  lines: 3 - noteLines.count)
            lines += noteLines
            return lines
        }
    }
}
