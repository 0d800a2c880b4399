/// 2-D max pooling of an (N, C, H, W) input, giving (N, C, H_out, W_out) with H_out from
/// ``PoolAxis`` (floor or ceil mode, PyTorch's last-window rule). Padding cells are never chosen.
/// Matches `torch.nn.functional.max_pool2d`.
///
///     try maxPool2d(input: x, kernelSize: (3, 3), stride: (2, 2))   // AlexNet's overlapping pool
///
/// - Parameters:
///   - input: (N, C, H, W).
///   - kernelSize, stride, padding, dilation: per axis (height, width); stride nil means the kernel size.
///   - ceilMode: round the output size up.
/// - Throws: ``PoolError`` (see ``PoolComputation/init(input:mode:kernelSize:stride:padding:dilation:ceilMode:divisorOverride:)``).
/// - Complexity: O(N·C·H_out·W_out·kH·kW).
public func maxPool2d(input: Tensor, kernelSize: (Int, Int), stride: (Int, Int)? = nil, padding: (Int, Int) = (0, 0),
                      dilation: (Int, Int) = (1, 1), ceilMode: Bool = false) throws(PoolError) -> Tensor {
    try PoolComputation(input: input, mode: .max, kernelSize: kernelSize, stride: stride, padding: padding,
                        dilation: dilation, ceilMode: ceilMode).output
}

/// 2-D average pooling of an (N, C, H, W) input, giving (N, C, H_out, W_out). Each window's sum
/// of real input cells is divided by its cell count: with `countIncludePad` (PyTorch's default)
/// padding cells count too; ceil mode's cells beyond the padded input never count. With
/// `divisorOverride` every window's sum is divided by it instead.
/// Matches `torch.nn.functional.avg_pool2d`, including `divisor_override`.
/// - Parameters:
///   - input: (N, C, H, W).
///   - kernelSize, stride, padding: per axis (height, width); stride nil means the kernel size.
///   - ceilMode: round the output size up.
///   - countIncludePad: count padding cells in the divisor.
///   - divisorOverride: PyTorch's `divisor_override`: the divisor of every window (non-zero); nil
///     divides by the window's cell count.
/// - Throws: ``PoolError`` (see ``PoolComputation/init(input:mode:kernelSize:stride:padding:dilation:ceilMode:divisorOverride:)``).
/// - Complexity: O(N·C·H_out·W_out·kH·kW).
public func avgPool2d(input: Tensor, kernelSize: (Int, Int), stride: (Int, Int)? = nil, padding: (Int, Int) = (0, 0),
                      ceilMode: Bool = false, countIncludePad: Bool = true,
                      divisorOverride: Int? = nil) throws(PoolError) -> Tensor {
    try PoolComputation(input: input, mode: .average(countIncludePad: countIncludePad), kernelSize: kernelSize,
                        stride: stride, padding: padding, ceilMode: ceilMode, divisorOverride: divisorOverride).output
}

/// Adaptive max pooling of an (N, C, H, W) input to (N, C, outputSize.0, outputSize.1): output
/// cell (y, x) is the maximum over the bins of ``AdaptivePoolAxis``.
/// Matches `torch.nn.functional.adaptive_max_pool2d`.
/// - Throws: ``PoolError`` for an input that is not N x C x H x W or sizes outside 1...2^20.
public func adaptiveMaxPool2d(input: Tensor, outputSize: (Int, Int)) throws(PoolError) -> Tensor {
    try PoolComputation(input: input, mode: .max, adaptiveOutputSize: outputSize).output
}

/// Adaptive average pooling of an (N, C, H, W) input to (N, C, outputSize.0, outputSize.1): output
/// cell (y, x) is the mean over the bins of ``AdaptivePoolAxis``.
/// Matches `torch.nn.functional.adaptive_avg_pool2d`.
/// - Throws: ``PoolError`` for an input that is not N x C x H x W or sizes outside 1...2^20.
public func adaptiveAvgPool2d(input: Tensor, outputSize: (Int, Int)) throws(PoolError) -> Tensor {
    try PoolComputation(input: input, mode: .average(countIncludePad: true), adaptiveOutputSize: outputSize).output
}
