// C shim for libpng (Debian's libpng-dev). ConvImages uses only libpng's simplified API
// (png_image_*), which catches libpng's longjmp internally and reports failures through
// png_image.message, so no setjmp is needed on the Swift side.
#ifndef CONVSCOPE_CPNG_SHIM_H
#define CONVSCOPE_CPNG_SHIM_H

#include <png.h>

/// An upper bound on the encoded size of `image` (PNG_IMAGE_PNG_SIZE_MAX is a macro).
/// The caller bounds width x height x channels, so this cannot overflow on 64-bit systems.
static inline png_alloc_size_t cs_png_encoded_size_max(const png_image *image) {
    return PNG_IMAGE_PNG_SIZE_MAX(*image);
}

#endif
