import ConvCore

/// The transposed-convolution ("deconvolution") step-through picture, in two views of the same
/// operation (Dumoulin & Visin 2016, section 4 and relationship 14):
///
/// - ``View/direct``: the input stretched with s - 1 inserted zeros between cells, padded by
///   d(k-1) - p zeros before and d(k-1) - p + output_padding after (the output_padding rows and
///   columns at the bottom and right, as PyTorch adds them), the kernel beside its 180-degree
///   flip, the flipped kernel's window sliding with unit stride, and the output filling in.
/// - ``View/scatter``: each input cell stamping the kernel, scaled by its value, onto the output,
///   overlapping stamps summed; the output shows the running sums.
///
/// A pure function of a ``ConvTransposeComputation``, a view, a step and an area: it animates the
/// core's ``ConvTransposeComputation/directTrace(step:)`` and
/// ``ConvTransposeComputation/scatterTrace(step:)`` and never recomputes the operation.
///
/// Glyphs in plain text (roles are lost there, so every kind of cell has its own glyph):
///
/// | glyph   | cell                                                      |
/// |---------|-----------------------------------------------------------|
/// | number  | a real input value (or a computed output value)           |
/// | `o`     | a zero inserted between input cells (s - 1 per gap)       |
/// | `.`     | a border-padding zero, d(k-1) - p on each side            |
/// | `+`     | an output_padding zero (the last rows/columns, bottom/right) |
/// | `?`     | an output cell not computed (direct) or not stamped (scatter) yet |
/// | `[ ]`   | the kernel window, the current cell, the current stamp    |
///
/// Zoomed out (for grids far larger than the screen, e.g. FCN-32s's k64 s32 upsampling), each
/// character stands for a block of cells: `#` a block holding a real input value (direct) or a
/// computed output (direct output map), `o`/`.`/`+` blocks of zeros only, and in the scatter
/// view's output map a digit saying how many stamps overlap there.
public struct ConvTransposeStepDiagram: Diagram, Sendable {
    /// Which account of the operation to show.
    public enum View: String, Sendable, CaseIterable {
        /// The equivalent direct convolution, one step per output cell.
        case direct
        /// The scatter definition, one step per input cell.
        case scatter
    }

    /// The glyph of a zero inserted between input cells.
    public static let insertedZeroGlyph = "o"
    /// The glyph of a border-padding zero.
    public static let borderPaddingGlyph = "."
    /// The glyph of an output_padding zero.
    public static let outputPaddingGlyph = "+"

    /// The computation to show.
    public let computation: ConvTransposeComputation
    /// Direct or scatter.
    public let view: View
    /// 1-based step of the view (clamped to 1...``stepCount``).
    public let step: Int
    /// Direct view: the input channel shown in the grid and kernels; scatter view: the output
    /// channel shown (0-based; kept within the current group).
    public let channel: Int
    /// Draw block maps instead of numbers for the large grids.
    public let zoomed: Bool
    /// An extra first line (e.g. what a preset is).
    public let note: String?
    /// Glyphs for products (× or *).
    public let glyphs: GlyphSet

    /// Creates the picture of `step` of `view`.
    public init(computation: ConvTransposeComputation, view: View = .direct, step: Int, channel: Int = 0,
                zoomed: Bool = false, note: String? = nil, glyphs: GlyphSet = .ascii) {
        self.computation = computation
        self.view = view
        let count = view == .direct ? computation.directStepCount : computation.scatterStepCount
        self.step = min(max(1, step), max(1, count))
        self.channel = max(0, channel)
        self.zoomed = zoomed
        self.note = note
        self.glyphs = glyphs
    }

    /// The number of steps of ``view``: output cells (direct) or input cells (scatter).
    public var stepCount: Int {
        view == .direct ? computation.directStepCount : computation.scatterStepCount
    }

    /// The output-size formula, one line per axis ("rows: o' = ...") or one line when the axes agree.
    public var formulaLines: [String] {
        let g = computation.geometry
        if g.height == g.width { return [g.height.formula] }
        return ["rows: " + g.height.formula, "cols: " + g.width.formula]
    }

