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

    /// `source` repeated over `shape` (index i of each axis reads i mod the source extent).
    /// - Throws: ``ConvError/shapeMismatch(_:)`` for ranks other than 4 or an empty source.
    public static func tile(_ source: Tensor, to shape: [Int]) throws(ConvError) -> Tensor {
        guard source.rank == shape.count, !source.data.isEmpty, !source.shape.contains(0) else {
            throw .shapeMismatch("cannot tile values of shape \(Tensor.describe(source.shape)) to \(Tensor.describe(shape))")
        }
        if source.shape == shape { return source }
        var out = try Tensor(zeros: shape)
        if shape.count == 1 {
            for i in 0..<shape[0] { out.data[i] = source.data[i % source.shape[0]] }
            return out
        }
        guard shape.count == 4 else { throw .shapeMismatch("cannot tile rank \(shape.count)") }
        let s = source.shape
        var i = 0
        for a in 0..<shape[0] { for b in 0..<shape[1] { for c in 0..<shape[2] { for d in 0..<shape[3] {
            out.data[i] = source[a % s[0], b % s[1], c % s[2], d % s[3]]
            i += 1
        } } } }
        return out
    }

    /// Runs the convolution these parameters describe.
    /// - Throws: ``ConvError`` for an invalid geometry (kernel larger than the padded input, ...).
    public func computation() throws(ConvError) -> ConvComputation {
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
        let input = try Self.tile(inputSource, to: geometry.inputShape)
        let weight = try Self.tile(weightSource, to: geometry.weightShape)
        let bias = try biasSource.map { (b) throws(ConvError) in try Self.tile(b, to: [outputChannels]) }
        return try ConvComputation(input: input, weight: weight, bias: bias, stride: (strideHeight, strideWidth),
                                   padding: (paddingHeight, paddingWidth), dilation: (dilationHeight, dilationWidth),
                                   groups: groups)
    }
}

/// The convolution step-through scene: parameters under focus, the computation, the step.
public struct ConvScene: Scene {
    public private(set) var parameterValues: ConvSceneParameters
    public private(set) var computation: ConvComputation?
    public private(set) var errorMessage: String?
    public var step: Int {
        didSet { step = stepCount == 0 ? 0 : min(max(1, step), stepCount) }
    }
    /// The input channel shown in the grids (cycled with `c`).
    public private(set) var inputChannel = 0

    /// Builds the scene; an invalid configuration becomes ``errorMessage``.
    public init(parameters: ConvSceneParameters, step: Int = 1) {
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

    public var title: String { "conv2d" }
    public var stepCount: Int { computation?.stepCount ?? 0 }
    public var stepsPerRow: Int { computation?.geometry.width.outputSize ?? 1 }

    public var parameters: [SceneParameter] {
        let p = parameterValues
        func pair(_ a: Int, _ b: Int) -> String { a == b ? "\(a)" : "\(a),\(b)" }
        func size(_ a: Int, _ b: Int) -> String { "\(a)x\(b)" }
        let pad = p.paddingHeight == p.paddingWidth ? p.paddingHeight.description : "\(p.paddingHeight),\(p.paddingWidth)"
        return [
            SceneParameter("input", size(p.inputHeight, p.inputWidth)),
            SceneParameter("kernel", size(p.kernelHeight, p.kernelWidth)),
            SceneParameter("stride", pair(p.strideHeight, p.strideWidth)),
            SceneParameter("padding", pad),
            SceneParameter("dilation", pair(p.dilationHeight, p.dilationWidth)),
        ]
    }

    public mutating func adjust(parameter index: Int, by delta: Int) {
        var p = parameterValues
        func bump(_ v: inout Int, min lower: Int, max upper: Int) { v = min(upper, max(lower, v + delta)) }
        func bumpPadding(_ pad: inout Padding, kernel: Int, dilation: Int, stride: Int) {
            let resolved = (try? pad.resolve(kernelSize: kernel, dilation: dilation, stride: stride)) ?? (before: 0, after: 0)
            pad = .explicit(min(64, max(0, resolved.before + delta)))
        }
        switch index {
        case 0: bump(&p.inputHeight, min: 1, max: 256); bump(&p.inputWidth, min: 1, max: 256)
        case 1: bump(&p.kernelHeight, min: 1, max: 32); bump(&p.kernelWidth, min: 1, max: 32)
        case 2: bump(&p.strideHeight, min: 1, max: 16); bump(&p.strideWidth, min: 1, max: 16)
        case 3:
            bumpPadding(&p.paddingHeight, kernel: p.kernelHeight, dilation: p.dilationHeight, stride: p.strideHeight)
            bumpPadding(&p.paddingWidth, kernel: p.kernelWidth, dilation: p.dilationWidth, stride: p.strideWidth)
        case 4: bump(&p.dilationHeight, min: 1, max: 16); bump(&p.dilationWidth, min: 1, max: 16)
        default: return
        }
        parameterValues = p
        recompute()
    }

    public mutating func handle(_ key: Key) -> Bool {
        guard key == .character("c"), let c = computation else { return false }
        inputChannel = (inputChannel + 1) % c.geometry.inputChannels
        return true
    }

    public var sceneBindings: [(String, String)] {
        (computation?.geometry.inputChannels ?? 1) > 1 ? [("c", "next input channel")] : []
    }

    public func draw(into canvas: inout Canvas, area: Rect, glyphs: GlyphSet) {
        guard let computation, step >= 1 else { return }
        ConvStepDiagram(computation: computation, step: step, inputChannel: inputChannel, glyphs: glyphs)
            .draw(into: &canvas, area: area)
    }
}
