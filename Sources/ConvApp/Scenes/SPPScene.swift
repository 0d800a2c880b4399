import ConvCore
import ConvDiagrams

/// The parameters of the spatial pyramid pooling scene, as the command line gives them.
public struct SPPSceneParameters: Equatable, Sendable {
    /// The most values the map may hold (C x H x W): 1,048,576, e.g. 1024 x 1024 x 1 or
    /// 256 x 64 x 64, which a debug build generates and exports as JSON in well under a second.
    public static let maximumValueCount = 1 << 20
    /// The most bins per side of one level (SPP-net's pyramids use at most 6).
    public static let maximumBinCount = 64
    /// The most values the pooled vector may hold (C x the sum of n^2 over the levels).
    public static let maximumVectorLength = 1 << 18
    /// The most map reads one pooling may make (C x, over every bin, the bin's cells; the
    /// adaptive rule's bins overlap, so this can exceed C x H x W per level).
    public static let maximumWork = 1 << 23

    /// H and W of the feature map (default 13 x 13: conv5 of ZF-5 / AlexNet for a 224 input,
    /// the size SPP-net's paper works through).
    public var height = 13, width = 13
    /// C: feature-map channels (256 for conv5 gives the 5,376-value vector).
    public var channels = 1
    /// The bin counts per level (default 4, 2, 1).
    public var levels = SpatialPyramidGeometry.defaultLevels
    /// Adaptive (PyTorch, `spp.json`) or the SPP-net paper's window and stride.
    public var rule = PyramidBinRule.adaptive
    /// The map's values: an (N0, C0, H0, W0) tensor used as it is when its shape is (N, C, H, W)
    /// of this scene, else tiled over (1, C, H, W); nil for the generated pattern
    /// (``generatedValue(channel:row:column:)``).
    public var valueSource: Tensor?

    /// Parameters with the defaults given on each property.
    public init() {}

    /// Level lists +/- cycles through: SPP-net's classification pyramid (4, 2, 1: 21 bins) and
    /// its detection pyramid (6, 3, 2, 1: 50 bins), and smaller ones (He et al. 2014, sections 2.3, 4).
    public static let levelPresets: [[Int]] = [[4, 2, 1], [6, 3, 2, 1], [3, 2, 1], [2, 1], [1]]

    /// A deterministic pattern of whole numbers in -9...9 filling a map when no values are given,
    /// so that every bin's maximum is easy to check by eye.
    public static func generatedValue(channel: Int, row: Int, column: Int) -> Float {
        let mixed = (31 &* column &+ 17 &* row &+ 7 &* channel &+ 3 &* row &* column) & 0x7FFF_FFFF
        return Float(mixed % 19 - 9)
    }

    /// The (N, C, H, W) map these parameters describe.
    /// - Throws: ``DetectionError/tooLarge(name:limit:)`` beyond ``maximumValueCount`` values,
    ///   ``DetectionError/outOfRange(name:value:allowed:)`` for a size below 1.
    public func input() throws(DetectionError) -> Tensor {
        for (name, value) in [("map height", height), ("map width", width), ("channels", channels)] where value < 1 {
            throw .outOfRange(name: name, value: value, allowed: 1...maximumExtent)
        }
        let (hw, o1) = height.multipliedReportingOverflow(by: width)
        let (count, o2) = hw.multipliedReportingOverflow(by: channels)
        guard !o1, !o2, count <= Self.maximumValueCount else {
            throw .tooLarge(name: "map \(channels) x \(height) x \(width)", limit: Self.maximumValueCount)
        }
        let shape = [1, channels, height, width]
        if let source = valueSource {
            if source.rank == 4, Array(source.shape[1...]) == [channels, height, width] { return source }
            do { return try source.tiled(to: shape) } catch { throw .core(error) }
        }
        var data = [Float]()
        data.reserveCapacity(count)
        for c in 0..<channels { for y in 0..<height { for x in 0..<width {
            data.append(Self.generatedValue(channel: c, row: y, column: x))
        } } }
        do { return try Tensor(shape: shape, data: data) } catch { throw .core(error) }
    }

    /// Pools the map.
    /// - Throws: ``DetectionError/outOfRange(name:value:allowed:)`` for a level above
    ///   ``maximumBinCount``, ``DetectionError/tooLarge(name:limit:)`` when the vector exceeds
    ///   ``maximumVectorLength`` values or the reads exceed ``maximumWork``, and the errors of
    ///   ``input()`` and of ``SpatialPyramidPooling/init(input:levels:rule:)``.
    public func pooling() throws(DetectionError) -> SpatialPyramidPooling {
        try checkWork()
        return try SpatialPyramidPooling(input: input(), levels: levels, rule: rule)
    }

