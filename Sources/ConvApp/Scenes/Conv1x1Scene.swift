import ConvCore
import ConvDiagrams

/// The 1 x 1 convolution scene: reducing C channels to R before a 3 x 3 convolution to F
/// channels, against the 3 x 3 convolution alone, with parameters and multiply-adds from the core.
///
/// Parameters (Tab, +/-): in channels C, reduced channels R and out channels F (each doubled or
/// halved, 1...4096), and the map side (1...1024). Three steps: the direct 3 x 3, the 1 x 1
/// reduction, the 3 x 3 after it with the totals.
public typealias Conv1x1Scene = ModelScene<Conv1x1Model>

/// The options of the 1 x 1 convolution scene.
public struct Conv1x1Options: Equatable, Sendable {
    /// C, R, F.
    public var inputChannels = 128, reducedChannels = 32, outputChannels = 128
    /// The map, H x W.
    public var height = 28, width = 28
    /// The default: GoogLeNet-style 128 -> 32 -> 128 on a 28 x 28 map.
    public init() {}
}

/// The 1 x 1 convolution scene as a model.
public enum Conv1x1Model: SceneModel {
    /// The largest channel count offered: 4096.
    public static let maximumChannels = 4096
    /// The largest map side offered: 1024.
    public static let maximumSide = 1024

    /// "conv1x1".
    public static func title(_ options: Conv1x1Options) -> String { "conv1x1" }
    /// The two paths (``OneByOneReduction``).
    public static func compute(_ o: Conv1x1Options) throws -> OneByOneReduction {
        try OneByOneReduction(inputChannels: o.inputChannels, reducedChannels: o.reducedChannels,
                              outputChannels: o.outputChannels, height: o.height, width: o.width)
    }
    /// "stage 2/3".
    public static var stepName: String { "stage" }
    /// No playback: three stages.
    public static var footerKeys: String { "n/p stage  Tab focus  +/- change (channels double or halve)" }
    /// Three stages.
    public static func stepCount(_ result: OneByOneReduction, view: NoViewState) -> Int { Conv1x1Diagram.stepCount }

    /// in, reduce to, out (doubling), map.
    public static func controls(_ p: Conv1x1Options) -> [Control<Conv1x1Options>] {
        [
            .doubling("in", \.inputChannels, 1...maximumChannels),
            .doubling("reduce to", \.reducedChannels, 1...maximumChannels),
            .doubling("out", \.outputChannels, 1...maximumChannels),
            .pair("map", \.height, \.width, 1...maximumSide, asSize: true),
        ]
    }

    /// Draws ``Conv1x1Diagram`` for `step`.
    public static func draw(_ result: OneByOneReduction, options: Conv1x1Options, view: NoViewState, step: Int,
                            into canvas: inout Canvas, area: Rect, glyphs: GlyphSet) {
        Conv1x1Diagram(reduction: result, step: step, glyphs: glyphs).draw(into: &canvas, area: area)
    }

    /// ``Conv1x1JSON``.
    public static func json(_ result: OneByOneReduction, options: Conv1x1Options, step: Int) -> String {
        Conv1x1JSON.render(result)
    }
}

extension ModelScene where M == Conv1x1Model {
    /// The largest channel count offered: 4096.
    public static var maximumChannels: Int { Conv1x1Model.maximumChannels }
    /// The largest map side offered: 1024.
    public static var maximumSide: Int { Conv1x1Model.maximumSide }

    /// The scene of C -> R -> F channels on an H x W map; values outside the ranges are clamped.
    public init(inputChannels: Int = 128, reducedChannels: Int = 32, outputChannels: Int? = nil,
                height: Int = 28, width: Int = 28, step: Int = 1) {
        var o = Conv1x1Options()
        o.inputChannels = clamp(inputChannels, 1...Conv1x1Model.maximumChannels)
        o.reducedChannels = clamp(reducedChannels, 1...Conv1x1Model.maximumChannels)
        o.outputChannels = clamp(outputChannels ?? inputChannels, 1...Conv1x1Model.maximumChannels)
        o.height = clamp(height, 1...Conv1x1Model.maximumSide)
        o.width = clamp(width, 1...Conv1x1Model.maximumSide)
        self.init(o, step: step)
    }
    /// The two paths, or nil while invalid.
    public var reduction: OneByOneReduction? { result }
    /// C.
    public var inputChannels: Int { options.inputChannels }
    /// R.
    public var reducedChannels: Int { options.reducedChannels }
    /// F.
    public var outputChannels: Int { options.outputChannels }
}
