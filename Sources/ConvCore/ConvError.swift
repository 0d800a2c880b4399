/// Errors raised by the compute core. Each case carries the numbers involved, and its
/// `description` is the one line a user sees ("kernel 5 (dilated extent 5) is larger than
/// padded input 3 (input 3 + padding 0 + 0)").
///
/// Source: the validity conditions of Dumoulin & Visin 2016, "A guide to convolution arithmetic
/// for deep learning", and the argument checks of `torch.nn.functional.conv2d`.
public enum ConvError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A size, stride, dilation or channel count outside its allowed range.
    case outOfRange(name: String, value: Int, allowed: ClosedRange<Int>)
    /// The dilated kernel extent d(k-1)+1 exceeds the padded input i + p_before + p_after.
    case kernelLargerThanPaddedInput(axis: String, input: Int, kernel: Int, dilation: Int, paddingBefore: Int, paddingAfter: Int)
    /// A channel count is not divisible by `groups`.
    case channelsNotDivisibleByGroups(name: String, channels: Int, groups: Int)
    /// `same` padding was asked for with a stride other than 1 (PyTorch refuses it too).
    case samePaddingNeedsUnitStride(stride: Int)
    /// A tensor's shape and data disagree, or a shape does not fit the operation.
    case shapeMismatch(String)
    /// A step index outside 1...count.
    case stepOutOfRange(step: Int, count: Int)

    public var description: String {
        switch self {
        case let .outOfRange(name, value, allowed):
            return "\(name) \(value) is out of range: allowed \(allowed.lowerBound)...\(allowed.upperBound)"
        case let .kernelLargerThanPaddedInput(axis, input, kernel, dilation, pb, pa):
            let extent = dilation * (kernel - 1) + 1
            let dil = dilation == 1 ? "" : " (dilated extent \(extent))"
            return "kernel \(kernel)\(dil) is larger than padded input \(input + pb + pa) (\(axis): input \(input) + padding \(pb) + \(pa)); allowed: kernel extent <= padded input"
        case let .channelsNotDivisibleByGroups(name, channels, groups):
            return "\(name) \(channels) is not divisible by groups \(groups); allowed: a multiple of groups"
        case let .samePaddingNeedsUnitStride(stride):
            return "padding 'same' needs stride 1, got stride \(stride); allowed: stride 1, or an explicit padding"
        case let .shapeMismatch(message):
            return message
        case let .stepOutOfRange(step, count):
            return "step \(step) is out of range: allowed 1...\(count)"
        }
    }
}

/// The largest size, kernel, padding, stride or dilation the core accepts on one axis.
/// Bounds every product the geometry forms so that no arithmetic can overflow `Int`.
public let maximumExtent = 1 << 20

/// Validates that `value` lies in `allowed`, naming it in the error otherwise.
/// - Throws: ``ConvError/outOfRange(name:value:allowed:)``.
@inlinable
public func requireInRange(_ name: String, _ value: Int, _ allowed: ClosedRange<Int>) throws(ConvError) {
    guard allowed.contains(value) else { throw .outOfRange(name: name, value: value, allowed: allowed) }
}
