import ArgumentParser
import Foundation
import ConvCore
import ConvApp
import ConvDiagrams

/// The reduction `convscope pool --mode` names.
enum PoolModeOption: String, ExpressibleByArgument, CaseIterable {
    case max, avg
}

/// `convscope pool`: the pooling step-through.
struct PoolCommand: SceneCommand {
    static let configuration = CommandConfiguration(
        commandName: "pool",
        abstract: "Step through 2-D max or average pooling (torch.nn.functional.max_pool2d / avg_pool2d).",
        discussion: """
            Each step brackets one window over the padded input: max pooling marks the maximum
            (the first in row-major order; padding is never chosen), average pooling shows the sum
            and the divisor (padding cells count with --count-include-pad, PyTorch's default;
            --divisor-override N divides every sum by N instead, as avg_pool2d's divisor_override).
            --ceil-mode rounds the output size up; the last window must start inside the input or
            the left padding (PyTorch's rule), and cells past the padded input (-) are never read.
            Sizes are H or H,W; padding is at most kernel/2; output cells x window cells x channels
            at most 1,048,576, and C x H x W at most 1,048,576. The stride defaults to the kernel size
            (PyTorch's default) when --kernel, --padding, --dilation or --ceil-mode is given, and to
            the example's 1 when no geometry option is. Without --values the input is the 5x5 example of
            Dumoulin & Visin 2016: the default 3x3 max pooling, stride 1, gives 3 3 3 / 3 3 3 / 3 2 3.
            """)

    @Option(parsing: .unconditional, help: "max or avg.") var mode: PoolModeOption = .max
    @Option(parsing: .unconditional, help: "Input size H[,W] (1...4096).") var input: String?
    @Option(parsing: .unconditional, help: "Kernel size K[,K] (1...4096).") var kernel: String?
    @Option(parsing: .unconditional, help: "Stride S[,S] (1...4096); default the kernel size (1 in the example used without geometry options).") var stride: String?
    @Option(parsing: .unconditional, help: "Padding P[,P], at most kernel/2.") var padding: String?
    @Option(parsing: .unconditional, help: "Dilation D[,D] (max pooling only).") var dilation: String?
    @Option(parsing: .unconditional, help: "Channels C (1...512); the values are tiled.") var channels: Int?
    @Flag(name: .customLong("ceil-mode"), help: "Round the output size up (PyTorch's ceil_mode).") var ceilMode = false
    @Flag(name: .customLong("count-include-pad"), inversion: .prefixedNo,
          help: "Average pooling: count padding cells in the divisor (PyTorch's default: on).") var countIncludePad = true
    @Option(name: .customLong("divisor-override"), parsing: .unconditional,
            help: "Average pooling: divide every window's sum by N instead of its cell count (avg_pool2d's divisor_override; N != 0).")
    var divisorOverride: Int?
    @Option(parsing: .unconditional, help: "Input values of one channel: rows separated by ';'.") var values: String?
    @Option(parsing: .unconditional, help: "Read one case in the form of pool2d.json (kind, input, kernel, stride, padding, dilation, ceil_mode, count_include_pad, divisor_override); any other key is refused.") var from: String?
    @Option(name: .customLong("case"), parsing: .unconditional, help: "With --from on a file of cases: which case (1-based).") var caseNumber: Int = 1
    @Option(name: .customLong("batch-index"), parsing: .unconditional, help: "With --from on a case of batch N: the item the step-through shows (0...N-1, default 0); the JSON has the whole batch.") var batchIndex: Int?
    @OptionGroup var output: OutputOptions

    func makeScene() throws(CLIError) -> any Scene { PoolScene(parameters: try sceneParameters()) }

