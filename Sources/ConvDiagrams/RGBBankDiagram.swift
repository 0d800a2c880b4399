import ConvCore

/// RGB convolution as the lecture teaches it: one filter is kH x kW x 3; its three slices slide
/// over the red, green and blue channels side by side, the three sums plus the bias make one
/// output value, and a bank of N filters makes N output channels.
///
/// Columns: the padded R, G and B input channels with the window bracketed, each with its slice
/// of the current filter and its sum under it; then the output channel of the current filter,
/// filling in step by step, and the list of filters with the channel each makes.
///
/// A pure function of core values: the bank's ``ConvComputation`` (for the trace of the current
/// output value) and ``FilterBank/Result`` (for the per-channel sums); it never recomputes.
///
/// Glyphs in plain text: padding zeros show `.`, `[ ]` bracket the window and the current output
/// value, `?` marks output values not computed yet.
public struct RGBBankDiagram: Diagram, Sendable {
    /// The bank on the crop: input 1 x C x H x W, weight N x C x kH x kW, bias N.
    public let computation: ConvComputation
    /// The per-channel sums of the same bank on the same crop.
    public let result: FilterBank.Result
    /// 1-based step: output value (filter, row, column) in row-major order.
    public let step: Int
    /// Where the crop comes from ("astronaut.png rows 100-107, cols 120-127").
    public let source: String
    /// Glyphs for products.
    public let glyphs: GlyphSet

    public init(computation: ConvComputation, result: FilterBank.Result, step: Int, source: String, glyphs: GlyphSet = .ascii) {
        self.computation = computation
        self.result = result
        self.step = min(max(1, step), computation.stepCount)
        self.source = source
        self.glyphs = glyphs
    }

    /// "R", "G", "B" for three channels, else "ch c".
    static func channelName(_ c: Int, of count: Int) -> String {
        count == 3 && (0..<3).contains(c) ? ["R", "G", "B"][c] : "ch \(c)"
    }

