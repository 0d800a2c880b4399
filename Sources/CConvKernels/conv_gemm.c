// conv2d = im2col + blocked matrix product (the layout of Goto & van de Geijn, "Anatomy of
// high-performance matrix multiplication", ACM TOMS 2008, as in BLIS):
//
//   output[f, p] = bias[f] + sum_k weight[f, k] * columns[k, p]
//   f: output channel (M rows), k = (c, ky, kx) (K = C_in/groups x kH x kW), p = (oy, ox) (N = H_out x W_out)
//
// The weight matrix is packed once per group into MR-row panels; the im2col matrix is built
// directly in NR-column panels, KC rows x NC columns at a time, so a panel stays in L1 while the
// micro-kernel sweeps the weight panels over it. The micro-kernel keeps an MR x NR tile of the
// output in registers. The output rows of a group are exactly the output's channel planes, so
// the product is written in place (N x C_out x H_out x W_out) with no transposition.
//
// Wide kernels use GCC/Clang function target attributes and are chosen at run time with
// __builtin_cpu_supports, so the library runs on any x86-64 (and any other CPU, portable path).

#include "CConvKernels.h"

#include <stdint.h>
#include <string.h>

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#define CS_X86 1
#include <immintrin.h>
#endif

typedef void (*cs_micro_kernel)(long kc, const float *a, const float *b, float *c, long ldc, long m, long n);

typedef struct {
    long mr, nr;
    cs_micro_kernel run;
} cs_variant;

enum { CS_KC = 128, CS_NC = 1536, CS_ALIGN = 16 };

// ---------------------------------------------------------------------------------------------
// Micro-kernels: c[0..m) x [0..n) += a-panel (kc x MR) * b-panel (kc x NR).

#define CS_P_MR 4
#define CS_P_NR 16

static void cs_micro_portable(long kc, const float *a, const float *b, float *c, long ldc, long m, long n) {
    float acc[CS_P_MR][CS_P_NR];
    memset(acc, 0, sizeof acc);
    for (long k = 0; k < kc; k++) {
        const float *bk = b + k * CS_P_NR;
        for (int i = 0; i < CS_P_MR; i++) {
            float ai = a[k * CS_P_MR + i];
            for (int j = 0; j < CS_P_NR; j++) acc[i][j] += ai * bk[j];
        }
    }
    for (long i = 0; i < m; i++)
        for (long j = 0; j < n; j++) c[i * ldc + j] += acc[i][j];
}

#ifdef CS_X86

// AVX-512F: MR rows x NV vectors of 16 floats.
#define CS_AVX512_KERNEL(NAME, MR, NV)                                                               \
    __attribute__((target("avx512f"))) static void NAME(long kc, const float *a, const float *b,    \
                                                         float *c, long ldc, long m, long n) {      \
        __m512 acc[MR][NV];                                                                          \
        for (int i = 0; i < MR; i++)                                                                 \
            for (int j = 0; j < NV; j++) acc[i][j] = _mm512_setzero_ps();                            \
        for (long k = 0; k < kc; k++) {                                                              \
            __m512 bv[NV];                                                                           \
            for (int j = 0; j < NV; j++) bv[j] = _mm512_loadu_ps(b + k * (NV * 16) + j * 16);        \
            for (int i = 0; i < MR; i++) {                                                           \
                __m512 ai = _mm512_set1_ps(a[k * MR + i]);                                           \
                for (int j = 0; j < NV; j++) acc[i][j] = _mm512_fmadd_ps(ai, bv[j], acc[i][j]);      \
            }                                                                                        \
        }                                                                                            \
        if (m == MR && n == NV * 16) {                                                               \
            for (int i = 0; i < MR; i++)                                                             \
                for (int j = 0; j < NV; j++) {                                                       \
                    float *p = c + i * ldc + j * 16;                                                 \
                    _mm512_storeu_ps(p, _mm512_add_ps(_mm512_loadu_ps(p), acc[i][j]));               \
                }                                                                                    \
        } else {                                                                                     \
            for (int i = 0; i < MR; i++) {                                                           \
                if (i >= m) break;                                                                   \
                for (int j = 0; j < NV; j++) {                                                       \
                    long left = n - j * 16;                                                          \
                    if (left <= 0) break;                                                            \
                    __mmask16 mask = left >= 16 ? (__mmask16)0xFFFF : (__mmask16)((1u << left) - 1u); \
                    float *p = c + i * ldc + j * 16;                                                 \
                    _mm512_mask_storeu_ps(p, mask, _mm512_add_ps(_mm512_maskz_loadu_ps(mask, p), acc[i][j])); \
                }                                                                                    \
            }                                                                                        \
        }                                                                                            \
    }

