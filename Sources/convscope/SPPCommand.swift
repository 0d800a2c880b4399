import ArgumentParser
import ConvCore
import ConvApp
import ConvDiagrams

/// `convscope spp`: spatial pyramid pooling, bin by bin and level by level.
struct SPPCommand: SceneCommand {
    static let configuration = CommandConfiguration(
        commandName: "spp",
        abstract: "Step through spatial pyramid pooling (SPP-net): each level's bins, their maxima, the fixed-length vector.",
        discussion: """
            The map is H or HxW; levels are bin counts per side, e.g. 4,2,1 (the vector has
            C x (16 + 4 + 1) values). The adaptive rule [floor(i*a/n), ceil((i+1)*a/n)) is
            PyTorch's adaptive_max_pool2d; spp-net-paper is the paper's window ceil(a/n) with
            stride floor(a/n), which can give a different number of bins (warned on screen).
            Without --values the map holds a fixed pattern of whole numbers -9...9.
            Keys: n/p or arrows step through the bins, L next level, c next channel, Tab focus,
            +/- change, ? help, q quit.
            """)

    @Option(parsing: .unconditional, help: "Feature map size H[xW] (1...1024).") var map: String?
    @Option(parsing: .unconditional, help: "Bins per side of each level, e.g. 4,2,1 (1...64 each, at most 32 levels; C x bins at most 262,144, C x cells read at most 8,388,608).") var levels: String?
    @Option(parsing: .unconditional, help: "Feature map channels C (1...4096; C x H x W at most 1,048,576).") var channels: Int?
    @Option(parsing: .unconditional, help: "adaptive (PyTorch, default) or spp-net-paper.") var rule: String?
    @Option(parsing: .unconditional, help: "Map values of one channel: rows separated by ';'.") var values: String?
    @Option(parsing: .unconditional, help: "Read one case in the form of spp.json (input, levels, optional rule).") var from: String?
    @Option(name: .customLong("case"), parsing: .unconditional, help: "With --from on a file of cases: which case (1-based).") var caseNumber: Int = 1
    @OptionGroup var output: OutputOptions

    func makeScene() throws(CLIError) -> any Scene { SPPScene(parameters: try sceneParameters()) }

    /// The scene parameters the options describe.
    func sceneParameters() throws(CLIError) -> SPPSceneParameters {
        if let from {
            try OptionChecks.rejectWithFrom([("--map", map != nil), ("--channels", channels != nil), ("--values", values != nil)],
                                            gives: "the map")
            var p = try Self.parameters(fromFile: from, caseNumber: caseNumber)
            if let levels { p.levels = try Self.levels(levels) }
            if let rule { p.rule = try Self.rule(rule) }
            return p
        }
        var p = SPPSceneParameters()
        let given = try OptionChecks.values(values, option: "--values", limit: 1024)
        p.valueSource = given?.tensor
        if let size = try OptionChecks.size(map, option: "--map", range: 1...1024, agreeingWith: given?.size, valuesOption: "--values") {
            (p.height, p.width) = (size.height, size.width)
        }
        p.channels = try OptionChecks.count(channels, option: "--channels", range: 1...4096) ?? p.channels
        if let levels { p.levels = try Self.levels(levels) }
        if let rule { p.rule = try Self.rule(rule) }
        return p
    }

    static func levels(_ text: String) throws(CLIError) -> [Int] {
        try ListParsing.integers(text, option: "--levels", count: 1...SpatialPyramidGeometry.maximumLevelCount, range: 1...SPPSceneParameters.maximumBinCount)
    }

    static func rule(_ text: String) throws(CLIError) -> PyramidBinRule {
        guard let rule = PyramidBinRule(rawValue: text) else {
            throw .usage("--rule '\(text)' is not valid; allowed: \(PyramidBinRule.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return rule
    }

    /// Reads an SPP case (a single case object, or a file with `cases`) into scene parameters.
    static func parameters(fromFile path: String, caseNumber: Int) throws(CLIError) -> SPPSceneParameters {
        let c: SPPCaseJSON = try CaseFile.load(path, caseNumber: caseNumber, kind: "SPP")
        do throws(DetectionError) {
            let pooling = try c.pooling()
            let g = pooling.geometry
            var p = SPPSceneParameters()
            (p.height, p.width, p.channels) = (g.height, g.width, g.channels)
            p.levels = g.levels.map(\.binCount)
            p.rule = g.rule
            p.valueSource = pooling.input
            _ = try p.input()
            return p
        } catch {
            throw .usage("\(path) is not a valid SPP case: \(error.description)")
        }
    }
}
