internal import CConvKernels

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
/// - Complexity: O(N·C_out·(C_in/groups)·kH·kW·H_out·W_out) multiply-adds, computed as im2col
///   + a blocked matrix product with AVX-512 or AVX2 tiles when the CPU has them (any summation
///   order gives the same result on integer-valued data below 2^24, as the reference vectors use).
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
    return try conv2d(input: input, weight: weight, bias: bias, geometry: g, kernel: .automatic)
}

/// The inner kernels conv2d can run on; tests compare them with each other.
enum Conv2dKernel: CaseIterable {
    /// The widest the CPU supports (AVX-512F, else AVX2 + FMA, else portable C).
    case automatic, portable, avx2, avx512

    var kind: cs_kernel_kind {
        switch self {
        case .automatic: return cs_kernel_automatic
        case .portable: return cs_kernel_portable
        case .avx2: return cs_kernel_avx2
        case .avx512: return cs_kernel_avx512
        }
    }

    /// False when the CPU lacks the instructions (the request would fall back to portable C).
    var isAvailable: Bool {
        self == .automatic || self == .portable || cs_conv2d_resolve_kernel(kind) == kind
    }
}

/// im2col + a blocked, register-tiled matrix product (see CConvKernels/conv_gemm.c): the weight
/// (C_out/groups x C_in/groups·kH·kW per group) times the im2col matrix (C_in/groups·kH·kW x
/// H_out·W_out), written straight into the output's channel planes.
func conv2d(input: Tensor, weight: Tensor, bias: Tensor?, geometry g: Conv2dGeometry,
            kernel: Conv2dKernel) throws(ConvError) -> Tensor {
    guard input.shape == g.inputShape, weight.shape == g.weightShape,
          bias == nil || bias?.shape == [g.outputChannels] else {
        throw .shapeMismatch("conv2d: tensors do not match geometry \(Tensor.describe(g.inputShape)) * \(Tensor.describe(g.weightShape))")
    }
    var output = try Tensor(zeros: g.outputShape)
    let h = g.height, w = g.width
    var geometry = cs_conv2d_geometry(
        batch: g.batch, inputChannels: g.inputChannels, outputChannels: g.outputChannels, groups: g.groups,
        inputHeight: h.inputSize, inputWidth: w.inputSize, outputHeight: h.outputSize, outputWidth: w.outputSize,
        kernelHeight: h.kernelSize, kernelWidth: w.kernelSize, strideHeight: h.stride, strideWidth: w.stride,
        paddingTop: h.paddingBefore, paddingLeft: w.paddingBefore, dilationHeight: h.dilation, dilationWidth: w.dilation)
    var workspace = [Float](repeating: 0, count: cs_conv2d_workspace_count(&geometry, kernel.kind))
    input.data.withUnsafeBufferPointer { inp in
        weight.data.withUnsafeBufferPointer { wt in
            output.data.withUnsafeMutableBufferPointer { out in
                workspace.withUnsafeMutableBufferPointer { scratch in
                    if let bias {
                        bias.data.withUnsafeBufferPointer { b in
                            cs_conv2d(&geometry, kernel.kind, inp.baseAddress, wt.baseAddress, b.baseAddress,
                                      out.baseAddress, scratch.baseAddress)
                        }
                    } else {
                        cs_conv2d(&geometry, kernel.kind, inp.baseAddress, wt.baseAddress, nil,
                                  out.baseAddress, scratch.baseAddress)
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