    /// i', k, s, p, output_padding and d by name ("3x4" where the axes differ).
    public var parametersLine: String {
        let h = computation.geometry.height, w = computation.geometry.width
        func pair(_ a: Int, _ b: Int) -> String { a == b ? "\(a)" : "\(a)x\(b)" }
        return "i' = \(pair(h.inputSize, w.inputSize))   k = \(pair(h.kernelSize, w.kernelSize))   s = \(pair(h.stride, w.stride))   p = \(pair(h.padding, w.padding))   output_padding = \(pair(h.outputPadding, w.outputPadding))   d = \(pair(h.dilation, w.dilation))   ->   o' = \(pair(h.outputSize, w.outputSize))"
    }

    /// The equivalent direct convolution in numbers (zeros inserted, implied padding before and
    /// after, unit stride), one line per axis or one when the axes agree.
    public var directLines: [String] {
        let g = computation.geometry
        if g.height == g.width { return [g.height.directFormula] }
        return ["rows: " + g.height.directFormula, "cols: " + g.width.directFormula]
    }

    /// The scatter rule in numbers: where input cell (y, x)'s stamp lands and what is cropped.
    public var scatterLines: [String] {
        let g = computation.geometry, h = g.height, w = g.width
        func origin(_ a: ConvTransposeAxis, _ v: String) -> String {
            let s = a.stride == 1 ? v : "\(v)*\(a.stride)"
            return a.padding == 0 ? s : "\(s)-\(a.padding)"
        }
        func tap(_ a: ConvTransposeAxis, _ v: String) -> String { a.dilation == 1 ? v : "\(a.dilation)\(v)" }
        return ["scatter: in[y,x] adds in[y,x] x kernel[ky,kx] to out[\(origin(h, "y")) + \(tap(h, "ky")), \(origin(w, "x")) + \(tap(w, "kx"))]; overlapping stamps add up; taps outside the \(h.outputSize)x\(w.outputSize) output (cropped by padding) are dropped"]
    }

    /// The legend line of the current view.
    public var legend: String {
        switch (view, zoomed) {
        case (.direct, false):
            return "[ ] window  o inserted zero  . border padding  + output_padding (bottom/right)  ? not yet"
        case (.direct, true):
            return "block map: # input / computed  : partly  o inserted zeros  . padding  + output_padding  ? not yet"
        case (.scatter, false):
            return "[ ] current input cell and its stamp  x tap cropped by padding  output: running sums  ? no stamp yet"
        case (.scatter, true):
            return "block map: digit = stamps added there so far (9 = 9 or more)  ? no stamp yet  [ ] current stamp"
        }
    }

    /// Draws the picture into `area` of `canvas`.
    public func draw(into canvas: inout Canvas, area: Rect) {
        let outer = canvas.narrowClip(to: area)
        defer { canvas.restoreClip(outer) }
        var header: [(String, Role)] = []
        if let note { header.append((note, .accent)) }
        header.append((parametersLine, .label))
        header += formulaLines.map { ($0, .accent) }
        header += (view == .direct ? directLines : scatterLines).map { ($0, .plain) }
        var y = area.y
        for (text, role) in header {
            for line in wrap(text, columns: area.width) where y < area.maxY {
                canvas.put(line, x: area.x, y: y, role: role)
                y += 1
            }
        }
        if y < area.maxY {
            canvas.put(prefix(of: legend, fittingIn: area.width), x: area.x, y: y, role: .dim)
        }
        y += 2
        let footerLines = 3
        let panels = Rect(x: area.x, y: y, width: area.width, height: max(0, area.maxY - y - footerLines - 1))
        let footer: [String]
        switch view {
        case .direct: footer = drawDirect(into: &canvas, area: panels)
        case .scatter: footer = drawScatter(into: &canvas, area: panels)
        }
        var fy = area.maxY - footerLines
        for line in footer.prefix(footerLines) {
            canvas.put(prefix(of: line, fittingIn: area.width), x: area.x, y: fy, role: .plain)
            fy += 1
        }
    }

    // MARK: Direct view