CS_AVX512_KERNEL(cs_micro_avx512_8x48, 8, 3)
CS_AVX512_KERNEL(cs_micro_avx512_4x64, 4, 4)

// AVX2 + FMA: MR rows x NV vectors of 8 floats; partial tiles go through a local tile.
#define CS_AVX2_KERNEL(NAME, MR, NV)                                                                 \
    __attribute__((target("avx2,fma"))) static void NAME(long kc, const float *a, const float *b,   \
                                                          float *c, long ldc, long m, long n) {     \
        __m256 acc[MR][NV];                                                                          \
        for (int i = 0; i < MR; i++)                                                                 \
            for (int j = 0; j < NV; j++) acc[i][j] = _mm256_setzero_ps();                            \
        for (long k = 0; k < kc; k++) {                                                              \
            __m256 bv[NV];                                                                           \
            for (int j = 0; j < NV; j++) bv[j] = _mm256_loadu_ps(b + k * (NV * 8) + j * 8);          \
            for (int i = 0; i < MR; i++) {                                                           \
                __m256 ai = _mm256_broadcast_ss(a + k * MR + i);                                     \
                for (int j = 0; j < NV; j++) acc[i][j] = _mm256_fmadd_ps(ai, bv[j], acc[i][j]);      \
            }                                                                                        \
        }                                                                                            \
        if (m == MR && n == NV * 8) {                                                                \
            for (int i = 0; i < MR; i++)                                                             \
                for (int j = 0; j < NV; j++) {                                                       \
                    float *p = c + i * ldc + j * 8;                                                  \
                    _mm256_storeu_ps(p, _mm256_add_ps(_mm256_loadu_ps(p), acc[i][j]));               \
                }                                                                                    \
        } else {                                                                                     \
            float tile[MR][NV * 8];                                                                  \
            for (int i = 0; i < MR; i++)                                                             \
                for (int j = 0; j < NV; j++) _mm256_storeu_ps(&tile[i][j * 8], acc[i][j]);           \
            for (long i = 0; i < m; i++)                                                             \
                for (long j = 0; j < n; j++) c[i * ldc + j] += tile[i][j];                           \
        }                                                                                            \
    }

CS_AVX2_KERNEL(cs_micro_avx2_6x16, 6, 2)
CS_AVX2_KERNEL(cs_micro_avx2_4x24, 4, 3)

static int cs_has_avx512(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx512f");
}

static int cs_has_avx2(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
}

#endif

cs_kernel_kind cs_conv2d_resolve_kernel(cs_kernel_kind requested) {
#ifdef CS_X86
    switch (requested) {
    case cs_kernel_automatic:
        if (cs_has_avx512()) return cs_kernel_avx512;
        if (cs_has_avx2()) return cs_kernel_avx2;
        return cs_kernel_portable;
    case cs_kernel_avx512:
        return cs_has_avx512() ? cs_kernel_avx512 : cs_kernel_portable;
    case cs_kernel_avx2:
        return cs_has_avx2() ? cs_kernel_avx2 : cs_kernel_portable;
    case cs_kernel_portable:
        return cs_kernel_portable;
    }
#else
    (void)requested;
#endif
    return cs_kernel_portable;
}

