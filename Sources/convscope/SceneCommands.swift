import ArgumentParser
import ConvApp

/// A subcommand that shows a scene. Lessons and the home screen build scenes through it from
/// argument lists (the same words a user types after `convscope`), so a lesson can show
/// anything the command line can.
protocol SceneCommand: ParsableCommand {
    /// The scene the parsed options describe.
    /// - Throws: ``CLIError`` (exit 64) for invalid values.
    func makeScene() throws(CLIError) -> any Scene
    /// How the scene is shown (`--step`, `--all`, `--format`, `--print`, size).
    var output: OutputOptions { get }
}

extension SceneCommand {
    /// The one path of every scene command: the scene from the parsed options, then the TUI,
    /// printed frames or its JSON (``SceneRunner/run(scene:options:)``); errors exit as
    /// ``reportingErrors(_:)`` says.
    func run() throws {
        try reportingErrors { () throws(CLIError) in
            try SceneRunner.run(scene: try makeScene(), options: output)
        }
    }
}

/// The registry of scene subcommands.
enum SceneCommands {
    /// Every scene subcommand. Add new scenes here (one line each).
    static let all: [any SceneCommand.Type] = [
        ConvCommand.self,
        DeconvCommand.self,
        PoolCommand.self,
        ArchCommand.self,
        SPPCommand.self,
        RoICommand.self,
        AnchorsCommand.self,
        YOLOCommand.self,
        FilterCommand.self,
        RGBCommand.self,
        Conv1x1Command.self,
        ActivationsCommand.self,
    ]

    /// The scene for `arguments` (e.g. `["conv", "--input", "7", "--stride", "2"]`).
    /// - Throws: ``CLIError`` naming an unknown scene or the bad option.
    static func scene(from arguments: [String]) throws(CLIError) -> any Scene {
        guard let name = arguments.first else { throw .usage("no scene given; allowed: \(names.joined(separator: ", "))") }
        guard let type = all.first(where: { $0.configuration.commandName == name }) else {
            throw .usage("unknown scene '\(name)'; allowed: \(names.joined(separator: ", "))")
        }
        let parsed: any ParsableCommand
        do {
            parsed = try type.parse(Array(arguments.dropFirst()))
        } catch {
            throw .usage(type.message(for: error))
        }
        guard let command = parsed as? any SceneCommand else { throw .usage("'\(name)' is not a scene") }
        let scene = try command.makeScene()
        if let error = scene.errorMessage { throw .usage(error) }
        return scene
    }

    /// The scene names, in registry order.
    static var names: [String] { all.compactMap { $0.configuration.commandName } }
}