    private func drawDirect(into canvas: inout Canvas, area: Rect) -> [String] {
        guard let trace = try? computation.directTrace(step: step) else { return [] }
        let g = computation.geometry, h = g.height, w = g.width
        let n = trace.batch, f = trace.outputChannel
        let cinPerGroup = g.inputChannels / g.groups, coutPerGroup = g.outputChannels / g.groups
        let group = f / coutPerGroup, fl = f - group * coutPerGroup
        let shown = group * cinPerGroup + min(channel, cinPerGroup - 1)
        let rowKinds = (0..<h.directInputSize).map { h.directCellKind(atGridIndex: $0) }
        let columnKinds = (0..<w.directInputSize).map { w.directCellKind(atGridIndex: $0) }
        let width = cellWidth(extra: [])
        let current = step - 1
        let oh = h.outputSize, ow = w.outputSize
        let outputBase = (n * g.outputChannels + f) * oh * ow
        let channelNote = g.inputChannels > 1 ? " ch \(shown)/\(g.inputChannels)" : ""
        let outputNote = g.outputChannels > 1 ? " ch \(f)/\(g.outputChannels)" : ""

        if zoomed {
            let half = max(0, (area.width - 3) / 2)
            let gb = blockSize(rows: h.directInputSize, columns: w.directInputSize, width: half, height: area.height)
            let ob = blockSize(rows: oh, columns: ow, width: half, height: area.height)
            let gridMap = GridPanel(
                title: "Stretched input \(h.directInputSize)x\(w.directInputSize)\(channelNote), 1 char = \(gb)x\(gb)",
                rows: ceilDivide(h.directInputSize, gb), columns: ceilDivide(w.directInputSize, gb), cellWidth: 1,
                bracket: (trace.windowTop / gb, trace.windowLeft / gb,
                          (trace.windowTop + h.dilatedKernelSize - 1) / gb - trace.windowTop / gb + 1,
                          (trace.windowLeft + w.dilatedKernelSize - 1) / gb - trace.windowLeft / gb + 1),
                bracketRole: .window)
            let gridCell: (Int, Int) -> GridCell = { br, bc in
                var hasInput = false, hasOutputPadding = false, hasInserted = false
                for r in (br * gb)..<min(h.directInputSize, (br + 1) * gb) {
                    for c in (bc * gb)..<min(w.directInputSize, (bc + 1) * gb) {
                        switch StretchedCellKind.combining(row: rowKinds[r], column: columnKinds[c]) {
                        case .input: hasInput = true
                        case .outputPadding: hasOutputPadding = true
                        case .insertedZero: hasInserted = true
                        case .borderPadding: break
                        }
                    }
                }
                if hasInput { return GridCell("#", .input) }
                if hasOutputPadding { return GridCell(Self.outputPaddingGlyph, .outputPadding) }
                if hasInserted { return GridCell(Self.insertedZeroGlyph, .zeroInserted) }
                return GridCell(Self.borderPaddingGlyph, .padding)
            }
            let outputMap = GridPanel(
                title: "Output \(oh)x\(ow)\(outputNote), 1 char = \(ob)x\(ob)",
                rows: ceilDivide(oh, ob), columns: ceilDivide(ow, ob), cellWidth: 1,
                bracket: (trace.row / ob, trace.column / ob, 1, 1), bracketRole: .current)
            let outputCell: (Int, Int) -> GridCell = { br, bc in
                let first = br * ob * ow + bc * ob
                let last = (min(oh, (br + 1) * ob) - 1) * ow + min(ow, (bc + 1) * ob) - 1
                if last <= current { return GridCell("#", .output) }
                if first > current { return GridCell("?", .pending) }
                return GridCell(":", .output)
            }
            layOutPanels([PanelContent(panel: gridMap, cell: gridCell), PanelContent(panel: outputMap, cell: outputCell)],
                         into: &canvas, area: area)
        } else {
            let gridPanel = GridPanel(
                title: "Stretched input \(h.directInputSize)x\(w.directInputSize)\(channelNote)",
                rows: h.directInputSize, columns: w.directInputSize, cellWidth: width,
                bracket: (trace.windowTop, trace.windowLeft, h.dilatedKernelSize, w.dilatedKernelSize))
            let gridCell: (Int, Int) -> GridCell = { row, column in
                let inWindow = row >= trace.windowTop && row < trace.windowTop + h.dilatedKernelSize
                    && column >= trace.windowLeft && column < trace.windowLeft + w.dilatedKernelSize
                    && (row - trace.windowTop) % h.dilation == 0 && (column - trace.windowLeft) % w.dilation == 0
                switch StretchedCellKind.combining(row: rowKinds[row], column: columnKinds[column]) {
                case .input:
                    guard let y = h.inputIndex(atGridIndex: row), let x = w.inputIndex(atGridIndex: column) else {
                        return GridCell("?", .pending)
                    }
                    return GridCell(formatValue(computation.input[n, shown, y, x]), inWindow ? .window : .input)
                case .insertedZero: return GridCell(Self.insertedZeroGlyph, inWindow ? .window : .zeroInserted)
                case .borderPadding: return GridCell(Self.borderPaddingGlyph, inWindow ? .window : .padding)
                case .outputPadding: return GridCell(Self.outputPaddingGlyph, inWindow ? .window : .outputPadding)
                }
            }
            let kh = h.kernelSize, kw = w.kernelSize
            let kernelPanel = GridPanel(title: "Kernel \(kh)x\(kw)" + (g.outputChannels > 1 ? " f\(f)" : ""),
                                        rows: kh, columns: kw, cellWidth: width)
            let kernelCell: (Int, Int) -> GridCell = { r, c in
                GridCell(formatValue(computation.weight[shown, fl, r, c]), .kernel)
            }
            let flippedPanel = GridPanel(title: "Flipped 180", rows: kh, columns: kw, cellWidth: width)
            let flippedCell: (Int, Int) -> GridCell = { r, c in
                GridCell(formatValue(computation.weight[shown, fl, kh - 1 - r, kw - 1 - c]), .kernel)
            }
            let outputPanel = GridPanel(title: "Output \(oh)x\(ow)\(outputNote)", rows: oh, columns: ow, cellWidth: width,
                                        bracket: (trace.row, trace.column, 1, 1), bracketRole: .current)
            let outputCell: (Int, Int) -> GridCell = { r, c in
                let index = outputBase + r * ow + c
                let value = formatValue(computation.output.data[index])
                if index < current { return GridCell(value, .output) }
                if index == current { return GridCell(value, .current) }
                return GridCell("?", .pending)
            }
            layOutPanels([PanelContent(panel: gridPanel, cell: gridCell), PanelContent(panel: kernelPanel, cell: kernelCell),
                          PanelContent(panel: flippedPanel, cell: flippedCell), PanelContent(panel: outputPanel, cell: outputCell)],
                         into: &canvas, area: area)
        }
        return directSum(trace: trace, columns: area.width)
    }