/// The tile shape for `kind` and M output channels per group.
static cs_variant cs_choose(cs_kernel_kind kind, long m) {
    cs_variant v = {CS_P_MR, CS_P_NR, cs_micro_portable};
#ifdef CS_X86
    switch (cs_conv2d_resolve_kernel(kind)) {
    case cs_kernel_avx512:
        if (m <= 4) {
            v.mr = 4; v.nr = 64; v.run = cs_micro_avx512_4x64;
        } else {
            v.mr = 8; v.nr = 48; v.run = cs_micro_avx512_8x48;
        }
        break;
    case cs_kernel_avx2:
        if (m <= 4) {
            v.mr = 4; v.nr = 24; v.run = cs_micro_avx2_4x24;
        } else {
            v.mr = 6; v.nr = 16; v.run = cs_micro_avx2_6x16;
        }
        break;
    default:
        break;
    }
#else
    (void)kind; (void)m;
#endif
    return v;
}

// ---------------------------------------------------------------------------------------------
// Blocking.

typedef struct {
    long m, k, n;      // per group: output channels, reduction length, output positions
    long kc, nc;       // block sizes (kc <= CS_KC, nc a multiple of nr)
    long packedA;      // floats of the packed weights
} cs_plan;

static cs_plan cs_make_plan(const cs_conv2d_geometry *g, cs_variant v) {
    cs_plan p;
    p.m = g->outputChannels / g->groups;
    p.k = (g->inputChannels / g->groups) * g->kernelHeight * g->kernelWidth;
    p.n = g->outputHeight * g->outputWidth;
    long blocks = (p.k + CS_KC - 1) / CS_KC;
    p.kc = (p.k + blocks - 1) / blocks;
    long ncMax = (CS_NC / v.nr) * v.nr;
    long nRounded = (p.n + v.nr - 1) / v.nr * v.nr;
    p.nc = nRounded < ncMax ? nRounded : ncMax;
    p.packedA = (p.m + v.mr - 1) / v.mr * v.mr * p.k;
    return p;
}

size_t cs_conv2d_workspace_count(const cs_conv2d_geometry *geometry, cs_kernel_kind kernel) {
    cs_variant v = cs_choose(kernel, geometry->outputChannels / geometry->groups);
    cs_plan p = cs_make_plan(geometry, v);
    return (size_t)(p.packedA + p.kc * p.nc + 2 * CS_ALIGN);
}

static float *cs_aligned(float *pointer) {
    uintptr_t address = (uintptr_t)pointer;
    uintptr_t rounded = (address + 63u) & ~(uintptr_t)63u;
    return pointer + (rounded - address) / sizeof(float);
}

/// Packs rows [0, m) of the row-major m x k weight block into mr-row panels, zero rows past m:
/// packed[panel][kk][r] = weight[panel * mr + r][kk].
static void cs_pack_weights(const float *weight, long m, long k, long mr, float *packed) {
    for (long panel = 0; panel * mr < m; panel++) {
        float *dst = packed + panel * mr * k;
        for (long kk = 0; kk < k; kk++) {
            for (long r = 0; r < mr; r++) {
                long row = panel * mr + r;
                dst[kk * mr + r] = row < m ? weight[row * k + kk] : 0.0f;
            }
        }
    }
}

