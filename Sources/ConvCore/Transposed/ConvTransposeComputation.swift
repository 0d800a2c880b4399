/// A transposed convolution with concrete tensors, its output, and on-demand traces for two
/// step-throughs of the same operation:
/// - the direct view, one step per output cell (row-major over (n, f, row, column), 1-based):
///   the flipped kernel sliding with unit stride over the stretched, padded input;
/// - the scatter view, one step per input cell (row-major over (n, c, row, column), 1-based):
///   each input cell stamping the kernel, scaled by its value, onto the output.
///
/// Source: matches `torch.nn.functional.conv_transpose2d`; the two views are Dumoulin & Visin
/// 2016, relationship 14 and section 4.
///
///     let deconv = try ConvTransposeComputation(input: x, weight: w, stride: (2, 2), padding: (1, 1))
///     let cell = try deconv.directTrace(step: 1)    // window over the stretched input
///     let stamp = try deconv.scatterTrace(step: 1)  // first input cell's stamp and running sums
public struct ConvTransposeComputation: Sendable {
    /// (N, C_in, H, W).
    public let input: Tensor
    /// (C_in, C_out/groups, kH, kW), as `torch.nn.ConvTranspose2d.weight`.
    public let weight: Tensor
    /// (C_out), or nil.
    public let bias: Tensor?
    /// The validated geometry.
    public let geometry: ConvTranspose2dGeometry
    /// (N, C_out, H_out, W_out), computed by the scatter definition.
    public let output: Tensor

    /// Runs the transposed convolution.
    /// - Throws: ``ConvTransposeError`` as
    ///   ``convTranspose2d(input:weight:bias:stride:padding:outputPadding:dilation:groups:)``.
    public init(input: Tensor, weight: Tensor, bias: Tensor? = nil, stride: (Int, Int) = (1, 1),
                padding: (Int, Int) = (0, 0), outputPadding: (Int, Int) = (0, 0), dilation: (Int, Int) = (1, 1),
                groups: Int = 1) throws(ConvTransposeError) {
        let (output, geometry) = try convTranspose2d(input: input, weight: weight, bias: bias, stride: stride,
                                                     padding: padding, outputPadding: outputPadding,
                                                     dilation: dilation, groups: groups)
        self.input = input
        self.weight = weight
        self.bias = bias
        self.geometry = geometry
        self.output = output
    }

    // MARK: Direct view

    /// The number of direct-view steps: one per output cell.
    public var directStepCount: Int { geometry.outputCellCount }

    /// The output cell (n, f, row, column) of 1-based direct-view step `step`.
    /// - Throws: ``ConvError/stepOutOfRange(step:count:)``.
    public func outputCell(ofStep step: Int) throws(ConvError) -> (batch: Int, channel: Int, row: Int, column: Int) {
        try Self.unflatten(step: step, count: directStepCount,
                           extents: (geometry.outputChannels, geometry.height.outputSize, geometry.width.outputSize))
    }

    /// The trace of 1-based direct-view step `step`: the window of the flipped kernel over the
    /// stretched, padded input, each tap tagged with what it reads.
    /// - Throws: ``ConvError/stepOutOfRange(step:count:)``.
    /// - Complexity: O((C_in/groups)·kH·kW).
    public func directTrace(step: Int) throws(ConvError) -> ConvTransposeDirectTrace {
        let (n, f, oy, ox) = try outputCell(ofStep: step)
        let g = geometry, h = g.height, w = g.width
        let cinPerGroup = g.inputChannels / g.groups, coutPerGroup = g.outputChannels / g.groups
        let group = f / coutPerGroup, fl = f - group * coutPerGroup
        let kh = h.kernelSize, kw = w.kernelSize
        var taps: [ConvTransposeDirectTap] = []
        taps.reserveCapacity(cinPerGroup * kh * kw)
        let biasValue = bias?.data[f] ?? 0
        var sum: Float = 0
        for cl in 0..<cinPerGroup {
            let c = group * cinPerGroup + cl
            for ky in 0..<kh {
                let gy = oy + ky * h.dilation
                let y = h.inputIndex(atGridIndex: gy)
                for kx in 0..<kw {
                    let gx = ox + kx * w.dilation
                    let x = w.inputIndex(atGridIndex: gx)
                    var value: Float = 0
                    if let y, let x { value = input[n, c, y, x] }
                    let tap = ConvTransposeDirectTap(
                        channel: c, kernelRow: ky, kernelColumn: kx,
                        originalKernelRow: kh - 1 - ky, originalKernelColumn: kw - 1 - kx,
                        gridRow: gy, gridColumn: gx, kind: g.directCellKind(row: gy, column: gx),
                        inputRow: x == nil ? nil : y, inputColumn: y == nil ? nil : x,
                        inputValue: value, weight: weight[c, fl, kh - 1 - ky, kw - 1 - kx])
                    sum += tap.product
                    taps.append(tap)
                }
            }
        }
        return ConvTransposeDirectTrace(batch: n, outputChannel: f, row: oy, column: ox, windowTop: oy,
                                        windowLeft: ox, taps: taps, bias: biasValue, sum: sum + biasValue)
    }

    // MARK: Scatter view

    /// The number of scatter-view steps: one per input cell.
    public var scatterStepCount: Int { geometry.inputCellCount }

