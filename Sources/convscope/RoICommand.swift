import ArgumentParser
import Foundation
import ConvCore
import ConvApp
import ConvDiagrams

/// `convscope roi`: RoI max pooling (Fast R-CNN) or RoI align (Mask R-CNN), bin by bin.
struct RoICommand: SceneCommand {
    static let configuration = CommandConfiguration(
        commandName: "roi",
        abstract: "Step through RoI pooling or RoI align: a box projected onto the feature map and pooled to a fixed grid.",
        discussion: """
            The box is x1,y1,x2,y2 in image pixels (repeat --box for several); --scale is
            feature-map cells per image pixel (0.0625 = 1/16 for VGG16 conv5_3). RoI pooling
            rounds the projected box half away from zero and takes the maximum of each bin
            (start floor, end ceil), as torchvision.ops.roi_pool; --align samples bilinearly
            without rounding and averages, as torchvision.ops.roi_align. A box with x2 < x1 or
            y2 < y1 is evaluated as torchvision does (roi_pool: at least one cell; roi_align: size
            at least 1, negative with --aligned), with a warning naming it.
            Without --values the map holds a fixed pattern of whole numbers -9...9.
            Keys: n/p or arrows step through the output bins, c next channel, Tab focus,
            +/- change, ? help, q quit.
            """)

    @Option(parsing: .unconditional, help: "Feature map size H[xW] (1...1024).") var map: String?
    @Option(parsing: .unconditional, help: "Feature map channels C (1...4096; C x H x W at most 1,048,576).") var channels: Int?
    @Option(parsing: .unconditional, help: "spatial_scale: feature-map cells per image pixel (2^-20...1024).") var scale: Double?
    @Option(parsing: .unconditionalSingleValue, help: "A box x1,y1,x2,y2 in image pixels; repeat for several (at most 64).") var box: [String] = []
    @Option(name: .customLong("output"), parsing: .unconditional, help: "Pooled output size PH[xPW] (1...64).") var outputSize: String?
    @Flag(help: "RoI align (bilinear samples, no rounding) instead of RoI max pooling.") var align = false
    @Option(name: .customLong("sampling-ratio"), parsing: .unconditional, help: "Align: samples per bin per axis (1...16); -1 or 0 adaptive (default); channels x bins x samples at most 1,048,576 in all.") var samplingRatio: Int?
    @Flag(help: "Align: the half-pixel shift of torchvision's aligned=True.") var aligned = false
    @Option(parsing: .unconditional, help: "Map values of one channel: rows separated by ';'.") var values: String?
    @Option(parsing: .unconditional, help: "Read one case in the form of roi.json (kind, input, boxes_xyxy, output_size, spatial_scale, ...).") var from: String?
    @Option(name: .customLong("case"), parsing: .unconditional, help: "With --from on a file of cases: which case (1-based).") var caseNumber: Int = 1
    @OptionGroup var output: OutputOptions

    /// The scene; each inverted box (x2 < x1 or y2 < y1) is named in a warning on standard error
    /// and evaluated as torchvision does.
    func makeScene() throws(CLIError) -> any Scene {
        let scene = RoIScene(parameters: try sceneParameters())
        for warning in scene.operation?.warnings ?? [] {
            FileHandleStandardError.write("convscope: \(warning)\n")
        }
        return scene
    }

    /// The scene parameters the options describe.
    func sceneParameters() throws(CLIError) -> RoISceneParameters {
        if let from {
            try OptionChecks.rejectWithFrom([
                ("--map", map != nil), ("--channels", channels != nil), ("--scale", scale != nil), ("--box", !box.isEmpty),
                ("--output", outputSize != nil), ("--align", align), ("--sampling-ratio", samplingRatio != nil),
                ("--aligned", aligned), ("--values", values != nil),
            ], gives: "the whole RoI operation")
            return try Self.parameters(fromFile: from, caseNumber: caseNumber)
        }
        var p = RoISceneParameters()
        if !align {
            if samplingRatio != nil { throw .usage("--sampling-ratio applies to RoI align only; add --align") }
            if aligned { throw .usage("--aligned applies to RoI align only; add --align") }
        }
        p.align = align
        p.aligned = aligned
        if let samplingRatio {
            let most = RoISceneParameters.maximumSamplingRatio
            guard (-1...most).contains(samplingRatio) else {
                throw .usage("--sampling-ratio \(samplingRatio) is out of range; allowed: 1...\(most), or -1 or 0 for adaptive")
            }
            p.samplingRatio = samplingRatio <= 0 ? -1 : samplingRatio
        }
        let given = try OptionChecks.values(values, option: "--values", limit: 1024)
        if let given { p.valueSource = given.tensor }
        if let size = try OptionChecks.size(map, option: "--map", range: 1...1024, agreeingWith: given?.size, valuesOption: "--values") {
            (p.height, p.width) = (size.height, size.width)
        }
        p.channels = try OptionChecks.count(channels, option: "--channels", range: 1...4096) ?? p.channels
        if let scale {
            guard scale.isFinite, (0x1p-20...1024).contains(scale) else {
                throw .usage("--scale \(ListParsing.format(scale)) is out of range; allowed: 2^-20...1024 (e.g. 0.0625 for a stride of 16)")
            }
            p.spatialScale = scale
        }
        if !box.isEmpty {
            guard box.count <= 64 else { throw .usage("--box given \(box.count) times; allowed: at most 64 boxes") }
            var boxes: [[Float]] = []
            for text in box {
                let limit = Double(RoIBox.maximumCoordinate)
                let xyxy = try ListParsing.reals(text, option: "--box", count: 4...4, range: -limit...limit)
                boxes.append(xyxy.map { Float($0) })
            }
            p.boxes = boxes
        }
        if let outputSize { (p.outputHeight, p.outputWidth) = try ListParsing.pair(outputSize, option: "--output", range: 1...64) }
        return p
    }

    /// Reads a RoI case (a single case object, or a file with `cases`) into scene parameters.
    static func parameters(fromFile path: String, caseNumber: Int) throws(CLIError) -> RoISceneParameters {
        let c: RoICaseJSON = try CaseFile.load(path, caseNumber: caseNumber, kind: "RoI")
        do throws(DetectionError) {
            let tensor: Tensor
            do { tensor = try c.input.tensor() } catch { throw DetectionError.core(error) }
            guard tensor.rank == 4 else {
                throw DetectionError.shapeMismatch("input must be N x C x H x W, got shape \(Tensor.describe(tensor.shape))")
            }
            let (ph, pw) = try c.outputPair()
            var p = RoISceneParameters()
            (p.channels, p.height, p.width) = (tensor.shape[1], tensor.shape[2], tensor.shape[3])
            p.valueSource = tensor
            p.boxes = c.boxesXYXY
            p.batchIndices = c.batchIndices
            (p.outputHeight, p.outputWidth) = (ph, pw)
            p.spatialScale = c.spatialScale
            p.align = c.kind == .align
            p.samplingRatio = c.samplingRatio ?? -1
            p.aligned = c.aligned ?? false
            _ = try p.operation()
            return p
        } catch {
            throw .usage("\(path) is not a valid RoI case: \(error.description)")
        }
    }
}
