/// How raw filter output (any Float) becomes displayable 0-255 values, stated by name so the
/// screen can say which rule it shows.
///
/// | mapping            | value v becomes                         | for                          |
/// |--------------------|-----------------------------------------|------------------------------|
/// | `clamp`            | min(max(v, 0), 255)                     | box, blur, sharpen, emboss   |
/// | `absoluteRescaled` | 255 · abs(v) / max abs(v) over the tensor (0 if all are 0) | outline, sobel-x, sobel-y |
///
/// Source: the conventions of image-kernel demonstrations (setosa.io's "Image Kernels Explained
/// Visually" clamps; edge maps such as scikit-image's `sobel` are shown as magnitudes scaled to
/// the display range). NaN becomes 0 in both.
public enum DisplayMapping: String, Equatable, Sendable, CaseIterable, CustomStringConvertible {
    /// Values below 0 become 0, above 255 become 255.
    case clamp
    /// Absolute values, scaled so the largest becomes 255 (one factor for the whole tensor, so
    /// channels stay comparable).
    case absoluteRescaled = "absolute-rescaled"

    /// The mapping a custom kernel gets: absolute value rescaled when its weights sum to 0 (an
    /// edge or derivative kernel: |Σw| <= 1e-6 · Σ|w|), clamped otherwise.
    public static func suited(to weights: [Float]) -> DisplayMapping {
        let sum = weights.reduce(Float(0), +)
        let magnitude = weights.reduce(Float(0)) { $0 + abs($1) }
        return abs(sum) <= 1e-6 * magnitude ? .absoluteRescaled : .clamp
    }

    /// The tensor with every value mapped to 0...255 (same shape).
    /// - Complexity: O(n), two passes for `absoluteRescaled`.
    public func apply(to tensor: Tensor) -> Tensor {
        var result = tensor
        switch self {
        case .clamp:
            for i in result.data.indices {
                let v = result.data[i]
                result.data[i] = v > 0 ? (v < 255 ? v : 255) : 0   // NaN fails v > 0: 0
            }
        case .absoluteRescaled:
            let peak = Self.maximumMagnitude(of: tensor)
            let scale: Float = peak > 0 ? 255 / peak : 0
            for i in result.data.indices {
                let v = abs(result.data[i]) * scale
                result.data[i] = v > 0 ? (v < 255 ? v : 255) : 0
            }
        }
        return result
    }

    /// max |v| over the tensor's finite values (0 for none): the value shown as 255 by
    /// `absoluteRescaled`.
    public static func maximumMagnitude(of tensor: Tensor) -> Float {
        var peak: Float = 0
        for v in tensor.data where v.isFinite { peak = max(peak, abs(v)) }
        return peak
    }

    /// The rule in words, for a legend: "clamped to 0-255" or "absolute value rescaled to 0-255
    /// (|v| = 812 shown as 255)" when `tensor` is given.
    public func legend(for tensor: Tensor? = nil) -> String {
        switch self {
        case .clamp:
            return "clamped to 0-255"
        case .absoluteRescaled:
            guard let tensor else { return "absolute value rescaled to 0-255" }
            return "absolute value rescaled to 0-255 (|v| = \(Self.maximumMagnitude(of: tensor)) shown as 255)"
        }
    }

    public var description: String { rawValue }
}
