/// How much zero padding a convolution adds on one axis.
///
/// Source: Dumoulin & Visin 2016, section 2.2 ("half" / same padding, "full" padding), and
/// `torch.nn.functional.conv2d(padding='same'|'valid')`.
public enum Padding: Equatable, Sendable, CustomStringConvertible {
    /// `p` zeros before and after.
    case explicit(Int)
    /// `before` zeros at the top/left and `after` at the bottom/right.
    case asymmetric(before: Int, after: Int)
    /// No padding (p = 0), PyTorch's `'valid'`.
    case valid
    /// Output size equals input size at stride 1: total d(k-1), split floor/ceil with the extra
    /// zero at the bottom/right as PyTorch's `'same'` does when d(k-1) is odd.
    case same
    /// p = d(k-1) on both sides: every partial overlap of kernel and input (relationship 4).
    case full

    /// The padding (before, after) this spec gives for a kernel on one axis.
    /// - Parameters:
    ///   - kernelSize: k, in cells.
    ///   - dilation: d.
    ///   - stride: s; `.same` requires 1.
    /// - Throws: ``ConvError/samePaddingNeedsUnitStride(stride:)``, ``ConvError/outOfRange(name:value:allowed:)``.
    public func resolve(kernelSize: Int, dilation: Int, stride: Int) throws(ConvError) -> (before: Int, after: Int) {
        switch self {
        case let .explicit(p):
            try requireInRange("padding", p, 0...maximumExtent)
            return (p, p)
        case let .asymmetric(before, after):
            try requireInRange("padding", before, 0...maximumExtent)
            try requireInRange("padding", after, 0...maximumExtent)
            return (before, after)
        case .valid:
            return (0, 0)
        case .same:
            guard stride == 1 else { throw .samePaddingNeedsUnitStride(stride: stride) }
            let total = dilation * (kernelSize - 1)
            return (total / 2, total - total / 2)
        case .full:
            let p = dilation * (kernelSize - 1)
            return (p, p)
        }
    }

    public var description: String {
        switch self {
        case let .explicit(p): return "\(p)"
        case let .asymmetric(b, a): return "\(b)/\(a)"
        case .valid: return "valid"
        case .same: return "same"
        case .full: return "full"
        }
    }
}
