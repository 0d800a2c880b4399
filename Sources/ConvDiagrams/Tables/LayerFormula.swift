import ConvCore

/// A layer's numbers worked out as formulas, for the panel beside the table:
///
///     Conv2d 3->64, k3: 3·3·3·64 + 64 = 1,792
///     H_out = floor((224 + 2·1 - 3)/1) + 1 = 224
///     Mult-Adds = 1,792·1·224·224 = 89,915,392
///     RF = 1 + (3 - 1)·1 = 3, jump 1·1 = 1
///
/// Sources: parameters as PyTorch allocates them (Conv2d weight C_out x C_in/groups x kH x kW plus
/// bias; Linear weight out x in plus bias; BatchNorm2d gamma and beta); output sizes as PyTorch's
/// `pooling_output_shape` (Dumoulin & Visin 2016, relationship 15; ceil mode drops a last window
/// starting in the right padding); mult-adds as torchinfo 1.8; receptive fields as Araujo et al. 2019.
public enum LayerFormula {
    /// The parameter count worked out: "Conv2d 3->64, k3: 3·3·3·64 + 64 = 1,792",
    /// "Linear 9,216->4,096: 9,216·4,096 + 4,096 = 37,752,832", "BatchNorm2d 64: gamma 64 + beta 64 = 128",
    /// "ReLU: no parameters"; for a block, how it combines its children.
    /// - Parameters:
    ///   - row: a row of a summary.
    ///   - glyphs: `.unicode` writes "·", `.ascii` writes "*".
    public static func parameters(for row: ModelSummaryRow, glyphs: GlyphSet = .unicode) -> String {
        let dot = glyphs.isUnicode ? "·" : "*"
        let n = groupedThousands
        switch row.kind {
        case let .conv2d(inChannels, outChannels, kernel, _, _, _, groups, bias)?:
            let group = groups == 1 ? "" : ", groups \(groups)"
            let factors = [kernel.height, kernel.width, inChannels / max(groups, 1), outChannels].map(n)
            let biasTerm = bias ? " + \(n(outChannels))" : ""
            return "Conv2d \(inChannels)->\(outChannels), k\(kernel)\(group): \(factors.joined(separator: dot))\(biasTerm) = \(n(row.params))"
        case let .linear(inFeatures, outFeatures, bias)?:
            let biasTerm = bias ? " + \(n(outFeatures))" : ""
            return "Linear \(n(inFeatures))->\(n(outFeatures)): \(n(inFeatures))\(dot)\(n(outFeatures))\(biasTerm) = \(n(row.params))"
        case let .batchNorm2d(features)?:
            return "BatchNorm2d \(n(features)): gamma \(n(features)) + beta \(n(features)) = \(n(row.params)) (running mean and variance are buffers)"
        case let kind?:
            return "\(kind.typeName): no parameters"
        case nil:
            return blockDescription(row, dot: dot)
        }
    }

    /// Every line of the worked-out panel: parameters, output size per axis (convolutions and
    /// pools), mult-adds and MACs without bias, receptive field and jump.
    /// - Parameters:
    ///   - row: a row of a summary.
    ///   - glyphs: `.unicode` writes "·", `.ascii` writes "*".
    public static func lines(for row: ModelSummaryRow, glyphs: GlyphSet = .unicode) -> [String] {
        let dot = glyphs.isUnicode ? "·" : "*"
        let n = groupedThousands
        var result = [parameters(for: row, glyphs: glyphs)]
        let batch = row.outputShape.first ?? 1
        if let kernel = row.kernelSize, let stride = row.stride, let padding = row.padding,
           row.inputShape.count == 4, row.outputShape.count == 4 {
            let dilation = row.dilation ?? HeightWidth(1)
            let ceil = row.kind?.ceilMode == true
            let axes = [("H", row.inputShape[2], kernel.height, stride.height, padding.height, dilation.height, row.outputShape[2]),
                        ("W", row.inputShape[3], kernel.width, stride.width, padding.width, dilation.width, row.outputShape[3])]
            for (axis, i, k, s, p, d, o) in axes {
                let extent = d == 1 ? "\(k)" : "\(d)\(dot)(\(k) - 1) - 1"
                let rounding = ceil ? "ceil" : "floor"
                result.append("\(axis)_out = \(rounding)((\(i) + 2\(dot)\(p) - \(extent))/\(s)) + 1 = \(o)")
            }
        }
        if row.isLeaf, row.multAdds > 0 {
            switch row.kind {
            case .conv2d?:
                let spatial = row.outputShape.count == 4 ? [row.outputShape[2], row.outputShape[3]] : []
                let factors = ([row.params, batch] + spatial).map(n).joined(separator: dot)
                result.append("Mult-Adds = params\(dot)N\(dot)H_out\(dot)W_out = \(factors) = \(n(row.multAdds))")
            default:
                result.append("Mult-Adds = N\(dot)params = \(n(batch))\(dot)\(n(row.params)) = \(n(row.multAdds))")
            }
            result.append("MACs without bias = \(n(row.macsWithoutBias))")
        } else if !row.isLeaf {
            result.append("Params \(n(row.params)), Mult-Adds \(n(row.multAdds)) (sums over the layers inside)")
        }
        result.append(receptiveFieldLine(row, dot: dot))
        return result
    }

    private static func receptiveFieldLine(_ row: ModelSummaryRow, dot: String) -> String {
        let field = row.receptiveField
        if field.coversWholeInput { return "RF: all (a unit can read the whole input)" }
        guard let kernel = row.kernelSize, let stride = row.stride, field.size.isSquare, kernel.isSquare,
              stride.isSquare, field.jump.isSquare
        else { return "RF \(field.size), jump \(field.jump)" }
        let d = row.dilation?.height ?? 1
        let jumpIn = field.jump.height / max(stride.height, 1)
        let before = field.size.height - (kernel.height - 1) * d * jumpIn
        let dilation = d == 1 ? "" : "\(dot)\(d)"
        return "RF = \(before) + (\(kernel.height) - 1)\(dilation)\(dot)\(jumpIn) = \(field.size.height), jump \(jumpIn)\(dot)\(stride.height) = \(field.jump.height)"
    }

    private static func blockDescription(_ row: ModelSummaryRow, dot: String) -> String {
        let n = groupedThousands
        let params = "\(n(row.params)) parameters"
        switch row.block {
        case let .concatenation(branchChannels)?:
            let sum = branchChannels.map(n).joined(separator: " + ")
            let total = row.outputShape.count > 1 ? row.outputShape[1] : 0
            return "\(row.type): concat of \(branchChannels.count) branches, \(sum) = \(n(total)) channels; \(params)"
        case let .residual(projection)?:
            let shortcut = projection ? "projection shortcut (1x1 conv + BN)" : "identity shortcut"
            return "\(row.type): body + \(shortcut), added; \(params)"
        case let .denseBlock(inputChannels, layerChannels)?:
            let growth: String
            if let first = layerChannels.first, layerChannels.allSatisfy({ $0 == first }) {
                growth = "\(layerChannels.count)\(dot)\(first)"
            } else {
                growth = layerChannels.map(n).joined(separator: " + ")
            }
            let total = row.outputShape.count > 1 ? row.outputShape[1] : 0
            return "\(row.type): \(n(inputChannels)) + \(growth) = \(n(total)) channels; \(params)"
        case .sequence?, nil:
            return "\(row.type): \(row.descendantCount) rows in sequence; \(params)"
        }
    }
}