    /// The input cell (n, c, row, column) of 1-based scatter-view step `step`.
    /// - Throws: ``ConvError/stepOutOfRange(step:count:)``.
    public func inputCell(ofStep step: Int) throws(ConvError) -> (batch: Int, channel: Int, row: Int, column: Int) {
        try Self.unflatten(step: step, count: scatterStepCount,
                           extents: (geometry.inputChannels, geometry.height.inputSize, geometry.width.inputSize))
    }

    /// The trace of 1-based scatter-view step `step`: the output cells that input cell stamps,
    /// what each stamp adds, and each stamped cell's running sum after this step (starting from the
    /// bias, adding the stamps of steps 1...step in order).
    /// - Throws: ``ConvError/stepOutOfRange(step:count:)``.
    /// - Complexity: O((C_out/groups)·kH·kW·(C_in/groups)·(d(kH-1)/s + 1)·(d(kW-1)/s + 1)).
    public func scatterTrace(step: Int) throws(ConvError) -> ConvTransposeScatterTrace {
        let (n, c, y, x) = try inputCell(ofStep: step)
        let g = geometry, h = g.height, w = g.width
        let cinPerGroup = g.inputChannels / g.groups, coutPerGroup = g.outputChannels / g.groups
        let group = c / cinPerGroup
        let value = input[n, c, y, x]
        var stamps: [ConvTransposeStamp] = []
        stamps.reserveCapacity(coutPerGroup * h.kernelSize * w.kernelSize)
        for fl in 0..<coutPerGroup {
            let f = group * coutPerGroup + fl
            for ky in 0..<h.kernelSize {
                let oy = h.outputIndex(inputIndex: y, tap: ky)
                for kx in 0..<w.kernelSize {
                    let ox = w.outputIndex(inputIndex: x, tap: kx)
                    let cropped = oy < 0 || oy >= h.outputSize || ox < 0 || ox >= w.outputSize
                    let wv = weight[c, fl, ky, kx]
                    let running: Float? = cropped ? nil
                        : runningSum(batch: n, channel: f, row: oy, column: ox, through: (c, y, x))
                    stamps.append(ConvTransposeStamp(outputChannel: f, kernelRow: ky, kernelColumn: kx, row: oy,
                                                     column: ox, isCropped: cropped, weight: wv,
                                                     contribution: value * wv, runningSum: running))
                }
            }
        }
        return ConvTransposeScatterTrace(batch: n, inputChannel: c, inputRow: y, inputColumn: x, inputValue: value,
                                         stampTop: h.outputIndex(inputIndex: y, tap: 0),
                                         stampLeft: w.outputIndex(inputIndex: x, tap: 0), stamps: stamps)
    }

    /// The output as it stands after scatter-view step `step` (0 for the bias alone): every
    /// output cell holds its bias plus the stamps of input cells 1...step. After the last step it
    /// equals ``output`` exactly. For drawing the output filling in.
    /// - Throws: ``ConvError/stepOutOfRange(step:count:)`` for a step outside 0...scatterStepCount.
    /// - Complexity: O(step·(C_out/groups)·kH·kW).
    public func scatterPartialOutput(afterStep step: Int) throws(ConvError) -> Tensor {
        guard step >= 0 && step <= scatterStepCount else {
            throw .stepOutOfRange(step: step, count: scatterStepCount)
        }
        do throws(ConvTransposeError) {
            return try scatter(input: input, weight: weight, bias: bias, geometry: geometry, inputCells: step)
        } catch {
            // Shapes were validated at init; only the output allocation could fail, and it succeeded then.
            throw .shapeMismatch(error.description)
        }
    }

    /// Bias plus the contributions to output cell (n, f, row, column) of the input cells up to and
    /// including `last` = (channel, row, column) in step order, added in the same order as
    /// ``convTranspose2d(input:weight:bias:geometry:)`` adds them.
    private func runningSum(batch n: Int, channel f: Int, row oy: Int, column ox: Int,
                            through last: (Int, Int, Int)) -> Float {
        let g = geometry, h = g.height, w = g.width
        let cinPerGroup = g.inputChannels / g.groups, coutPerGroup = g.outputChannels / g.groups
        let group = f / coutPerGroup, fl = f - group * coutPerGroup
        var sum = bias?.data[f] ?? 0
        let rows = h.contributors(output: oy)
        let columns = w.contributors(output: ox)
        for cl in 0..<cinPerGroup {
            let c = group * cinPerGroup + cl
            if c > last.0 { break }
            for (y, ky) in rows {
                if c == last.0 && y > last.1 { break }
                for (x, kx) in columns {
                    if c == last.0 && y == last.1 && x > last.2 { break }
                    sum += input[n, c, y, x] * weight[c, fl, ky, kx]
                }
            }
        }
        return sum
    }

    private static func unflatten(step: Int, count: Int, extents: (Int, Int, Int)) throws(ConvError)
        -> (batch: Int, channel: Int, row: Int, column: Int) {
        guard step >= 1 && step <= count else { throw .stepOutOfRange(step: step, count: count) }
        var i = step - 1
        let column = i % extents.2; i /= extents.2
        let row = i % extents.1; i /= extents.1
        let channel = i % extents.0; i /= extents.0
        return (i, channel, row, column)
    }
}
