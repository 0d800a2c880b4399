/// A pooling with a concrete input, its output, and on-demand traces for every output cell.
/// Steps are numbered 1...``stepCount`` in row-major order over (n, c, row, column).
///
/// Source: matches `torch.nn.functional.max_pool2d`, `avg_pool2d`, `adaptive_max_pool2d` and
/// `adaptive_avg_pool2d` (CPU): max takes the first maximum in row-major window order (NaN wins)
/// and never a padding cell; average sums the real input cells in row-major order and divides by
/// the window's cell count (padding cells within p included only with count_include_pad; ceil
/// mode's cells beyond the padded input never); a window that reads no input cell gives 0
/// (average) or -infinity (max), as PyTorch does.
///
///     let pool = try PoolComputation(input: x, mode: .max, kernelSize: (3, 3), stride: (2, 2))
///     let first = try pool.trace(step: 1)   // window, taps, which one is the maximum
public struct PoolComputation: Sendable {
    /// (N, C, H, W).
    public let input: Tensor
    /// Max or average.
    public let mode: PoolMode
    /// The validated geometry.
    public let geometry: Pool2dGeometry
    /// Average pooling: the divisor that replaces the window's cell count (PyTorch's
    /// `divisor_override`); nil divides by the count (with or without padding cells).
    public let divisorOverride: Int?
    /// (N, C, H_out, W_out).
    public let output: Tensor

    /// Runs max or average pooling with fixed windows.
    /// - Parameters:
    ///   - input: (N, C, H, W).
    ///   - mode: ``PoolMode/max`` or ``PoolMode/average(countIncludePad:)``.
    ///   - kernelSize, stride, padding, dilation: per axis (height, width); stride nil means the
    ///     kernel size; dilation must be (1, 1) for average pooling (`avg_pool2d` has none).
    ///   - ceilMode: round the output size up, with PyTorch's last-window rule (see ``PoolAxis``).
    ///   - divisorOverride: average pooling only: divide each window's sum by this instead of its
    ///     cell count, as `avg_pool2d(divisor_override=)` does (count_include_pad then has no
    ///     effect); nil (the default) divides by the count. Must not be 0 (PyTorch: "divisor must
    ///     be not zero"); a negative divisor is accepted, as PyTorch does.
    /// - Throws: ``PoolError`` for an input that is not N x C x H x W, a dilated average pooling,
    ///   a divisor override of 0 or on max pooling, and the errors of
    ///   ``PoolAxis/init(inputSize:kernelSize:stride:padding:dilation:ceilMode:name:)``.
    /// - Complexity: O(N·C·H_out·W_out·kH·kW).
    public init(input: Tensor, mode: PoolMode, kernelSize: (Int, Int), stride: (Int, Int)? = nil,
                padding: (Int, Int) = (0, 0), dilation: (Int, Int) = (1, 1),
                ceilMode: Bool = false, divisorOverride: Int? = nil) throws(PoolError) {
        let (n, c, ih, iw) = try Self.dimensions(of: input)
        let h = try PoolAxis(inputSize: ih, kernelSize: kernelSize.0, stride: stride?.0, padding: padding.0,
                             dilation: dilation.0, ceilMode: ceilMode, name: "height")
        let w = try PoolAxis(inputSize: iw, kernelSize: kernelSize.1, stride: stride?.1, padding: padding.1,
                             dilation: dilation.1, ceilMode: ceilMode, name: "width")
        try self.init(input: input, mode: mode,
                      geometry: Pool2dGeometry(batch: n, channels: c, windows: .fixed(height: h, width: w)),
                      divisorOverride: divisorOverride)
    }

