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
    @Option(parsing: .unconditional, help: "Channel groups (divides both channel counts).") var groups: Int?
    @Option(name: .customLong("in-channels"), parsing: .unconditional, help: "Input channels C (1...512).") var inChannels: Int?
    @Option(name: .customLong("out-channels"), parsing: .unconditional, help: "Output channels (filters) F (1...512).") var outChannels: Int?
    @Option(parsing: .unconditional, help: "Input values of one channel: rows separated by ';'.") var values: String?
    @Option(name: .customLong("kernel-values"), parsing: .unconditional, help: "Kernel values: rows separated by ';'.") var kernelValues: String?
    @Option(parsing: .unconditional, help: "Read one case in the form of conv2d.json (input, weight, bias, stride, padding, dilation, groups).") var from: String?
    @Option(name: .customLong("case"), parsing: .unconditional, help: "With --from on a file of cases: which case (1-based).") var caseNumber: Int = 1
    @Option(name: .customLong("batch-index"), parsing: .unconditional, help: "With --from on a case of batch N: the item the step-through shows (0...N-1, default 0); the JSON has the whole batch.") var batchIndex: Int?
    @OptionGroup var output: OutputOptions

    func makeScene() throws(CLIError) -> any Scene { ConvScene(parameters: try sceneParameters()) }

    /// The scene parameters the options describe.
    func sceneParameters() throws(CLIError) -> ConvSceneParameters {
        var p = ConvSceneParameters()
        if let from {
            try OptionChecks.rejectWithFrom([("--input", input != nil), ("--kernel", kernel != nil), ("--stride", stride != nil),
                                             ("--padding", padding != nil), ("--dilation", dilation != nil), ("--groups", groups != nil),
                                             ("--in-channels", inChannels != nil), ("--out-channels", outChannels != nil),
                                             ("--values", values != nil), ("--kernel-values", kernelValues != nil)],
                                            gives: "the whole convolution")
            var p = try Self.parameters(fromFile: from, caseNumber: caseNumber)
            p.batchIndex = try OptionChecks.batchIndex(batchIndex, batch: p.batchInput?.shape.first ?? 1)
            return p
        }
        if batchIndex != nil { throw .usage("--batch-index needs --from: it picks an item of a case's batch") }
        let given = try OptionChecks.values(values, option: "--values")
        let givenKernel = try OptionChecks.values(kernelValues, option: "--kernel-values")
        if let given { p.inputSource = given.tensor }
        if let givenKernel { p.weightSource = givenKernel.tensor }
        if let size = try OptionChecks.size(input, option: "--input", range: 1...4096, agreeingWith: given?.size, valuesOption: "--values") {
            (p.inputHeight, p.inputWidth) = (size.height, size.width)
        }
        if let size = try OptionChecks.size(kernel, option: "--kernel", range: 1...4096, agreeingWith: givenKernel?.size,
                                            valuesOption: "--kernel-values") {
            (p.kernelHeight, p.kernelWidth) = (size.height, size.width)
        }
        if let stride { (p.strideHeight, p.strideWidth) = try ListParsing.pair(stride, option: "--stride", range: 1...4096) }
        if let padding { (p.paddingHeight, p.paddingWidth) = try ValueParsing.padding(padding) }
        if let dilation { (p.dilationHeight, p.dilationWidth) = try ListParsing.pair(dilation, option: "--dilation", range: 1...4096) }
        p.inputChannels = try OptionChecks.count(inChannels, option: "--in-channels", range: 1...512) ?? p.inputChannels
        p.outputChannels = try OptionChecks.count(outChannels, option: "--out-channels", range: 1...512) ?? p.outputChannels
        p.groups = try OptionChecks.count(groups, option: "--groups", range: 1...512) ?? p.groups
        return p
    }

    /// Reads a conv2d case (a single case object, or a file with `cases`) into scene parameters.
    static func parameters(fromFile path: String, caseNumber: Int) throws(CLIError) -> ConvSceneParameters {
        let c: ConvCaseJSON = try CaseFile.load(path, caseNumber: caseNumber, kind: "conv2d")
        do throws(ConvError) {
            let computation = try c.computation()
            var p = ConvSceneParameters()
            let g = computation.geometry
            p.inputHeight = g.height.inputSize; p.inputWidth = g.width.inputSize
            p.kernelHeight = g.height.kernelSize; p.kernelWidth = g.width.kernelSize
            p.strideHeight = g.height.stride; p.strideWidth = g.width.stride
            p.paddingHeight = .explicit(g.height.paddingBefore); p.paddingWidth = .explicit(g.width.paddingBefore)
            p.dilationHeight = g.height.dilation; p.dilationWidth = g.width.dilation
            p.groups = g.groups
            p.inputChannels = g.inputChannels
            p.outputChannels = g.outputChannels
            p.inputSource = computation.input
            // A batch is computed whole; the step-through shows one item (--batch-index).
            if g.batch > 1 { p.batchInput = computation.input }
            p.weightSource = computation.weight
            p.biasSource = computation.bias
            return p
        } catch {
            throw .usage("\(path) is not a valid conv2d case: \(error.description)")
        }
    }
}
