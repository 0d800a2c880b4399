import ConvCore
import ConvDiagrams

/// The parameters of the convolution scene, as the command line and lessons give them.
/// Sizes are (height, width) pairs; tensors given as sources are tiled to the requested shapes.
public struct ConvSceneParameters: Equatable, Sendable {
    public var inputHeight = 5, inputWidth = 5
    public var kernelHeight = 3, kernelWidth = 3
    public var strideHeight = 1, strideWidth = 1
    public var paddingHeight: Padding = .explicit(0), paddingWidth: Padding = .explicit(0)
    public var dilationHeight = 1, dilationWidth = 1
    public var groups = 1
    public var inputChannels = 1
    public var outputChannels = 1
    /// The input values: a (1, C0, H0, W0) tensor tiled over the requested input shape.
    /// Default: the numeric example of Dumoulin & Visin 2016 (figure 1.1) and, as a second
    /// channel, the same numbers reversed.
    public var inputSource: Tensor = ConvSceneParameters.paperInput
    /// The kernel values: a (F0, C0, kh0, kw0) tensor tiled over the weight shape. Default: the
    /// paper's kernel and its transpose.
    public var weightSource: Tensor = ConvSceneParameters.paperKernel
    /// Optional bias (F0), tiled over the output channels.
    public var biasSource: Tensor?
    /// The whole (N, C, H, W) input of a `--from` case with N > 1; nil otherwise. The step-through
    /// shows item ``batchIndex`` of it; the JSON computes every item.
    public var batchInput: Tensor?
    /// The batch item the step-through shows (0-based, 0...N-1).
    public var batchIndex = 0

    public init() {}

    /// The most values an input or weight of the scene may hold (2^22).
    public static let maximumValues = 1 << 22
    /// The most multiply-adds the scene computes (2^26, about 67 million: well under a second).
    public static let maximumMultiplyAdds = 1 << 26

    /// Dumoulin & Visin 2016, figure 1.1: the 5 x 5 input, and its reverse as channel 1.
    public static let paperInput: Tensor = {
        let a: [Float] = [3, 3, 2, 1, 0, 0, 0, 1, 3, 1, 3, 1, 2, 2, 3, 2, 0, 0, 2, 2, 2, 0, 0, 0, 1]
        return (try? Tensor(shape: [1, 2, 5, 5], data: a + a.reversed())) ?? Tensor.zero
    }()

    /// Dumoulin & Visin 2016, figure 1.1: the 3 x 3 kernel, and its transpose as filter 1.
    public static let paperKernel: Tensor = {
        let k: [Float] = [0, 1, 2, 2, 2, 0, 0, 1, 2]
        let t: [Float] = [0, 2, 0, 1, 2, 1, 2, 0, 2]
        return (try? Tensor(shape: [2, 1, 3, 3], data: k + t)) ?? Tensor.zero
    }()

    /// Runs the convolution these parameters describe: on batch item ``batchIndex`` of
    /// ``batchInput`` when there is one, or with `wholeBatch` on all of it.
    /// - Throws: ``ConvError`` for an invalid geometry (kernel larger than the padded input, ...)
    ///   or a batch index outside 0...N-1.
    public func computation(wholeBatch: Bool = false) throws(ConvError) -> ConvComputation {
        let geometry = try Conv2dGeometry(inputChannels: inputChannels, outputChannels: outputChannels, groups: groups,
                                          inputSize: (inputHeight, inputWidth), kernelSize: (kernelHeight, kernelWidth),
                                          stride: (strideHeight, strideWidth), padding: (paddingHeight, paddingWidth),
                                          dilation: (dilationHeight, dilationWidth))
        let limit = ConvSceneParameters.maximumValues
        guard geometry.inputShape.reduce(1, *) <= limit else {
            throw .shapeMismatch("input \(Tensor.describe(geometry.inputShape)) has \(geometry.inputShape.reduce(1, *)) values; a step-through allows at most \(limit) (e.g. 2048 x 2048 x 1)")
        }
        guard geometry.weightShape.reduce(1, *) <= limit else {
            throw .shapeMismatch("weight \(Tensor.describe(geometry.weightShape)) has \(geometry.weightShape.reduce(1, *)) values; a step-through allows at most \(limit)")
        }
        let multiplyAdds = geometry.multiplyAdds(bias: false)
        guard multiplyAdds <= ConvSceneParameters.maximumMultiplyAdds else {
            throw .shapeMismatch("this convolution needs \(multiplyAdds) multiply-adds; a step-through allows at most \(ConvSceneParameters.maximumMultiplyAdds) (make the input, kernel or channel counts smaller)")
        }
        let input: Tensor
        if let batchInput {
            input = wholeBatch ? batchInput : try batchInput.batchItem(batchIndex)
        } else {
            input = try inputSource.tiled(to: geometry.inputShape)
        }
        let weight = try weightSource.tiled(to: geometry.weightShape)
        let bias = try biasSource.map { (b) throws(ConvError) in try b.tiled(to: [outputChannels]) }
        return try ConvComputation(input: input, weight: weight, bias: bias, stride: (strideHeight, strideWidth),
                                   padding: (paddingHeight, paddingWidth), dilation: (dilationHeight, dilationWidth),
                                   groups: groups)
    }
}

