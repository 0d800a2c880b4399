import ArgumentParser
import Foundation
import ConvCore
import ConvApp
import ConvDiagrams

/// A named configuration of `convscope deconv`.
enum DeconvPreset: String, ExpressibleByArgument, CaseIterable {
    /// FCN-32s's upsampling layer: k64 s32 p16, bilinear kernel, on a 3 x 3 map, zoomed out.
    case fcn32s
}

/// `convscope deconv`: the transposed-convolution step-through.
struct DeconvCommand: SceneCommand {
    static let configuration = CommandConfiguration(
        commandName: "deconv",
        abstract: "Step through a 2-D transposed convolution (torch.nn.functional.conv_transpose2d).",
        discussion: """
            The direct view shows the equivalent direct convolution: s-1 zeros (o) inserted between
            input cells, d(k-1)-p zeros (.) before and d(k-1)-p+output_padding after, the
            output_padding zeros (+) at the bottom and right, the kernel flipped 180 degrees,
            stride 1. Key t switches to the scatter view: each input cell stamps the kernel,
            scaled by its value, onto the output, overlaps summed. z zooms out to block maps.
            output_padding must be smaller than the stride or the dilation (PyTorch's rule);
            --output-size H[,W] derives it instead. Sizes are H or H,W; values are rows of numbers
            separated by ';'. Without values the input and kernel are the numeric example of
            Dumoulin & Visin 2016, tiled; the default geometry is conv_arithmetic's
            padding_strides_odd_transposed (i'=3, k=3, s=2, p=1, output_padding=1 -> 6), used only
            when no geometry option (--kernel, --stride, --padding, --output-padding, --output-size,
            --dilation) is given; with any of them the others take ConvTranspose2d's defaults
            (stride 1, padding 0, output_padding 0, dilation 1; kernel 3 unless given).
            --preset fcn32s: FCN-32s's k64 s32 p16 upsampling with its bilinear kernel on a 3x3 map
            (--input changes the map size).
            """)

    @Option(parsing: .unconditional, help: "Input size H[,W] (1...4096).") var input: String?
    @Option(parsing: .unconditional, help: "Kernel size K[,K] (1...4096).") var kernel: String?
    @Option(parsing: .unconditional, help: "Stride S[,S] (1...4096); default 1 (2 in the example used without geometry options).") var stride: String?
    @Option(parsing: .unconditional, help: "Padding P[,P] (0...4096), cropped from each end of the output.") var padding: String?
    @Option(name: .customLong("output-padding"), parsing: .unconditional, help: "output_padding A[,A], added at the bottom/right; each smaller than the stride or the dilation.") var outputPadding: String?
    @Option(name: .customLong("output-size"), parsing: .unconditional, help: "Requested output size H[,W]: derives output_padding as ConvTranspose2d.forward(output_size=) does.") var outputSize: String?
    @Option(parsing: .unconditional, help: "Dilation D[,D] (1...4096).") var dilation: String?
    @Option(parsing: .unconditional, help: "Channel groups (divides both channel counts).") var groups: Int?
    @Option(name: .customLong("in-channels"), parsing: .unconditional, help: "Input channels C_in (1...512).") var inChannels: Int?
    @Option(name: .customLong("out-channels"), parsing: .unconditional, help: "Output channels C_out (1...512).") var outChannels: Int?
    @Option(parsing: .unconditional, help: "Input values of one channel: rows separated by ';'.") var values: String?
    @Option(name: .customLong("kernel-values"), parsing: .unconditional, help: "Kernel values: rows separated by ';'.") var kernelValues: String?
    @Option(parsing: .unconditional, help: "Read one case in the form of conv_transpose2d.json (input, weight, bias, stride, padding, output_padding, dilation, groups).") var from: String?
    @Option(name: .customLong("case"), parsing: .unconditional, help: "With --from on a file of cases: which case (1-based).") var caseNumber: Int = 1
    @Option(name: .customLong("batch-index"), parsing: .unconditional, help: "With --from on a case of batch N: the item the step-through shows (0...N-1, default 0); the JSON has the whole batch.") var batchIndex: Int?
    @Option(parsing: .unconditional, help: "A named configuration: fcn32s.") var preset: DeconvPreset?
    @Option(parsing: .unconditional, help: "direct (the stretched input and flipped kernel) or scatter (stamps and running sums).") var view: ConvTransposeStepDiagram.View = .direct
    @Flag(inversion: .prefixedNo, help: "Draw block maps instead of numbers (default: on for --preset fcn32s).") var zoom: Bool?
    @OptionGroup var output: OutputOptions

    func makeScene() throws(CLIError) -> any Scene {
        var p = try sceneParameters()
        if let zoom { p.zoomed = zoom }
        return DeconvScene(parameters: p, view: view)
    }

