import ArgumentParser
import Foundation
import ConvCore
import ConvApp
import ConvDiagrams

/// `convscope conv`: the convolution step-through.
struct ConvCommand: SceneCommand {
    static let configuration = CommandConfiguration(
        commandName: "conv",
        abstract: "Step through a 2-D convolution (cross-correlation, as torch.nn.functional.conv2d).",
        discussion: """
            Sizes are H or H,W. Padding is P, P,P, same, valid or full. Values are rows of
            numbers separated by ';' (e.g. --values "3 3 2;0 0 1;3 1 2"). Without values the
            input and kernel are the numeric example of Dumoulin & Visin 2016, tiled.
            Keys: n/p or arrows step, g/G first/last, space plays, Tab focus, +/- change, ? help, q quit.
            """)

    @Option(parsing: .unconditional, help: "Input size H[,W] (1...4096; at most 4,194,304 values with the channels).") var input: String?
    @Option(parsing: .unconditional, help: "Kernel size K[,K] (1...4096).") var kernel: String?
    @Option(parsing: .unconditional, help: "Stride S[,S] (1...4096).") var stride: String?
    @Option(parsing: .unconditional, help: "Padding P[,P] (0...4096), same, valid or full.") var padding: String?
    @Option(parsing: .unconditional, help: "Dilation D[,D] (1...4096).") var dilation: String?
    @Option(help: "Channel groups (divides both channel counts).") var groups: Int?
    @Option(name: .customLong("in-channels"), help: "Input channels C (1...512).") var inChannels: Int?
    @Option(name: .customLong("out-channels"), help: "Output channels (filters) F (1...512).") var outChannels: Int?
    @Option(parsing: .unconditional, help: "Input values of one channel: rows separated by ';'.") var values: String?
    @Option(name: .customLong("kernel-values"), parsing: .unconditional, help: "Kernel values: rows separated by ';'.") var kernelValues: String?
    @Option(parsing: .unconditional, help: "Read one case in the form of conv2d.json (input, weight, bias, stride, padding, dilation, groups).") var from: String?
    @Option(name: .customLong("case"), help: "With --from on a file of cases: which case (1-based).") var caseNumber: Int = 1
    @OptionGroup var output: OutputOptions

    func makeScene() throws(CLIError) -> any Scene { ConvScene(parameters: try sceneParameters()) }

    /// The scene parameters the options describe.
    func sceneParameters() throws(CLIError) -> ConvSceneParameters {
        var p = ConvSceneParameters()
        if let from {
            let geometryOptions: [(String, Any?)] = [("--input", input), ("--kernel", kernel), ("--stride", stride), ("--padding", padding),
                                                     ("--dilation", dilation), ("--groups", groups), ("--in-channels", inChannels),
                                                     ("--out-channels", outChannels), ("--values", values), ("--kernel-values", kernelValues)]
            if let clash = geometryOptions.first(where: { $0.1 != nil }) {
                throw .usage("\(clash.0) cannot be combined with --from; the case file gives the whole convolution")
            }
            return try Self.parameters(fromFile: from, caseNumber: caseNumber)
        }
        if let values {
            let rows = try ListParsing.matrix(values, option: "--values")
            p.inputSource = try Self.tensor(rows, shape: [1, 1, rows.count, rows[0].count], option: "--values")
            p.inputHeight = rows.count
            p.inputWidth = rows[0].count
        }
        if let kernelValues {
            let rows = try ListParsing.matrix(kernelValues, option: "--kernel-values")
            p.weightSource = try Self.tensor(rows, shape: [1, 1, rows.count, rows[0].count], option: "--kernel-values")
            p.kernelHeight = rows.count
            p.kernelWidth = rows[0].count
        }
        if let input {
            let (h, w) = try ListParsing.pair(input, option: "--input", range: 1...4096)
            if values != nil && (h, w) != (p.inputHeight, p.inputWidth) {
                throw .usage("--input \(input) disagrees with --values, which has \(p.inputHeight) x \(p.inputWidth) numbers; give one or make them agree")
            }
            (p.inputHeight, p.inputWidth) = (h, w)
        }
        if let kernel {
            let (h, w) = try ListParsing.pair(kernel, option: "--kernel", range: 1...4096)
            if kernelValues != nil && (h, w) != (p.kernelHeight, p.kernelWidth) {
                throw .usage("--kernel \(kernel) disagrees with --kernel-values, which has \(p.kernelHeight) x \(p.kernelWidth) numbers; give one or make them agree")
            }
            (p.kernelHeight, p.kernelWidth) = (h, w)
        }
        if let stride { (p.strideHeight, p.strideWidth) = try ListParsing.pair(stride, option: "--stride", range: 1...4096) }
        if let padding { (p.paddingHeight, p.paddingWidth) = try ValueParsing.padding(padding) }
        if let dilation { (p.dilationHeight, p.dilationWidth) = try ListParsing.pair(dilation, option: "--dilation", range: 1...4096) }
        if let inChannels {
            guard (1...512).contains(inChannels) else { throw .usage("--in-channels \(inChannels) is out of range; allowed: 1...512") }
            p.inputChannels = inChannels
        }
        if let outChannels {
            guard (1...512).contains(outChannels) else { throw .usage("--out-channels \(outChannels) is out of range; allowed: 1...512") }
            p.outputChannels = outChannels
        }
        if let groups {
            guard (1...512).contains(groups) else { throw .usage("--groups \(groups) is out of range; allowed: 1...512") }
            p.groups = groups
        }
        return p
    }

    static func tensor(_ rows: [[Float]], shape: [Int], option: String) throws(CLIError) -> Tensor {
        do { return try Tensor(shape: shape, data: rows.flatMap { $0 }) } catch { throw .usage("\(option): \(error.description)") }
    }

    /// Reads a conv2d case (a single case object, or a file with `cases`) into scene parameters.
    static func parameters(fromFile path: String, caseNumber: Int) throws(CLIError) -> ConvSceneParameters {
        let c: ConvCaseJSON = try CaseFile.load(path, caseNumber: caseNumber, kind: "conv2d")
        do throws(ConvError) {
            let computation = try c.computation()
            var p = ConvSceneParameters()
            let g = computation.geometry
            guard g.batch == 1 else { throw ConvError.shapeMismatch("the step-through shows batch 1, the case has batch \(g.batch)") }
            p.inputHeight = g.height.inputSize; p.inputWidth = g.width.inputSize
            p.kernelHeight = g.height.kernelSize; p.kernelWidth = g.width.kernelSize
            p.strideHeight = g.height.stride; p.strideWidth = g.width.stride
            p.paddingHeight = .explicit(g.height.paddingBefore); p.paddingWidth = .explicit(g.width.paddingBefore)
            p.dilationHeight = g.height.dilation; p.dilationWidth = g.width.dilation
            p.groups = g.groups
            p.inputChannels = g.inputChannels
            p.outputChannels = g.outputChannels
            p.inputSource = computation.input
            p.weightSource = computation.weight
            p.biasSource = computation.bias
            return p
        } catch {
            throw .usage("\(path) is not a valid conv2d case: \(error.description)")
        }
    }
}
