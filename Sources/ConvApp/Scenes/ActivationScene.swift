import ConvCore
import ConvDiagrams

/// The activations scene: ReLU, sigmoid and tanh with their derivatives, the vanishing gradient
/// of a chain of n sigmoids (at most 0.25^n) against ReLU's 1, and ReLU applied to a feature map
/// one value per step.
///
/// Parameter (Tab, +/-): n, the length of the chain (1...64).
public typealias ActivationScene = ModelScene<ActivationModel>

/// The options of the activations scene.
public struct ActivationOptions: Equatable, Sendable {
    /// n, the length of the sigmoid chain (1...``ActivationChain/maximumLength``).
    public var length = 5
    /// The feature map ReLU is applied to, 1 x 1 x H x W.
    public var map = ActivationModel.defaultMap
    /// The default: five sigmoids and ``ActivationModel/defaultMap``.
    public init() {}
}

/// The activations scene as a model.
public enum ActivationModel: SceneModel {
    /// What the frames show: the chain, the map and its ReLU.
    public struct Result: Sendable {
        /// The chain of `length` sigmoids.
        public let chain: ActivationChain
        /// The map, 1 x 1 x H x W.
        public let map: Tensor
        /// ReLU of ``map`` (same shape).
        public let rectified: Tensor
    }

    /// A small map with both signs, as a convolution's output has.
    public static let defaultMap: Tensor =
        (try? Tensor(shape: [1, 1, 4, 4], data: [3, -1, 0, -4, -2, 5, -3, 1, 0, -6, 2, -1, 4, -2, -5, 7])) ?? Tensor.zero

    /// "activations".
    public static func title(_ options: ActivationOptions) -> String { "activations" }

    /// The chain (length clamped to 1...64) and ReLU of the map; a map that is not
    /// 1 x 1 x H x W falls back to ``defaultMap``.
    public static func compute(_ o: ActivationOptions) -> Result {
        let usable = o.map.rank == 4 && o.map.shape[0] == 1 && o.map.shape[1] == 1 && !o.map.data.isEmpty
        let map = usable ? o.map : defaultMap
        return Result(chain: ActivationChain(.sigmoid, clampedLength: o.length), map: map,
                      rectified: Activation.relu.apply(to: map))
    }

    /// One step per map value.
    public static func stepCount(_ result: Result, view: NoViewState) -> Int { result.map.data.count }
    /// A map row.
    public static func stepsPerRow(_ result: Result, view: NoViewState, step: Int) -> Int { result.map.shape[3] }

    /// n, the chain's length.
    public static func controls(_ o: ActivationOptions) -> [Control<ActivationOptions>] {
        [.int("sigmoids n", \.length, 1...ActivationChain.maximumLength)]
    }

    /// ``ActivationDiagram``.
    public static func draw(_ r: Result, options: ActivationOptions, view: NoViewState, step: Int,
                            into canvas: inout Canvas, area: Rect, glyphs: GlyphSet) {
        ActivationDiagram(chain: r.chain, map: r.map, rectified: r.rectified, step: step, glyphs: glyphs)
            .draw(into: &canvas, area: area)
    }

    /// ``ActivationJSON``: the chain, the map and its ReLU.
    public static func json(_ r: Result, options: ActivationOptions, step: Int) -> String {
        ActivationJSON.render(chain: r.chain, map: r.map, rectified: r.rectified)
    }
}

extension ModelScene where M == ActivationModel {
    /// A small map with both signs (``ActivationModel/defaultMap``).
    public static var defaultMap: Tensor { ActivationModel.defaultMap }

    /// - Parameters:
    ///   - length: n, clamped to 1...64.
    ///   - map: 1 x 1 x H x W (another shape falls back to ``ActivationModel/defaultMap``).
    public init(length: Int = 5, map: Tensor = ActivationModel.defaultMap, step: Int = 1) {
        var o = ActivationOptions()
        o.length = clamp(length, 1...ActivationChain.maximumLength)
        o.map = map
        self.init(o, step: step)
    }
}
