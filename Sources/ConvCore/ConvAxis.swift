/// The geometry of a convolution along one spatial axis: input size i, kernel size k, stride s,
/// padding before/after and dilation d, and everything that follows from them.
///
/// Source: Dumoulin & Visin 2016, "A guide to convolution arithmetic for deep learning",
/// relationships 1-6 and 15: o = floor((i + p_before + p_after - d(k-1) - 1) / s) + 1.
/// Matches the output size of `torch.nn.functional.conv2d`.
///
///     let axis = try ConvAxis(inputSize: 5, kernelSize: 3, stride: 2, padding: .explicit(1))
///     axis.outputSize   // 3
public struct ConvAxis: Equatable, Sendable {
    /// i: the number of real input cells.
    public let inputSize: Int
    /// k: the number of kernel taps.
    public let kernelSize: Int
    /// s: the distance between two consecutive windows, in input cells.
    public let stride: Int
    /// Zeros added before the first input cell (top or left).
    public let paddingBefore: Int
    /// Zeros added after the last input cell (bottom or right).
    public let paddingAfter: Int
    /// d: the distance between two kernel taps, in input cells (1 = no holes).
    public let dilation: Int
    /// o: the number of window positions.
    public let outputSize: Int

    /// Creates the geometry of one axis.
    /// - Parameters:
    ///   - name: the axis name used in error messages ("height", "width").
    /// - Throws: ``ConvError/outOfRange(name:value:allowed:)`` for sizes outside 1...2^20 (padding
    ///   0...2^20), ``ConvError/samePaddingNeedsUnitStride(stride:)``, and
    ///   ``ConvError/kernelLargerThanPaddedInput(axis:input:kernel:dilation:paddingBefore:paddingAfter:)``
    ///   when no window fits (o < 1).
    public init(inputSize: Int, kernelSize: Int, stride: Int = 1, padding: Padding = .explicit(0),
                dilation: Int = 1, name: String = "axis") throws(ConvError) {
        try requireInRange("input size", inputSize, 1...maximumExtent)
        try requireInRange("kernel size", kernelSize, 1...maximumExtent)
        try requireInRange("stride", stride, 1...maximumExtent)
        try requireInRange("dilation", dilation, 1...maximumExtent)
        let (before, after) = try padding.resolve(kernelSize: kernelSize, dilation: dilation, stride: stride)
        // Relationship 15 (dilation) with asymmetric padding.
        let numerator = inputSize + before + after - dilation * (kernelSize - 1) - 1
        let o = floorDivide(numerator, stride) + 1
        guard o >= 1 else {
            throw .kernelLargerThanPaddedInput(axis: name, input: inputSize, kernel: kernelSize,
                                               dilation: dilation, paddingBefore: before, paddingAfter: after)
        }
        self.inputSize = inputSize
        self.kernelSize = kernelSize
        self.stride = stride
        self.paddingBefore = before
        self.paddingAfter = after
        self.dilation = dilation
        self.outputSize = o
    }

    /// The padded input size i + p_before + p_after.
    public var paddedSize: Int { inputSize + paddingBefore + paddingAfter }

    /// The effective kernel size d(k-1)+1 (relationship 15's dilated kernel).
    public var dilatedKernelSize: Int { dilation * (kernelSize - 1) + 1 }

    /// The padded-coordinate index (0-based) of tap `tap` in window `window`: window·s + tap·d.
    @inlinable
    public func paddedIndex(window: Int, tap: Int) -> Int { window * stride + tap * dilation }

    /// The input index (may be negative or >= i, meaning a padding cell) of tap `tap` in window `window`.
    @inlinable
    public func inputIndex(window: Int, tap: Int) -> Int { paddedIndex(window: window, tap: tap) - paddingBefore }

    /// The real input cells (0-based) that no window reads. Non-empty in the "odd" case of
    /// Dumoulin & Visin section 2.4 (the last cells when (i + 2p - k) is not a multiple of s),
    /// and between taps when dilation exceeds stride.
    public var unreadInputIndices: [Int] {
        var read = [Bool](repeating: false, count: inputSize)
        for w in 0..<outputSize {
            for t in 0..<kernelSize {
                let x = inputIndex(window: w, tap: t)
                if x >= 0 && x < inputSize { read[x] = true }
            }
        }
        return read.indices.filter { !read[$0] }
    }

    /// The formula o = floor((i + 2p - d(k-1) - 1)/s) + 1 with this axis's numbers plugged in.
    public var formula: String {
        let pad = paddingBefore == paddingAfter ? "2*\(paddingBefore)" : "\(paddingBefore)+\(paddingAfter)"
        let numerator = inputSize + paddingBefore + paddingAfter - dilation * (kernelSize - 1) - 1
        return "o = floor((i + 2p - d(k-1) - 1)/s) + 1 = floor((\(inputSize) + \(pad) - \(dilation)*\(kernelSize - 1) - 1)/\(stride)) + 1 = floor(\(numerator)/\(stride)) + 1 = \(outputSize)"
    }
}
