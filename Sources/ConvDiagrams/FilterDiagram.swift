import ConvCore

/// Which parts of the filter picture are shown.
public enum FilterView: String, CaseIterable, Sendable, CustomStringConvertible {
    /// The original and the result side by side above the numbers of the current window.
    case split
    /// Only the two pictures, as large as the area allows.
    case pictures
    /// Only the numbers: pixel values under the kernel, the kernel, the output values, the sum.
    case numbers

    /// The next view in the cycle split -> pictures -> numbers -> split.
    public var next: FilterView {
        switch self {
        case .split: return .pictures
        case .pictures: return .numbers
        case .numbers: return .split
        }
    }

    public var description: String { rawValue }
}

/// The image-filter picture: the original photo and the filtered result side by side (half-block
/// pixels, or the ASCII ramp in plain text), the current window bracketed in both, and under them
/// the real pixel values of one channel with the kernel window over them, the kernel, the output
/// values with the current one bracketed, and the products and sum of the current output value
/// with how it is shown.
///
/// A pure function of core values (the filter's ``ConvComputation``, whose steps are the output
/// cells channel by channel) and of pyramids prepared once for drawing; it animates the core's
/// trace and never recomputes the filter.
///
/// Glyphs in plain text: padding zeros show `.`, `[ ]` bracket the kernel window and the current
/// output value in the grids and in the pictures.
public struct FilterDiagram: Diagram, Sendable {
    /// The per-channel filter (weight C x 1 x kH x kW, groups C) on the image.
    public let computation: ConvComputation
    /// 1-based step (an output value of one channel).
    public let step: Int
    /// The image, for drawing.
    public let original: ImagePyramid
    /// The displayed result (raw output after the display mapping), for drawing.
    public let result: ImagePyramid
    /// The display mapping applied to the result.
    public let mapping: DisplayMapping
    /// max |v| of the raw output (the value shown as 255 by `absoluteRescaled`).
    public let peak: Float
    /// The image's name (a file name) for the title.
    public let imageName: String
    /// The kernel's name ("outline", "custom 3x3").
    public let kernelName: String
    /// Which parts are shown.
    public let view: FilterView
    /// Zoom level of the pictures (0 = whole image).
    public let zoom: Int
    /// The input pixel the pictures centre on; nil follows the kernel window.
    public let panCenter: (row: Double, column: Double)?
    /// Glyphs for products.
    public let glyphs: GlyphSet

    public init(computation: ConvComputation, step: Int, original: ImagePyramid, result: ImagePyramid,
                mapping: DisplayMapping, peak: Float, imageName: String, kernelName: String,
                view: FilterView = .split, zoom: Int = 0, panCenter: (row: Double, column: Double)? = nil,
                glyphs: GlyphSet = .ascii) {
        self.computation = computation
        self.step = min(max(1, step), computation.stepCount)
        self.original = original
        self.result = result
        self.mapping = mapping
        self.peak = peak
        self.imageName = imageName
        self.kernelName = kernelName
        self.view = view
        self.zoom = zoom
        self.panCenter = panCenter
        self.glyphs = glyphs
    }

    /// The name of input channel `c` of `count`: "R", "G", "B" for three channels, "grey" for one.
    public static func channelName(_ c: Int, of count: Int) -> String {
        if count == 3, (0..<3).contains(c) { return ["R", "G", "B"][c] }
        if count == 1 { return "grey" }
        return "ch \(c)"
    }

    /// The rule that maps a raw value to its shown value, in words, with the peak for
    /// `absoluteRescaled`.
    public var mappingLegend: String {
        switch mapping {
        case .clamp: return "result shown clamped to 0-255; the grids show raw values"
        case .absoluteRescaled:
            return "result shown as |v| x 255 / \(formatValue(peak)) (absolute value rescaled); the grids show raw values"
        }
    }

    /// The value `raw` is shown as (0-255, rounded).
    public func shown(_ raw: Float) -> Int {
        let v: Float
        switch mapping {
        case .clamp: v = raw
        case .absoluteRescaled: v = peak > 0 ? abs(raw) * (255 / peak) : 0   // as DisplayMapping.apply
        }
        guard v > 0 else { return 0 }
        return v < 255 ? Int(v.rounded()) : 255
    }

