import ConvCore
import ConvDiagrams

/// The activations scene: ReLU, sigmoid and tanh with their derivatives, the vanishing gradient
/// of a chain of n sigmoids (at most 0.25^n) against ReLU's 1, and ReLU applied to a feature map
/// one value per step.
///
/// Parameter (Tab, +/-): n, the length of the chain (1...64).
public struct ActivationScene: Scene {
    /// The feature map ReLU is applied to, 1 x 1 x H x W.
    public let map: Tensor
    /// ReLU of ``map``.
    public let rectified: Tensor
    /// The chain of sigmoids.
    public private(set) var chain: ActivationChain
    public var errorMessage: String? { nil }
    public var step: Int {
        didSet { step = min(max(1, step), stepCount) }
    }

    /// A small map with both signs, as a convolution's output has.
    public static let defaultMap: Tensor =
        (try? Tensor(shape: [1, 1, 4, 4], data: [3, -1, 0, -4, -2, 5, -3, 1, 0, -6, 2, -1, 4, -2, -5, 7])) ?? Tensor.zero

    /// - Parameters:
    ///   - length: n, clamped to 1...64.
    ///   - map: 1 x 1 x H x W (another shape falls back to ``defaultMap``).
    public init(length: Int = 5, map: Tensor = ActivationScene.defaultMap, step: Int = 1) {
        let usable = map.rank == 4 && map.shape[0] == 1 && map.shape[1] == 1 && !map.data.isEmpty
        self.map = usable ? map : Self.defaultMap
        rectified = Activation.relu.apply(to: self.map)
        chain = ActivationChain(.sigmoid, clampedLength: length)
        self.step = min(max(1, step), self.map.data.count)
    }

    public var title: String { "activations" }
    public var stepCount: Int { map.data.count }
    public var stepsPerRow: Int { map.shape[3] }

    public var parameters: [SceneParameter] {
        [SceneParameter("sigmoids n", "\(chain.length)")]
    }

    public mutating func adjust(parameter index: Int, by delta: Int) {
        guard index == 0 else { return }
        chain = ActivationChain(.sigmoid, clampedLength: chain.length + delta)
    }

    /// ``ActivationJSON``: the chain, the map and its ReLU.
    public func json() -> String? { ActivationJSON.render(chain: chain, map: map, rectified: rectified) }

    public func draw(into canvas: inout Canvas, area: Rect, glyphs: GlyphSet) {
        ActivationDiagram(chain: chain, map: map, rectified: rectified, step: step, glyphs: glyphs).draw(into: &canvas, area: area)
    }
}
