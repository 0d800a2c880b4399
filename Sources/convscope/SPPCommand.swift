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
    @Option(help: "Feature map channels C (1...4096; C x H x W at most 1,048,576).") var channels: Int?
    @Option(parsing: .unconditional, help: "adaptive (PyTorch, default) or spp-net-paper.") var rule: String?
    @Option(parsing: .unconditional, help: "Map values of one channel: rows separated by ';'.") var values: String?
    @Option(parsing: .unconditional, help: "Read one case in the form of spp.json (input, levels, optional rule).") var from: String?
    @Option(name: .customLong("case"), help: "With --from on a file of cases: which case (1-based).") var caseNumber: Int = 1
    @OptionGroup var output: OutputOptions

    func makeScene() throws(CLIError) -> any Scene { SPPScene(parameters: try sceneParameters()) }

    /// The scene parameters the options describe.
    func sceneParameters() throws(CLIError) -> SPPSceneParameters {
        if let from {
            let clashes: [(String, Any?)] = [("--map", map), ("--channels", channels), ("--values", values)]
            if let clash = clashes.first(where: { $0.1 != nil }) {
                throw .usage("\(clash.0) cannot be combined with --from; the case file gives the map")
            }
            var p = try Self.parameters(fromFile: from, caseNumber: caseNumber)
            if let levels { p.levels = try Self.levels(levels) }
            if let rule { p.rule = try Self.rule(rule) }
            return p
        }
        var p = SPPSceneParameters()
        if let values {
            let rows = try ListParsing.matrix(values, option: "--values")
            guard rows.count <= 1024, rows[0].count <= 1024 else { throw .usage("--values: at most 1024 x 1024 numbers") }
            do {
                p.valueSource = try Tensor(shape: [1, 1, rows.count, rows[0].count], data: rows.flatMap { $0 })
            } catch {
                throw .usage("--values: \(error.description)")
            }
            (p.height, p.width) = (rows.count, rows[0].count)
        }
        if let map {
            let (h, w) = try ListParsing.pair(map, option: "--map", range: 1...1024)
            if values != nil && (h, w) != (p.height, p.width) {
                throw .usage("--map \(map) disagrees with --values, which has \(p.height) x \(p.width) numbers; give one or make them agree")
            }
            (p.height, p.width) = (h, w)
        }
        if let channels {
            guard (1...4096).contains(channels) else { throw .usage("--channels \(channels) is out of range; allowed: 1...4096") }
            p.channels = channels
        }
        if let levels { p.levels = try Self.levels(levels) }
        if let rule { p.rule = try Self.rule(rule) }
        return p
    }

    static func levels(_ text: String) throws(CLIError) -> [Int] {
        try DetectionParsing.integers(text, option: "--levels", range: 1...SPPSceneParameters.maximumBinCount, counts: 1...SpatialPyramidGeometry.maximumLevelCount)
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
