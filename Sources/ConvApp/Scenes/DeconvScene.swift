import ConvCore
import ConvDiagrams

/// The parameters of the transposed-convolution scene, as the command line and lessons give
/// them. Sizes are (height, width) pairs; tensors given as sources are tiled to the requested
/// shapes (see ``ConvCore/Tensor/tiled(to:)``).
///
/// The default is conv_arithmetic's `padding_strides_odd_transposed` (Dumoulin & Visin 2016,
/// figure 4.7): i' = 3, k = 3, s = 2, p = 1, output_padding 1 -> o' = 6, which shows inserted
/// zeros, border padding and the output_padding row and column at once.
public struct DeconvSceneParameters: Equatable, Sendable {
    /// i' per axis.
    public var inputHeight = 3, inputWidth = 3
    /// k per axis.
    public var kernelHeight = 3, kernelWidth = 3
    /// s per axis.
    public var strideHeight = 2, strideWidth = 2
    /// p per axis (cropped from each end of the scatter output).
    public var paddingHeight = 1, paddingWidth = 1
    /// output_padding per axis (added at the bottom/right).
    public var outputPaddingHeight = 1, outputPaddingWidth = 1
    /// d per axis.
    public var dilationHeight = 1, dilationWidth = 1
    /// Channel groups.
    public var groups = 1
    /// C_in and C_out.
    public var inputChannels = 1, outputChannels = 1
    /// The input values: a (1, C0, H0, W0) tensor tiled over the input shape. Default: the numeric
    /// example of Dumoulin & Visin 2016 (as the conv scene).
    public var inputSource: Tensor = ConvSceneParameters.paperInput
    /// The whole (N, C, H, W) input of a `--from` case with N > 1; nil otherwise. The step-through
    /// shows item ``batchIndex`` of it; the JSON computes every item.
    public var batchInput: Tensor?
    /// The batch item the step-through shows (0-based, 0...N-1).
    public var batchIndex = 0
    /// The kernel values: a (C0, F0, kh0, kw0) tensor tiled over the weight shape
    /// (C_in, C_out/groups, kH, kW). Default: the paper's 3 x 3 kernel.
    public var weightSource: Tensor = ConvSceneParameters.paperKernel
    /// Optional bias (F0), tiled over the output channels.
    public var biasSource: Tensor?
    /// A line shown above the picture (what a preset is); nil for none.
    public var note: String?
    /// Start zoomed out (block maps instead of numbers).
    public var zoomed = false

    /// The default parameters (conv_arithmetic's `padding_strides_odd_transposed`).
    public init() {}

    /// The largest step-through: at most this many values in the input, weight, stretched input
    /// and output (each).
    public static let maximumValues = 1 << 22

    /// The largest step-through's work: at most this many multiply-adds
    /// (N·C_in·H·W·(C_out/groups)·kH·kW).
    public static let maximumWork = 1 << 26

    /// FCN-32s's upsampling layer (Long, Shelhamer & Darrell, "Fully Convolutional Networks for
    /// Semantic Segmentation", 2015): a transposed convolution with kernel 64, stride 32 and
    /// padding 16 (so the output is exactly 32 times the map; the released Caffe model uses
    /// padding 0 and crops the output instead), initialised to bilinear interpolation, on a small
    /// one-channel score map of `mapSize` x `mapSize`, shown zoomed out.
    public static func fcn32s(mapSize: Int = 3) -> DeconvSceneParameters {
        var p = DeconvSceneParameters()
        (p.inputHeight, p.inputWidth) = (mapSize, mapSize)
        (p.kernelHeight, p.kernelWidth) = (64, 64)
        (p.strideHeight, p.strideWidth) = (32, 32)
        (p.paddingHeight, p.paddingWidth) = (16, 16)
        (p.outputPaddingHeight, p.outputPaddingWidth) = (0, 0)
        p.weightSource = Tensor.bilinearUpsamplingKernel(size: 64)
        p.note = "FCN-32s upsampling (Long et al. 2015): k64 s32 p16, bilinear kernel; output = 32 x the map"
        p.zoomed = true
        return p
    }

