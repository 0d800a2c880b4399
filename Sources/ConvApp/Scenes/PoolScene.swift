import ConvCore
import ConvDiagrams

/// The parameters of the pooling scene, as the command line and lessons give them. Sizes are
/// (height, width) pairs; the input source is tiled to the requested shape.
///
/// The default is conv_arithmetic's pooling example (Dumoulin & Visin 2016, figure 1.6): 3 x 3
/// max pooling, stride 1, over the 5 x 5 input of figure 1.1, giving 3 3 3 / 3 3 3 / 3 2 3.
/// Unlike PyTorch, whose stride defaults to the kernel size, the scene's stride defaults to 1.
public struct PoolSceneParameters: Equatable, Sendable {
    /// Average instead of max pooling.
    public var isAverage = false
    /// Average pooling: count padding cells in the divisor (PyTorch's default).
    public var countIncludePad = true
    /// i per axis.
    public var inputHeight = 5, inputWidth = 5
    /// k per axis.
    public var kernelHeight = 3, kernelWidth = 3
    /// s per axis.
    public var strideHeight = 1, strideWidth = 1
    /// p per axis (at most k/2).
    public var paddingHeight = 0, paddingWidth = 0
    /// d per axis (max pooling only).
    public var dilationHeight = 1, dilationWidth = 1
    /// Round the output size up, with PyTorch's last-window rule.
    public var ceilMode = false
    /// Average pooling: PyTorch's `divisor_override`, the divisor of every window instead of its
    /// cell count; nil (the default) divides by the count.
    public var divisorOverride: Int?
    /// C (pooling keeps channels apart).
    public var channels = 1
    /// Adaptive pooling to this (height, width) instead of fixed windows; nil for fixed windows.
    public var adaptiveOutputSize: [Int]?
    /// The input values: a (1, C0, H0, W0) tensor tiled over the input shape. Default: the 5 x 5
    /// example of Dumoulin & Visin 2016, figure 1.1.
    public var inputSource: Tensor = ConvSceneParameters.paperInput
    /// The whole (N, C, H, W) input of a `--from` case with N > 1; nil otherwise. The step-through
    /// shows item ``batchIndex`` of it; the JSON computes every item.
    public var batchInput: Tensor?
    /// The batch item the step-through shows (0-based, 0...N-1).
    public var batchIndex = 0

    /// The most window reads (output cells x window cells x channels) one pooling may make:
    /// 1,048,576, which a debug build pools in well under a second.
    public static let maximumWork = 1 << 20
    /// The most cells one window may have (kernel height x width): 65,536, e.g. 256 x 256.
    public static let maximumWindowCells = 1 << 16

    /// The default parameters (conv_arithmetic's 3 x 3 max pooling, stride 1).
    public init() {}

    /// Max or average, as the core takes it.
    public var mode: PoolMode { isAverage ? .average(countIncludePad: countIncludePad) : .max }

    /// Runs the pooling these parameters describe: on batch item ``batchIndex`` of ``batchInput``
    /// when there is one, or with `wholeBatch` on all of it.
    /// - Throws: ``PoolError`` for an invalid geometry (padding above k/2, an empty output, a
    ///   dilated average pooling, ...), an input of more than 1,048,576 values, or more than
    ///   ``maximumWork`` window reads (output cells x window cells x channels) in all.
    public func computation(wholeBatch: Bool = false) throws(PoolError) -> PoolComputation {
        do throws(ConvError) {
            try requireInRange("channels", channels, 1...512)
            try requireInRange("input height", inputHeight, 1...4096)
            try requireInRange("input width", inputWidth, 1...4096)
        } catch {
            throw .invalid(error)
        }
        guard channels * inputHeight * inputWidth <= 1 << 20 else {
            throw .invalid(.shapeMismatch("input 1 x \(channels) x \(inputHeight) x \(inputWidth) is too large for a step-through (at most 1,048,576 values)"))
        }
        let input: Tensor
        do throws(ConvError) {
            if let batchInput {
                input = wholeBatch ? batchInput : try batchInput.batchItem(batchIndex)
            } else {
                input = try inputSource.tiled(to: [1, channels, inputHeight, inputWidth])
            }
        } catch {
            throw .invalid(error)
        }
        if let size = adaptiveOutputSize, size.count == 2 {
            return try PoolComputation(input: input, mode: mode, adaptiveOutputSize: (size[0], size[1]))
        }
        // Bound the window (the picture draws every cell of it) and the work (output cells x window taps).
        let window = kernelHeight.multipliedReportingOverflow(by: kernelWidth)
        guard !window.overflow, window.partialValue <= Self.maximumWindowCells else {
            throw .invalid(.shapeMismatch("kernel \(kernelHeight)x\(kernelWidth) has more than 65,536 cells, too many for a step-through; allowed: kernel height x width at most 65,536 (e.g. 256x256)"))
        }
        let h = try PoolAxis(inputSize: inputHeight, kernelSize: kernelHeight, stride: strideHeight, padding: paddingHeight,
                             dilation: dilationHeight, ceilMode: ceilMode, name: "height")
        let w = try PoolAxis(inputSize: inputWidth, kernelSize: kernelWidth, stride: strideWidth, padding: paddingWidth,
                             dilation: dilationWidth, ceilMode: ceilMode, name: "width")
        let work = (channels * h.outputSize * w.outputSize).multipliedReportingOverflow(by: kernelHeight * kernelWidth)
        guard !work.overflow, work.partialValue <= Self.maximumWork else {
            throw .invalid(.shapeMismatch("\(h.outputSize)x\(w.outputSize) windows of \(kernelHeight)x\(kernelWidth) taps on \(channels) channel(s) need more than 1,048,576 window reads (output cells x window cells x channels), too many for a step-through"))
        }
        return try PoolComputation(input: input, mode: mode, kernelSize: (kernelHeight, kernelWidth),
                                   stride: (strideHeight, strideWidth), padding: (paddingHeight, paddingWidth),
                                   dilation: (dilationHeight, dilationWidth), ceilMode: ceilMode,
                                   divisorOverride: isAverage ? divisorOverride : nil)
    }
}

