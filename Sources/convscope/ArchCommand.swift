import ArgumentParser
import Foundation
import ConvCore
import ConvApp
import ConvDiagrams
import ConvTerminal

/// How `convscope arch` writes its tables.
enum ArchFormatOption: String, ExpressibleByArgument, CaseIterable {
    case text, ascii, unicode, markdown, json

    /// The renderer's format (`ascii` is another name for `text`).
    var tableFormat: ArchTableFormat {
        switch self {
        case .text, .ascii: return .text
        case .unicode: return .unicode
        case .markdown: return .markdown
        case .json: return .json
        }
    }
}

/// `convscope arch`: architecture tables of the model zoo (AlexNet to DenseNet), the lecture's
/// worked examples, and several models' totals side by side.
struct ArchCommand: SceneCommand {
    static let configuration = CommandConfiguration(
        commandName: "arch",
        abstract: "Architecture tables from AlexNet to DenseNet: shapes, parameters, mult-adds, receptive fields.",
        discussion: """
              convscope arch resnet50                  one model: torchinfo's table
              convscope arch yolov3.cfg --input 3x416x416    a Darknet or Caffe file
              convscope arch resnet50.onnx --format json     an ONNX file (weights never read)
              convscope arch --list                    every model and its parameters
              convscope arch --example NAME            a worked example (alone: the list)
              convscope arch --compare alexnet,vgg16   totals side by side
              convscope arch --diff vgg16 vgg16_bn     two tables aligned layer by layer
            In a terminal NAME opens a browsable table: j/k move, Enter folds blocks,
            / searches, c columns, m models, v compares totals, O opens a model file
            (Tab completes the path, Up/Down the last five opened), ? help, q quits.
            Columns: layer, input, output, kernel, stride, padding, dilation, groups,
            params, percent, mult-adds, rf, flops, memory (or all, or default).
            mult-adds are torchinfo 1.8's (bias included); "MACs without bias" are
            ptflops/fvcore's. flops = 2 x mult-adds (one multiply + one add): thop,
            ptflops and fvcore print mult-adds under the name FLOPs, half this column.
            memory = each layer's output at float32 in MB; with it the footer gives the
            estimated peak of live activations in one inference pass and its rule.
            Bounds: .cfg/.prototxt files up to 16 MiB, 100,000 layers, nesting 64;
            .onnx files of any size (mapped), up to 100,000 nodes, 64 MiB of graph
            without weights, protobuf nesting 100. A bad file exits 65 with one line.
            """)

    @Argument(help: "A model (convscope arch --list names them) or an ONNX .onnx / Darknet .cfg / Caffe .prototxt file; with --example an example; with --compare models, comma-separated.")
    var names: [String] = []
    @Flag(help: "List every model with its total parameters and input size.") var list = false
    @Flag(help: "Show the worked example named by the argument, or list the examples.") var example = false
    @Flag(help: "Compare the models named by the argument (default alexnet,vgg16,googlenet).") var compare = false
    @Flag(help: "Align two models or files (A B) layer by layer: by name where they share names, by order otherwise; mark rows whose type, output shape, parameters or mult-adds differ, and give the totals' difference.")
    var diff = false
    @Option(parsing: .unconditional, help: "Input size CxHxW, each 1...65536 (default: the model's, 3x224x224 or 3x227x227).") var input: String?
    @Option(parsing: .unconditional, help: "Deepest row shown: 0...100 or all (containers at this depth show their sums).") var depth: String?
    @Option(parsing: .unconditional, help: "Columns, comma-separated (see above), all or default.") var columns: String?
    @Option(parsing: .unconditional, help: "text (or ascii), unicode, markdown or json.") var format: ArchFormatOption = .text
    @Option(parsing: .unconditional, help: "Width of printed tables in columns (40...1000).") var width: Int = 100
    @Flag(help: "Print instead of opening the interactive view.") var print = false

    /// The largest input extent `--input` accepts.
    static let inputRange = 1...65536
    /// The depths `--depth` accepts (besides "all").
    static let depthRange = 0...100

