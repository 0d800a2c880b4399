import ArgumentParser
import ConvCore
import ConvApp
import ConvDiagrams

/// `convscope conv1x1`: a 1 x 1 convolution reducing channels before a 3 x 3 convolution.
struct Conv1x1Command: SceneCommand {
    static let configuration = CommandConfiguration(
        commandName: "conv1x1",
        abstract: "Compare a 3x3 convolution with a 1x1 channel reduction in front of it (parameters, multiply-adds).",
        discussion: """
            Path A: 3x3 convolution C -> F. Path B: 1x1 convolution C -> R, then 3x3 R -> F. \
            Both keep the H x W map (padding 1). Counts follow torchinfo 1.8 (bias included). \
            --format json prints both paths' layers and totals.

            Keys: n/p step through A, the 1x1, the 3x3 after it; Tab focus, +/- double or halve, ? help, q quit.
            """)

    @Option(name: .customLong("in"), parsing: .unconditional, help: "Input channels C (1...4096).") var inChannels: Int = 128
    @Option(name: .customLong("reduce"), parsing: .unconditional, help: "Channels after the 1x1 convolution R (1...4096).") var reduced: Int = 32
    @Option(name: .customLong("out"), parsing: .unconditional, help: "Output channels F of the 3x3 convolution (1...4096); default C.") var outChannels: Int?
    @Option(parsing: .unconditional, help: "The map H[,W] (1...1024).") var map: String = "28"
    @OptionGroup var output: OutputOptions

    func makeScene() throws(CLIError) -> any Scene {
        let limit = 1...Conv1x1Scene.maximumChannels
        for (name, value) in [("--in", inChannels), ("--reduce", reduced), ("--out", outChannels ?? inChannels)] where !limit.contains(value) {
            throw .usage("\(name) \(value) is out of range; allowed: 1...\(Conv1x1Scene.maximumChannels)")
        }
        let (h, w) = try ListParsing.pair(map, option: "--map", range: 1...Conv1x1Scene.maximumSide)
        return Conv1x1Scene(inputChannels: inChannels, reducedChannels: reduced, outputChannels: outChannels,
                            height: h, width: w)
    }
}