    /// Runs adaptive max or average pooling to `outputSize` (height, width) bins.
    /// - Throws: ``PoolError`` for an input that is not N x C x H x W and the errors of
    ///   ``AdaptivePoolAxis/init(inputSize:outputSize:name:)``.
    /// - Complexity: O(N·C·H·W) for bins that do not overlap much (about (H + H_out)·(W + W_out) per plane).
    public init(input: Tensor, mode: PoolMode, adaptiveOutputSize outputSize: (Int, Int)) throws(PoolError) {
        let (n, c, ih, iw) = try Self.dimensions(of: input)
        let h = try AdaptivePoolAxis(inputSize: ih, outputSize: outputSize.0, name: "height")
        let w = try AdaptivePoolAxis(inputSize: iw, outputSize: outputSize.1, name: "width")
        try self.init(input: input, mode: mode,
                      geometry: Pool2dGeometry(batch: n, channels: c, windows: .adaptive(height: h, width: w)))
    }

    /// Runs the pooling on an already validated geometry.
    /// - Parameter divisorOverride: see ``init(input:mode:kernelSize:stride:padding:dilation:ceilMode:divisorOverride:)``.
    /// - Throws: ``PoolError/invalid(_:)`` when `input` does not have the geometry's input shape,
    ///   for average pooling with a dilation other than 1, and for a divisor override that is 0,
    ///   given to max pooling, or given to adaptive pooling (`adaptive_avg_pool2d` has none).
    public init(input: Tensor, mode: PoolMode, geometry: Pool2dGeometry, divisorOverride: Int? = nil) throws(PoolError) {
        guard input.shape == geometry.inputShape else {
            throw .invalid(.shapeMismatch("pooling: input shape \(Tensor.describe(input.shape)) does not match \(Tensor.describe(geometry.inputShape))"))
        }
        if let divisorOverride {
            guard case .average = mode, case .fixed = geometry.windows else {
                throw .invalid(.shapeMismatch("divisor_override \(divisorOverride) is for avg_pool2d only; allowed: no divisor_override for max or adaptive pooling"))
            }
            guard divisorOverride != 0 else {
                throw .invalid(.shapeMismatch("divisor_override 0 is invalid (PyTorch: divisor must be not zero); allowed: any non-zero integer"))
            }
        }
        if case .average = mode, case let .fixed(h, w) = geometry.windows, h.dilation != 1 || w.dilation != 1 {
            throw .invalid(.outOfRange(name: "dilation (average pooling has none)",
                                       value: h.dilation != 1 ? h.dilation : w.dilation, allowed: 1...1))
        }
        var output: Tensor
        do throws(ConvError) {
            output = try Tensor(zeros: geometry.outputShape)
        } catch {
            throw .invalid(error)
        }
        let (oh, ow) = geometry.outputSize
        let (ih, iw) = geometry.inputSize
        let rows = (0..<oh).map { Window(geometry.rowTaps($0)) }
        let columns = (0..<ow).map { Window(geometry.columnTaps($0)) }
        input.data.withUnsafeBufferPointer { inp in
            output.data.withUnsafeMutableBufferPointer { out in
                var o = 0
                for plane in 0..<(geometry.batch * geometry.channels) {
                    let base = plane * ih * iw
                    for oy in 0..<oh {
                        for ox in 0..<ow {
                            out[o] = Self.reduce(inp, base: base, width: iw, rows: rows[oy], columns: columns[ox],
                                                 mode: mode, divisorOverride: divisorOverride).value
                            o += 1
                        }
                    }
                }
            }
        }
        self.input = input
        self.mode = mode
        self.geometry = geometry
        self.divisorOverride = divisorOverride
        self.output = output
    }

    /// The number of steps: one per output cell.
    public var stepCount: Int { geometry.outputCellCount }

    /// The output cell (n, c, row, column) of 1-based step `step`.
    /// - Throws: ``ConvError/stepOutOfRange(step:count:)``.
    public func cell(ofStep step: Int) throws(ConvError) -> (batch: Int, channel: Int, row: Int, column: Int) {
        guard step >= 1 && step <= stepCount else { throw .stepOutOfRange(step: step, count: stepCount) }
        let (oh, ow) = geometry.outputSize
        var i = step - 1
        let column = i % ow; i /= ow
        let row = i % oh; i /= oh
        let channel = i % geometry.channels; i /= geometry.channels
        return (i, channel, row, column)
    }