/// The convolution step-through scene: the window over the padded input, the kernel, the
/// output filling in, and the sum of the current cell.
public typealias ConvScene = ModelScene<ConvModel>

/// The convolution scene as a model: Tab and +/- change the input size, kernel, stride,
/// padding and dilation; `c` shows the next input channel.
public enum ConvModel: SceneModel {
    /// What the frames need: the computation and the cell width of its numbers (measured once
    /// per computation, not per frame).
    public struct Result: Sendable {
        /// The convolution and its trace.
        public var computation: ConvComputation
        /// The cell widths of the grids.
        public var layout: ConvStepDiagram.Layout
    }
    /// The input channel shown in the grids.
    public struct View: Equatable, Sendable {
        /// 0-based input channel (cycled with `c`).
        public var inputChannel = 0
    }

    /// "conv2d".
    /// "conv2d", with the batch item shown when the case has a batch.
    public static func title(_ options: ConvSceneParameters) -> String {
        "conv2d" + batchTitle(options.batchInput, options.batchIndex)
    }
    /// See ``ConvSceneParameters/computation()``.
    public static func compute(_ options: ConvSceneParameters) throws -> Result {
        let c = try options.computation()
        return Result(computation: c, layout: ConvStepDiagram.Layout(c))
    }
    public static func initialView(_ options: ConvSceneParameters) -> View { View() }
    public static func adapt(_ view: inout View, to result: Result) {
        if view.inputChannel >= result.computation.geometry.inputChannels { view.inputChannel = 0 }
    }
    /// Output cells.
    public static func stepCount(_ result: Result, view: View) -> Int { result.computation.stepCount }
    /// One output row.
    public static func stepsPerRow(_ result: Result, view: View, step: Int) -> Int { result.computation.geometry.width.outputSize }

    /// input, kernel, stride, padding, dilation.
    public static func controls(_ p: ConvSceneParameters) -> [Control<ConvSceneParameters>] {
        [
            .pair("input", \.inputHeight, \.inputWidth, 1...256, asSize: true),
            .pair("kernel", \.kernelHeight, \.kernelWidth, 1...32, asSize: true),
            .pair("stride", \.strideHeight, \.strideWidth, 1...16),
            Control("padding", value: { p in
                p.paddingHeight == p.paddingWidth ? p.paddingHeight.description : "\(p.paddingHeight),\(p.paddingWidth)"
            }, adjust: { p, delta in
                func bump(_ pad: Padding, kernel: Int, dilation: Int, stride: Int) -> Padding {
                    let resolved = (try? pad.resolve(kernelSize: kernel, dilation: dilation, stride: stride)) ?? (before: 0, after: 0)
                    return .explicit(clamp(resolved.before + delta, 0...64))
                }
                p.paddingHeight = bump(p.paddingHeight, kernel: p.kernelHeight, dilation: p.dilationHeight, stride: p.strideHeight)
                p.paddingWidth = bump(p.paddingWidth, kernel: p.kernelWidth, dilation: p.dilationWidth, stride: p.strideWidth)
            }),
            .pair("dilation", \.dilationHeight, \.dilationWidth, 1...16),
        ]
    }

    /// `c` (with several input channels): the next input channel.
    public static func keys(_ result: Result, options: Options, view: View) -> [SceneKey<ConvModel>] {
        guard result.computation.geometry.inputChannels > 1 else { return [] }
        return [SceneKey([.character("c")], "c", "next input channel") { r, view, _ in
            view.inputChannel = (view.inputChannel + 1) % r.computation.geometry.inputChannels
            return true
        }]
    }

    /// Draws the ``ConvStepDiagram`` of `step`.
    public static func draw(_ result: Result, options: ConvSceneParameters, view: View, step: Int,
                            into canvas: inout Canvas, area: Rect, glyphs: GlyphSet) {
        ConvStepDiagram(computation: result.computation, step: step, inputChannel: view.inputChannel, glyphs: glyphs,
                        layout: result.layout)
            .draw(into: &canvas, area: area)
    }

    /// ``ConvJSON``.
    public static func json(_ result: Result, options: ConvSceneParameters, step: Int) -> String {
        guard options.batchInput != nil, let whole = try? options.computation(wholeBatch: true) else {
            return ConvJSON.render(result.computation)
        }
        return ConvJSON.render(whole)
    }
}

extension ModelScene where M == ConvModel {
    /// The scene of `parameters` at `step`.
    public init(parameters: ConvSceneParameters, step: Int = 1) { self.init(parameters, step: step) }
    /// The computation, nil while the parameters are invalid.
    public var computation: ConvComputation? { result?.computation }
    /// The input channel shown.
    public var inputChannel: Int { view.inputChannel }
}