    /// The validated geometry these parameters describe.
    /// - Throws: ``ConvTransposeError`` for an invalid geometry (output_padding breaking PyTorch's
    ///   rule, an output below 1, ...), or ``ConvTransposeError/invalid(_:)`` when a tensor of the
    ///   step-through would hold more than ``maximumValues`` values or the operation would take
    ///   more than ``maximumWork`` multiply-adds.
    public func geometry() throws(ConvTransposeError) -> ConvTranspose2dGeometry {
        let g = try ConvTranspose2dGeometry(inputChannels: inputChannels, outputChannels: outputChannels, groups: groups,
                                            inputSize: (inputHeight, inputWidth), kernelSize: (kernelHeight, kernelWidth),
                                            stride: (strideHeight, strideWidth), padding: (paddingHeight, paddingWidth),
                                            outputPadding: (outputPaddingHeight, outputPaddingWidth),
                                            dilation: (dilationHeight, dilationWidth))
        for (name, shape) in [("input", g.inputShape), ("weight", g.weightShape), ("output", g.outputShape),
                              ("stretched input", g.directInputShape)] where shape.reduce(1, *) > Self.maximumValues {
            throw .invalid(.shapeMismatch("\(name) \(Tensor.describe(shape)) is too large for a step-through (at most 4,194,304 values)"))
        }
        // The scatter computation's multiply-adds: every input cell stamps every tap onto C_out/groups channels.
        let work = g.inputCellCount.multipliedReportingOverflow(by: g.weightShape[1] * g.height.kernelSize * g.width.kernelSize)
        guard !work.overflow, work.partialValue <= Self.maximumWork else {
            throw .invalid(.shapeMismatch("input \(Tensor.describe(g.inputShape)) with kernel \(g.height.kernelSize)x\(g.width.kernelSize) needs more than 67,108,864 multiply-adds, too many for a step-through"))
        }
        return g
    }

    /// Runs the transposed convolution these parameters describe: on batch item ``batchIndex`` of
    /// ``batchInput`` when there is one, or with `wholeBatch` on all of it.
    /// - Throws: the errors of ``geometry()``, and ``ConvTransposeError/invalid(_:)`` when the
    ///   value sources cannot be tiled or the batch index is outside 0...N-1.
    public func computation(wholeBatch: Bool = false) throws(ConvTransposeError) -> ConvTransposeComputation {
        let g = try geometry()
        let input: Tensor, weight: Tensor, bias: Tensor?
        do throws(ConvError) {
            if let batchInput {
                input = wholeBatch ? batchInput : try batchInput.batchItem(batchIndex)
            } else {
                input = try inputSource.tiled(to: g.inputShape)
            }
            weight = try weightSource.tiled(to: g.weightShape)
            bias = try biasSource.map { (b) throws(ConvError) in try b.tiled(to: [outputChannels]) }
        } catch {
            throw .invalid(error)
        }
        return try ConvTransposeComputation(input: input, weight: weight, bias: bias, stride: (strideHeight, strideWidth),
                                            padding: (paddingHeight, paddingWidth),
                                            outputPadding: (outputPaddingHeight, outputPaddingWidth),
                                            dilation: (dilationHeight, dilationWidth), groups: groups)
    }
}

/// The transposed-convolution step-through scene: the direct-convolution view (stretched input,
/// flipped kernel, output filling in) and, toggled with `t`, the scatter view (each input cell
/// stamping the scaled kernel, with running sums). `z` zooms out to block maps; `c` picks the
/// channel shown.
public typealias DeconvScene = ModelScene<DeconvModel>

/// The transposed-convolution scene as a model.
public enum DeconvModel: SceneModel {
    /// Which view, zoom and channel are shown.
    public struct View: Equatable, Sendable {
        /// Direct or scatter.
        public var view: ConvTransposeStepDiagram.View = .direct
        /// Block maps instead of numbers.
        public var zoomed = false
        /// The channel shown (input channel in the direct view, output channel in the scatter view).
        public var channel = 0
        /// A view of the given kind and zoom, at channel 0.
        public init(view: ConvTransposeStepDiagram.View = .direct, zoomed: Bool = false) {
            self.view = view
            self.zoomed = zoomed
        }
    }