    /// The trace of 1-based step `step`: the window's taps, the maximum's tap (max) or the sum and
    /// divisor (average), and the value.
    /// - Throws: ``ConvError/stepOutOfRange(step:count:)``.
    public func trace(step: Int) throws(ConvError) -> PoolCellTrace {
        let (n, c, oy, ox) = try cell(ofStep: step)
        let rows = geometry.rowTaps(oy), columns = geometry.columnTaps(ox)
        var taps: [PoolTap] = []
        taps.reserveCapacity(rows.count * columns.count)
        for r in rows {
            for col in columns {
                let kind = PoolCellKind.combining(row: r.kind, column: col.kind)
                taps.append(PoolTap(kernelRow: r.tap, kernelColumn: col.tap, row: r.index, column: col.index,
                                    kind: kind, value: kind == .input ? input[n, c, r.index, col.index] : nil))
            }
        }
        let (ih, iw) = geometry.inputSize
        let result = input.data.withUnsafeBufferPointer { inp in
            Self.reduce(inp, base: (n * geometry.channels + c) * ih * iw, width: iw, rows: Window(rows),
                        columns: Window(columns), mode: mode, divisorOverride: divisorOverride)
        }
        switch mode {
        case .max:
            return PoolCellTrace(batch: n, channel: c, row: oy, column: ox, taps: taps, maxTapIndex: result.maxTap,
                                 sum: nil, divisor: nil, value: result.value)
        case .average:
            return PoolCellTrace(batch: n, channel: c, row: oy, column: ox, taps: taps, maxTapIndex: nil,
                                 sum: result.sum, divisor: result.divisor, value: result.value)
        }
    }

    /// One axis of one window, prepared for the reduction: the taps on real input cells and the
    /// cell counts for the divisor.
    private struct Window {
        /// (tap position, input index) of the taps that cover real input cells, in order.
        let inputTaps: [(tap: Int, index: Int)]
        /// All taps, input, padding and beyond.
        let tapCount: Int
        /// Taps on input or padding cells (count_include_pad's count).
        let paddedCount: Int

        init(_ taps: [PoolAxisTap]) {
            inputTaps = taps.filter { $0.kind == .input }.map { ($0.tap, $0.index) }
            tapCount = taps.count
            paddedCount = taps.filter { $0.kind != .beyondPadding }.count
        }
    }

    /// One window's reduction over plane `base` of the input, shared by the output loop and the
    /// traces so that both agree exactly.
    private static func reduce(_ input: UnsafeBufferPointer<Float>, base: Int, width: Int, rows: Window,
                               columns: Window, mode: PoolMode,
                               divisorOverride: Int?) -> (value: Float, maxTap: Int?, sum: Float, divisor: Int) {
        switch mode {
        case .max:
            var best = -Float.infinity
            var bestTap: Int?
            for r in rows.inputTaps {
                let row = base + r.index * width
                for col in columns.inputTaps {
                    let v = input[row + col.index]
                    if bestTap == nil || v > best || v.isNaN {
                        best = v
                        bestTap = r.tap * columns.tapCount + col.tap
                    }
                }
            }
            return (best, bestTap, 0, 0)
        case let .average(countIncludePad):
            var sum: Float = 0
            for r in rows.inputTaps {
                let row = base + r.index * width
                for col in columns.inputTaps { sum += input[row + col.index] }
            }
            // avg_pool2d: divisor_override, when given, replaces the cell count.
            let divisor = divisorOverride ?? (countIncludePad ? rows.paddedCount * columns.paddedCount
                                                              : rows.inputTaps.count * columns.inputTaps.count)
            guard !rows.inputTaps.isEmpty, !columns.inputTaps.isEmpty, divisor != 0 else { return (0, nil, sum, divisor) }
            return (sum / Float(divisor), nil, sum, divisor)
        }
    }

    private static func dimensions(of input: Tensor) throws(PoolError) -> (Int, Int, Int, Int) {
        guard input.rank == 4 else {
            throw .invalid(.shapeMismatch("pooling input must be N x C x H x W, got shape \(Tensor.describe(input.shape))"))
        }
        return (input.shape[0], input.shape[1], input.shape[2], input.shape[3])
    }
}
