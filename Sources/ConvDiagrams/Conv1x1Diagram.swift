import ConvCore

/// The 1 x 1 convolution picture: what a 1 x 1 filter computes at one pixel (a dot product
/// across the channels), the two paths (3 x 3 directly, or 1 x 1 reduction then 3 x 3) as tensor
/// shapes, and a table of weight shapes, parameters and multiply-adds with the totals and the
/// ratio, all counted by the core (``OneByOneReduction``).
///
/// Three stages, one per step: 1 the direct 3 x 3 convolution, 2 the 1 x 1 reduction, 3 the
/// 3 x 3 after it and the saving. The rows of the current stage are marked with `>` (and the
/// highlight role), visible in plain text.
public struct Conv1x1Diagram: Diagram, Sendable {
    /// The two paths.
    public let reduction: OneByOneReduction
    /// 1...3.
    public let step: Int
    /// Glyphs for × and the pointer.
    public let glyphs: GlyphSet

    /// The number of stages.
    public static let stepCount = 3

    public init(reduction: OneByOneReduction, step: Int, glyphs: GlyphSet = .ascii) {
        self.reduction = reduction
        self.step = min(max(1, step), Self.stepCount)
        self.glyphs = glyphs
    }

    /// "28x28x128".
    static func shape(_ g: Conv2dGeometry, output: Bool) -> String {
        output ? "\(g.height.outputSize)x\(g.width.outputSize)x\(g.outputChannels)"
               : "\(g.height.inputSize)x\(g.width.inputSize)x\(g.inputChannels)"
    }

    /// "128 x 32 x 1 x 1".
    static func weightShape(_ g: Conv2dGeometry) -> String {
        g.weightShape.map(String.init).joined(separator: " x ")
    }

    /// A ratio as a percentage with one decimal: 0.2786 -> "27.9%".
    static func percent(_ ratio: Double) -> String {
        let tenths = Int((ratio * 1000).rounded())
        return "\(tenths / 10).\(tenths % 10)%"
    }

    /// Draws the diagram into `area` of `canvas`.
    public func draw(into canvas: inout Canvas, area: Rect) {
        let outer = canvas.narrowClip(to: area)
        defer { canvas.restoreClip(outer) }
        let r = reduction
        let c = r.direct.inputChannels, red = r.reduce.outputChannels, f = r.direct.outputChannels
        let t = glyphs.times
        var y = area.y
        func line(_ text: String, _ role: Role = .plain) {
            guard y < area.maxY else { return }
            canvas.put(prefix(of: text, fittingIn: area.width), x: area.x, y: y, role: role)
            y += 1
        }
        line("1x1 convolution: at each pixel, a dot product across the channels (no neighbours).", .accent)
        line("  out[f, y, x] = bias[f] + w[f, 0]\(t)in[0, y, x] + w[f, 1]\(t)in[1, y, x] + ... + w[f, \(c - 1)]\(t)in[\(c - 1), y, x]")
        line("  \(red) filters of 1x1x\(c) make \(red) channels: the same linear layer \(c) -> \(red) applied at every pixel.")
        y += 1
        let pointer = String(glyphs.pointer)
        let a = "A  direct       \(Self.shape(r.direct, output: false)) --[3x3x\(c) conv, \(f) filters, padding 1]--> \(Self.shape(r.direct, output: true))"
        let b1 = "B  reduce first \(Self.shape(r.reduce, output: false)) --[1x1x\(c) conv, \(red) filters]--> \(Self.shape(r.reduce, output: true))"
        let b2 = "                \(Self.shape(r.expand, output: false)) --[3x3x\(red) conv, \(f) filters, padding 1]--> \(Self.shape(r.expand, output: true))"
        for (i, text) in [(1, a), (2, b1), (3, b2)] {
            let current = i == step
            line((current ? pointer : " ") + " " + text, current ? .highlight : .plain)
        }
        y += 1

        // The table.
        let rows: [(stage: Int, name: String, weight: String, params: Int, madds: Int)] = [
            (1, "A  3x3 conv \(c) -> \(f)", Self.weightShape(r.direct), r.direct.parameterCount(bias: r.bias), r.direct.multiplyAdds(bias: r.bias)),
            (2, "B  1x1 conv \(c) -> \(red)", Self.weightShape(r.reduce), r.reduce.parameterCount(bias: r.bias), r.reduce.multiplyAdds(bias: r.bias)),
            (3, "   3x3 conv \(red) -> \(f)", Self.weightShape(r.expand), r.expand.parameterCount(bias: r.bias), r.expand.multiplyAdds(bias: r.bias)),
        ]
        let total = (name: "   B total", params: r.reducedParameters, madds: r.reducedMultiplyAdds)
        let nameWidth = max(24, (rows.map { displayWidth(of: $0.name) }.max() ?? 0) + 2)
        let weightWidth = max(18, (rows.map { $0.weight.count }.max() ?? 0) + 2)
        let numberWidth = max(12, groupedThousands(max(r.direct.multiplyAdds(bias: r.bias), r.reducedMultiplyAdds)).count + 2)
        func row(_ name: String, _ weight: String, _ params: String, _ madds: String) -> String {
            "  " + padRight(name, nameWidth) + padRight(weight, weightWidth) + padLeft(params, numberWidth) + padLeft(madds, numberWidth)
        }
        line(row("Layer", "Weight shape", "Param #", "Mult-Adds"), .label)
        for item in rows {
            let current = item.stage == step
            let text = row(item.name, item.weight, groupedThousands(item.params), groupedThousands(item.madds))
            line((current ? pointer : " ") + text.dropFirst(), current ? .highlight : .plain)
        }
        let showTotals = step == 3
        line((showTotals ? pointer : " ") + row(total.name, "", groupedThousands(total.params), groupedThousands(total.madds)).dropFirst(),
             showTotals ? .highlight : .plain)
        line(row("   B / A", "", Self.percent(r.parameterRatio), Self.percent(r.multiplyAddRatio)), .accent)
        y += 1
        let fewer = r.parameterRatio > 0 ? 1 / r.parameterRatio : 0
        let times = (fewer * 10).rounded() / 10
        let saving = r.reducedParameters < r.direct.parameterCount(bias: r.bias)
            ? "The 1x1 reduction to \(red) channels makes the 3x3 step \(times)x cheaper in parameters."
            : "With \(red) >= \(c) channels the 1x1 step saves nothing: it only adds parameters."
        line(saving, .accent)
        line("Param # = F\(t)(C_in\(t)kH\(t)kW + 1); Mult-Adds = Param # \(t) H_out \(t) W_out (torchinfo 1.8, bias included)", .dim)
    }
}
