import Foundation
import ConvCore

/// The activations picture: ReLU, sigmoid and tanh plotted with their derivatives; a chain of n
/// sigmoids against a chain of ReLUs, with the gradient bound 0.25^n; and ReLU applied to a small
/// feature map, one value per step (the current one bracketed, later ones `?`).
///
/// A pure function of core values (``Activation``, ``ActivationChain``, the map and its ReLU).
public struct ActivationDiagram: Diagram, Sendable {
    /// The chain of sigmoids (its length is n).
    public let chain: ActivationChain
    /// The feature map, 1 x 1 x H x W.
    public let map: Tensor
    /// ReLU of the map (same shape).
    public let rectified: Tensor
    /// 1-based step: the map value being rectified.
    public let step: Int
    /// Braille or ASCII plots.
    public let glyphs: GlyphSet

    public init(chain: ActivationChain, map: Tensor, rectified: Tensor, step: Int, glyphs: GlyphSet = .ascii) {
        self.chain = chain
        self.map = map
        self.rectified = rectified
        self.step = min(max(1, step), max(1, map.data.count))
        self.glyphs = glyphs
    }

    /// A gradient as text: Swift's shortest round-trip form when it is short (exact for the
    /// powers of 0.25: "0.0009765625", "6.103515625e-05"), else 4 significant digits ("0.05875").
    public static func formatGradient(_ v: Double) -> String {
        let exact = String(v)
        if exact.count <= 16 { return exact }
        return String(format: "%.4g", v)
    }

    /// Draws the diagram into `area` of `canvas`.
    public func draw(into canvas: inout Canvas, area: Rect) {
        let outer = canvas.narrowClip(to: area)
        defer { canvas.restoreClip(outer) }
        let gap = 2
        let plotWidth = (area.width - 2 * gap) / 3
        let plotHeight = max(5, min(14, area.height - 12))
        let times = glyphs.times
        let plots: [(Activation, String, ClosedRange<Double>)] = [
            (.relu, "max(0, x)", -1...4),
            (.sigmoid, "1/(1+e^-x)", -0.25...1.25),
            (.tanh, "tanh x", -1.25...1.25),
        ]
        let legend = glyphs.isUnicode ? "⣿ f   · f'" : "* f   . f'"
        for (i, (activation, formula, yRange)) in plots.enumerated() {
            let plot = FunctionPlot(title: "\(activation.displayName) \(formula)  \(legend)", xRange: -4...4, yRange: yRange,
                                    function: { activation.value($0) }, derivative: { activation.derivative($0) })
            plot.draw(into: &canvas, area: Rect(x: area.x + i * (plotWidth + gap), y: area.y, width: plotWidth, height: plotHeight),
                      glyphs: glyphs)
        }
        let notes = "f'(0): ReLU 0 (PyTorch's choice at the kink), sigmoid 0.25 (its maximum), tanh 1 (its maximum)"
        canvas.put(prefix(of: notes, fittingIn: area.width), x: area.x, y: area.y + plotHeight, role: .accent)

        // The chain.
        let top = area.y + plotHeight + 2
        let rows = max(0, area.maxY - top)
        let leftWidth = min(area.width / 2 + 6, 60)
        let n = chain.length
        var y = top
        func put(_ text: String, _ role: Role = .plain, x: Int = area.x, width: Int = leftWidth) {
            guard y < area.maxY else { return }
            canvas.put(prefix(of: text, fittingIn: width), x: x, y: y, role: role)
            y += 1
        }
        put("\(n) sigmoids: gradient <= 0.25^\(n) = \(Self.formatGradient(chain.gradientBound))", .title)
        put("\(n) ReLUs (x > 0): gradient 1\(times)1\(times)...\(times)1 = 1", .accent)
        put(padRight("k", 4) + padRight("bound 0.25^k", 20) + "sigmoid chain at x = 0", .label)
        let links = chain.links(at: 0)
        var gradient = 1.0
        var products: [Double] = []
        for link in links {
            gradient *= link.derivative
            products.append(gradient)
        }
        // Rows k = 1...n, or the first ones, "...", and k = n when they do not all fit.
        let available = max(1, rows - 3)
        let shown: [Int?] = n <= available ? Array(1...n) : Array(1...max(1, available - 2)) + [nil, n]
        var bound = 1.0
        for k in shown {
            guard let k else { put("...", .dim); continue }
            bound = 1
            for _ in 0..<k { bound *= Activation.sigmoid.maximumDerivative }
            put(padRight("\(k)", 4) + padRight(Self.formatGradient(bound), 20) + Self.formatGradient(products[k - 1]), k == n ? .highlight : .plain)
        }

        // ReLU on the feature map.
        let rx = area.x + leftWidth + gap
        let rightWidth = max(0, area.maxX - rx)
        guard map.rank == 4, rightWidth > 8 else { return }
        let h = map.shape[2], w = map.shape[3]
        let current = step - 1
        let width = max(FilterDiagram.cellWidth(map.data), FilterDiagram.cellWidth(rectified.data))
        let row = current / max(1, w), column = current % max(1, w)
        let gridHeight = max(2, min(h + 2, rows - 2))
        let input = GridPanel(title: "Feature map \(h)x\(w)", rows: h, columns: w, cellWidth: width,
                              bracket: (row, column, 1, 1), bracketRole: .window)
        let output = GridPanel(title: "ReLU", rows: h, columns: w, cellWidth: width, bracket: (row, column, 1, 1), bracketRole: .current)
        let used = input.draw(into: &canvas, area: Rect(x: rx, y: top, width: rightWidth / 2 - 1, height: gridHeight)) { r, c in
            let v = map.data[r * w + c]
            return GridCell(formatValue(v), v < 0 ? .dim : .input)
        }
        let ox = rx + max(used.width, displayWidth(of: input.title)) + gap
        output.draw(into: &canvas, area: Rect(x: ox, y: top, width: max(0, area.maxX - ox), height: gridHeight)) { r, c in
            let index = r * w + c
            if index > current { return GridCell("?", .pending) }
            return GridCell(formatValue(rectified.data[index]), .output)
        }
        let v = map.data[current], out = rectified.data[current]
        let explain = "relu(\(formatValue(v))) = max(0, \(formatValue(v))) = \(formatValue(out))"
            + (v < 0 ? " (negative -> 0)" : (v > 0 ? " (positive passes)" : ""))
        canvas.put(prefix(of: explain, fittingIn: rightWidth), x: rx, y: top + gridHeight + 1, role: .accent)
    }
}