/// The pooling step-through scene: one step per output cell, the window bracketed over the
/// padded input, the maximum marked or the divisor shown.
public typealias PoolScene = ModelScene<PoolModel>

/// The pooling scene as a model: Tab and +/- change the mode, sizes, ceil_mode and (average)
/// count_include_pad or (max) dilation; adaptive pooling shows mode, input and output_size.
public enum PoolModel: SceneModel {
    /// "max_pool2d" or "avg_pool2d" (PyTorch's function names), with "divisor_override=N" when
    /// an average pooling has one.
    public static func title(_ options: PoolSceneParameters) -> String {
        let batch = batchTitle(options.batchInput, options.batchIndex)
        guard options.isAverage else { return "max_pool2d" + batch }
        return (options.divisorOverride.map { "avg_pool2d divisor_override=\($0)" } ?? "avg_pool2d") + batch
    }
    /// See ``PoolSceneParameters/computation()``.
    public static func compute(_ options: PoolSceneParameters) throws -> PoolComputation { try options.computation() }
    /// Output cells.
    public static func stepCount(_ result: PoolComputation, view: NoViewState) -> Int { result.stepCount }
    /// One output row.
    public static func stepsPerRow(_ result: PoolComputation, view: NoViewState, step: Int) -> Int {
        result.geometry.outputSize.width
    }

    /// Mode, input, kernel, stride, padding, dilation (max) or count_include_pad (avg), ceil_mode;
    /// for adaptive pooling: mode, input, output_size.
    public static func controls(_ p: PoolSceneParameters) -> [Control<PoolSceneParameters>] {
        let mode = Control<PoolSceneParameters>.toggle("mode", \.isAverage, on: "avg", off: "max")
        let input = Control<PoolSceneParameters>.pair("input", \.inputHeight, \.inputWidth, 1...256, asSize: true)
        if p.adaptiveOutputSize?.count == 2 {
            return [mode, input, .pair("output_size", \.adaptiveHeight, \.adaptiveWidth, 1...256, asSize: true)]
        }
        return [
            mode, input,
            .pair("kernel", \.kernelHeight, \.kernelWidth, 1...32, asSize: true),
            .pair("stride", \.strideHeight, \.strideWidth, 1...32),
            .pair("padding", \.paddingHeight, \.paddingWidth, 0...16),
            p.isAverage ? .toggle("count_include_pad", \.countIncludePad) : .pair("dilation", \.dilationHeight, \.dilationWidth, 1...16),
            .toggle("ceil_mode", \.ceilMode),
        ]
    }

    /// Draws the ``PoolStepDiagram`` of `step`.
    public static func draw(_ result: PoolComputation, options: PoolSceneParameters, view: NoViewState, step: Int,
                            into canvas: inout Canvas, area: Rect, glyphs: GlyphSet) {
        PoolStepDiagram(computation: result, step: step).draw(into: &canvas, area: area)
    }

    /// ``PoolJSON``.
    public static func json(_ result: PoolComputation, options: PoolSceneParameters, step: Int) -> String {
        guard options.batchInput != nil, let whole = try? options.computation(wholeBatch: true) else {
            return PoolJSON.render(result)
        }
        return PoolJSON.render(whole)
    }
}

/// ", batch item 2 of 3 (whole batch in the JSON)" for a case with a batch; "" otherwise.
func batchTitle(_ batch: Tensor?, _ index: Int) -> String {
    guard let batch, batch.rank >= 1 else { return "" }
    return ", batch item \(index) of 0...\(batch.shape[0] - 1) (the JSON has the whole batch)"
}

extension PoolSceneParameters {
    /// Adaptive output height (0 when the pooling is not adaptive).
    var adaptiveHeight: Int {
        get { adaptiveOutputSize?.first ?? 0 }
        set { if adaptiveOutputSize?.count == 2 { adaptiveOutputSize?[0] = newValue } }
    }
    /// Adaptive output width (0 when the pooling is not adaptive).
    var adaptiveWidth: Int {
        get { adaptiveOutputSize?.last ?? 0 }
        set { if adaptiveOutputSize?.count == 2 { adaptiveOutputSize?[1] = newValue } }
    }
}

extension ModelScene where M == PoolModel {
    /// The scene of `parameters` at `step`.
    public init(parameters: PoolSceneParameters, step: Int = 1) { self.init(parameters, step: step) }
    /// The computation, nil while the parameters are invalid.
    public var computation: PoolComputation? { result }
}