    /// "out[1,1] = 3*2 + 0*1 (+ 5 taps on zeros: 4 inserted, 1 border) = 6": the products of the
    /// taps that read real input, and a count of the taps that read zeros, by kind.
    func directSum(trace: ConvTransposeDirectTrace, columns: Int) -> [String] {
        let g = computation.geometry
        let cellName = "out[\(g.outputChannels > 1 ? "\(trace.outputChannel)," : "")\(trace.row),\(trace.column)]"
        let real = trace.taps.filter { $0.kind == .input }
        var terms: [String]
        let channels = Set(real.map(\.channel)).sorted()
        if channels.count > 1 {
            terms = channels.map { c in
                "ch\(c) \(formatValue(real.filter { $0.channel == c }.reduce(Float(0)) { $0 + $1.product }))"
            }
        } else {
            terms = real.map { "\(formatValue($0.inputValue))\(glyphs.times)\(formatValue($0.weight))" }
        }
        if computation.bias != nil { terms.append("bias \(formatValue(trace.bias))") }
        let inserted = trace.taps.filter { $0.kind == .insertedZero }.count
        let border = trace.taps.filter { $0.kind == .borderPadding }.count
        let extra = trace.taps.filter { $0.kind == .outputPadding }.count
        var zeroParts: [String] = []
        if inserted > 0 { zeroParts.append("\(inserted) inserted") }
        if border > 0 { zeroParts.append("\(border) border") }
        if extra > 0 { zeroParts.append("\(extra) output_padding") }
        let zeros = inserted + border + extra
        var tail = ""
        if zeros > 0 {
            tail = (terms.isEmpty ? "0 (all " : " (+ ") + "\(zeros) tap\(zeros == 1 ? "" : "s") on zeros: \(zeroParts.joined(separator: ", ")))"
        }
        tail += " = \(formatValue(trace.sum))"
        return fittedSum(head: "\(cellName) = ", terms: terms, tail: tail, columns: columns, lines: 3)
    }

    // MARK: Scatter view