    /// Draws the diagram into `area` of `canvas`.
    public func draw(into canvas: inout Canvas, area: Rect) {
        let outer = canvas.narrowClip(to: area)
        defer { canvas.restoreClip(outer) }
        guard let trace = try? computation.trace(step: step) else { return }
        let g = computation.geometry
        var y = area.y
        // One output-size line when the axes agree; a non-square image gets rows: and cols:.
        let formulas = g.height == g.width ? [g.height.formula] : ["rows: \(g.height.formula)", "cols: \(g.width.formula)"]
        for line in formulas {
            canvas.put(prefix(of: line, fittingIn: area.width), x: area.x, y: y, role: .accent)
            y += 1
        }
        canvas.put(prefix(of: mappingLegend, fittingIn: area.width), x: area.x, y: y, role: .dim)
        y += 1
        let rest = area.maxY - y
        switch view {
        case .pictures:
            drawPictures(into: &canvas, area: Rect(x: area.x, y: y, width: area.width, height: rest), trace: trace)
        case .numbers:
            drawNumbers(into: &canvas, area: Rect(x: area.x, y: y, width: area.width, height: rest), trace: trace)
        case .split:
            let numbersHeight = min(rest - 4, max(9, rest / 3))
            let picturesHeight = rest - numbersHeight
            drawPictures(into: &canvas, area: Rect(x: area.x, y: y, width: area.width, height: picturesHeight - 1), trace: trace)
            drawNumbers(into: &canvas, area: Rect(x: area.x, y: y + picturesHeight, width: area.width, height: numbersHeight), trace: trace)
        }
    }

    /// The kernel window of `trace` in input pixel coordinates (row, column, height, width).
    func window(of trace: ConvCellTrace) -> (row: Int, column: Int, height: Int, width: Int) {
        let h = computation.geometry.height, w = computation.geometry.width
        return (trace.windowTop - h.paddingBefore, trace.windowLeft - w.paddingBefore, h.dilatedKernelSize, w.dilatedKernelSize)
    }

    /// The original and the result side by side.
    func drawPictures(into canvas: inout Canvas, area: Rect, trace: ConvCellTrace) {
        guard area.height >= 2 else { return }
        let g = computation.geometry, h = g.height, w = g.width
        let gap = 2
        let panelWidth = (area.width - gap) / 2
        let win = window(of: trace)
        let inputCenter = panCenter ?? (Double(win.row) + Double(win.height) / 2, Double(win.column) + Double(win.width) / 2)
        // The same place in output coordinates: the window whose centre is there.
        let outputCenter = (
            (inputCenter.0 + Double(h.paddingBefore) - Double(h.dilatedKernelSize) / 2) / Double(h.stride) + 0.5,
            (inputCenter.1 + Double(w.paddingBefore) - Double(w.dilatedKernelSize) / 2) / Double(w.stride) + 0.5)
        let kind = g.inputChannels == 3 ? "RGB" : (g.inputChannels == 1 ? "grey" : "\(g.inputChannels) ch")
        let left = ImagePanel(title: "Original \(imageName) \(h.inputSize)x\(w.inputSize) \(kind)", pyramid: original,
                              zoom: zoom, center: inputCenter, marker: win)
        let right = ImagePanel(title: "Result \(kernelName) \(h.outputSize)x\(w.outputSize)", pyramid: result,
                               zoom: zoom, center: outputCenter, marker: (trace.row, trace.column, 1, 1))
        left.draw(into: &canvas, area: Rect(x: area.x, y: area.y, width: panelWidth, height: area.height))
        right.draw(into: &canvas, area: Rect(x: area.x + panelWidth + gap, y: area.y, width: area.width - panelWidth - gap, height: area.height))
    }

    /// The widest formatted value among `values`, at least 1.
    static func cellWidth(_ values: [Float]) -> Int {
        values.reduce(1) { max($0, formatValue($1).count) }
    }

