import ConvLessons

/// The home screen's keys: Up/Down (k/j) move, PgUp/PgDn a page, g/G first/last, Enter or
/// Right (l, n) opens, L switches the language, ? help, q or Esc quits.
func reduceHome(_ s: inout AppState, _ action: Action) {
    switch action {
    case .rowForward: s.home?.move(by: 1)
    case .rowBack: s.home?.move(by: -1)
    case .scene(.pageDown): s.home?.move(by: 10)
    case .scene(.pageUp): s.home?.move(by: -10)
    case .firstStep: s.home?.cursor = 0
    case .lastStep: s.home?.move(by: Int(Int32.max))
    case .stepForward, .scene(.enter): openSelected(&s)
    case .scene(.character("O")):
        // The `arch` table, with its open-file prompt up: Enter opens the typed path, Esc keeps the table.
        s.openScene(["arch", s.home?.catalog.models.first?.name ?? "alexnet"])
        if s.mode == .scene { _ = s.scene.handle(.character("O")) }
    case .scene(.character("L")):
        s.language = s.language == .en ? .ko : .en
        s.scene = TextScene(title: s.text.home, text: "")
    case .toggleHelp: s.showHelp = true
    case .back, .quit: s.shouldQuit = true
    default: break
    }
}

/// Opens the home screen's selected line.
func openSelected(_ s: inout AppState) {
    guard let item = s.home?.selected else { return }
    switch item {
    case let .lesson(index): s.openLesson(index: index)
    case let .playground(name): s.openScene([name])
    case let .model(name): s.openScene(["arch", name])
    }
}

/// The lesson keys; returns false for an action the scene should get (n/p, Tab, +/-, ...).
func reduceLesson(_ s: inout AppState, _ action: Action) -> Bool {
    guard let session = s.lesson else { return false }
    switch action {
    case .lessonStepForward:
        if session.isSummary {
            if let home = s.home, let index = home.lessons.firstIndex(where: { $0.id == session.lesson.id }),
               home.lessons.indices.contains(index + 1) {
                s.openLesson(index: index + 1, step: 1)
            }
        } else {
            s.goToLessonStep(session.stepNumber + 1)
        }
        return true
    case .lessonStepBack:
        s.goToLessonStep(session.stepNumber - 1)
        return true
    case .beginAnswer:
        if session.step?.question != nil { s.lesson?.typedAnswer = "" }
        return true
    case let .answer(key):
        typeAnswer(&s, key)
        return true
    case .back, .quit:
        s.goHome()
        return true
    case .scene(.enter):
        var scene = s.scene
        if scene.handle(.enter) {
            s.scene = scene
        } else if session.step?.question != nil {
            s.lesson?.typedAnswer = ""
        }
        return true
    default:
        return false
    }
}

/// A key typed into the answer: characters append (at most 32), Backspace erases, Enter checks
/// against the core's value, Esc stops answering.
func typeAnswer(_ s: inout AppState, _ key: Key) {
    guard var session = s.lesson, var typed = session.typedAnswer, let question = session.step?.question else { return }
    switch key {
    case .enter:
        let answer = typed.trimmed { $0 == " " }
        guard !answer.isEmpty else { return }
        if question.check(answer) {
            session.feedback = .correct(question.answer.formatted)
            session.typedAnswer = nil
            s.progress.answered(session.lesson, step: session.stepNumber)
        } else {
            session.feedback = .wrong(answer)
            session.typedAnswer = ""
        }
    case .escape:
        session.typedAnswer = nil
    case .backspace:
        if !typed.isEmpty { typed.removeLast() }
        session.typedAnswer = typed
    case let .character(c):
        guard typed.count < 32, !c.isNewline, c.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7F }) else { return }
        typed.append(c)
        session.typedAnswer = typed
    default:
        return
    }
    s.lesson = session
}