    private func drawScatter(into canvas: inout Canvas, area: Rect) -> [String] {
        guard let trace = try? computation.scatterTrace(step: step),
              let partial = try? computation.scatterPartialOutput(afterStep: step) else { return [] }
        let g = computation.geometry, h = g.height, w = g.width
        let n = trace.batch, c = trace.inputChannel
        let cinPerGroup = g.inputChannels / g.groups, coutPerGroup = g.outputChannels / g.groups
        let group = c / cinPerGroup
        let fl = min(channel, coutPerGroup - 1), f = group * coutPerGroup + fl
        let firstChannel = group * cinPerGroup
        let oh = h.outputSize, ow = w.outputSize, ih = h.inputSize, iw = w.inputSize
        let firstRow = (0..<oh).map { h.contributors(output: $0).first?.input }
        let firstColumn = (0..<ow).map { w.contributors(output: $0).first?.input }
        // Output cell (r, col) has received a stamp once its first contributor (in step order) has stamped.
        let stamped: (Int, Int) -> Bool = { r, col in
            guard let y = firstRow[r], let x = firstColumn[col] else { return false }
            return ((n * g.inputChannels + firstChannel) * ih + y) * iw + x < step
        }
        let stamps = trace.stamps.filter { $0.outputChannel == f }
        let landed = stamps.filter { !$0.isCropped }
        let top = max(0, trace.stampTop), left = max(0, trace.stampLeft)
        let bottom = min(oh - 1, trace.stampTop + h.dilatedKernelSize - 1)
        let right = min(ow - 1, trace.stampLeft + w.dilatedKernelSize - 1)
        let stampBracket: (row: Int, column: Int, height: Int, width: Int)? =
            landed.isEmpty ? nil : (top, left, bottom - top + 1, right - left + 1)
        let plane = (n * g.outputChannels + f) * oh * ow
        let hit = Set(landed.map { $0.row * ow + $0.column })
        let outputNote = g.outputChannels > 1 ? " ch \(f)/\(g.outputChannels)" : ""
        let inputPanel = GridPanel(title: "Input \(ih)x\(iw)" + (g.inputChannels > 1 ? " ch \(c)/\(g.inputChannels)" : ""),
                                   rows: ih, columns: iw, cellWidth: cellWidth(extra: partial.data),
                                   bracket: (trace.inputRow, trace.inputColumn, 1, 1), bracketRole: .current)
        let inputCell: (Int, Int) -> GridCell = { r, col in
            GridCell(formatValue(computation.input[n, c, r, col]), .input)
        }
        if zoomed {
            let half = max(0, (area.width - 3) / 2)
            let ob = blockSize(rows: oh, columns: ow, width: half, height: area.height)
            // Each block is judged by its centre cell: how many stamps have landed there so far.
            let rowContributors = (0..<ceilDivide(oh, ob)).map { h.contributors(output: min(oh - 1, $0 * ob + ob / 2)).map(\.input) }
            let columnContributors = (0..<ceilDivide(ow, ob)).map { w.contributors(output: min(ow - 1, $0 * ob + ob / 2)).map(\.input) }
            let map = GridPanel(
                title: "Output \(oh)x\(ow)\(outputNote), 1 char = \(ob)x\(ob)",
                rows: ceilDivide(oh, ob), columns: ceilDivide(ow, ob), cellWidth: 1,
                bracket: stampBracket.map { ($0.row / ob, $0.column / ob,
                                             ($0.row + $0.height - 1) / ob - $0.row / ob + 1,
                                             ($0.column + $0.width - 1) / ob - $0.column / ob + 1) },
                bracketRole: .current)
            let mapCell: (Int, Int) -> GridCell = { br, bc in
                var count = 0
                counting: for cl in 0..<cinPerGroup {
                    for y in rowContributors[br] {
                        for x in columnContributors[bc] {
                            guard ((n * g.inputChannels + firstChannel + cl) * ih + y) * iw + x < step else { continue }
                            count += 1
                            if count >= 9 { break counting }
                        }
                    }
                }
                return count == 0 ? GridCell("?", .pending) : GridCell(String(count), .output)
            }
            layOutPanels([PanelContent(panel: inputPanel, cell: inputCell), PanelContent(panel: map, cell: mapCell)],
                         into: &canvas, area: area)
        } else {
            let width = cellWidth(extra: partial.data + stamps.map(\.contribution))
            var input = inputPanel
            input.cellWidth = width
            let kh = h.kernelSize, kw = w.kernelSize
            let kernelPanel = GridPanel(title: "Kernel \(kh)x\(kw)" + (g.outputChannels > 1 ? " f\(f)" : ""),
                                        rows: kh, columns: kw, cellWidth: width)
            let kernelCell: (Int, Int) -> GridCell = { r, col in
                GridCell(formatValue(computation.weight[c, fl, r, col]), .kernel)
            }
            let stampPanel = GridPanel(title: "Stamp \(formatValue(trace.inputValue)) x kernel", rows: kh, columns: kw,
                                       cellWidth: width)
            let stampCell: (Int, Int) -> GridCell = { r, col in
                let oy = h.outputIndex(inputIndex: trace.inputRow, tap: r)
                let ox = w.outputIndex(inputIndex: trace.inputColumn, tap: col)
                if oy < 0 || oy >= oh || ox < 0 || ox >= ow { return GridCell("x", .dim) }
                return GridCell(formatValue(trace.inputValue * computation.weight[c, fl, r, col]), .window)
            }
            let outputPanel = GridPanel(title: "Output \(oh)x\(ow)\(outputNote) (running sums)", rows: oh, columns: ow,
                                        cellWidth: width, bracket: stampBracket, bracketRole: nil)
            let outputCell: (Int, Int) -> GridCell = { r, col in
                let value = formatValue(partial.data[plane + r * ow + col])
                if hit.contains(r * ow + col) { return GridCell(value, .current) }
                return stamped(r, col) ? GridCell(value, .output) : GridCell("?", .pending)
            }
            layOutPanels([PanelContent(panel: input, cell: inputCell), PanelContent(panel: kernelPanel, cell: kernelCell),
                          PanelContent(panel: stampPanel, cell: stampCell), PanelContent(panel: outputPanel, cell: outputCell)],
                         into: &canvas, area: area)
        }
        return scatterSum(trace: trace, outputChannel: f, columns: area.width)
    }