    /// Pixel values of the current channel under the window, the kernel, the output values, and
    /// the products and sum.
    func drawNumbers(into canvas: inout Canvas, area: Rect, trace: ConvCellTrace) {
        guard area.height >= 4 else { return }
        let g = computation.geometry, h = g.height, w = g.width
        let f = trace.outputChannel, n = trace.batch
        // Depthwise: output channel f reads input channel f.
        let c = trace.taps.first?.channel ?? f
        let channel = Self.channelName(c, of: g.inputChannels)
        let productLines = 2
        let gridHeight = area.height - productLines - 1
        let gap = 3

        // Cell widths from the values near the window (the only ones a viewport can show).
        func near(_ centre: Int, _ count: Int, _ reach: Int) -> Range<Int> { max(0, centre - reach)..<min(count, centre + reach + 1) }
        var inputValues: [Float] = []
        for r in near(trace.windowTop - h.paddingBefore, h.inputSize, gridHeight + h.kernelSize) {
            for x in near(trace.windowLeft - w.paddingBefore, w.inputSize, 24 + w.kernelSize) { inputValues.append(computation.input[n, c, r, x]) }
        }
        var outputValues: [Float] = []
        for r in near(trace.row, h.outputSize, gridHeight) {
            for x in near(trace.column, w.outputSize, 24) { outputValues.append(computation.output[n, f, r, x]) }
        }
        let inputWidth = Self.cellWidth(inputValues)
        let kernelWidth = Self.cellWidth(computation.weight.data)
        let outputWidth = Self.cellWidth(outputValues)

        let inputPanel = GridPanel(
            title: "Input \(channel) \(h.inputSize)x\(w.inputSize) padded \(h.paddedSize)x\(w.paddedSize)",
            rows: h.paddedSize, columns: w.paddedSize, cellWidth: inputWidth,
            bracket: (trace.windowTop, trace.windowLeft, h.dilatedKernelSize, w.dilatedKernelSize), bracketRole: nil)
        let kernelPanel = GridPanel(title: "Kernel \(h.kernelSize)x\(w.kernelSize)", rows: h.kernelSize, columns: w.kernelSize,
                                    cellWidth: kernelWidth)
        let outputPanel = GridPanel(title: "Output \(channel) \(h.outputSize)x\(w.outputSize)", rows: h.outputSize, columns: w.outputSize,
                                    cellWidth: outputWidth, bracket: (trace.row, trace.column, 1, 1), bracketRole: .current)
        let inputCell: (Int, Int) -> GridCell = { row, column in
            let iy = row - h.paddingBefore, ix = column - w.paddingBefore
            let inWindow = row >= trace.windowTop && row < trace.windowTop + h.dilatedKernelSize
                && column >= trace.windowLeft && column < trace.windowLeft + w.dilatedKernelSize
                && (row - trace.windowTop) % h.dilation == 0 && (column - trace.windowLeft) % w.dilation == 0
            guard iy >= 0, iy < h.inputSize, ix >= 0, ix < w.inputSize else {
                return GridCell(".", inWindow ? .window : .padding)
            }
            return GridCell(formatValue(computation.input[n, c, iy, ix]), inWindow ? .window : .input)
        }
        let kernelCell: (Int, Int) -> GridCell = { row, column in
            GridCell(formatValue(computation.weight[f, 0, row, column]), .kernel)
        }
        let outputCell: (Int, Int) -> GridCell = { row, column in
            GridCell(formatValue(computation.output[n, f, row, column]), .output)
        }

        let kernelSize = kernelPanel.naturalSize
        let remaining = max(0, area.width - min(kernelSize.width, area.width / 3) - 2 * gap)
        let inputArea = Rect(x: area.x, y: area.y, width: remaining / 2, height: gridHeight)
        let used = inputPanel.draw(into: &canvas, area: inputArea, cell: inputCell)
        var x = area.x + max(used.width, min(inputArea.width, displayWidth(of: inputPanel.title))) + gap
        let kernelArea = Rect(x: x, y: area.y, width: min(kernelSize.width, area.width / 3), height: gridHeight)
        let k = kernelPanel.draw(into: &canvas, area: kernelArea, cell: kernelCell)
        x += max(k.width, min(kernelArea.width, displayWidth(of: kernelPanel.title))) + gap
        outputPanel.draw(into: &canvas, area: Rect(x: x, y: area.y, width: max(0, area.maxX - x), height: gridHeight), cell: outputCell)

        // Products and sum, then how the value is shown.
        let name = "out[\(channel),\(trace.row),\(trace.column)]"
        let terms = trace.taps.map { "\(formatValue($0.inputValue))\(glyphs.times)\(formatValue($0.weight))" }
        let tail = " = \(formatValue(trace.sum))"
        let budget = max(20, area.width * productLines - name.count - tail.count - 24)
        var shownTerms: [String] = []
        var length = 0
        for (i, t) in terms.enumerated() {
            if length + t.count + 3 > budget {
                shownTerms.append("... (\(terms.count - i) more)")
                break
            }
            shownTerms.append(t)
            length += t.count + 3
        }
        let sumLines = wrap("\(name) = " + shownTerms.joined(separator: " + ") + tail, columns: area.width)
        var py = area.maxY - productLines - 1
        for line in sumLines.prefix(productLines) {
            canvas.put(line, x: area.x, y: py)
            py += 1
        }
        let shownText: String
        switch mapping {
        case .clamp: shownText = "shown as \(shown(trace.sum)) (clamped to 0-255)"
        case .absoluteRescaled: shownText = "shown as \(shown(trace.sum)) = |\(formatValue(trace.sum))| x 255 / \(formatValue(peak)), rounded"
        }
        canvas.put(prefix(of: shownText, fittingIn: area.width), x: area.x, y: area.maxY - 1, role: .accent)
    }
}
