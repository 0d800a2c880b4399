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

/// The RoI pooling scene: one step per output bin (box by box), `c` for the next channel; +/-
/// change the output size, spatial_scale, pool/align, sampling_ratio and aligned.
public struct RoIScene: Scene {
    /// The parameters the scene shows; +/- change them.
    public private(set) var parameterValues: RoISceneParameters
    /// The computed RoI pooling or align, or nil while the configuration is invalid.
    public private(set) var operation: RoIOperation?
    /// Why the configuration is invalid (shown instead of the picture), or nil.
    public private(set) var errorMessage: String?
    /// The current 1-based step, kept in 1...stepCount (0 while invalid).
    public var step: Int {
        didSet { step = stepCount == 0 ? 0 : min(max(1, step), stepCount) }
    }
    /// The channel shown (cycled with `c`).
    public private(set) var channel = 0

    /// Builds the scene; an invalid configuration becomes ``errorMessage``.
    public init(parameters: RoISceneParameters, step: Int = 1) {
        parameterValues = parameters
        self.step = 0
        recompute()
        self.step = step
    }

    mutating func recompute() {
        do {
            operation = try parameterValues.operation()
            errorMessage = nil
        } catch {
            operation = nil
            errorMessage = error.description
        }
        channel = min(channel, max(0, (operation?.input.shape[1] ?? 1) - 1))
        let s = step
        step = s
    }

    /// "bin 10/49": a step is one output bin.
    public var stepName: String { "bin" }

    /// The heading ("RoI pooling" or "RoI align").
    public var title: String { parameterValues.align ? "RoI align" : "RoI pooling" }
    /// K x ph x pw: one step per output bin of every box.
    public var stepCount: Int { operation?.stepCount ?? 0 }
    /// pw: Up/Down move by a row of output bins.
    public var stepsPerRow: Int { parameterValues.outputWidth }

    /// The parameters Tab moves between: output, scale, mode, and for align sampling and aligned.
    public var parameters: [SceneParameter] {
        let p = parameterValues
        var list = [
            SceneParameter("output", "\(p.outputHeight)x\(p.outputWidth)"),
            SceneParameter("scale", formatScale(p.spatialScale)),
            SceneParameter("mode", p.align ? "align" : "pool"),
        ]
        if p.align {
            list.append(SceneParameter("sampling", p.samplingRatio <= 0 ? "auto" : "\(p.samplingRatio)"))
            list.append(SceneParameter("aligned", p.aligned ? "on" : "off"))
        }
        return list
    }

    /// Changes the output size, spatial_scale (x2 or /2), pool/align, sampling_ratio or aligned and recomputes; an invalid result becomes ``errorMessage``.
    public mutating func adjust(parameter index: Int, by delta: Int) {
        var p = parameterValues
        switch index {
        case 0:
            p.outputHeight = min(64, max(1, p.outputHeight + delta))
            p.outputWidth = min(64, max(1, p.outputWidth + delta))
        case 1: p.spatialScale = delta > 0 ? min(1024, p.spatialScale * 2) : max(0x1p-20, p.spatialScale / 2)
        case 2: p.align.toggle()
        case 3 where p.align:
            let current = max(0, p.samplingRatio)
            let next = min(RoISceneParameters.maximumSamplingRatio, max(0, current + delta))
            p.samplingRatio = next == 0 ? -1 : next
        case 4 where p.align: p.aligned.toggle()
        default: return
        }
        parameterValues = p
        recompute()
    }

    /// `c` shows the next channel.
    public mutating func handle(_ key: Key) -> Bool {
        guard key == .character("c"), let operation else { return false }
        channel = (channel + 1) % max(1, operation.input.shape[1])
        return true
    }

    /// Scene keys for the footer and the help screen.
    public var sceneBindings: [(String, String)] {
        (operation?.input.shape[1] ?? 1) > 1 ? [("c", "next channel")] : []
    }

    /// Draws ``RoIDiagram`` for the current step.
    public func draw(into canvas: inout Canvas, area: Rect, glyphs: GlyphSet) {
        guard let operation, step >= 1 else { return }
        RoIDiagram(operation: operation, step: step, channel: channel, glyphs: glyphs).draw(into: &canvas, area: area)
    }
}
