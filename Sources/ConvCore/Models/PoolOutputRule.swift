/// How an imported pooling layer counts its windows along one axis (input i, kernel k, stride s,
/// padding p). Each rule is the framework's own; none is PyTorch's.
///
/// | rule | output size | source |
/// |------|-------------|--------|
/// | `caffe(roundUp: true)` | ceil((i + 2p - k)/s) + 1, minus 1 if p > 0 and (o-1)·s >= i + p | Caffe `pooling_layer.cpp` `Reshape()` (the default CEIL) |
/// | `caffe(roundUp: false)` | floor((i + 2p - k)/s) + 1, with the same clip | Caffe `round_mode: FLOOR` |
/// | `darknet(totalPadding: P)` | (i + P - k)/s + 1, P split as P/2 before | Darknet `maxpool_layer.c` (`-l.pad/2` offset) |
///
/// Caffe computes the ceiling in float (`static_cast<float>`); for these integer sizes that is the
/// exact ceiling of the quotient, which ``ceilDivision`` gives. A numerator below 0 (a window larger
/// than the padded input) is refused rather than rounded.
public enum PoolOutputRule: Hashable, Sendable {
    /// Caffe: ceil (`roundUp`, the default) or floor (`round_mode: FLOOR`), then the clip that keeps
    /// the last window starting inside the input when there is padding.
    case caffe(roundUp: Bool)
    /// Darknet: `totalPadding` cells added in all (per axis), the first half before.
    case darknet(totalPadding: HeightWidth)

    /// The number of windows along one axis, or nil when none fits (numerator below 0 or a result
    /// below 1). `padding` is the padding before; for Darknet the total comes from the rule.
    public func windowCount(input: Int, kernel: Int, stride: Int, padding: Int, axisTotalPadding: Int) -> Int? {
        guard stride >= 1, kernel >= 1, input >= 1, padding >= 0 else { return nil }
        switch self {
        case let .caffe(roundUp):
            let numerator = input + 2 * padding - kernel
            guard numerator >= 0 else { return nil }
            var count = (roundUp ? Self.ceilDivision(numerator, stride) : numerator / stride) + 1
            if padding > 0, (count - 1) * stride >= input + padding { count -= 1 }
            return count >= 1 ? count : nil
        case .darknet:
            let numerator = input + axisTotalPadding - kernel
            guard numerator >= 0 else { return nil }
            return numerator / stride + 1
        }
    }

    /// ceil(a / b) for a >= 0, b >= 1.
    static func ceilDivision(_ a: Int, _ b: Int) -> Int { (a + b - 1) / b }
}
