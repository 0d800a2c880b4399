/// A bank of N colour filters, as the lecture teaches RGB convolution: one filter is
/// kH x kW x C (as deep as the image: C = 3 for RGB); its C slices slide over their channels
/// (red, green, blue), the C sums plus the filter's bias make one output channel, and N filters
/// make N output channels ("four 5x5x3 filters make four channels").
///
/// Stored in PyTorch's layout (weight N x C x kH x kW, bias N), so the result equals
/// `torch.nn.functional.conv2d(image, weight, bias)`; the reference vectors `rgb_bank.json` are
/// that computation on a crop of the astronaut photo.
///
///     let bank = try FilterBank(weight: w, bias: b)           // w: 4 x 3 x 5 x 5
///     let result = try bank.apply(to: crop, padding: .explicit(2))
///     result.channelSums[0][1]    // filter 0's green slice over the green channel
///     result.output               // 1 x 4 x 8 x 8 = Σ channel sums + bias
public struct FilterBank: Equatable, Sendable {
    /// N x C x kH x kW: filter f's slice for channel c is weight[f, c].
    public let weight: Tensor
    /// N biases, or nil for none.
    public let bias: Tensor?

    /// - Throws: ``ConvError/shapeMismatch(_:)`` when weight is not rank 4 or bias is not [N].
    public init(weight: Tensor, bias: Tensor? = nil) throws(ConvError) {
        guard weight.rank == 4, weight.shape.allSatisfy({ $0 >= 1 }) else {
            throw .shapeMismatch("a filter bank's weight is N x C x kH x kW, got \(Tensor.describe(weight.shape))")
        }
        if let bias, bias.shape != [weight.shape[0]] {
            throw .shapeMismatch("bias shape \(Tensor.describe(bias.shape)) must be [\(weight.shape[0])] (one per filter)")
        }
        self.weight = weight
        self.bias = bias
    }

    /// N: the number of filters, which is the number of output channels.
    public var filterCount: Int { weight.shape[0] }
    /// C: the depth of each filter, which must equal the image's channels.
    public var depth: Int { weight.shape[1] }
    /// (kH, kW).
    public var kernelSize: (rows: Int, columns: Int) { (weight.shape[2], weight.shape[3]) }

    /// Slice `channel` of filter `filter`: the kH x kW kernel that slides over that channel.
    /// - Throws: ``ConvError/outOfRange(name:value:allowed:)`` for an index outside the bank.
    public func slice(filter: Int, channel: Int) throws(ConvError) -> Tensor {
        try requireInRange("filter", filter, 0...(filterCount - 1))
        try requireInRange("channel", channel, 0...(depth - 1))
        let size = kernelSize.rows * kernelSize.columns
        let start = (filter * depth + channel) * size
        return try Tensor(shape: [1, 1, kernelSize.rows, kernelSize.columns], data: Array(weight.data[start..<(start + size)]))
    }

    /// The result of a bank on an image.
    public struct Result: Equatable, Sendable {
        /// channelSums[f][c]: slice c of filter f correlated with channel c alone,
        /// 1 x 1 x H_out x W_out (the per-channel sums before they are added).
        public let channelSums: [[Tensor]]
        /// 1 x N x H_out x W_out: output[f] = Σ_c channelSums[f][c] + bias[f].
        public let output: Tensor
    }

    /// Applies the bank to `image` (1 x C x H x W) slice by slice, as the lecture describes.
    /// - Parameters:
    ///   - padding: zero padding (both axes).
    ///   - stride: the step on both axes.
    /// - Throws: ``ConvError/shapeMismatch(_:)`` when the image is not 1 x C x H x W with C equal
    ///   to the filters' depth, and the geometry errors of ``ConvAxis``.
    /// - Complexity: O(N·C·kH·kW·H_out·W_out), with N·C separate single-channel convolutions.
    public func apply(to image: Tensor, padding: Padding = .explicit(0), stride: Int = 1) throws(ConvError) -> Result {
        guard image.rank == 4, image.shape[0] == 1, image.shape[1] == depth else {
            throw .shapeMismatch("filters of depth \(depth) need a 1 x \(depth) x H x W image, got \(Tensor.describe(image.shape))")
        }
        let height = image.shape[2], width = image.shape[3], plane = height * width
        var channels: [Tensor] = []
        for c in 0..<depth {
            channels.append(try Tensor(shape: [1, 1, height, width], data: Array(image.data[(c * plane)..<((c + 1) * plane)])))
        }
        var sums: [[Tensor]] = []
        var outputData: [Float] = []
        var outputSize = (0, 0)
        for f in 0..<filterCount {
            var perChannel: [Tensor] = []
            var total: [Float] = []
            for c in 0..<depth {
                let (partial, geometry) = try conv2d(input: channels[c], weight: slice(filter: f, channel: c),
                                                     stride: (stride, stride), padding: (padding, padding))
                outputSize = (geometry.height.outputSize, geometry.width.outputSize)
                if total.isEmpty {
                    total = partial.data
                } else {
                    for i in total.indices { total[i] += partial.data[i] }
                }
                perChannel.append(partial)
            }
            let b = bias?.data[f] ?? 0
            for i in total.indices { total[i] += b }
            sums.append(perChannel)
            outputData.append(contentsOf: total)
        }
        let output = try Tensor(shape: [1, filterCount, outputSize.0, outputSize.1], data: outputData)
        return Result(channelSums: sums, output: output)
    }
}
