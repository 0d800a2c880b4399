/// The geometry of a transposed convolution ("deconvolution") along one spatial axis: input size
/// i', kernel size k, stride s, padding p, output_padding and dilation d, its output size, and the
/// equivalent direct convolution that computes the same numbers.
///
/// Output size (Dumoulin & Visin 2016, "A guide to convolution arithmetic for deep learning",
/// relationships 8-14, generalised to dilation and output_padding as in the shape formula of
/// `torch.nn.ConvTranspose2d`):
///
///     o' = (i' - 1)s - 2p + d(k - 1) + output_padding + 1
///
/// The equivalent direct convolution (relationship 14): insert s - 1 zeros between input cells
/// (the "stretched" input, (i'-1)s + 1 cells), add d(k-1) - p zeros before and
/// d(k-1) - p + output_padding zeros after, and slide the kernel, flipped 180 degrees, with unit
/// stride and dilation d. When d(k-1) - p is negative the direct convolution starts (or ends)
/// inside the stretched input instead: that many stretched cells are cropped, which is what
/// PyTorch does when it drops p cells from each end of the full scatter output.
///
///     let axis = try ConvTransposeAxis(inputSize: 3, kernelSize: 3, stride: 2, padding: 1, outputPadding: 1)
///     axis.outputSize           // 6
///     axis.zerosBetween         // 1
///     axis.directPaddingBefore  // 1
///     axis.directPaddingAfter   // 2 (1 border zero + 1 output_padding zero, at the bottom/right)
public struct ConvTransposeAxis: Equatable, Sendable {
    /// i': the number of input cells.
    public let inputSize: Int
    /// k: the number of kernel taps.
    public let kernelSize: Int
    /// s: the distance, in output cells, between the stamps of two neighbouring input cells.
    public let stride: Int
    /// p: the number of cells cropped from each end of the full scatter output.
    public let padding: Int
    /// Extra cells added to the bottom/right end of the output (resolves which of the s forward
    /// input sizes the output should have).
    public let outputPadding: Int
    /// d: the distance between two kernel taps, in output cells.
    public let dilation: Int
    /// o': the number of output cells.
    public let outputSize: Int
    /// The equivalent direct convolution as a ``ConvAxis``: ``directInputSize`` = o' + d(k-1)
    /// cells (its padding already included), kernel k, unit stride, dilation d; its output size is o'.
    public let directAxis: ConvAxis

    /// Creates and validates the geometry of one axis.
    /// - Parameters:
    ///   - inputSize: i', 1...2^20.
    ///   - kernelSize: k, 1...2^20.
    ///   - stride: s, 1...2^20.
    ///   - padding: p, 0...2^20.
    ///   - outputPadding: 0...max(s, d) - 1.
    ///   - dilation: d, 1...2^20.
    ///   - name: the axis name used in error messages ("height", "width").
    /// - Throws: ``ConvTransposeError/invalid(_:)`` wrapping ``ConvError/outOfRange(name:value:allowed:)``
    ///   for a number outside its range (also when o' + d(k-1) exceeds 2^20);
    ///   ``ConvTransposeError/invalidOutputPadding(axis:outputPadding:stride:dilation:)`` when
    ///   output_padding is neither smaller than the stride nor smaller than the dilation (PyTorch's
    ///   rule); ``ConvTransposeError/outputTooSmall(axis:inputSize:kernelSize:stride:padding:dilation:outputPadding:)``
    ///   when o' < 1.
    public init(inputSize: Int, kernelSize: Int, stride: Int = 1, padding: Int = 0, outputPadding: Int = 0,
                dilation: Int = 1, name: String = "axis") throws(ConvTransposeError) {
        try Self.validate(inputSize: inputSize, kernelSize: kernelSize, stride: stride, padding: padding,
                          dilation: dilation)
        do throws(ConvError) {
            try requireInRange("output_padding", outputPadding, 0...maximumExtent)
        } catch {
            throw .invalid(error)
        }
        guard outputPadding < stride || outputPadding < dilation else {
            throw .invalidOutputPadding(axis: name, outputPadding: outputPadding, stride: stride, dilation: dilation)
        }
        let o = Self.outputSize(inputSize: inputSize, kernelSize: kernelSize, stride: stride, padding: padding,
                                dilation: dilation, outputPadding: outputPadding)
        guard o >= 1 else {
            throw .outputTooSmall(axis: name, inputSize: inputSize, kernelSize: kernelSize, stride: stride,
                                  padding: padding, dilation: dilation, outputPadding: outputPadding)
        }
        // The direct convolution slides over o' + d(k-1) cells; keep that within the core's bound.
        guard o + dilation * (kernelSize - 1) <= maximumExtent else {
            throw .invalid(.outOfRange(name: "transposed output size + d(k-1) (\(name))",
                                       value: o + dilation * (kernelSize - 1), allowed: 1...maximumExtent))
        }
        do throws(ConvError) {
            directAxis = try ConvAxis(inputSize: o + dilation * (kernelSize - 1), kernelSize: kernelSize, stride: 1,
                                      padding: .explicit(0), dilation: dilation, name: name)
        } catch {
            throw .invalid(error)
        }
        self.inputSize = inputSize
        self.kernelSize = kernelSize
        self.stride = stride
        self.padding = padding
        self.outputPadding = outputPadding
        self.dilation = dilation
        self.outputSize = o
    }

