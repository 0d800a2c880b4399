/// The geometry of max or average pooling along one spatial axis: input size i, kernel size k,
/// stride s, padding p, dilation d, floor or ceil mode, and the output size o. The one place the
/// pooling output-size rule lives: model tables, SPP and the pooling scene all use it.
///
/// Output size, as PyTorch's `pooling_output_shape` computes it for `max_pool2d` / `avg_pool2d`:
///
///     o = floor((i + 2p - d(k-1) - 1) / s) + 1     (floor mode, the default)
///     o = ceil((i + 2p - d(k-1) - 1) / s) + 1      (ceil mode), then
///         o = o - 1 if (o-1)·s >= i + p            (the last window must start inside the
///                                                   input or the left padding)
///
/// | i | k | s | p | floor mode | ceil mode | note                                     |
/// |---|---|---|---|------------|-----------|------------------------------------------|
/// | 5 | 2 | 2 | 0 | 2          | 3         | ceil keeps a partial last window         |
/// | 6 | 3 | 2 | 1 | 3          | 4         | last window starts at 5, inside the input |
/// | 5 | 2 | 2 | 1 | 3          | 3         | ceil's 4th window would start in the right padding: dropped |
/// | 1 | 2 | 2 | 0 | 0 (error)  | 1         | floor division of -1, not truncation     |
///
/// Validity (PyTorch's `pool2d_shape_check`): padding <= floor(k/2), and o >= 1.
///
///     let axis = try PoolAxis(inputSize: 7, kernelSize: 3, stride: 2)   // AlexNet's overlapping pool
///     axis.outputSize   // 3
public struct PoolAxis: Equatable, Sendable {
    /// i: the number of input cells.
    public let inputSize: Int
    /// k: the number of taps in a window.
    public let kernelSize: Int
    /// s: the distance between two consecutive windows, in input cells.
    public let stride: Int
    /// p: the implicit padding on each side (never chosen by max; counted by average only with
    /// count_include_pad).
    public let padding: Int
    /// d: the distance between two taps of a window (max pooling only; average pooling has 1).
    public let dilation: Int
    /// Whether the output size rounds up (ceil mode) instead of down.
    public let ceilMode: Bool
    /// o: the number of windows.
    public let outputSize: Int
    /// True when ceil mode dropped a last window that would have started in the right padding.
    public let lastWindowDropped: Bool

    /// Creates and validates the geometry of one axis.
    /// - Parameters:
    ///   - inputSize: i, 1...2^20.
    ///   - kernelSize: k, 1...2^20.
    ///   - stride: s, 1...2^20; nil means k (PyTorch's default).
    ///   - padding: p, 0...floor(k/2).
    ///   - dilation: d, 1...2^20.
    ///   - ceilMode: round the output size up (with PyTorch's last-window rule).
    ///   - name: the axis name used in error messages ("height", "width").
    /// - Throws: ``PoolError/invalid(_:)`` wrapping ``ConvError/outOfRange(name:value:allowed:)``,
    ///   ``PoolError/paddingTooLarge(axis:padding:kernelSize:)``, and
    ///   ``PoolError/outputEmpty(axis:inputSize:kernelSize:stride:padding:dilation:ceilMode:)`` when
    ///   o < 1 (pooling k2 s2 on width 1 is an error in floor mode, not an output of 1).
    public init(inputSize: Int, kernelSize: Int, stride: Int? = nil, padding: Int = 0, dilation: Int = 1,
                ceilMode: Bool = false, name: String = "axis") throws(PoolError) {
        let stride = stride ?? kernelSize
        do throws(ConvError) {
            try requireInRange("input size", inputSize, 1...maximumExtent)
            try requireInRange("kernel size", kernelSize, 1...maximumExtent)
            try requireInRange("stride", stride, 1...maximumExtent)
            try requireInRange("padding", padding, 0...maximumExtent)
            try requireInRange("dilation", dilation, 1...maximumExtent)
        } catch {
            throw .invalid(error)
        }
        guard padding <= kernelSize / 2 else {
            throw .paddingTooLarge(axis: name, padding: padding, kernelSize: kernelSize)
        }
        let numerator = inputSize + 2 * padding - dilation * (kernelSize - 1) - 1
        var o = (ceilMode ? ceilDivide(numerator, stride) : floorDivide(numerator, stride)) + 1
        var dropped = false
        if ceilMode && (o - 1) * stride >= inputSize + padding {
            o -= 1
            dropped = true
        }
        guard o >= 1 else {
            throw .outputEmpty(axis: name, inputSize: inputSize, kernelSize: kernelSize, stride: stride,
                               padding: padding, dilation: dilation, ceilMode: ceilMode)
        }
        self.inputSize = inputSize
        self.kernelSize = kernelSize
        self.stride = stride
        self.padding = padding
        self.dilation = dilation
        self.ceilMode = ceilMode
        self.outputSize = o
        self.lastWindowDropped = dropped
    }

    /// The effective window size d(k-1) + 1.
    public var dilatedKernelSize: Int { dilation * (kernelSize - 1) + 1 }

    /// The input index (-p at the least) of the first tap of window `window`: window·s - p.
    @inlinable
    public func windowStart(_ window: Int) -> Int { window * stride - padding }

    /// The input index of tap `tap` of window `window`: window·s - p + tap·d (negative or >= i
    /// for padding, >= i + p beyond the padded input).
    @inlinable
    public func inputIndex(window: Int, tap: Int) -> Int { windowStart(window) + tap * dilation }

    /// What input index `index` is: a real cell, padding, or beyond the padded input.
    public func cellKind(atInputIndex index: Int) -> PoolCellKind {
        if index >= 0 && index < inputSize { return .input }
        if index >= -padding && index < inputSize + padding { return .padding }
        return .beyondPadding
    }

    /// The cells past the padded input that the last window reaches (ceil mode's partial window): 0 when it fits.
    public var lastWindowOverhang: Int {
        max(0, inputIndex(window: outputSize - 1, tap: kernelSize - 1) - (inputSize + padding - 1))
    }

    /// The formula with this axis's numbers plugged in, including the ceil-mode correction when it applied.
    public var formula: String {
        let numerator = inputSize + 2 * padding - dilation * (kernelSize - 1) - 1
        let rounding = ceilMode ? "ceil" : "floor"
        let raw = ceilMode ? ceilDivide(numerator, stride) + 1 : floorDivide(numerator, stride) + 1
        var text = "o = \(rounding)((i + 2p - d(k-1) - 1)/s) + 1 = \(rounding)((\(inputSize) + 2*\(padding) - \(dilation)*(\(kernelSize)-1) - 1)/\(stride)) + 1 = \(raw)"
        if lastWindowDropped {
            text += "; last window would start at \((raw - 1) * stride) >= i + p = \(inputSize + padding), dropped: o = \(outputSize)"
        }
        return text
    }
}