    /// "in[0,1] = 3 stamps 3 x kernel: out[0,0] += 3*2 -> 6, ... (4 taps cropped)": what each
    /// tap of the current stamp adds and the cell's running sum after it.
    func scatterSum(trace: ConvTransposeScatterTrace, outputChannel f: Int, columns: Int) -> [String] {
        let g = computation.geometry
        let cellName = "in[\(g.inputChannels > 1 ? "\(trace.inputChannel)," : "")\(trace.inputRow),\(trace.inputColumn)]"
        let stamps = trace.stamps.filter { $0.outputChannel == f }
        let kept = stamps.filter { !$0.isCropped }
        let prefix = g.outputChannels > 1 ? "\(f)," : ""
        let terms = kept.map { s in
            "out[\(prefix)\(s.row),\(s.column)] += \(formatValue(trace.inputValue))\(glyphs.times)\(formatValue(s.weight)) -> \(formatValue(s.runningSum ?? 0))"
        }
        let cropped = stamps.count - kept.count
        let tail = cropped > 0 ? " (\(cropped) tap\(cropped == 1 ? "" : "s") cropped by padding)" : ""
        let head = "\(cellName) = \(formatValue(trace.inputValue)) stamps \(formatValue(trace.inputValue)) x kernel: "
        if terms.isEmpty { return wrap(head + "every tap cropped by padding" + tail, columns: columns) }
        return fittedSum(head: head, terms: terms, separator: ", ", tail: tail, columns: columns, lines: 3)
    }

    // MARK: Helpers

    /// The width of the widest value shown (input, kernel, output and `extra`), at least 1.
    private func cellWidth(extra: [Float]) -> Int {
        var width = 1
        for v in computation.input.data { width = max(width, formatValue(v).count) }
        for v in computation.weight.data { width = max(width, formatValue(v).count) }
        for v in computation.output.data { width = max(width, formatValue(v).count) }
        for v in extra { width = max(width, formatValue(v).count) }
        return width
    }

    /// The cells per block side so that a map of rows x columns fits `width` x `height` (one
    /// character and one separator per block, one title line, one viewport line spare).
    func blockSize(rows: Int, columns: Int, width: Int, height: Int) -> Int {
        let fitColumns = max(1, (width - 1) / 2), fitRows = max(1, height - 2)
        return max(1, ceilDivide(columns, fitColumns), ceilDivide(rows, fitRows))
    }
}