    /// Creates the geometry whose output has `outputSize` cells, choosing output_padding as
    /// `torch.nn.ConvTranspose2d.forward(input, output_size=...)` does.
    /// - Throws: as ``init(inputSize:kernelSize:stride:padding:outputPadding:dilation:name:)``, and
    ///   ``ConvTransposeError/outputSizeUnreachable(axis:requested:inputSize:kernelSize:stride:padding:dilation:)``.
    public init(inputSize: Int, kernelSize: Int, stride: Int = 1, padding: Int = 0, dilation: Int = 1,
                outputSize: Int, name: String = "axis") throws(ConvTransposeError) {
        let outputPadding = try Self.outputPadding(forOutputSize: outputSize, inputSize: inputSize,
                                                   kernelSize: kernelSize, stride: stride, padding: padding,
                                                   dilation: dilation, name: name)
        try self.init(inputSize: inputSize, kernelSize: kernelSize, stride: stride, padding: padding,
                      outputPadding: outputPadding, dilation: dilation, name: name)
    }

    /// o' = (i'-1)s - 2p + d(k-1) + output_padding + 1, unchecked (may be below 1).
    /// Arguments must be within 0...2^20 so that no product overflows.
    public static func outputSize(inputSize: Int, kernelSize: Int, stride: Int, padding: Int, dilation: Int,
                                  outputPadding: Int) -> Int {
        (inputSize - 1) * stride - 2 * padding + dilation * (kernelSize - 1) + outputPadding + 1
    }

    /// The output_padding that gives `outputSize` cells, as `torch.nn.ConvTranspose2d` computes it
    /// for `forward(input, output_size=...)`: the output size minus the smallest output size, which
    /// must lie in 0...s-1.
    ///
    ///     // k3 s2 p1 on 4 cells: 7 or 8 (the two forward input sizes that give 4).
    ///     try ConvTransposeAxis.outputPadding(forOutputSize: 8, inputSize: 4, kernelSize: 3, stride: 2, padding: 1)  // 1
    ///
    /// - Throws: ``ConvTransposeError/outputSizeUnreachable(axis:requested:inputSize:kernelSize:stride:padding:dilation:)``
    ///   when no output_padding in 0...s-1 gives it (its message names a padding that would, or
    ///   explains why none does: at stride 1 an even kernel cannot keep the size);
    ///   ``ConvTransposeError/invalid(_:)`` for numbers outside their ranges.
    public static func outputPadding(forOutputSize outputSize: Int, inputSize: Int, kernelSize: Int, stride: Int = 1,
                                     padding: Int = 0, dilation: Int = 1,
                                     name: String = "axis") throws(ConvTransposeError) -> Int {
        try validate(inputSize: inputSize, kernelSize: kernelSize, stride: stride, padding: padding, dilation: dilation)
        do throws(ConvError) {
            try requireInRange("requested output size", outputSize, 1...maximumExtent)
        } catch {
            throw .invalid(error)
        }
        let smallest = Self.outputSize(inputSize: inputSize, kernelSize: kernelSize, stride: stride, padding: padding,
                                       dilation: dilation, outputPadding: 0)
        let outputPadding = outputSize - smallest
        guard outputPadding >= 0 && outputPadding < stride else {
            throw .outputSizeUnreachable(axis: name, requested: outputSize, inputSize: inputSize, kernelSize: kernelSize,
                                         stride: stride, padding: padding, dilation: dilation)
        }
        return outputPadding
    }

