import ConvCore
import ConvDiagrams

/// The parameters of the RoI pooling scene, as the command line gives them.
public struct RoISceneParameters: Equatable, Sendable {
    /// The most bilinear-sample reads (C x bins x samples) or bin cells one scene may compute.
    /// 1,048,576 keeps any accepted RoI align fast and small (the samples are stored).
    public static let maximumWork = 1 << 20
    /// The most samples per bin per axis RoI align takes (torchvision's models use 0 or 2).
    public static let maximumSamplingRatio = 16

    /// H and W of the feature map (default 14 x 14: VGG16 conv5_3 of a 224 x 224 image).
    public var height = 14, width = 14
    /// C: channels.
    public var channels = 1
    /// Feature-map cells per image pixel (1/16 for VGG16 conv5_3).
    public var spatialScale = 0.0625
    /// The boxes [x1, y1, x2, y2] in image pixels (default one box whose edges land on half
    /// cells, so that rounding shows: (40, 24, 200, 184) x 1/16 = (2.5, 1.5, 12.5, 11.5)).
    public var boxes: [[Float]] = [[40, 24, 200, 184]]
    /// Each box's image in the batch; nil for all 0.
    public var batchIndices: [Int]?
    /// ph, pw (default 7 x 7, Fast R-CNN's pool5 for VGG16).
    public var outputHeight = 7, outputWidth = 7
    /// RoI align instead of RoI max pooling.
    public var align = false
    /// Align: samples per bin per axis; <= 0 for torchvision's adaptive ceil(roi / pooled size).
    public var samplingRatio = -1
    /// Align: torchvision's `aligned=True` half-pixel shift.
    public var aligned = false
    /// The map's values: an (N, C, H, W) tensor used as it is when its shape fits, else tiled over
    /// (1, C, H, W); nil for ``SPPSceneParameters/generatedValue(channel:row:column:)``'s pattern.
    public var valueSource: Tensor?

    /// Parameters with the defaults given on each property.
    public init() {}

    /// The feature map these parameters describe.
    /// - Throws: ``DetectionError`` for a size out of range or too many values.
    public func input() throws(DetectionError) -> Tensor {
        var spp = SPPSceneParameters()
        (spp.height, spp.width, spp.channels, spp.valueSource) = (height, width, channels, valueSource)
        if let source = valueSource, source.rank == 4, Array(source.shape[1...]) == [channels, height, width] { return source }
        return try spp.input()
    }

    /// Runs RoI max pooling or RoI align.
    /// - Throws: ``DetectionError`` for invalid boxes, sizes or scale, and
    ///   ``DetectionError/tooLarge(name:limit:)`` when the work exceeds ``maximumWork``.
    public func operation() throws(DetectionError) -> RoIOperation {
        let map = try input()
        var roiBoxes: [RoIBox] = []
        if let batchIndices, batchIndices.count != boxes.count {
            throw .countOutOfRange(name: "batch_indices", count: batchIndices.count, allowed: boxes.count...boxes.count)
        }
        for (k, xyxy) in boxes.enumerated() { roiBoxes.append(try RoIBox(xyxy: xyxy, batchIndex: batchIndices?[k] ?? 0)) }
        guard !roiBoxes.isEmpty else { throw .countOutOfRange(name: "boxes", count: 0, allowed: 1...65536) }
        if align, samplingRatio > Self.maximumSamplingRatio {
            throw .outOfRange(name: "sampling_ratio", value: samplingRatio, allowed: 1...Self.maximumSamplingRatio)
        }
        let size = (outputHeight, outputWidth)
        let channels = map.shape[1], featureSize = (map.shape[2], map.shape[3])
        var work = 0
        for box in roiBoxes {
            let boxWork: Int
            if align {
                let grid = try RoIAlignGrid(box: box, spatialScale: spatialScale, outputSize: size, featureSize: featureSize,
                                            samplingRatio: samplingRatio, aligned: aligned)
                boxWork = outputHeight * outputWidth * grid.sampleCount
            } else {
                let bins = try RoIProjection(box: box, spatialScale: spatialScale).poolingBins(outputSize: size, featureSize: featureSize)
                boxWork = bins.reduce(0) { $0 + $1.rows.count * $1.columns.count }
            }
            let (scaled, o1) = boxWork.multipliedReportingOverflow(by: channels)
            let (next, o2) = work.addingReportingOverflow(scaled)
            guard !o1, !o2, next <= Self.maximumWork else { throw .tooLarge(name: "RoI work (channels x bins x samples)", limit: Self.maximumWork) }
            work = next
        }
        if align {
            return .align(try RoIAlign(input: map, boxes: roiBoxes, outputSize: size, spatialScale: spatialScale,
                                       samplingRatio: samplingRatio, aligned: aligned))
        }
        return .pool(try RoIPooling(input: map, boxes: roiBoxes, outputSize: size, spatialScale: spatialScale))
    }
}

