#if canImport(Glibc)
import Glibc
#endif
import Foundation
import ConvApp
import ConvDiagrams
import ConvTerminal

/// Shows a scene: the interactive view when the terminal allows it and `--print` is not given,
/// else the frame(s) as text with no escape codes, or its JSON.
enum SceneRunner {
    /// The most frames `--all` prints (e.g. a 31 x 31 grid; a debug build prints them in about a second); larger scenes take `--step`.
    static let maximumAllSteps = 1_000

    /// Runs `scene` with `options`: `--format json` prints the scene's JSON (``Scene/json()``).
    /// - Throws: ``CLIError`` (exit 64) for an invalid scene, a `--step` out of range, or `--all` on too many steps.
    static func run(scene: any Scene, options: OutputOptions) throws(CLIError) {
        try options.validateSize()
        if let error = scene.errorMessage { throw .usage(error) }
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
            guard let json = scene.json() else { throw .usage("\(scene.title) has no JSON form; allowed: --format ascii, unicode or ansi") }
            CommandOutput.print(json, terminator: "")
            return
        }
        let environment = ProcessInfo.processInfo.environment
        if !options.print && !options.all && CursesBackend.isInteractive(environment: environment) {
            CursesBackend.setLocale()
            SignalGuard.install()
            if let backend = try? CursesBackend(environment: environment) {
                let status = RunLoop.run(AppState(scene: scene, glyphs: options.glyphs), backend: backend, export: exportView,
                                         saveRecentFiles: saveRecentFiles)
                if status != 0 { exit(status) }
                return
            }
            // Unknown terminal type: fall through to printing.
        }
        printFrames(scene: scene, options: options)
    }

    /// Saves the scene's ``Scene/recentFiles`` (the `O` key opened a file); returns why not, or nil.
    static func saveRecentFiles(_ state: AppState) -> String? {
        guard let files = state.scene.recentFiles, let store = RecentModelFiles.standard() else { return nil }
        return store.save(files)
    }

    /// Writes `canvas` (the view on screen) as text to `convscope-<scene>-step<N>.txt` in the
    /// working folder (atomically) and returns the message to show: where, or why not.
    static func exportView(_ canvas: Canvas, _ state: AppState) -> String {
        let view: String
        if state.mode == .lesson {
            view = "lesson-\(state.lesson?.lesson.number ?? 0)-step\(state.lesson?.stepNumber ?? 0)"
        } else {
            view = "\(state.scene.title)-step\(state.scene.step)"
        }
        let name = "convscope-" + view.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? String($0) : "-" }.joined() + ".txt"
        do throws(CLIError) {
            try AtomicFile.write(canvas.plainText, to: name)
            return "exported to \(name)"
        } catch {
            return error.description
        }
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
                if step > 1 { CommandOutput.print("") }
                CommandOutput.print(text(frame(state, size: size)), terminator: "")
            }
        } else {
            CommandOutput.print(text(frame(state, size: size)), terminator: "")
        }
    }
}
