import ArgumentParser
import ConvCore
import ConvApp
import ConvDiagrams

/// `convscope activations`: ReLU, sigmoid and tanh, their derivatives, and the vanishing gradient.
struct ActivationsCommand: SceneCommand {
    static let configuration = CommandConfiguration(
        commandName: "activations",
        abstract: "Plot ReLU, sigmoid and tanh with their derivatives; the gradient through n sigmoids; ReLU on a feature map.",
        discussion: """
            A chain of n sigmoids passes a gradient of at most 0.25^n (0.25^5 = 0.0009765625); \
            a chain of ReLUs passes 1 for a positive input. --format json prints the functions \
            sampled on [-4, 4], the chain and the rectified map.

            Keys: n/p step through the map, +/- change n, ? help, q quit.
            """)

    @Option(name: .customLong("n"), parsing: .unconditional, help: "Length of the sigmoid chain (1...64).") var length: Int = 5
    @Option(parsing: .unconditional, help: "The feature map: rows of numbers separated by ';' (at most 16 x 16).") var map: String?
    @OptionGroup var output: OutputOptions

    func makeScene() throws(CLIError) -> any Scene {
        guard (1...ActivationChain.maximumLength).contains(length) else {
            throw .usage("--n \(length) is out of range; allowed: 1...\(ActivationChain.maximumLength)")
        }
        var tensor = ActivationScene.defaultMap
        if let given = try OptionChecks.values(map, option: "--map", limit: 16) { tensor = given.tensor }
        return ActivationScene(length: length, map: tensor)
    }
}
