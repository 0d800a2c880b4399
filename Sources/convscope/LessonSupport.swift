import Foundation
import ConvCore
import ConvApp
import ConvDiagrams
import ConvLessons
import ConvTerminal

/// What the home screen and the lessons need from the command line: the lessons folder, the
/// scene registry as a resolver, the saved progress, and the interactive loop that saves it.
enum LessonSupport {
    /// The lessons, found as ``LessonLocator`` describes and checked as they load.
    /// - Throws: ``CLIError`` (exit 66) when the folder is missing or a lesson file is invalid
    ///   (the message names the file and the step).
    static func library() throws(CLIError) -> LessonLibrary {
        let environment = ProcessInfo.processInfo.environment
        do {
            let directory = try LessonLocator.lessonsDirectory(
                environment: environment, executablePath: CommandLine.arguments.first ?? "convscope",
                currentDirectory: FileManager.default.currentDirectoryPath)
            return try LessonLibrary.load(directory: directory)
        } catch {
            throw .noInput(error.description)
        }
    }

    /// The scene registry as the app sees it: every scene command as a playground (but `arch`),
    /// every model of the zoo as a table (`arch NAME`), the last five model files opened with `O`,
    /// and ``SceneCommands/scene(from:)`` as the resolver.
    static func catalog() -> SceneCatalog {
        // `arch` needs a model: it is reached through the model tables, not listed as a playground.
        let playgrounds = SceneCommands.all.compactMap { command -> SceneCatalog.Entry? in
            let name = command.configuration.commandName ?? ""
            return name == "arch" ? nil : SceneCatalog.Entry(name: name, summary: command.configuration.abstract)
        }
        let listing = (try? ModelZoo.listing()) ?? []
        let models = listing.map {
            SceneCatalog.Entry(name: $0.name, summary: "\(groupedThousands($0.totalParams)) parameters, input \($0.defaultInput.map(String.init).joined(separator: "x"))")
        }
        // The model files opened last with `O` follow the built-in models.
        let recent = (RecentModelFiles.standard()?.load() ?? []).map { SceneCatalog.Entry(name: $0, summary: "model file, opened recently") }
        return SceneCatalog(playgrounds: playgrounds, models: models + recent, resolve: resolve)
    }

    /// The scene for command-line words, or why it cannot be built.
    @Sendable static func resolve(_ words: [String]) -> Result<any Scene, SceneUnavailable> {
        do throws(CLIError) {
            return .success(try SceneCommands.scene(from: words))
        } catch {
            return .failure(SceneUnavailable(error.description))
        }
    }

    /// The language from `--lang`, else from LC_ALL / LC_MESSAGES / LANG.
    static func language(_ option: String?) throws(CLIError) -> Language {
        guard let option else { return Language.preferred(environment: ProcessInfo.processInfo.environment) }
        guard let language = Language(rawValue: option.lowercased()) else {
            throw .usage("--lang '\(option)' is not valid; allowed: \(Language.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return language
    }

    /// The progress store and what it holds (a message when an unreadable file was set aside).
    static func loadProgress() -> (store: ProgressStore?, progress: LessonProgress, message: String?) {
        guard let store = ProgressStore.standard(environment: ProcessInfo.processInfo.environment) else {
            return (nil, LessonProgress(), "neither XDG_STATE_HOME nor HOME is set; progress will not be kept")
        }
        let (progress, message) = store.load()
        return (store, progress, message)
    }

    /// The home state over every lesson, with saved progress.
    static func homeState(library: LessonLibrary, language: Language, glyphs: GlyphSet) -> (AppState, ProgressStore?) {
        let (store, progress, message) = loadProgress()
        var state = AppState.home(lessons: library.lessons, catalog: catalog(), progress: progress,
                                  language: language, glyphs: glyphs)
        state.message = message
        return (state, store)
    }

    /// Writes `message` (a progress file set aside, ...) to standard error when printing.
    static func report(_ message: String?) {
        if let message { FileHandleStandardError.write("convscope: \(message)\n") }
    }

    /// Whether the interactive view can be opened.
    static var isInteractive: Bool {
        CursesBackend.isInteractive(environment: ProcessInfo.processInfo.environment)
    }

    /// Runs `state` in the terminal, saving progress whenever it changes; exits with the run
    /// loop's status after a signal. Returns false when the terminal cannot be used (the caller prints).
    static func runInteractive(_ state: AppState, store: ProgressStore?) -> Bool {
        let environment = ProcessInfo.processInfo.environment
        CursesBackend.setLocale()
        SignalGuard.install()
        let backend: CursesBackend
        do { backend = try CursesBackend(environment: environment) } catch { return false }
        var saved = state.progress
        let status = RunLoop.run(state, backend: backend, export: SceneRunner.exportView, saveProgress: { state in
            guard let store, state.progress != saved else { return nil }
            do throws(LessonError) {
                try store.save(state.progress)
                saved = state.progress
                return nil
            } catch {
                saved = state.progress
                return "progress not saved: \(error.description)"
            }
        }, saveRecentFiles: SceneRunner.saveRecentFiles)
        if status != 0 { exit(status) }
        return true
    }

    /// A whole lesson as text, `width` columns wide: the goal, each step with its scene command
    /// and question, the summary, then the answers.
    static func lessonText(_ lesson: Lesson, language: Language, width: Int) -> String {
        let t = UIText.of(language)
        var out: [String] = []
        func add(_ text: String) { out += wrap(text, columns: width) }
        add("\(lesson.number). \(lesson.title[language])")
        add("\(t.goal): \(lesson.goal[language])")
        var answers: [String] = []
        for (i, step) in lesson.steps.enumerated() {
            out.append("")
            add("\(lesson.number).\(i + 1)")
            add(step.text[language])
            if let words = step.scene { add("$ convscope " + words.map(shellQuoted).joined(separator: " ")) }
            if let q = step.question {
                add("\(t.question): \(q.prompt[language])")
                answers.append("\(lesson.number).\(i + 1): \(q.answer.formatted)")
            }
        }
        out.append("")
        add("\(t.summary)")
        add(lesson.summary[language])
        if !answers.isEmpty {
            out.append("")
            add(language == .ko ? "답" : "Answers")
            out += answers
        }
        return out.map { $0.trimmed(leading: false) { $0 == " " } }.joined(separator: "\n") + "\n"
    }

    /// `word` quoted for a POSIX shell when it holds anything but letters, digits and `-_.,/=:`.
    static func shellQuoted(_ word: String) -> String {
        let safe = word.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.,/=:".contains($0)) }
        return safe && !word.isEmpty ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
