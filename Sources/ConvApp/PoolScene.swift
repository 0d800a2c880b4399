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
    /// C (pooling keeps channels apart).
    public var channels = 1
    /// Adaptive pooling to this (height, width) instead of fixed windows; nil for fixed windows.
    public var adaptiveOutputSize: [Int]?
    /// The input values: a (1, C0, H0, W0) tensor tiled over the input shape. Default: the 5 x 5
    /// example of Dumoulin & Visin 2016, figure 1.1.
    public var inputSource: Tensor = ConvSceneParameters.paperInput

    /// The most window reads (output cells x window cells x channels) one pooling may make:
    /// 1,048,576, which a debug build pools in well under a second.
    public static let maximumWork = 1 << 20
    /// The most cells one window may have (kernel height x width): 65,536, e.g. 256 x 256.
    public static let maximumWindowCells = 1 << 16

    /// The default parameters (conv_arithmetic's 3 x 3 max pooling, stride 1).
    public init() {}

    /// Max or average, as the core takes it.
    public var mode: PoolMode { isAverage ? .average(countIncludePad: countIncludePad) : .max }

    /// Runs the pooling these parameters describe.
    /// - Throws: ``PoolError`` for an invalid geometry (padding above k/2, an empty output, a
    ///   dilated average pooling, ...), an input of more than 1,048,576 values, or more than
    ///   ``maximumWork`` window reads (output cells x window cells x channels) in all.
    public func computation() throws(PoolError) -> PoolComputation {
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
            input = try ConvSceneParameters.tile(inputSource, to: [1, channels, inputHeight, inputWidth])
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
                                   dilation: (dilationHeight, dilationWidth), ceilMode: ceilMode)
    }
}

/// The pooling step-through scene: one step per output cell, the window bracketed over the
/// padded input, the maximum marked or the divisor shown. Tab and +/- change the mode, sizes,
/// ceil_mode and (average) count_include_pad or (max) dilation.
public struct PoolScene: Scene {
    /// The parameters as last set.
    public private(set) var parameterValues: PoolSceneParameters
    /// The computation, nil while the parameters are invalid.
    public private(set) var computation: PoolComputation?
    /// Why the parameters are invalid (the core's one-line message), if they are.
    public private(set) var errorMessage: String?
    /// The 1-based step.
    public var step: Int {
        didSet { step = stepCount == 0 ? 0 : min(max(1, step), stepCount) }
    }

    /// Builds the scene; an invalid configuration becomes ``errorMessage``.
    public init(parameters: PoolSceneParameters, step: Int = 1) {
        parameterValues = parameters
        self.step = 0
        recompute()
        self.step = step
    }

    mutating func recompute() {
        do {
            computation = try parameterValues.computation()
            errorMessage = nil
        } catch {
            computation = nil
            errorMessage = error.description
        }
        let s = step
        step = s
    }

    /// "max_pool2d" or "avg_pool2d" (PyTorch's function names).
    public var title: String { parameterValues.isAverage ? "avg_pool2d" : "max_pool2d" }
    /// Output cells; 0 while invalid.
    public var stepCount: Int { computation?.stepCount ?? 0 }
    /// One output row.
    public var stepsPerRow: Int { computation?.geometry.outputSize.width ?? 1 }

    /// Mode, input, kernel, stride, padding, dilation (max) or count_include_pad (avg), ceil_mode;
    /// for adaptive pooling: mode, input, output_size.
    public var parameters: [SceneParameter] {
        let p = parameterValues
        func pair(_ a: Int, _ b: Int) -> String { a == b ? "\(a)" : "\(a),\(b)" }
        let mode = SceneParameter("mode", p.isAverage ? "avg" : "max")
        let input = SceneParameter("input", "\(p.inputHeight)x\(p.inputWidth)")
        if let size = p.adaptiveOutputSize, size.count == 2 {
            return [mode, input, SceneParameter("output_size", "\(size[0])x\(size[1])")]
        }
        return [
            mode, input,
            SceneParameter("kernel", "\(p.kernelHeight)x\(p.kernelWidth)"),
            SceneParameter("stride", pair(p.strideHeight, p.strideWidth)),
            SceneParameter("padding", pair(p.paddingHeight, p.paddingWidth)),
            p.isAverage ? SceneParameter("count_include_pad", p.countIncludePad ? "on" : "off")
                        : SceneParameter("dilation", pair(p.dilationHeight, p.dilationWidth)),
            SceneParameter("ceil_mode", p.ceilMode ? "on" : "off"),
        ]
    }

    /// Changes parameter `index` (see ``parameters``) by `delta` (mode and the on/off ones toggle)
    /// and recomputes; an invalid combination becomes ``errorMessage``.
    public mutating func adjust(parameter index: Int, by delta: Int) {
        var p = parameterValues
        func bump(_ v: inout Int, min lower: Int, max upper: Int) { v = min(upper, max(lower, v + delta)) }
        if var size = p.adaptiveOutputSize, size.count == 2 {
            switch index {
            case 0: p.isAverage.toggle()
            case 1: bump(&p.inputHeight, min: 1, max: 256); bump(&p.inputWidth, min: 1, max: 256)
            case 2:
                bump(&size[0], min: 1, max: 256); bump(&size[1], min: 1, max: 256)
                p.adaptiveOutputSize = size
            default: return
            }
        } else {
            switch index {
            case 0: p.isAverage.toggle()
            case 1: bump(&p.inputHeight, min: 1, max: 256); bump(&p.inputWidth, min: 1, max: 256)
            case 2: bump(&p.kernelHeight, min: 1, max: 32); bump(&p.kernelWidth, min: 1, max: 32)
            case 3: bump(&p.strideHeight, min: 1, max: 32); bump(&p.strideWidth, min: 1, max: 32)
            case 4: bump(&p.paddingHeight, min: 0, max: 16); bump(&p.paddingWidth, min: 0, max: 16)
            case 5:
                if p.isAverage { p.countIncludePad.toggle() } else {
                    bump(&p.dilationHeight, min: 1, max: 16); bump(&p.dilationWidth, min: 1, max: 16)
                }
            case 6: p.ceilMode.toggle()
            default: return
            }
        }
        parameterValues = p
        recompute()
    }

    /// Draws the ``PoolStepDiagram`` of the current step.
    public func draw(into canvas: inout Canvas, area: Rect, glyphs: GlyphSet) {
        guard let computation, step >= 1 else { return }
        PoolStepDiagram(computation: computation, step: step).draw(into: &canvas, area: area)
    }
}
