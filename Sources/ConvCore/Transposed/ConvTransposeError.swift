/// Errors raised by transposed convolution (`conv_transpose2d`). Each case carries the numbers
/// involved, and its `description` is the one line a user sees, stating the rule that was broken.
///
/// Source: the argument checks of `torch.nn.functional.conv_transpose2d` ("output padding must be
/// smaller than either stride or dilation") and of `torch.nn.ConvTranspose2d.forward(output_size=)`
/// ("requested an output size of ..., but valid sizes range from ... to ...").
public enum ConvTransposeError: Error, Equatable, Sendable, CustomStringConvertible {
    /// output_padding is neither smaller than the stride nor smaller than the dilation.
    case invalidOutputPadding(axis: String, outputPadding: Int, stride: Int, dilation: Int)
    /// The output size (i'-1)s - 2p + d(k-1) + output_padding + 1 is below 1.
    case outputTooSmall(axis: String, inputSize: Int, kernelSize: Int, stride: Int, padding: Int,
                        dilation: Int, outputPadding: Int)
    /// No output_padding in 0...s-1 gives the requested output size.
    case outputSizeUnreachable(axis: String, requested: Int, inputSize: Int, kernelSize: Int, stride: Int,
                               padding: Int, dilation: Int)
    /// A size, shape, channel or step error shared with ordinary convolution.
    case invalid(ConvError)

    /// The one line a user sees.
    public var description: String {
        switch self {
        case let .invalidOutputPadding(axis, outputPadding, stride, dilation):
            let largest = max(stride, dilation) - 1
            return "output_padding \(outputPadding) (\(axis)) is invalid: the rule is output_padding < stride or output_padding < dilation; here stride \(stride) and dilation \(dilation), so allowed 0...\(largest)"
        case let .outputTooSmall(axis, i, k, s, p, d, op):
            let o = ConvTransposeAxis.outputSize(inputSize: i, kernelSize: k, stride: s, padding: p,
                                                 dilation: d, outputPadding: op)
            let largestPadding = max(0, floorDivide((i - 1) * s + d * (k - 1) + op, 2))
            return "transposed convolution output size (\(axis)) would be \(o): o' = (i'-1)s - 2p + d(k-1) + output_padding + 1 = (\(i)-1)*\(s) - 2*\(p) + \(d)*(\(k)-1) + \(op) + 1 = \(o); allowed: o' >= 1, i.e. padding at most \(largestPadding)"
        case let .outputSizeUnreachable(axis, requested, i, k, s, p, d):
            let smallest = ConvTransposeAxis.outputSize(inputSize: i, kernelSize: k, stride: s, padding: p,
                                                        dilation: d, outputPadding: 0)
            let largest = smallest + s - 1
            var message = "no output_padding gives output size \(requested) (\(axis)): input \(i), kernel \(k), stride \(s), padding \(p), dilation \(d) give \(smallest) + output_padding with output_padding 0...\(s - 1) (smaller than the stride), so allowed output sizes are \(smallest)...\(largest)"
            // Which padding would reach it: 2p must lie in [base - o', base - o' + s - 1].
            let base = (i - 1) * s + d * (k - 1) + 1
            let low = base - requested, high = base - requested + s - 1
            let padding = max(0, ceilDivide(low, 2))
            if high < 0 {
                message += "; even padding 0 gives at most \(base + s - 1)"
            } else if 2 * padding <= high {
                message += "; padding \(padding) with output_padding \(requested - (base - 2 * padding)) would give it"
            } else {
                message += "; at stride 1 the size is i' - 2p + d(k-1), so 2p would have to be \(low), an odd number: no padding gives it"
                if requested == i {
                    message += " (at stride 1 keeping the size needs an even d(k-1): an even kernel cannot keep it)"
                }
            }
            return message
        case let .invalid(error):
            return error.description
        }
    }
}
