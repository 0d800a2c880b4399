// conv2d as im2col + a blocked matrix product, with AVX-512 / AVX2+FMA inner kernels chosen
// at run time. Called by ConvCore's conv2d after it has validated the geometry; every size here
// is bounded by ConvCore (extents <= 2^20, tensors <= 2^28 elements), so no product overflows.
#ifndef CONVSCOPE_CCONVKERNELS_H
#define CONVSCOPE_CCONVKERNELS_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/// The geometry of one conv2d call (PyTorch layout: input N x C_in x H x W, weight
/// C_out x C_in/groups x kH x kW, output N x C_out x H_out x W_out). Padding is the top and left
/// zero count; bottom/right padding is implied by the output size.
typedef struct {
    long batch, inputChannels, outputChannels, groups;
    long inputHeight, inputWidth, outputHeight, outputWidth;
    long kernelHeight, kernelWidth;
    long strideHeight, strideWidth;
    long paddingTop, paddingLeft;
    long dilationHeight, dilationWidth;
} cs_conv2d_geometry;

/// Which inner kernel to use.
typedef enum {
    cs_kernel_automatic = 0,  ///< the widest the CPU supports
    cs_kernel_portable = 1,   ///< plain C, any CPU
    cs_kernel_avx2 = 2,       ///< x86-64 AVX2 + FMA (6 x 16 tiles)
    cs_kernel_avx512 = 3,     ///< x86-64 AVX-512F (8 x 48 and 4 x 64 tiles)
} cs_kernel_kind;

/// The kernel `requested` resolves to on this CPU: `cs_kernel_automatic` becomes the widest
/// available; a kind the CPU lacks becomes `cs_kernel_portable`.
cs_kernel_kind cs_conv2d_resolve_kernel(cs_kernel_kind requested);

/// The number of floats of scratch memory cs_conv2d needs for `geometry` with `kernel`.
size_t cs_conv2d_workspace_count(const cs_conv2d_geometry *geometry, cs_kernel_kind kernel);

/// output = conv2d(input, weight) + bias (bias may be NULL). `workspace` holds at least
/// cs_conv2d_workspace_count(geometry, kernel) floats. Matches torch.nn.functional.conv2d
/// (cross-correlation, zero padding, groups); summation order differs, so non-integer results
/// may differ in the last bits.
void cs_conv2d(const cs_conv2d_geometry *geometry, cs_kernel_kind kernel, const float *input,
               const float *weight, const float *bias, float *output, float *workspace);

#ifdef __cplusplus
}
#endif

#endif