    /// The input sizes i for which the forward convolution (k, s, p, d) gives `outputSize` cells:
    /// floor((i + 2p - d(k-1) - 1)/s) + 1 = o holds for s consecutive sizes,
    /// i in [(o-1)s - 2p + d(k-1) + 1, (o-1)s - 2p + d(k-1) + s]. This is the ambiguity that
    /// output_padding resolves: under k3 s2 p1 both 7 and 8 give 4, and the transposed
    /// convolution of 4 cells gives 7 (output_padding 0) or 8 (output_padding 1).
    ///
    /// Source: Dumoulin & Visin 2016, section 4.6 (relationship 14 and the "a" term).
    /// - Returns: the sizes, or nil when no input size of at least 1 gives `outputSize`.
    /// - Throws: ``ConvTransposeError/invalid(_:)`` for numbers outside their ranges.
    public static func forwardInputSizes(outputSize: Int, kernelSize: Int, stride: Int = 1, padding: Int = 0,
                                         dilation: Int = 1) throws(ConvTransposeError) -> ClosedRange<Int>? {
        try validate(inputSize: outputSize, kernelSize: kernelSize, stride: stride, padding: padding,
                     dilation: dilation, inputName: "output size")
        let smallest = Self.outputSize(inputSize: outputSize, kernelSize: kernelSize, stride: stride,
                                       padding: padding, dilation: dilation, outputPadding: 0)
        let largest = smallest + stride - 1
        guard largest >= 1 else { return nil }
        return max(1, smallest)...largest
    }

    /// The forward-convolution input sizes that map to this axis's input size i' (see
    /// ``forwardInputSizes(outputSize:kernelSize:stride:padding:dilation:)``); nil when there are none.
    public var forwardInputSizes: ClosedRange<Int>? {
        let smallest = Self.outputSize(inputSize: inputSize, kernelSize: kernelSize, stride: stride, padding: padding,
                                       dilation: dilation, outputPadding: 0)
        let largest = smallest + stride - 1
        guard largest >= 1 else { return nil }
        return max(1, smallest)...largest
    }

    // MARK: The equivalent direct convolution

    /// s - 1: the zeros inserted between two neighbouring input cells.
    public var zerosBetween: Int { stride - 1 }

    /// (i'-1)s + 1: the input with s - 1 zeros inserted between cells (Dumoulin & Visin's ĩ').
    public var stretchedSize: Int { (inputSize - 1) * stride + 1 }

    /// The effective kernel size d(k-1) + 1.
    public var dilatedKernelSize: Int { dilation * (kernelSize - 1) + 1 }

    /// d(k-1) - p: zeros added before (top/left of) the stretched input. Negative means that many
    /// stretched cells are cropped from the start instead.
    public var directPaddingBefore: Int { dilation * (kernelSize - 1) - padding }

    /// d(k-1) - p + output_padding: zeros added after (bottom/right of) the stretched input; the
    /// last output_padding of them are the output_padding region. Negative means cropping.
    public var directPaddingAfter: Int { dilation * (kernelSize - 1) - padding + outputPadding }

    /// The number of cells the direct convolution slides over: stretched size + padding before +
    /// padding after = o' + d(k-1).
    public var directInputSize: Int { stretchedSize + directPaddingBefore + directPaddingAfter }