    /// Checks the bounds of ``pooling()`` from the bin geometry alone (cheap: O(sum of n)).
    func checkWork() throws(DetectionError) {
        for n in levels { try detectionCheck("level", n, 1...Self.maximumBinCount) }
        for (name, value) in [("map height", height), ("map width", width)] { try detectionCheck(name, value, 1...maximumExtent) }
        try detectionCheck("channels", channels, 1...Self.maximumValueCount)
        var bins = 0, reads = 0
        for n in levels {
            let rows = try PyramidAxisBins(inputSize: height, binCount: n, rule: rule, axis: "height")
            let columns = try PyramidAxisBins(inputSize: width, binCount: n, rule: rule, axis: "width")
            bins += rows.bins.count * columns.bins.count
            reads += rows.bins.reduce(0) { $0 + $1.count } * columns.bins.reduce(0) { $0 + $1.count }
        }
        // bins <= 32 x 64^2 and reads <= 32 x (64 x 1024)^2: neither product with C <= 2^22 overflows.
        guard bins * channels <= Self.maximumVectorLength else {
            throw .tooLarge(name: "SPP vector of \(channels) x \(bins) values (channels x bins)", limit: Self.maximumVectorLength)
        }
        guard reads * channels <= Self.maximumWork else {
            throw .tooLarge(name: "SPP work of \(channels) x \(reads) reads (channels x cells over all bins)", limit: Self.maximumWork)
        }
    }
}

/// The spatial pyramid pooling scene: one step per bin of every level, the bin's cells
/// outlined on the map and its maximum placed in the pooled vector.
public typealias SPPScene = ModelScene<SPPModel>

/// The SPP scene as a model: Tab and +/- change the map size, the channels (x2 or /2), the
/// levels (cycling ``SPPSceneParameters/levelPresets``) and the rule; `L` jumps to the next
/// level, `c` shows the next channel.
public enum SPPModel: SceneModel {
    /// The channel shown.
    public struct View: Equatable, Sendable {
        /// 0-based channel.
        public var channel = 0
    }

    /// "spatial pyramid pooling".
    public static func title(_ options: SPPSceneParameters) -> String { "spatial pyramid pooling" }
    /// See ``SPPSceneParameters/pooling()``.
    public static func compute(_ options: SPPSceneParameters) throws -> SpatialPyramidPooling { try options.pooling() }
    public static func initialView(_ options: SPPSceneParameters) -> View { View() }
    public static func adapt(_ view: inout View, to result: SpatialPyramidPooling) {
        view.channel = min(view.channel, max(0, result.geometry.channels - 1))
    }
    /// "bin 6/21": a step is one bin of one level.
    public static var stepName: String { "bin" }
    /// Every bin of every level (21 for levels 4, 2, 1).
    public static func stepCount(_ result: SpatialPyramidPooling, view: View) -> Int { SPPDiagram.stepCount(result.geometry) }
    /// The bin columns of the current level (Up/Down move by a row of bins).
    public static func stepsPerRow(_ result: SpatialPyramidPooling, view: View, step: Int) -> Int {
        guard let bin = SPPDiagram.bin(step: step, in: result.geometry) else { return 1 }
        return result.geometry.levels[bin.level].columns.bins.count
    }

    /// map, channels, levels, rule.
    public static func controls(_ p: SPPSceneParameters) -> [Control<SPPSceneParameters>] {
        [
            .pair("map", \.height, \.width, 1...256, asSize: true),
            .doubling("channels", \.channels, 1...4096),
            .cycle("levels", \.levels, SPPSceneParameters.levelPresets) { $0.map(String.init).joined(separator: ",") },
            .cycle("rule", \.rule, PyramidBinRule.allCases) { $0.rawValue },
        ]
    }

    /// `L` jumps to the first bin of the next level; `c` (with several channels) shows the next channel.
    public static func keys(_ result: SpatialPyramidPooling, options: Options, view: View) -> [SceneKey<SPPModel>] {
        var keys = [SceneKey<SPPModel>([.character("L")], "L", "next level") { r, _, step in
            let level = SPPDiagram.bin(step: step, in: r.geometry)?.level ?? 0
            step = SPPDiagram.firstStep(ofLevel: (level + 1) % r.geometry.levels.count, in: r.geometry)
            return true
        }]
        if result.geometry.channels > 1 {
            keys.append(SceneKey([.character("c")], "c", "next channel") { r, v, _ in
                v.channel = (v.channel + 1) % r.geometry.channels
                return true
            })
        }
        return keys
    }

    /// Draws ``SPPDiagram`` for `step`.
    public static func draw(_ result: SpatialPyramidPooling, options: SPPSceneParameters, view: View, step: Int,
                            into canvas: inout Canvas, area: Rect, glyphs: GlyphSet) {
        SPPDiagram(pooling: result, step: step, channel: view.channel, glyphs: glyphs).draw(into: &canvas, area: area)
    }

    /// ``SPPJSON``.
    public static func json(_ result: SpatialPyramidPooling, options: SPPSceneParameters, step: Int) -> String {
        SPPJSON.render(result)
    }
}

extension ModelScene where M == SPPModel {
    /// The scene of `parameters` at `step`.
    public init(parameters: SPPSceneParameters, step: Int = 1) { self.init(parameters, step: step) }
    /// The computed pooling, or nil while the configuration is invalid.
    public var pooling: SpatialPyramidPooling? { result }
    /// The level of the current step (0-based), or nil while invalid.
    public var currentLevel: Int? { result.flatMap { SPPDiagram.bin(step: step, in: $0.geometry)?.level } }
    /// The channel shown.
    public var channel: Int { view.channel }
}
