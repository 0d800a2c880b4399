import ConvCore
import ConvDiagrams

/// The 1 x 1 convolution scene: reducing C channels to R before a 3 x 3 convolution to F
/// channels, against the 3 x 3 convolution alone, with parameters and multiply-adds from the core.
///
/// Parameters (Tab, +/-): in channels C, reduced channels R and out channels F (each doubled or
/// halved, 1...4096), and the map side (1...1024). Three steps: the direct 3 x 3, the 1 x 1
/// reduction, the 3 x 3 after it with the totals.
public struct Conv1x1Scene: Scene {
    /// C, R, F.
    public private(set) var inputChannels: Int, reducedChannels: Int, outputChannels: Int
    /// The map, H x W.
    public private(set) var height: Int, width: Int
    /// The two paths, or nil while invalid.
    public private(set) var reduction: OneByOneReduction?
    public private(set) var errorMessage: String?
    public var step: Int {
        didSet { step = min(max(1, step), Conv1x1Diagram.stepCount) }
    }

    /// The largest channel count offered: 4096.
    public static let maximumChannels = 4096
    /// The largest map side offered: 1024.
    public static let maximumSide = 1024

    /// Values outside the ranges are clamped.
    public init(inputChannels: Int = 128, reducedChannels: Int = 32, outputChannels: Int? = nil,
                height: Int = 28, width: Int = 28, step: Int = 1) {
        func channels(_ v: Int) -> Int { min(Self.maximumChannels, max(1, v)) }
        self.inputChannels = channels(inputChannels)
        self.reducedChannels = channels(reducedChannels)
        self.outputChannels = channels(outputChannels ?? inputChannels)
        self.height = min(Self.maximumSide, max(1, height))
        self.width = min(Self.maximumSide, max(1, width))
        self.step = min(max(1, step), Conv1x1Diagram.stepCount)
        recompute()
    }

    mutating func recompute() {
        do {
            reduction = try OneByOneReduction(inputChannels: inputChannels, reducedChannels: reducedChannels,
                                              outputChannels: outputChannels, height: height, width: width)
            errorMessage = nil
        } catch {
            reduction = nil
            errorMessage = error.description
        }
    }

    public var title: String { "conv1x1" }
    public var stepName: String { "stage" }
    public var footerKeys: String { "n/p stage  Tab focus  +/- change (channels double or halve)" }
    public var stepCount: Int { reduction == nil ? 0 : Conv1x1Diagram.stepCount }

    public var parameters: [SceneParameter] {
        [
            SceneParameter("in", "\(inputChannels)"),
            SceneParameter("reduce to", "\(reducedChannels)"),
            SceneParameter("out", "\(outputChannels)"),
            SceneParameter("map", "\(height)x\(width)"),
        ]
    }

    public mutating func adjust(parameter index: Int, by delta: Int) {
        func scaled(_ v: Int) -> Int { min(Self.maximumChannels, max(1, delta > 0 ? v * 2 : v / 2)) }
        switch index {
        case 0: inputChannels = scaled(inputChannels)
        case 1: reducedChannels = scaled(reducedChannels)
        case 2: outputChannels = scaled(outputChannels)
        case 3:
            height = min(Self.maximumSide, max(1, height + delta))
            width = min(Self.maximumSide, max(1, width + delta))
        default: return
        }
        recompute()
    }

    public func draw(into canvas: inout Canvas, area: Rect, glyphs: GlyphSet) {
        guard let reduction else { return }
        Conv1x1Diagram(reduction: reduction, step: step, glyphs: glyphs).draw(into: &canvas, area: area)
    }
}
