/// A kernel stamped over every channel of an image separately: per-channel (depthwise)
/// convolution, so an RGB image gives an RGB result. The raw Float output is what `--format json`
/// prints; ``displayMapping`` says how it is shown.
///
/// Source: `torch.nn.functional.conv2d(image, kernel.expand(C, 1, kH, kW), groups=C)`, the
/// reference vectors `filters.json` (one grey channel, padding 1 and 0).
///
///     let filter = try ImageFilter(kernel: NamedFilter.outline.kernel, padding: .same)
///     let edges = try filter.apply(to: photo)       // 1 x 3 x 256 x 256, raw values
///     let shown = filter.displayMapping.apply(to: edges)
public struct ImageFilter: Equatable, Sendable {
    /// The kernel applied to each channel.
    public let kernel: FilterKernel
    /// same (output as large as the input at stride 1) or valid (no padding).
    public let padding: FilterPadding
    /// The step between two windows, in pixels, on both axes (1...2^20).
    public let stride: Int

    /// - Throws: ``ConvError/outOfRange(name:value:allowed:)`` for a stride outside 1...2^20.
    public init(kernel: FilterKernel, padding: FilterPadding = .same, stride: Int = 1) throws(ConvError) {
        try requireInRange("stride", stride, 1...maximumExtent)
        self.kernel = kernel
        self.padding = padding
        self.stride = stride
    }

    /// How the raw output is mapped to 0-255 for display: the kernel's rule.
    public var displayMapping: DisplayMapping { kernel.displayMapping }

    /// The convolution this filter performs on `image` (N x C x H x W), with its per-cell traces
    /// for step-through: weight C x 1 x kH x kW, groups C.
    /// - Throws: ``ConvError/shapeMismatch(_:)`` for an input that is not rank 4, and the geometry
    ///   errors of ``ConvAxis`` (for example a kernel larger than a valid-padded image).
    public func computation(on image: Tensor) throws(ConvError) -> ConvComputation {
        guard image.rank == 4 else {
            throw .shapeMismatch("an image is N x C x H x W, got shape \(Tensor.describe(image.shape))")
        }
        let weight = try kernel.depthwiseWeight(channels: image.shape[1])
        return try ConvComputation(input: image, weight: weight, stride: (stride, stride),
                                   padding: (padding.padding(kernelSize: kernel.rows), padding.padding(kernelSize: kernel.columns)),
                                   groups: image.shape[1])
    }

    /// The raw filtered image: N x C x H_out x W_out Float values, before any display mapping.
    /// - Throws: as ``computation(on:)``.
    /// - Complexity: O(N·C·kH·kW·H_out·W_out).
    public func apply(to image: Tensor) throws(ConvError) -> Tensor {
        try computation(on: image).output
    }
}