    // MARK: - Parsing

    /// `--input` as [C, H, W], or nil.
    func parsedInput() throws(CLIError) -> [Int]? {
        guard let input else { return nil }
        return try ListParsing.integers(input, option: "--input", separators: ["x", "X", ","], count: 3...3,
                                        range: Self.inputRange,
                                        form: "CxHxW with whole numbers \(Self.inputRange.lowerBound)...\(Self.inputRange.upperBound), e.g. 3x224x224")
    }

    /// `--depth` as a number, or nil for every depth.
    func parsedDepth() throws(CLIError) -> Int? {
        guard let depth, depth.lowercased() != "all" else { return nil }
        guard let value = Int(depth.trimmed { $0 == " " }), Self.depthRange.contains(value) else {
            throw .usage("--depth '\(depth)' is not valid; allowed: a whole number \(Self.depthRange.lowerBound)...\(Self.depthRange.upperBound) (0 = the model row only) or all")
        }
        return value
    }

    /// `--columns` as columns (the layer column first), or the defaults.
    func parsedColumns() throws(CLIError) -> [ArchColumn] {
        guard let columns else { return ArchColumn.defaults }
        let allowed = "allowed: a comma-separated list of \(ArchColumn.allCases.map(\.rawValue).joined(separator: ", ")), or all, or default"
        let words = try ListParsing.words(columns, option: "--columns", allowed: String(allowed.dropFirst("allowed: ".count)))
            .map { $0.lowercased() }
        var result: [ArchColumn] = [.layer]
        for word in words {
            let chosen: [ArchColumn]
            switch word {
            case "all": chosen = ArchColumn.allCases
            case "default": chosen = ArchColumn.defaults
            default:
                guard let column = ArchColumn(rawValue: word) else {
                    throw .usage("--columns: unknown column '\(word)'; \(allowed)")
                }
                chosen = [column]
            }
            for column in chosen where !result.contains(column) { result.append(column) }
        }
        return result
    }

    /// The positional names, commas split.
    /// - Throws: ``CLIError/usage(_:)`` for an empty name (",,", "alexnet,", a blank argument).
    func splitNames() throws(CLIError) -> [String] {
        let option = compare ? "--compare" : example ? "--example" : diff ? "--diff" : "model name"
        let allowed = "comma-separated names: \(ModelZoo.names.joined(separator: ", "))"
        var result: [String] = []
        for argument in names { result += try ListParsing.words(argument, option: option, allowed: allowed) }
        return result
    }

    // MARK: - Scene

    /// The table scene of the one model named; with no model, the first model's table with the
    /// model picker (`m`) open.
    func makeScene() throws(CLIError) -> any Scene {
        var names = try splitNames()
        let pick = names.isEmpty
        if pick { names = [ModelZoo.names[0]] }
        guard names.count == 1 else {
            throw .usage("one model at a time (got \(names.joined(separator: ", "))); use --compare for several")
        }
        // A bad model file is refused with its own exit status (65, 66) before the scene opens.
        _ = try ModelFileLoading.summaryIfFile(names[0], input: try parsedInput())
        let scene = ArchScene(model: names[0], input: try parsedInput(), depth: try parsedDepth(), columns: try parsedColumns(),
                              fileLoader: ModelFileLoading.loader, pathCompleter: RecentModelFiles.complete,
                              recentFiles: RecentModelFiles.standard()?.load() ?? [])
        if let error = scene.errorMessage {
            if (try? ModelZoo.entry(named: names[0])) == nil {
                throw .usage(ModelError.unknownModel(name: names[0], allowed: ModelZoo.names).description)
            }
            throw .usage(error)
        }
        if pick {
            var picking = scene
            _ = picking.handle(.character("m"))
            return picking
        }
        return scene
    }

    // MARK: - Running

