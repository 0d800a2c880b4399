/// Errors raised by pooling. Each case carries the numbers involved, and its `description` is the
/// one line a user sees, stating the rule that was broken.
///
/// Source: the argument checks of `torch.nn.functional.max_pool2d` / `avg_pool2d`
/// (`pool2d_shape_check`: "pad should be smaller than or equal to half of kernel size", "Output
/// size is too small").
public enum PoolError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The padding exceeds half the kernel size (rounded down), PyTorch's rule.
    case paddingTooLarge(axis: String, padding: Int, kernelSize: Int)
    /// No pooling window fits: the output size would be below 1.
    case outputEmpty(axis: String, inputSize: Int, kernelSize: Int, stride: Int, padding: Int, dilation: Int,
                     ceilMode: Bool)
    /// A size, shape or step error shared with convolution.
    case invalid(ConvError)

    /// The one line a user sees.
    public var description: String {
        switch self {
        case let .paddingTooLarge(axis, padding, kernelSize):
            return "pooling padding \(padding) (\(axis)) is more than half of kernel size \(kernelSize): the rule is padding <= kernel_size / 2, rounded down; allowed 0...\(kernelSize / 2)"
        case let .outputEmpty(axis, i, k, s, p, d, ceilMode):
            let numerator = i + 2 * p - d * (k - 1) - 1
            let rounding = ceilMode ? "ceil" : "floor"
            let o = ceilMode ? ceilDivide(numerator, s) + 1 : floorDivide(numerator, s) + 1
            let smallest = max(1, ceilMode ? d * (k - 1) + 2 - 2 * p - s : d * (k - 1) + 1 - 2 * p)
            return "pooling output size (\(axis)) would be \(o): o = \(rounding)((i + 2p - d(k-1) - 1)/s) + 1 = \(rounding)((\(i) + 2*\(p) - \(d)*(\(k)-1) - 1)/\(s)) + 1 = \(o); allowed: o >= 1, i.e. input size at least \(smallest) for this kernel"
        case let .invalid(error):
            return error.description
        }
    }
}
