extension Tensor {
    /// The bilinear-interpolation kernel FCN initialises its upsampling (ConvTranspose) layers with:
    /// `upsample_filt` in the FCN code (Long, Shelhamer & Darrell 2015, "Fully Convolutional
    /// Networks for Semantic Segmentation", section 3.3; github.com/shelhamer/fcn.berkeleyvision.org
    /// surgery.py). Factor f = (size + 1) / 2 (integer division), centre c = f - 1 for odd sizes and
    /// f - 0.5 for even ones, weight(y, x) = (1 - |y - c|/f)(1 - |x - c|/f).
    ///
    /// - Parameter size: the kernel side k, clamped to 1...1024 (FCN uses 4, 16 and 64).
    /// - Returns: shape 1 x 1 x k x k (one input and one output channel).
    public static func bilinearUpsamplingKernel(size: Int) -> Tensor {
        let n = max(1, min(size, 1024))
        let factor = Float((n + 1) / 2)
        let centre = n % 2 == 1 ? factor - 1 : factor - 0.5
        var data: [Float] = []
        data.reserveCapacity(n * n)
        for y in 0..<n {
            for x in 0..<n {
                data.append((1 - abs(Float(y) - centre) / factor) * (1 - abs(Float(x) - centre) / factor))
            }
        }
        return (try? Tensor(shape: [1, 1, n, n], data: data)) ?? Tensor.zero
    }
}
