/// Sizes of activations at float32 (4 bytes per value), and FLOPs, per row of a ``ModelSummary``.
extension ModelSummaryRow {
    /// Bytes per float32 value.
    public static let bytesPerValue = 4

    /// The output feature map's size in bytes at float32: the product of ``outputShape``
    /// (N x C x H x W or N x F) times 4; 0 when the shape is unknown. Saturates at `Int.max`.
    public var outputBytes: Int { Self.bytes(of: outputShape) }

    /// The input's size in bytes at float32 (the product of ``inputShape`` times 4; 0 when unknown).
    public var inputBytes: Int { Self.bytes(of: inputShape) }

    /// FLOPs counted as 2 x ``multAdds`` (one multiply and one add per multiply-add), the
    /// convention of the papers' "FLOPs" and of fvcore's `FlopCountAnalysis` docs warning that its
    /// own "flop" is one multiply-add. thop and ptflops also report multiply-adds under the name
    /// FLOPs or MACs; this column is twice those numbers. Saturates at `Int.max`.
    public var flops: Int {
        let (doubled, overflow) = multAdds.multipliedReportingOverflow(by: 2)
        return overflow ? Int.max : doubled
    }

    static func bytes(of shape: [Int]) -> Int {
        guard !shape.isEmpty else { return 0 }
        var product = bytesPerValue
        for extent in shape {
            let (next, overflow) = product.multipliedReportingOverflow(by: max(0, extent))
            if overflow { return Int.max }
            product = next
        }
        return product
    }
}

/// The estimated peak of live activation memory in one inference pass, and the layer where it
/// occurs. ``ModelSummary/peakActivation`` gives the rule.
public struct ActivationPeak: Hashable, Sendable {
    /// The estimate in bytes (float32).
    public let bytes: Int
    /// The index into ``ModelSummary/rows`` of the leaf layer where the peak occurs.
    public let row: Int
}

extension ModelSummary {
    /// The sum of every leaf layer's FLOPs (2 x its multiply-adds), saturating at `Int.max`.
    public var totalFLOPs: Int {
        let (doubled, overflow) = totalMultAdds.multipliedReportingOverflow(by: 2)
        return overflow ? Int.max : doubled
    }

    /// The peak of live activations in an inference pass, an estimate by this rule: walking the
    /// leaf layers in forward order, a layer holds its input and its output at once (float32,
    /// the batch as given), plus the input of every enclosing residual, concatenation or dense
    /// block, which stays alive for the shortcut or the concatenation (not added again for the
    /// block's first layer, whose input it is); plus, inside a concatenation or dense block, the
    /// outputs of the branches or layers already finished. The peak is the largest such sum.
    /// Not modelled: in-place operations (`ReLU(inplace=True)` needs no new output), framework
    /// workspaces (im2col, cuDNN), and the weights. nil for a model without leaf layers.
    ///
    /// Worked example: VGG16 at 3 x 224 x 224 peaks at `features.1` (the first ReLU, counted as
    /// not in place): input and output 1 x 64 x 224 x 224, 2 x 12,845,056 = 25,690,112 bytes.
    public var peakActivation: ActivationPeak? {
        var best: ActivationPeak?
        for index in rows.indices where rows[index].isLeaf && !rows[index].outputShape.isEmpty {
            let live = liveActivationBytes(atRow: index)
            if let b = best, b.bytes >= live { continue }
            best = ActivationPeak(bytes: live, row: index)
        }
        return best
    }

    /// The live activation bytes while leaf row `index` runs, by the rule of ``peakActivation``;
    /// 0 for an index out of range or a container row.
    public func liveActivationBytes(atRow index: Int) -> Int {
        guard rows.indices.contains(index), rows[index].isLeaf else { return 0 }
        let row = rows[index]
        var live = Self.saturatingSum(row.inputBytes, row.outputBytes)
        var child = index
        var ancestor = row.parent
        while let a = ancestor, rows.indices.contains(a) {
            let block = rows[a]
            switch block.block {
            case .residual?:
                if firstLeaf(in: a) != index { live = Self.saturatingSum(live, block.inputBytes) }
            case .concatenation?, .denseBlock?:
                if firstLeaf(in: a) != index { live = Self.saturatingSum(live, block.inputBytes) }
                // Finished branches (concatenation) or layers (dense block) before this one.
                for sibling in children(of: a) where sibling < child {
                    live = Self.saturatingSum(live, rows[sibling].outputBytes)
                }
            default:
                break
            }
            child = a
            ancestor = block.parent
        }
        return live
    }

    /// The first leaf row below row `index` (the row itself for a leaf).
    private func firstLeaf(in index: Int) -> Int? {
        let end = min(rows.count - 1, index + max(0, rows[index].descendantCount))
        return (index...end).first { rows[$0].isLeaf }
    }

    private static func saturatingSum(_ a: Int, _ b: Int) -> Int {
        let (sum, overflow) = a.addingReportingOverflow(b)
        return overflow ? Int.max : sum
    }
}
