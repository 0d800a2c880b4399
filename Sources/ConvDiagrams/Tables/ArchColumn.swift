import ConvCore

/// A column of the architecture table, titled with torchinfo 1.8's vocabulary ("Layer
/// (type:depth-idx)", "Input Shape", "Output Shape", "Kernel Shape", "Groups", "Param #",
/// "Param %", "Mult-Adds") plus Stride, Padding, Dilation, RF (receptive field), FLOPs (2 x
/// Mult-Adds) and Output MB (the layer's output at float32).
///
/// The raw value is the name `convscope arch --columns` takes: `ArchColumn(rawValue: "mult-adds")`.
public enum ArchColumn: String, CaseIterable, Sendable {
    /// The layer tree: "├─Conv2d: 2-1". Never dropped.
    case layer
    /// The input shape, "[1, 3, 224, 224]".
    case inputShape = "input"
    /// The output shape, "[1, 64, 55, 55]".
    case outputShape = "output"
    /// The kernel size of convolutions and pools, "[11, 11]".
    case kernelShape = "kernel"
    /// The stride, "4" (or "2x1" when the axes differ).
    case stride
    /// The padding per side, "2".
    case padding
    /// The dilation of convolutions (1 for max pooling).
    case dilation
    /// The groups of convolutions.
    case groups
    /// Learnable parameters, "23,296".
    case params
    /// The share of the total parameters, "0.04%".
    case paramsPercent = "percent"
    /// torchinfo 1.8's multiply-adds, "70,470,400".
    case multAdds = "mult-adds"
    /// The receptive field of one output unit in input pixels, "195" ("all" after a Linear layer).
    case receptiveField = "rf"
    /// 2 x Mult-Adds, "140,940,800" (``ConvCore/ModelSummaryRow/flops``; thop, ptflops and fvcore
    /// print multiply-adds under the name FLOPs, i.e. half this number).
    case flops
    /// The output feature map at float32 in MB (10^6 bytes), "12.85"
    /// (``ConvCore/ModelSummaryRow/outputBytes``).
    case outputMemory = "memory"

    /// The columns shown when none are chosen: all but Dilation.
    public static let defaults: [ArchColumn] = [.layer, .inputShape, .outputShape, .kernelShape, .stride, .padding,
                                                .groups, .params, .paramsPercent, .multAdds, .receptiveField]

    /// The header, in torchinfo's words where torchinfo has the column.
    public var title: String {
        switch self {
        case .layer: return "Layer (type:depth-idx)"
        case .inputShape: return "Input Shape"
        case .outputShape: return "Output Shape"
        case .kernelShape: return "Kernel Shape"
        case .stride: return "Stride"
        case .padding: return "Padding"
        case .dilation: return "Dilation"
        case .groups: return "Groups"
        case .params: return "Param #"
        case .paramsPercent: return "Param %"
        case .multAdds: return "Mult-Adds"
        case .receptiveField: return "RF"
        case .flops: return "FLOPs"
        case .outputMemory: return "Output MB"
        }
    }

    /// How long the column survives when the table must fit a narrow width: the column with the
    /// lowest priority is dropped first (ties: the rightmost first). The layer column is never dropped.
    ///
    /// | priority | columns              |
    /// |----------|----------------------|
    /// | 10       | Param #              |
    /// | 9        | Output Shape         |
    /// | 8        | Mult-Adds            |
    /// | 7        | Kernel Shape         |
    /// | 6        | RF                   |
    /// | 5        | Param %              |
    /// | 4, 3     | Stride, Padding      |
    /// | 2, 1, 0  | Input Shape, Groups, Dilation |
    /// | -1, -2   | Output MB, FLOPs     |
    public var keepPriority: Int {
        switch self {
        case .layer: return Int.max
        case .params: return 10
        case .outputShape: return 9
        case .multAdds: return 8
        case .kernelShape: return 7
        case .receptiveField: return 6
        case .paramsPercent: return 5
        case .stride: return 4
        case .padding: return 3
        case .inputShape: return 2
        case .groups: return 1
        case .dilation: return 0
        case .outputMemory: return -1
        case .flops: return -2
        }
    }

    /// True for columns of numbers, right-aligned in text tables.
    public var isNumeric: Bool {
        switch self {
        case .params, .paramsPercent, .multAdds, .receptiveField, .groups, .flops, .outputMemory: return true
        default: return false
        }
    }

    /// The cell of `row` in this column, without the tree prefix of the layer column.
    ///
    /// A container row shows "--" for counts unless `collapsed` (its children hidden by the depth
    /// limit or folded), when it shows the sum over its leaves, as torchinfo does at its max depth.
    /// - Parameters:
    ///   - row: the row.
    ///   - summary: its summary (for Param %).
    ///   - collapsed: whether the row stands for its hidden children.
    public func cell(for row: ModelSummaryRow, in summary: ModelSummary, collapsed: Bool) -> String {
        let counted = row.isLeaf || collapsed
        switch self {
        case .layer: return row.label
        case .inputShape: return ArchNumberFormat.shape(row.inputShape)
        case .outputShape: return ArchNumberFormat.shape(row.outputShape)
        case .kernelShape: return row.kernelSize.map { ArchNumberFormat.shape($0.pair) } ?? "--"
        case .stride: return row.stride?.description ?? "--"
        case .padding: return row.padding?.description ?? "--"
        case .dilation: return row.dilation?.description ?? "--"
        case .groups: return row.groups.map(String.init) ?? "--"
        case .params:
            return counted && row.params > 0 ? groupedThousands(row.params) : "--"
        case .paramsPercent:
            return counted && row.params > 0 ? ArchNumberFormat.percent(row.params, of: summary.totalParams) : "--"
        case .multAdds:
            return counted && row.multAdds > 0 ? groupedThousands(row.multAdds) : "--"
        case .receptiveField: return row.receptiveField.description
        case .flops:
            return counted && row.multAdds > 0 ? groupedThousands(row.flops) : "--"
        case .outputMemory:
            return counted && !row.outputShape.isEmpty ? ArchNumberFormat.megabytes(row.outputBytes) : "--"
        }
    }
}