/// Builds rows [k0, k0 + kc) and columns [n0, n0 + nc) of the im2col matrix of one image and
/// group (`input` points at the group's first channel) in nr-column panels:
/// packed[panel][kk][j] = input value under tap k0 + kk at output position n0 + panel * nr + j
/// (0 for padding and for columns past nc).
static void cs_pack_columns(const cs_conv2d_geometry *g, const float *input, long k0, long kc,
                            long n0, long nc, long nr, float *packed) {
    const long ih = g->inputHeight, iw = g->inputWidth, ow = g->outputWidth;
    const long kh = g->kernelHeight, kw = g->kernelWidth;
    const long sh = g->strideHeight, sw = g->strideWidth, dh = g->dilationHeight, dw = g->dilationWidth;
    const long pt = g->paddingTop, pl = g->paddingLeft;
    for (long start = 0; start < nc; start += nr) {
        long cols = nc - start < nr ? nc - start : nr;
        float *panel = packed + (start / nr) * kc * nr;
        long first = n0 + start;
        for (long kk = 0; kk < kc; kk++) {
            long k = k0 + kk;
            long c = k / (kh * kw), r = k % (kh * kw);
            long ky = r / kw, kx = r % kw;
            const float *plane = input + c * ih * iw;
            float *row = panel + kk * nr;
            long j = 0, oy = first / ow, ox = first % ow;
            while (j < cols) {
                long run = ow - ox < cols - j ? ow - ox : cols - j;
                long iy = oy * sh + ky * dh - pt;
                if (iy < 0 || iy >= ih) {
                    memset(row + j, 0, (size_t)run * sizeof(float));
                } else {
                    const float *src = plane + iy * iw;
                    long ix0 = ox * sw + kx * dw - pl;
                    if (sw == 1) {
                        long lo = -ix0 < 0 ? 0 : (-ix0 > run ? run : -ix0);
                        long hi = iw - ix0 > run ? run : iw - ix0;
                        if (hi < lo) hi = lo;
                        if (lo > 0) memset(row + j, 0, (size_t)lo * sizeof(float));
                        if (hi > lo) memcpy(row + j + lo, src + ix0 + lo, (size_t)(hi - lo) * sizeof(float));
                        if (run > hi) memset(row + j + hi, 0, (size_t)(run - hi) * sizeof(float));
                    } else {
                        for (long t = 0; t < run; t++) {
                            long ix = ix0 + t * sw;
                            row[j + t] = (ix >= 0 && ix < iw) ? src[ix] : 0.0f;
                        }
                    }
                }
                j += run;
                ox = 0;
                oy += 1;
            }
            if (cols < nr) memset(row + cols, 0, (size_t)(nr - cols) * sizeof(float));
        }
    }
}

void cs_conv2d(const cs_conv2d_geometry *g, cs_kernel_kind kernel, const float *input,
               const float *weight, const float *bias, float *output, float *workspace) {
    const cs_variant v = cs_choose(kernel, g->outputChannels / g->groups);
    const cs_plan p = cs_make_plan(g, v);
    float *packedA = cs_aligned(workspace);
    float *packedB = cs_aligned(packedA + p.packedA);
    const long cinPerGroup = g->inputChannels / g->groups;
    const long plane = g->inputHeight * g->inputWidth;
    for (long group = 0; group < g->groups; group++) {
        cs_pack_weights(weight + group * p.m * p.k, p.m, p.k, v.mr, packedA);
        for (long b = 0; b < g->batch; b++) {
            const float *in = input + (b * g->inputChannels + group * cinPerGroup) * plane;
            float *out = output + (b * g->outputChannels + group * p.m) * p.n;
            for (long f = 0; f < p.m; f++) {
                float value = bias ? bias[group * p.m + f] : 0.0f;
                float *row = out + f * p.n;
                for (long i = 0; i < p.n; i++) row[i] = value;
            }
            for (long n0 = 0; n0 < p.n; n0 += p.nc) {
                long nc = p.n - n0 < p.nc ? p.n - n0 : p.nc;
                for (long k0 = 0; k0 < p.k; k0 += p.kc) {
                    long kc = p.k - k0 < p.kc ? p.k - k0 : p.kc;
                    cs_pack_columns(g, in, k0, kc, n0, nc, v.nr, packedB);
                    for (long j0 = 0; j0 < nc; j0 += v.nr) {
                        const float *bPanel = packedB + (j0 / v.nr) * kc * v.nr;
                        long n = nc - j0 < v.nr ? nc - j0 : v.nr;
                        for (long i0 = 0; i0 < p.m; i0 += v.mr) {
                            long m = p.m - i0 < v.mr ? p.m - i0 : v.mr;
                            v.run(kc, packedA + i0 * p.k + k0 * v.mr, bPanel, out + i0 * p.n + n0 + j0, p.n, m, n);
                        }
                    }
                }
            }
        }
    }
}
