/// 2-D cross-correlation ("convolution" in deep learning) of an (N, C_in, H, W) input with a
/// (C_out, C_in/groups, kH, kW) weight and an optional (C_out) bias, giving (N, C_out, H_out, W_out).
///
/// Matches `torch.nn.functional.conv2d` (no kernel flip; zero padding; groups split channels
/// into independent blocks).
///
/// - Parameters:
///   - input: (N, C_in, H, W).
///   - weight: (C_out, C_in/groups, kH, kW).
///   - bias: (C_out), or nil for none.
///   - stride, padding, dilation: per axis (height, width).
///   - groups: number of channel groups.
/// - Returns: the output tensor and the validated geometry.
/// - Throws: ``ConvError`` when the shapes disagree or the geometry is invalid.
/// - Complexity: O(N·C_out·(C_in/groups)·kH·kW·H_out·W_out).
public func conv2d(input: Tensor, weight: Tensor, bias: Tensor? = nil,
                   stride: (Int, Int) = (1, 1), padding: (Padding, Padding) = (.explicit(0), .explicit(0)),
                   dilation: (Int, Int) = (1, 1), groups: Int = 1) throws(ConvError) -> (output: Tensor, geometry: Conv2dGeometry) {
    let geometry = try Conv2dGeometry.validated(input: input, weight: weight, bias: bias, stride: stride,
                                                padding: padding, dilation: dilation, groups: groups)
    return (try conv2d(input: input, weight: weight, bias: bias, geometry: geometry), geometry)
}

/// The same operation on an already validated geometry (see ``Conv2dGeometry/validated(input:weight:bias:stride:padding:dilation:groups:)``).
/// - Throws: ``ConvError/shapeMismatch(_:)`` if the tensors do not have the geometry's shapes.
public func conv2d(input: Tensor, weight: Tensor, bias: Tensor?, geometry g: Conv2dGeometry) throws(ConvError) -> Tensor {
    guard input.shape == g.inputShape, weight.shape == g.weightShape,
          bias == nil || bias!.shape == [g.outputChannels] else {
        throw .shapeMismatch("conv2d: tensors do not match geometry \(Tensor.describe(g.inputShape)) * \(Tensor.describe(g.weightShape))")
    }
    var output = try Tensor(zeros: g.outputShape)
    let n = g.batch, cout = g.outputChannels, cinPerGroup = g.inputChannels / g.groups
    let coutPerGroup = cout / g.groups
    let h = g.height, w = g.width
    let ih = h.inputSize, iw = w.inputSize, oh = h.outputSize, ow = w.outputSize
    let kh = h.kernelSize, kw = w.kernelSize
    // For each kernel column, the range of output columns whose tap lands inside the input.
    var colRange = [(Int, Int)](repeating: (0, 0), count: kw)
    for kx in 0..<kw {
        let off = kx * w.dilation - w.paddingBefore
        // need 0 <= ox*s + off < iw
        let lo = max(0, ceilDivide(-off, w.stride))
        let hi = min(ow, floorDivide(iw - 1 - off, w.stride) + 1)
        colRange[kx] = (lo, max(lo, hi))
    }
    input.data.withUnsafeBufferPointer { inp in
        weight.data.withUnsafeBufferPointer { wt in
            output.data.withUnsafeMutableBufferPointer { out in
                for b in 0..<n {
                    for f in 0..<cout {
                        let group = f / coutPerGroup
                        let outBase = (b * cout + f) * oh * ow
                        let biasValue = bias?.data[f] ?? 0
                        for i in 0..<(oh * ow) { out[outBase + i] = biasValue }
                        for cl in 0..<cinPerGroup {
                            let c = group * cinPerGroup + cl
                            let inBase = (b * g.inputChannels + c) * ih * iw
                            for ky in 0..<kh {
                                for kx in 0..<kw {
                                    let wv = wt[((f * cinPerGroup + cl) * kh + ky) * kw + kx]
                                    if wv == 0 { continue }
                                    let (lo, hi) = colRange[kx]
                                    if lo >= hi { continue }
                                    let xoff = kx * w.dilation - w.paddingBefore
                                    for oy in 0..<oh {
                                        let y = oy * h.stride + ky * h.dilation - h.paddingBefore
                                        if y < 0 || y >= ih { continue }
                                        let rowIn = inBase + y * iw
                                        let rowOut = outBase + oy * ow
                                        var ox = lo
                                        while ox < hi {
                                            out[rowOut + ox] += wv * inp[rowIn + ox * w.stride + xoff]
                                            ox += 1
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
    return output
}

extension Conv2dGeometry {
    /// Builds and checks the geometry that `input`, `weight` and `bias` imply.
    /// - Throws: ``ConvError/shapeMismatch(_:)`` for tensors of the wrong rank or channel counts
    ///   that disagree, and the geometry's own errors.
    public static func validated(input: Tensor, weight: Tensor, bias: Tensor?, stride: (Int, Int),
                                 padding: (Padding, Padding), dilation: (Int, Int), groups: Int) throws(ConvError) -> Conv2dGeometry {
        guard input.rank == 4 else {
            throw .shapeMismatch("input must be N x C x H x W, got shape \(Tensor.describe(input.shape))")
        }
        guard weight.rank == 4 else {
            throw .shapeMismatch("weight must be C_out x C_in/groups x kH x kW, got shape \(Tensor.describe(weight.shape))")
        }
        try requireInRange("groups", groups, 1...65536)
        guard weight.shape[1] * groups == input.shape[1] else {
            throw .shapeMismatch("weight shape \(Tensor.describe(weight.shape)) with groups \(groups) expects \(weight.shape[1] * groups) input channels, input has \(input.shape[1])")
        }
        if let bias {
            guard bias.shape == [weight.shape[0]] else {
                throw .shapeMismatch("bias shape \(Tensor.describe(bias.shape)) must be [\(weight.shape[0])] (one per output channel)")
            }
        }
        return try Conv2dGeometry(batch: input.shape[0], inputChannels: input.shape[1], outputChannels: weight.shape[0],
                                  groups: groups, inputSize: (input.shape[2], input.shape[3]),
                                  kernelSize: (weight.shape[2], weight.shape[3]), stride: stride,
                                  padding: padding, dilation: dilation)
    }
}
