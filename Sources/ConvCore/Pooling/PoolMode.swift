/// The reduction a pooling window applies.
///
/// Source: `torch.nn.functional.max_pool2d`, `avg_pool2d` (count_include_pad) and their adaptive
/// variants.
public enum PoolMode: Equatable, Sendable, CustomStringConvertible {
    /// The largest real input value in the window (padding is never chosen; NaN wins, as in PyTorch).
    case max
    /// The sum of the real input values divided by the window's cell count: with
    /// `countIncludePad`, padding cells within p of the input count too (never cells beyond
    /// the padded input); without it, only real input cells count.
    case average(countIncludePad: Bool)

    /// The mode as the CLI and JSON name it ("max", "avg").
    public var description: String {
        switch self {
        case .max: return "max"
        case let .average(countIncludePad): return countIncludePad ? "avg" : "avg (count_include_pad=False)"
        }
    }
}