    /// The scene parameters the options describe.
    func sceneParameters() throws(CLIError) -> DeconvSceneParameters {
        if let from {
            try OptionChecks.rejectWithFrom([("--input", input != nil), ("--kernel", kernel != nil), ("--stride", stride != nil),
                                             ("--padding", padding != nil), ("--output-padding", outputPadding != nil),
                                             ("--output-size", outputSize != nil), ("--dilation", dilation != nil),
                                             ("--groups", groups != nil), ("--in-channels", inChannels != nil),
                                             ("--out-channels", outChannels != nil), ("--values", values != nil),
                                             ("--kernel-values", kernelValues != nil), ("--preset", preset != nil)],
                                            gives: "the whole transposed convolution")
            var p = try Self.parameters(fromFile: from, caseNumber: caseNumber)
            p.batchIndex = try OptionChecks.batchIndex(batchIndex, batch: p.batchInput?.shape.first ?? 1)
            return p
        }
        if batchIndex != nil { throw .usage("--batch-index needs --from: it picks an item of a case's batch") }
        if outputPadding != nil && outputSize != nil {
            throw .usage("--output-padding and --output-size cannot be combined; --output-size derives output_padding")
        }
        var p = preset == .fcn32s ? DeconvSceneParameters.fcn32s() : DeconvSceneParameters()
        // The scene's own example (s2 p1 output_padding 1) applies only when no geometry option is
        // given; otherwise the options not given take ConvTranspose2d's defaults.
        let geometryGiven = [kernel, stride, padding, outputPadding, outputSize, dilation].contains { $0 != nil }
        if preset == nil && geometryGiven {
            (p.strideHeight, p.strideWidth) = (1, 1)
            (p.paddingHeight, p.paddingWidth) = (0, 0)
            (p.outputPaddingHeight, p.outputPaddingWidth) = (0, 0)
            (p.dilationHeight, p.dilationWidth) = (1, 1)
        }
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
        if let padding { (p.paddingHeight, p.paddingWidth) = try ListParsing.pair(padding, option: "--padding", range: 0...4096) }
        if let dilation { (p.dilationHeight, p.dilationWidth) = try ListParsing.pair(dilation, option: "--dilation", range: 1...4096) }
        if let outputPadding {
            (p.outputPaddingHeight, p.outputPaddingWidth) = try ListParsing.pair(outputPadding, option: "--output-padding",
                                                                                  range: 0...4096)
        }
        p.inputChannels = try OptionChecks.count(inChannels, option: "--in-channels", range: 1...512) ?? p.inputChannels
        p.outputChannels = try OptionChecks.count(outChannels, option: "--out-channels", range: 1...512) ?? p.outputChannels
        p.groups = try OptionChecks.count(groups, option: "--groups", range: 1...512) ?? p.groups
        if let outputSize {
            let (h, w) = try ListParsing.pair(outputSize, option: "--output-size", range: 1...(1 << 20))
            do throws(ConvTransposeError) {
                p.outputPaddingHeight = try ConvTransposeAxis.outputPadding(
                    forOutputSize: h, inputSize: p.inputHeight, kernelSize: p.kernelHeight, stride: p.strideHeight,
                    padding: p.paddingHeight, dilation: p.dilationHeight, name: "height")
                p.outputPaddingWidth = try ConvTransposeAxis.outputPadding(
                    forOutputSize: w, inputSize: p.inputWidth, kernelSize: p.kernelWidth, stride: p.strideWidth,
                    padding: p.paddingWidth, dilation: p.dilationWidth, name: "width")
            } catch {
                throw .usage("--output-size \(outputSize): \(error.description)")
            }
        }
        return p
    }

    /// Reads a conv_transpose2d case (a single case object, or a file with `cases`) into scene parameters.
    static func parameters(fromFile path: String, caseNumber: Int) throws(CLIError) -> DeconvSceneParameters {
        let c: ConvTransposeCaseJSON = try CaseFile.load(path, caseNumber: caseNumber, kind: "conv_transpose2d")
        do throws(ConvTransposeError) {
            let computation = try c.computation()
            let g = computation.geometry
            var p = DeconvSceneParameters()
            (p.inputHeight, p.inputWidth) = (g.height.inputSize, g.width.inputSize)
            (p.kernelHeight, p.kernelWidth) = (g.height.kernelSize, g.width.kernelSize)
            (p.strideHeight, p.strideWidth) = (g.height.stride, g.width.stride)
            (p.paddingHeight, p.paddingWidth) = (g.height.padding, g.width.padding)
            (p.outputPaddingHeight, p.outputPaddingWidth) = (g.height.outputPadding, g.width.outputPadding)
            (p.dilationHeight, p.dilationWidth) = (g.height.dilation, g.width.dilation)
            p.groups = g.groups
            p.inputChannels = g.inputChannels
            p.outputChannels = g.outputChannels
            p.inputSource = computation.input
            // A batch is computed whole; the step-through shows one item (--batch-index).
            if g.batch > 1 { p.batchInput = computation.input }
            p.weightSource = computation.weight
            p.biasSource = computation.bias
            _ = try p.geometry()
            return p
        } catch {
            throw .usage("\(path) is not a valid conv_transpose2d case: \(error.description)")
        }
    }
}

extension ConvTransposeStepDiagram.View: ExpressibleByArgument {}