    /// The interactive view's options: the glyphs of `--format` (text or unicode).
    var output: OutputOptions {
        let words = ["--format", format.tableFormat == .unicode ? "unicode" : "ascii"]
        return (try? OutputOptions.parse(words)) ?? OutputOptions.parseOrExit([])
    }

    mutating func run() throws {
        let command = self
        try reportingErrors { () throws(CLIError) in
            CommandOutput.print(try command.renderedOutput(), terminator: "")
        }
    }

    /// Everything `run` prints, or "" after the interactive view; throws a usage error for bad values.
    func renderedOutput() throws(CLIError) -> String {
        guard (40...1000).contains(width) else { throw .usage("--width \(width) is out of range; allowed: 40...1000") }
        let input = try parsedInput()
        let depth = try parsedDepth()
        let columns = try parsedColumns()
        let format = format.tableFormat
        let modes = [list, example, compare, diff].filter { $0 }.count
        guard modes <= 1 else { throw .usage("--list, --example, --compare and --diff cannot be combined; allowed: one of them") }
        if diff {
            // Two arguments (file paths may hold commas), or one "A,B".
            let given = names.count == 1 ? try splitNames() : names
            guard given.count == 2, given.allSatisfy({ !$0.trimmed().isEmpty }) else {
                throw .usage("--diff takes two models or files, A B (got \(given.count): \(given.joined(separator: " ")))")
            }
            return ArchDiff(try Self.summary(given[0], input: input), try Self.summary(given[1], input: input)).render(format: format)
        }
        if list {
            guard names.isEmpty else { throw .usage("--list takes no model name (got \(names.joined(separator: " ")))") }
            do {
                return ArchTable.listing(try ModelZoo.listing(), format: format)
            } catch {
                throw .usage(error.description)
            }
        }
        if example {
            let names = try splitNames()
            guard let name = names.first else {
                var examples: [WorkedExample] = []
                for name in WorkedExample.names {
                    if let built = try? WorkedExample.build(name) { examples.append(built) }
                }
                return ArchTable.exampleList(examples, format: format)
            }
            guard names.count == 1 else { throw .usage("--example takes one name (got \(names.joined(separator: ", ")))") }
            do {
                let built = try WorkedExample.build(name, input: input)
                return ArchTable.render(example: built, format: format, width: width, depth: depth ?? Int.max,
                                        columns: columns)
            } catch {
                throw .usage(error.description)
            }
        }
        if compare {
            let given = try splitNames()
            let names = given.isEmpty ? ArchScene.defaultComparison : given
            var summaries: [ModelSummary] = []
            for name in names { summaries.append(try Self.summary(name, input: input)) }
            return ArchTable.comparison(summaries, format: format, width: width)
        }
        let environment = ProcessInfo.processInfo.environment
        if !print, format == .text || format == .unicode, CursesBackend.isInteractive(environment: environment) {
            try SceneRunner.run(scene: try makeScene(), options: output)
            return ""
        }
        let names = try splitNames()
        // No model and no terminal: the list the picker would show (as --list).
        if names.isEmpty {
            do {
                return ArchTable.listing(try ModelZoo.listing(), format: format)
            } catch {
                throw .usage(error.description)
            }
        }
        guard names.count == 1 else {
            throw .usage("one model at a time (got \(names.joined(separator: ", "))); use --compare for several")
        }
        let summary = try Self.summary(names[0], input: input)
        return ArchTable.render(summary, format: format, width: width, depth: depth ?? Int.max, columns: columns)
    }

    /// Model `name` summarised at `input`; errors name the model, the input and the layer.
    static func summary(_ name: String, input: [Int]?) throws(CLIError) -> ModelSummary {
        if let file = try ModelFileLoading.summaryIfFile(name, input: input) { return file }
        do {
            return try ModelZoo.build(name, input: input)
        } catch {
            if case .unknownModel = error { throw .usage(error.description) }
            let shown = input.map { $0.map(String.init).joined(separator: "x") } ?? "default"
            throw .usage("\(name) at input \(shown): \(error.description)")
        }
    }
}