    /// The scene parameters the options describe.
    func sceneParameters() throws(CLIError) -> PoolSceneParameters {
        if let from {
            try OptionChecks.rejectWithFrom([("--input", input != nil), ("--kernel", kernel != nil), ("--stride", stride != nil),
                                             ("--padding", padding != nil), ("--dilation", dilation != nil),
                                             ("--channels", channels != nil), ("--values", values != nil),
                                             ("--divisor-override", divisorOverride != nil)],
                                            gives: "the whole pooling")
            if ceilMode { throw .usage("--ceil-mode cannot be combined with --from; the case file gives ceil_mode") }
            var p = try Self.parameters(fromFile: from, caseNumber: caseNumber)
            p.batchIndex = try OptionChecks.batchIndex(batchIndex, batch: p.batchInput?.shape.first ?? 1)
            return p
        }
        if batchIndex != nil { throw .usage("--batch-index needs --from: it picks an item of a case's batch") }
        var p = PoolSceneParameters()
        p.isAverage = mode == .avg
        p.countIncludePad = countIncludePad
        p.ceilMode = ceilMode
        if let divisorOverride {
            guard mode == .avg else { throw .usage("--divisor-override is for average pooling only (--mode avg); max_pool2d has no divisor") }
            guard divisorOverride != 0, divisorOverride.magnitude <= 1 << 20 else {
                throw .usage("--divisor-override \(divisorOverride) is invalid; allowed: a non-zero integer in -1048576...1048576")
            }
            p.divisorOverride = divisorOverride
        }
        let given = try OptionChecks.values(values, option: "--values")
        if let given { p.inputSource = given.tensor }
        if let size = try OptionChecks.size(input, option: "--input", range: 1...4096, agreeingWith: given?.size, valuesOption: "--values") {
            (p.inputHeight, p.inputWidth) = (size.height, size.width)
        }
        if let kernel { (p.kernelHeight, p.kernelWidth) = try ListParsing.pair(kernel, option: "--kernel", range: 1...4096) }
        if let stride {
            (p.strideHeight, p.strideWidth) = try ListParsing.pair(stride, option: "--stride", range: 1...4096)
        } else if kernel != nil || padding != nil || dilation != nil || ceilMode {
            // The example's stride 1 applies only when no geometry option is given; otherwise
            // the stride is PyTorch's default, the kernel size.
            (p.strideHeight, p.strideWidth) = (p.kernelHeight, p.kernelWidth)
        }
        if let padding { (p.paddingHeight, p.paddingWidth) = try ListParsing.pair(padding, option: "--padding", range: 0...4096) }
        if let dilation {
            guard mode == .max else { throw .usage("--dilation is for max pooling only; avg_pool2d has no dilation") }
            (p.dilationHeight, p.dilationWidth) = try ListParsing.pair(dilation, option: "--dilation", range: 1...4096)
        }
        p.channels = try OptionChecks.count(channels, option: "--channels", range: 1...512) ?? p.channels
        return p
    }

    /// Reads a pool2d case (a single case object, or a file with `cases`) into scene parameters.
    static func parameters(fromFile path: String, caseNumber: Int) throws(CLIError) -> PoolSceneParameters {
        let c: PoolCaseJSON = try CaseFile.load(path, caseNumber: caseNumber, kind: "pool2d")
        do throws(PoolError) {
            let computation = try c.computation()
            let g = computation.geometry
            var p = PoolSceneParameters()
            if case let .average(includePad) = computation.mode {
                p.isAverage = true
                p.countIncludePad = includePad
                p.divisorOverride = computation.divisorOverride
            }
            p.channels = g.channels
            (p.inputHeight, p.inputWidth) = g.inputSize
            switch g.windows {
            case let .fixed(h, w):
                (p.kernelHeight, p.kernelWidth) = (h.kernelSize, w.kernelSize)
                (p.strideHeight, p.strideWidth) = (h.stride, w.stride)
                (p.paddingHeight, p.paddingWidth) = (h.padding, w.padding)
                (p.dilationHeight, p.dilationWidth) = (h.dilation, w.dilation)
                p.ceilMode = h.ceilMode
            case let .adaptive(h, w):
                p.adaptiveOutputSize = [h.outputSize, w.outputSize]
            }
            p.inputSource = computation.input
            // A batch is computed whole; the step-through shows one item (--batch-index).
            if g.batch > 1 { p.batchInput = computation.input }
            _ = try p.computation()
            return p
        } catch {
            throw .usage("\(path) is not a valid pool2d case: \(error.description)")
        }
    }
}