    /// "conv_transpose2d".
    /// "conv_transpose2d", with the batch item shown when the case has a batch.
    public static func title(_ options: DeconvSceneParameters) -> String {
        "conv_transpose2d" + batchTitle(options.batchInput, options.batchIndex)
    }
    /// See ``DeconvSceneParameters/computation()``.
    public static func compute(_ options: DeconvSceneParameters) throws -> ConvTransposeComputation { try options.computation() }
    /// The direct view, zoomed as the parameters say.
    public static func initialView(_ options: DeconvSceneParameters) -> View { View(zoomed: options.zoomed) }
    /// Output cells (direct view) or input cells (scatter view).
    public static func stepCount(_ result: ConvTransposeComputation, view: View) -> Int {
        view.view == .direct ? result.directStepCount : result.scatterStepCount
    }
    /// One output row (direct view) or one input row (scatter view).
    public static func stepsPerRow(_ result: ConvTransposeComputation, view: View, step: Int) -> Int {
        view.view == .direct ? result.geometry.width.outputSize : result.geometry.width.inputSize
    }

    /// input, kernel, stride, padding, output_padding, dilation.
    public static func controls(_ p: DeconvSceneParameters) -> [Control<DeconvSceneParameters>] {
        [
            .pair("input", \.inputHeight, \.inputWidth, 1...256, asSize: true),
            .pair("kernel", \.kernelHeight, \.kernelWidth, 1...64, asSize: true),
            .pair("stride", \.strideHeight, \.strideWidth, 1...32),
            .pair("padding", \.paddingHeight, \.paddingWidth, 0...64),
            .pair("output_padding", \.outputPaddingHeight, \.outputPaddingWidth, 0...32),
            .pair("dilation", \.dilationHeight, \.dilationWidth, 1...16),
        ]
    }

    /// `t` switches between the direct and scatter views (back to step 1), `z` zooms out or in,
    /// `c` (with several channels) shows the next channel. Short meanings: the footer also holds
    /// the generic keys in 100 columns.
    public static func keys(_ result: ConvTransposeComputation, options: Options, view: View) -> [SceneKey<DeconvModel>] {
        let g = result.geometry
        let channels = g.inputChannels > 1 || g.outputChannels > 1
        var keys: [SceneKey<DeconvModel>] = [
            SceneKey([.character("t")], "t", (view.view == .direct ? "scatter" : "direct") + (channels ? "" : " view")) { _, v, step in
                v.view = v.view == .direct ? .scatter : .direct
                step = 1
                return true
            },
            SceneKey([.character("z")], "z", "zoom") { _, v, _ in
                v.zoomed.toggle()
                return true
            },
        ]
        if channels {
            keys.append(SceneKey([.character("c")], "c", "ch") { r, v, _ in
                let g = r.geometry
                let count = v.view == .direct ? g.inputChannels / g.groups : g.outputChannels / g.groups
                v.channel = count > 0 ? (v.channel + 1) % count : 0
                return true
            })
        }
        return keys
    }

    /// Draws the ``ConvTransposeStepDiagram`` of the current view and step.
    public static func draw(_ result: ConvTransposeComputation, options: DeconvSceneParameters, view: View, step: Int,
                            into canvas: inout Canvas, area: Rect, glyphs: GlyphSet) {
        ConvTransposeStepDiagram(computation: result, view: view.view, step: step, channel: view.channel, zoomed: view.zoomed,
                                 note: options.note, glyphs: glyphs)
            .draw(into: &canvas, area: area)
    }

    /// ``ConvTransposeJSON``.
    public static func json(_ result: ConvTransposeComputation, options: DeconvSceneParameters, step: Int) -> String {
        guard options.batchInput != nil, let whole = try? options.computation(wholeBatch: true) else {
            return ConvTransposeJSON.render(result)
        }
        return ConvTransposeJSON.render(whole)
    }
}

extension ModelScene where M == DeconvModel {
    /// The scene of `parameters` in `view` at `step`.
    public init(parameters: DeconvSceneParameters, view: ConvTransposeStepDiagram.View = .direct, step: Int = 1) {
        self.init(parameters, view: DeconvModel.View(view: view, zoomed: parameters.zoomed), step: step)
    }
    /// The computation, nil while the parameters are invalid.
    public var computation: ConvTransposeComputation? { result }
}