    /// Draws the diagram into `area` of `canvas`.
    public func draw(into canvas: inout Canvas, area: Rect) {
        let outer = canvas.narrowClip(to: area)
        defer { canvas.restoreClip(outer) }
        guard let trace = try? computation.trace(step: step) else { return }
        let g = computation.geometry, h = g.height, w = g.width
        let f = trace.outputChannel, n = trace.batch
        let depth = g.inputChannels
        let bias = trace.bias
        var y = area.y
        let header = "filter \(f + 1) of \(g.outputChannels): \(h.kernelSize)x\(w.kernelSize)x\(depth), bias \(formatValue(bias))"
            + " -> output channel \(f)   (" + (g.outputChannels == 1 ? "1 filter makes 1 channel)" : "\(g.outputChannels) filters make \(g.outputChannels) channels)")
        canvas.put(prefix(of: header, fittingIn: area.width), x: area.x, y: y, role: .title)
        y += 1
        canvas.put(prefix(of: h == w ? h.formula : "rows: " + h.formula, fittingIn: area.width), x: area.x, y: y, role: .accent)
        y += 1
        let legend = "input \(source)   [ ] window / current   . zero padding   ? not yet"
        canvas.put(prefix(of: legend, fittingIn: area.width), x: area.x, y: y, role: .dim)
        y += 2

        let gap = 2
        let bottomLines = 2
        let columnsHeight = max(4, area.maxY - y - bottomLines)
        let sliceHeight = h.kernelSize + 1
        let inputHeight = max(3, columnsHeight - sliceHeight - 2)
        let inputWidth = FilterDiagram.cellWidth(computation.input.data)
        let weightWidth = FilterDiagram.cellWidth(computation.weight.data)
        let outputWidth = FilterDiagram.cellWidth(computation.output.data)
        // The output column gets its whole grid when it fits in a third; the channels share the rest.
        let outputNatural = max(w.outputSize * (outputWidth + 1) + 1, 30)
        let outputColumn = min(outputNatural, area.width / 3)
        let channelNatural = max(w.paddedSize * (inputWidth + 1) + 1, w.kernelSize * (weightWidth + 1) + 1, 18)
        let columnWidth = max(8, min(channelNatural, (area.width - outputColumn - gap * depth) / max(1, depth)))

        var channelSums: [Float] = []
        for c in 0..<depth {
            let x = area.x + c * (columnWidth + gap)
            let name = Self.channelName(c, of: depth)
            let input = GridPanel(title: "\(name) padded \(h.paddedSize)x\(w.paddedSize)", rows: h.paddedSize, columns: w.paddedSize,
                                  cellWidth: inputWidth,
                                  bracket: (trace.windowTop, trace.windowLeft, h.dilatedKernelSize, w.dilatedKernelSize), bracketRole: nil)
            let usedInput = input.draw(into: &canvas, area: Rect(x: x, y: y, width: columnWidth, height: inputHeight)) { row, column in
                let iy = row - h.paddingBefore, ix = column - w.paddingBefore
                let inWindow = row >= trace.windowTop && row < trace.windowTop + h.dilatedKernelSize
                    && column >= trace.windowLeft && column < trace.windowLeft + w.dilatedKernelSize
                guard iy >= 0, iy < h.inputSize, ix >= 0, ix < w.inputSize else {
                    return GridCell(".", inWindow ? .window : .padding)
                }
                return GridCell(formatValue(computation.input[n, c, iy, ix]), inWindow ? .window : .input)
            }
            let slice = GridPanel(title: "slice \(name) of filter \(f + 1)", rows: h.kernelSize, columns: w.kernelSize, cellWidth: weightWidth)
            let sy = y + min(inputHeight, usedInput.height + 1)
            slice.draw(into: &canvas, area: Rect(x: x, y: sy, width: columnWidth, height: sliceHeight)) { row, column in
                GridCell(formatValue(computation.weight[f, c, row, column]), .kernel)
            }
            let sum = f < result.channelSums.count && c < result.channelSums[f].count
                ? result.channelSums[f][c][0, 0, trace.row, trace.column] : 0
            channelSums.append(sum)
            canvas.put(prefix(of: "\(name) sum = \(formatValue(sum))", fittingIn: columnWidth), x: x, y: sy + sliceHeight, role: .accent)
        }

        // The output channel of this filter, filling in, and the bank.
        let ox = area.x + depth * (columnWidth + gap)
        let outWidth = max(0, area.maxX - ox)
        let current = step - 1
        let output = GridPanel(title: "Output ch \(f) \(h.outputSize)x\(w.outputSize)", rows: h.outputSize, columns: w.outputSize,
                               cellWidth: outputWidth, bracket: (trace.row, trace.column, 1, 1), bracketRole: .current)
        let outputHeight = min(h.outputSize + 2, max(3, columnsHeight - g.outputChannels - 1))
        let used = output.draw(into: &canvas, area: Rect(x: ox, y: y, width: outWidth, height: outputHeight)) { row, column in
            let index = ((n * g.outputChannels + f) * h.outputSize + row) * w.outputSize + column
            if index < current { return GridCell(formatValue(computation.output.data[index]), .output) }
            if index == current { return GridCell(formatValue(computation.output.data[index]), .current) }
            return GridCell("?", .pending)
        }
        var ly = y + used.height + 1
        for filter in 0..<g.outputChannels where ly < y + columnsHeight {
            let b = computation.bias?.data[filter] ?? 0
            let state = filter < f ? "done" : (filter == f ? "filling" : "next")
            let marker = filter == f ? String(glyphs.pointer) : " "
            canvas.put(prefix(of: "\(marker) filter \(filter + 1), bias \(formatValue(b)) -> ch \(filter) \(state)", fittingIn: outWidth),
                       x: ox, y: ly, role: filter == f ? .highlight : .plain)
            ly += 1
        }

        // The sum of the three sums and the bias.
        let names = (0..<depth).map { Self.channelName($0, of: depth) }
        let terms = zip(names, channelSums).map { "\($0) \(formatValue($1))" }
        let line = "out[\(f),\(trace.row),\(trace.column)] = " + terms.joined(separator: " + ") + " + bias \(formatValue(bias)) = \(formatValue(trace.sum))"
        canvas.put(prefix(of: line, fittingIn: area.width), x: area.x, y: area.maxY - bottomLines, role: .plain)
        let firstSlice = "(each channel sum is \(h.kernelSize * w.kernelSize) products of the slice and the window, e.g. \(names[0]): "
        let products = trace.taps.filter { $0.channel == 0 }.prefix(4).map { "\(formatValue($0.inputValue))\(glyphs.times)\(formatValue($0.weight))" }
        canvas.put(prefix(of: firstSlice + products.joined(separator: " + ") + " + ...)", fittingIn: area.width),
                   x: area.x, y: area.maxY - 1, role: .dim)
    }
}
