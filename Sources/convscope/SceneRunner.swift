#if canImport(Glibc)
import Glibc
#endif
import Foundation
import ConvApp
import ConvDiagrams
import ConvTerminal

/// Shows a scene: the interactive view when the terminal allows it and `--print` is not given,
/// else the frame(s) as text with no escape codes.
enum SceneRunner {
    /// The most frames `--all` prints (e.g. a 31 x 31 grid; a debug build prints them in about a second); larger scenes take `--step`.
    static let maximumAllSteps = 1_000

    /// Runs `scene` with `options`; `json` gives the scene's JSON for `--format json`.
    static func run(scene: any Scene, options: OutputOptions, json: () throws(CLIError) -> String) throws(CLIError) {
        try options.validateSize()
        var scene = scene
        if let step = options.step {
            guard step >= 1, step <= scene.stepCount else {
                throw .usage("--step \(step) is out of range; allowed: 1...\(scene.stepCount)")
            }
            scene.step = step
        }
        if options.all && options.format != .json && scene.stepCount > maximumAllSteps {
            throw .usage("--all would print \(scene.stepCount) frames; allowed: at most \(maximumAllSteps) steps (use --step N for one frame)")
        }
        if options.format == .json {
            Swift.print(try json(), terminator: "")
            return
        }
        let environment = ProcessInfo.processInfo.environment
        if !options.print && !options.all && CursesBackend.isInteractive(environment: environment) {
            CursesBackend.setLocale()
            SignalGuard.install()
            do {
                let backend = try CursesBackend(environment: environment)
                let status = RunLoop.run(AppState(scene: scene, glyphs: options.glyphs), backend: backend) { canvas, state in
                    let name = "convscope-\(state.scene.title)-step\(state.scene.step).txt"
                    do throws(CLIError) {
                        try AtomicFile.write(canvas.plainText, to: name)
                        return "exported to \(name)"
                    } catch {
                        return error.description
                    }
                }
                if status != 0 { exit(status) }
                return
            } catch {
                // Unknown terminal type: fall through to printing.
            }
        }
        printFrames(scene: scene, options: options)
    }

    /// Prints the frame of the current step, or of every step with `--all`: plain text, or with
    /// escape codes for `--format ansi`.
    static func printFrames(scene: any Scene, options: OutputOptions) {
        let size = Size(width: options.width, height: options.height)
        var state = AppState(scene: scene, glyphs: options.glyphs)
        func text(_ canvas: Canvas) -> String {
            options.format == .ansi ? ANSIExport.render(canvas) : canvas.plainText
        }
        if options.all && scene.stepCount > 0 {
            for step in 1...scene.stepCount {
                state.scene.step = step
                if step > 1 { Swift.print("") }
                Swift.print(text(frame(state, size: size)), terminator: "")
            }
        } else {
            Swift.print(text(frame(state, size: size)), terminator: "")
        }
    }
}
