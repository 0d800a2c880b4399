import ConvCore

/// The convolution step-through picture: the padded input with the kernel window over it,
/// the kernel, the output filling in with the current cell bracketed, the products and sum of
/// the current cell, and the output-size formula with the numbers plugged in.
///
/// A pure function of a ``ConvComputation`` (core values), a step and an area: it animates the
/// core's trace and never recomputes the convolution.
///
/// Glyphs in plain text: real input cells show their value, padding zeros show `.`, input cells
/// that no window reads show their value in the `unread` role, output cells not computed yet show
/// `?`, and `[ ]` brackets mark the kernel window and the current output cell.
public struct ConvStepDiagram: Diagram, Sendable {
    /// What the picture measures once per computation rather than per frame: the cell width
    /// that fits every value shown, and the input rows and columns no window reads.
    public struct Layout: Sendable {
        /// Characters per grid cell.
        public let cellWidth: Int
        /// Input rows no window reads.
        public let unreadRows: Set<Int>
        /// Input columns no window reads.
        public let unreadColumns: Set<Int>
        /// The widest ``formatValue(_:)`` of `values`. Integer-valued data (every example and
        /// tiled input) is measured by its extremes alone, the longest text being the most
        /// negative or the largest value's; other data is formatted value by value.
        static func widestValue(_ values: [Float]) -> Int {
            var low = Float.infinity, high = -Float.infinity
            var integral = true
            for v in values {
                if !(v == v.rounded() && abs(v) < 1e9) { integral = false; break }
                low = min(low, v)
                high = max(high, v)
            }
            if integral {
                guard !values.isEmpty else { return 1 }
                return max(formatValue(low).count, formatValue(high).count)
            }
            var width = 1
            for v in values { width = max(width, formatValue(v).count) }
            return width
        }

        /// The layout of `computation`'s grids.
        public init(_ computation: ConvComputation) {
            var width = 1
            for tensor in [computation.input, computation.output, computation.weight] {
                width = max(width, Self.widestValue(tensor.data))
            }
            cellWidth = width
            unreadRows = Set(computation.geometry.height.unreadInputIndices)
            unreadColumns = Set(computation.geometry.width.unreadInputIndices)
        }
    }

    /// The computation to show.
    public let computation: ConvComputation
    /// 1-based step (output cell) to show.
    public let step: Int
    /// The input channel shown in the input and kernel grids (0-based).
    public let inputChannel: Int
    /// Glyphs for products (× or *).
    public let glyphs: GlyphSet
    /// Cell width and unread cells (measured here when not given).
    public let layout: Layout

    /// The picture of `step` (clamped to 1...stepCount) showing `inputChannel`; pass the
    /// `layout` measured once per computation to keep frames cheap on large inputs.
    public init(computation: ConvComputation, step: Int, inputChannel: Int = 0, glyphs: GlyphSet = .ascii, layout: Layout? = nil) {
        self.computation = computation
        self.step = min(max(1, step), computation.stepCount)
        self.inputChannel = inputChannel
        self.glyphs = glyphs
        self.layout = layout ?? Layout(computation)
    }

    /// The output-size formula lines, one per axis ("height: o = ... = 3"), or one line when the
    /// axes are equal.
    public var formulaLines: [String] {
        let g = computation.geometry
        if g.height == g.width { return [g.height.formula] }
        return ["rows: " + g.height.formula, "cols: " + g.width.formula]
    }

