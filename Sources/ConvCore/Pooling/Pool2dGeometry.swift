/// The geometry of 2-D pooling: batch, channels, and the windows along each spatial axis, either
/// fixed (kernel, stride, padding, dilation, ceil mode: ``PoolAxis``) or adaptive (bins:
/// ``AdaptivePoolAxis``). Input (N, C, H, W), output (N, C, H_out, W_out): pooling never mixes channels.
///
/// Source: `torch.nn.MaxPool2d`, `AvgPool2d`, `AdaptiveMaxPool2d`, `AdaptiveAvgPool2d`.
public struct Pool2dGeometry: Equatable, Sendable {
    /// The windows along the two spatial axes.
    public enum Windows: Equatable, Sendable {
        /// Fixed windows: kernel, stride, padding, dilation and ceil mode per axis.
        case fixed(height: PoolAxis, width: PoolAxis)
        /// Adaptive bins per axis.
        case adaptive(height: AdaptivePoolAxis, width: AdaptivePoolAxis)
    }

    /// N.
    public let batch: Int
    /// C (input and output).
    public let channels: Int
    /// The windows along height and width.
    public let windows: Windows

    /// Creates and validates a pooling geometry.
    /// - Throws: ``PoolError/invalid(_:)`` wrapping ``ConvError/outOfRange(name:value:allowed:)``
    ///   for batch or channels outside 1...65536, or ``ConvError/shapeMismatch(_:)`` when the input
    ///   or output would hold more than ``Tensor/maximumElementCount`` elements.
    public init(batch: Int = 1, channels: Int = 1, windows: Windows) throws(PoolError) {
        do throws(ConvError) {
            try requireInRange("batch", batch, 1...65536)
            try requireInRange("channels", channels, 1...65536)
        } catch {
            throw .invalid(error)
        }
        self.batch = batch
        self.channels = channels
        self.windows = windows
        do throws(ConvError) {
            _ = try Tensor.elementCount(of: inputShape)
            _ = try Tensor.elementCount(of: outputShape)
        } catch {
            throw .invalid(error)
        }
    }

    /// (input height, input width).
    public var inputSize: (height: Int, width: Int) {
        switch windows {
        case let .fixed(h, w): return (h.inputSize, w.inputSize)
        case let .adaptive(h, w): return (h.inputSize, w.inputSize)
        }
    }

    /// (output height, output width).
    public var outputSize: (height: Int, width: Int) {
        switch windows {
        case let .fixed(h, w): return (h.outputSize, w.outputSize)
        case let .adaptive(h, w): return (h.outputSize, w.outputSize)
        }
    }

    /// (N, C, H, W).
    public var inputShape: [Int] { [batch, channels, inputSize.height, inputSize.width] }
    /// (N, C, H_out, W_out).
    public var outputShape: [Int] { [batch, channels, outputSize.height, outputSize.width] }
    /// The number of output cells, i.e. the number of steps of a step-through.
    public var outputCellCount: Int { saturatingProduct(outputShape) }

    /// The taps of output row `row`'s windows along the height: (tap index, input row, kind).
    /// - Precondition: 0 <= row < H_out.
    public func rowTaps(_ row: Int) -> [PoolAxisTap] {
        switch windows {
        case let .fixed(h, _): return Self.taps(h, window: row)
        case let .adaptive(h, _): return Self.taps(h, window: row)
        }
    }

    /// The taps of output column `column`'s windows along the width: (tap index, input column, kind).
    /// - Precondition: 0 <= column < W_out.
    public func columnTaps(_ column: Int) -> [PoolAxisTap] {
        switch windows {
        case let .fixed(_, w): return Self.taps(w, window: column)
        case let .adaptive(_, w): return Self.taps(w, window: column)
        }
    }

    private static func taps(_ axis: PoolAxis, window: Int) -> [PoolAxisTap] {
        (0..<axis.kernelSize).map { tap in
            let index = axis.inputIndex(window: window, tap: tap)
            return PoolAxisTap(tap: tap, index: index, kind: axis.cellKind(atInputIndex: index))
        }
    }

    private static func taps(_ axis: AdaptivePoolAxis, window: Int) -> [PoolAxisTap] {
        let bin = axis.bin(window)
        return bin.map { PoolAxisTap(tap: $0 - bin.lowerBound, index: $0, kind: .input) }
    }
}