    /// What the direct convolution reads at `gridIndex` (0-based, 0..<``directInputSize``): a real
    /// input cell, an inserted zero, a border-padding zero, or an output_padding zero (the last
    /// output_padding cells, at the bottom/right). Indices outside the grid are border padding.
    public func directCellKind(atGridIndex gridIndex: Int) -> StretchedCellKind {
        let t = gridIndex - directPaddingBefore
        if t < 0 { return .borderPadding }
        if t < stretchedSize { return t % stride == 0 ? .input : .insertedZero }
        return t - stretchedSize < directPaddingBefore ? .borderPadding : .outputPadding
    }

    /// The input index read at `gridIndex` of the direct convolution's grid, or nil for a zero.
    public func inputIndex(atGridIndex gridIndex: Int) -> Int? {
        let t = gridIndex - directPaddingBefore
        guard t >= 0 && t < stretchedSize && t % stride == 0 else { return nil }
        return t / stride
    }

    /// The grid index of input cell `inputIndex` in the direct convolution: i·s + d(k-1) - p
    /// (outside 0..<directInputSize when that cell is cropped).
    public func gridIndex(ofInputIndex inputIndex: Int) -> Int { inputIndex * stride + directPaddingBefore }

    /// The output index that tap `tap` of input cell `inputIndex` stamps in the scatter view:
    /// i·s - p + tap·d (outside 0..<o' when the stamp falls in the cropped padding).
    public func outputIndex(inputIndex: Int, tap: Int) -> Int { inputIndex * stride - padding + tap * dilation }

    /// The (input index, kernel tap) pairs whose stamps land on output index `o` (0..<o'), in
    /// increasing input index: the solutions of i·s - p + tap·d = o with 0 <= i < i' and
    /// 0 <= tap < k, so i lies in [ceil((o + p - d(k-1))/s), floor((o + p)/s)]. These are exactly
    /// the terms `torch.nn.functional.conv_transpose2d` adds into that output cell. Empty when no
    /// stamp reaches `o` (possible only for output_padding cells or an index outside the output).
    public func contributors(output o: Int) -> [(input: Int, tap: Int)] {
        let reach = o + padding
        let lo = max(0, ceilDivide(reach - dilation * (kernelSize - 1), stride))
        let hi = min(inputSize - 1, floorDivide(reach, stride))
        guard lo <= hi else { return [] }
        var pairs: [(input: Int, tap: Int)] = []
        for i in lo...hi {
            let offset = reach - i * stride
            if offset % dilation == 0 { pairs.append((i, offset / dilation)) }
        }
        return pairs
    }

    /// The formula o' = (i'-1)s - 2p + d(k-1) + output_padding + 1 with this axis's numbers.
    public var formula: String {
        "o' = (i'-1)s - 2p + d(k-1) + output_padding + 1 = (\(inputSize)-1)*\(stride) - 2*\(padding) + \(dilation)*(\(kernelSize)-1) + \(outputPadding) + 1 = \(outputSize)"
    }

    /// The equivalent direct convolution in words and numbers: zeros inserted, implied padding
    /// before and after, unit stride, and its output size.
    public var directFormula: String {
        let before = directPaddingBefore, after = directPaddingAfter
        return "direct: \(zerosBetween) zero(s) between inputs -> \(stretchedSize) cells, padding d(k-1)-p = \(before) before and d(k-1)-p+output_padding = \(after) after, stride 1: \(stretchedSize) + \(before) + \(after) - \(dilation)*(\(kernelSize)-1) = \(outputSize)"
    }

    private static func validate(inputSize: Int, kernelSize: Int, stride: Int, padding: Int, dilation: Int,
                                 inputName: String = "input size") throws(ConvTransposeError) {
        do throws(ConvError) {
            try requireInRange(inputName, inputSize, 1...maximumExtent)
            try requireInRange("kernel size", kernelSize, 1...maximumExtent)
            try requireInRange("stride", stride, 1...maximumExtent)
            try requireInRange("padding", padding, 0...maximumExtent)
            try requireInRange("dilation", dilation, 1...maximumExtent)
        } catch {
            throw .invalid(error)
        }
    }
}