    /// Draws the diagram into `area` of `canvas`.
    /// - Throws: never for a step in range (the initialiser clamps it).
    public func draw(into canvas: inout Canvas, area: Rect) {
        let outer = canvas.narrowClip(to: area)
        defer { canvas.restoreClip(outer) }
        guard let trace = try? computation.trace(step: step) else { return }
        let g = computation.geometry
        let h = g.height, w = g.width
        let n = trace.batch, f = trace.outputChannel
        let cinPerGroup = g.inputChannels / g.groups
        let group = f / (g.outputChannels / g.groups)
        // The channel shown must belong to this filter's group.
        let shownChannel = group * cinPerGroup + min(max(0, inputChannel - group * cinPerGroup), cinPerGroup - 1)
        let localChannel = shownChannel - group * cinPerGroup
        let unreadRows = layout.unreadRows, unreadCols = layout.unreadColumns

        var y = area.y
        for line in formulaLines.flatMap({ wrap($0, columns: area.width) }) {
            canvas.put(line, x: area.x, y: y, role: .accent)
            y += 1
        }
        let legend = "[ ] kernel window / current cell   . zero padding   ? not computed yet"
        canvas.put(prefix(of: legend, fittingIn: area.width), x: area.x, y: y, role: .dim)
        y += 2

        let width = layout.cellWidth

        let productLines = 3
        let gridHeight = max(2, area.maxY - y - productLines - 1)
        let available = area.width
        let gap = 3
        let inputPanel = GridPanel(
            title: "Input \(h.inputSize)x\(w.inputSize)" + (g.inputChannels > 1 ? " channel \(shownChannel + 1) of \(g.inputChannels)" : "")
                + " padded \(h.paddedSize)x\(w.paddedSize)",
            rows: h.paddedSize, columns: w.paddedSize, cellWidth: width,
            bracket: (trace.windowTop, trace.windowLeft, h.dilatedKernelSize, w.dilatedKernelSize), bracketRole: nil)
        let kernelPanel = GridPanel(
            title: "Kernel \(h.kernelSize)x\(w.kernelSize)" + (g.outputChannels > 1 ? " f\(f)" : "")
                + (h.dilation > 1 || w.dilation > 1 ? " d\(h.dilation)" : ""),
            rows: h.kernelSize, columns: w.kernelSize, cellWidth: width)
        let outputPanel = GridPanel(
            title: "Output \(h.outputSize)x\(w.outputSize)" + (g.outputChannels > 1 ? " channel \(f + 1) of \(g.outputChannels)" : ""),
            rows: h.outputSize, columns: w.outputSize, cellWidth: width,
            bracket: (trace.row, trace.column, 1, 1), bracketRole: .current)

        let x0 = area.x
        let inputCell: (Int, Int) -> GridCell = { row, column in
            let iy = row - h.paddingBefore, ix = column - w.paddingBefore
            let inWindow = row >= trace.windowTop && row < trace.windowTop + h.dilatedKernelSize
                && column >= trace.windowLeft && column < trace.windowLeft + w.dilatedKernelSize
                && (row - trace.windowTop) % h.dilation == 0 && (column - trace.windowLeft) % w.dilation == 0
            guard iy >= 0, iy < h.inputSize, ix >= 0, ix < w.inputSize else {
                return GridCell(".", inWindow ? .window : .padding)
            }
            let text = formatValue(computation.input[n, shownChannel, iy, ix])
            if inWindow { return GridCell(text, .window) }
            if unreadRows.contains(iy) || unreadCols.contains(ix) { return GridCell(text, .unread) }
            return GridCell(text, .input)
        }
        let kernelCell: (Int, Int) -> GridCell = { row, column in
            GridCell(formatValue(computation.weight[f, localChannel, row, column]), .kernel)
        }
        let current = step - 1
        let outputCell: (Int, Int) -> GridCell = { row, column in
            let index = ((n * g.outputChannels + f) * h.outputSize + row) * w.outputSize + column
            if index < current { return GridCell(formatValue(computation.output.data[index]), .output) }
            if index == current { return GridCell(formatValue(computation.output.data[index]), .current) }
            return GridCell("?", .pending)
        }

        let natural = [inputPanel, kernelPanel, outputPanel].map(\.naturalSize)
        if natural.reduce(0, { $0 + $1.width }) + 2 * gap <= available {
            // Side by side: input, kernel, output.
            var x = x0
            for (panel, cell) in [(inputPanel, inputCell), (kernelPanel, kernelCell), (outputPanel, outputCell)] {
                let used = panel.draw(into: &canvas, area: Rect(x: x, y: y, width: panel.naturalSize.width, height: gridHeight), cell: cell)
                x += max(used.width, displayWidth(of: panel.title)) + gap
            }
        } else {
            // Too wide: the input on the left (at least the whole window when it fits), the
            // kernel above the output on the right.
            let windowWidth = w.dilatedKernelSize * (width + 1) + 1
            let inputWidth = min(natural[0].width, max(available * 45 / 100, min(windowWidth + 2 * (width + 1), available * 60 / 100)))
            let used = inputPanel.draw(into: &canvas, area: Rect(x: x0, y: y, width: inputWidth, height: gridHeight), cell: inputCell)
            let rx = x0 + max(used.width, min(inputWidth, displayWidth(of: inputPanel.title))) + gap
            let rightWidth = max(0, area.maxX - rx)
            let kernelHeight = min(natural[1].height + 1, max(3, gridHeight / 2))
            let k = kernelPanel.draw(into: &canvas, area: Rect(x: rx, y: y, width: rightWidth, height: kernelHeight), cell: kernelCell)
            let oy = y + k.height + 1
            outputPanel.draw(into: &canvas, area: Rect(x: rx, y: oy, width: rightWidth, height: max(0, y + gridHeight - oy)), cell: outputCell)
        }

        // Products and sum of the current cell.
        var py = area.maxY - productLines
        let cellName = "out[\(g.outputChannels > 1 ? "\(f)," : "")\(trace.row),\(trace.column)]"
        for line in productText(trace: trace, cellName: cellName, columns: area.width).prefix(productLines) {
            canvas.put(line, x: area.x, y: py, role: .plain)
            py += 1
        }
    }

    /// The products line(s): "out[0,0] = 3*0 + 3*1 + ... = 12", wrapped into `columns` and
    /// shortened with "+ ... (k more)" when it would take more than three lines. For several input
    /// channels it gives the sum per channel.
    func productText(trace: ConvCellTrace, cellName: String, columns: Int) -> [String] {
        var terms: [String]
        let channels = Set(trace.taps.map(\.channel)).sorted()
        if channels.count > 1 {
            terms = channels.map { c in
                let s = trace.taps.filter { $0.channel == c }.reduce(Float(0)) { $0 + $1.product }
                return "ch\(c) \(formatValue(s))"
            }
        } else {
            terms = trace.taps.map { tap in
                "\(formatValue(tap.inputValue))\(glyphs.times)\(formatValue(tap.weight))"
            }
        }
        if trace.bias != 0 || computation.bias != nil { terms.append("bias \(formatValue(trace.bias))") }
        let head = "\(cellName) = "
        let tail = " = \(formatValue(trace.sum))"
        // Fit into three lines' worth of text.
        let budget = max(20, columns * 3 - head.count - tail.count - 20)
        var shown: [String] = []
        var length = 0
        for (i, t) in terms.enumerated() {
            if length + t.count + 3 > budget {
                shown.append("... (\(terms.count - i) more)")
                break
            }
            shown.append(t)
            length += t.count + 3
        }
        return wrap(head + shown.joined(separator: " + ") + tail, columns: columns)
    }
}
