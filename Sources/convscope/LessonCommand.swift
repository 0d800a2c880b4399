import ArgumentParser
import Foundation
import ConvApp
import ConvDiagrams
import ConvLessons

/// `convscope lesson`: the lessons, in English and Korean.
struct LessonCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lesson",
        abstract: "The lessons: list them, open one, or print it.",
        discussion: """
            convscope lesson list          every lesson, one per line starting with its number
            convscope lesson N             open lesson N (at the step where you left off)
            convscope lesson N --step K    open it at step K (K = steps + 1 is the summary)
            convscope lesson N --print     print the whole lesson as text (with --step: that page)
            convscope lesson check         resolve every lesson's scenes and report problems
            The language comes from --lang, else from LC_ALL/LC_MESSAGES/LANG (ko_* gives Korean).
            In a lesson: PgDn/PgUp (or N/P) move between lesson steps, n/p step the scene, a answers
            the question, ? lists every key, q or Esc returns to the home screen.
            Progress is saved in $XDG_STATE_HOME/convscope (default ~/.local/state/convscope).
            """)

    @Argument(help: "list, check, or a lesson number.") var lesson: String = "list"
    @Option(parsing: .unconditional, help: "Open at this step (1-based; steps + 1 is the summary).") var step: Int?
    @Option(parsing: .unconditional, help: "en or ko (default: from LC_ALL/LANG).") var lang: String?
    @Flag(help: "Print instead of opening the interactive view.") var print = false
    @Option(parsing: .unconditional, help: "ascii or unicode glyphs.") var format: LessonFormat = .ascii
    @Option(parsing: .unconditional, help: "Width of printed text in columns (40...1000).") var width: Int = 80
    @Option(parsing: .unconditional, help: "Height of a printed page in rows (16...1000).") var height: Int = 24

    func run() throws {
        try reportingErrors { () throws(CLIError) in try runLesson() }
    }

    func runLesson() throws(CLIError) {
        guard (40...1000).contains(width) else { throw .usage("--width \(width) is out of range; allowed: 40...1000") }
        guard (16...1000).contains(height) else { throw .usage("--height \(height) is out of range; allowed: 16...1000") }
        if step != nil && width < 60 {
            throw .usage("--width \(width) is too narrow for a page with its scene; allowed with --step: 60...1000")
        }
        let language = try LessonSupport.language(lang)
        let library = try LessonSupport.library()
        let glyphs: GlyphSet = format == .unicode ? .unicode : .ascii
        switch lesson {
        case "list":
            guard step == nil else { throw .usage("--step needs a lesson number: convscope lesson N --step K") }
            let (state, _) = LessonSupport.homeState(library: library, language: language, glyphs: glyphs)
            LessonSupport.report(state.message)
            for lesson in library.lessons {
                let p = state.progress.summary(of: lesson)
                var line = "\(lesson.number)".padding(toLength: 4, withPad: " ", startingAt: 0) + lesson.title[language]
                line += "  (\(p.stepsReached)/\(p.stepCount) \(state.text.stepsColumn)"
                if p.questions > 0 { line += ", \(p.answered)/\(p.questions) \(state.text.questionsColumn)" }
                line += ")"
                CommandOutput.print(line)
            }
        case "check":
            let problems = library.sceneProblems { words in
                if case let .failure(reason) = LessonSupport.resolve(words) { return reason.description }
                return nil
            }
            for problem in problems { FileHandleStandardError.write("convscope: \(problem)\n") }
            if !problems.isEmpty { throw .noInput("\(problems.count) lesson scene(s) do not resolve") }
            CommandOutput.print("\(library.lessons.count) lessons, \(library.lessons.reduce(0) { $0 + $1.steps.count }) steps: every scene resolves")
        default:
            guard let number = Int(lesson), let found = library.lesson(number: number),
                  let index = library.lessons.firstIndex(of: found) else {
                throw .usage("lesson '\(lesson)' does not exist; allowed: list, check, 1...\(library.lessons.count)")
            }
            if let step, !(1...(found.steps.count + 1)).contains(step) {
                throw .usage("--step \(step) is out of range for lesson \(number); allowed: 1...\(found.steps.count + 1) (\(found.steps.count + 1) is the summary)")
            }
            var (state, store) = LessonSupport.homeState(library: library, language: language, glyphs: glyphs)
            let message = state.message
            state.openLesson(index: index, step: step)
            state.message = message
            if !print && LessonSupport.isInteractive && LessonSupport.runInteractive(state, store: store) { return }
            LessonSupport.report(message)
            if step == nil {
                CommandOutput.print(LessonSupport.lessonText(found, language: language, width: width), terminator: "")
            } else {
                CommandOutput.print(frame(state, size: Size(width: width, height: height)).plainText, terminator: "")
            }
        }
    }
}

/// The glyph sets `convscope lesson --format` takes: a lesson is text, so no json (its help
/// used to list every scene format, json included, and then refuse it).
enum LessonFormat: String, ExpressibleByArgument, CaseIterable {
    case ascii, unicode
}