/// The RoI pooling scene: one step per output bin (box by box), `c` for the next channel.
public typealias RoIScene = ModelScene<RoIModel>

/// The RoI scene as a model: +/- change the output size, spatial_scale (x2 or /2), pool/align,
/// and for align sampling_ratio and aligned.
public enum RoIModel: SceneModel {
    /// The channel shown.
    public struct View: Equatable, Sendable {
        /// 0-based channel (cycled with `c`).
        public var channel = 0
    }

    /// "RoI pooling" or "RoI align".
    public static func title(_ options: RoISceneParameters) -> String { options.align ? "RoI align" : "RoI pooling" }
    /// See ``RoISceneParameters/operation()``.
    public static func compute(_ options: RoISceneParameters) throws -> RoIOperation { try options.operation() }
    public static func initialView(_ options: RoISceneParameters) -> View { View() }
    public static func adapt(_ view: inout View, to result: RoIOperation) {
        view.channel = min(view.channel, max(0, result.input.shape[1] - 1))
    }
    /// "bin 10/49": a step is one output bin.
    public static var stepName: String { "bin" }
    /// K x ph x pw: one step per output bin of every box.
    public static func stepCount(_ result: RoIOperation, view: View) -> Int { result.stepCount }
    /// pw: Up/Down move by a row of output bins.
    public static func stepsPerRow(_ result: RoIOperation, view: View, step: Int) -> Int { result.outputWidth }

    /// output, scale, mode, and for align sampling and aligned.
    public static func controls(_ p: RoISceneParameters) -> [Control<RoISceneParameters>] {
        var list: [Control<RoISceneParameters>] = [
            .pair("output", \.outputHeight, \.outputWidth, 1...64, asSize: true),
            Control("scale", value: { formatScale($0.spatialScale) }, adjust: { p, d in
                p.spatialScale = d > 0 ? min(1024, p.spatialScale * 2) : max(0x1p-20, p.spatialScale / 2)
            }),
            .toggle("mode", \.align, on: "align", off: "pool"),
        ]
        if p.align {
            list.append(Control("sampling", value: { $0.samplingRatio <= 0 ? "auto" : "\($0.samplingRatio)" }, adjust: { p, d in
                let next = clamp(max(0, p.samplingRatio) + d, 0...RoISceneParameters.maximumSamplingRatio)
                p.samplingRatio = next == 0 ? -1 : next
            }))
            list.append(.toggle("aligned", \.aligned))
        }
        return list
    }

    /// `c` (with several channels) shows the next channel.
    public static func keys(_ result: RoIOperation, options: Options, view: View) -> [SceneKey<RoIModel>] {
        guard result.input.shape[1] > 1 else { return [] }
        return [SceneKey([.character("c")], "c", "next channel") { r, v, _ in
            v.channel = (v.channel + 1) % max(1, r.input.shape[1])
            return true
        }]
    }

    /// Draws ``RoIDiagram`` for `step`.
    public static func draw(_ result: RoIOperation, options: RoISceneParameters, view: View, step: Int,
                            into canvas: inout Canvas, area: Rect, glyphs: GlyphSet) {
        RoIDiagram(operation: result, step: step, channel: view.channel, glyphs: glyphs).draw(into: &canvas, area: area)
    }

    /// ``RoIJSON``.
    public static func json(_ result: RoIOperation, options: RoISceneParameters, step: Int) -> String {
        RoIJSON.render(result, spatialScale: options.spatialScale, samplingRatio: options.samplingRatio)
    }
}

extension ModelScene where M == RoIModel {
    /// The scene of `parameters` at `step`.
    public init(parameters: RoISceneParameters, step: Int = 1) { self.init(parameters, step: step) }
    /// The computed RoI pooling or align, or nil while the configuration is invalid.
    public var operation: RoIOperation? { result }
    /// The channel shown.
    public var channel: Int { view.channel }
}
