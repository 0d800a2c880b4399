import ConvDiagrams
import ConvLessons

/// The rows the scene keeps at least in a lesson (its header, parameters and some picture).
let minimumLessonSceneRows = 8

/// The lesson's text lines for the current page at `width`: the goal (on step 1), the step's
/// text, and the question block (prompt, typed answer, feedback and hint); on the summary page,
/// the summary. Each line is (text, role).
func lessonTextLines(_ state: AppState, width: Int) -> [(String, Role)] {
    guard let session = state.lesson else { return [] }
    let t = state.text
    let language = session.language
    let lesson = session.lesson
    var lines: [(String, Role)] = []
    func add(_ text: String, _ role: Role) {
        for line in wrap(text, columns: width) { lines.append((line, role)) }
    }
    guard let step = session.step else {
        add("\(t.summary): \(lesson.title[language])", .label)
        add(lesson.summary[language], .plain)
        return lines
    }
    if session.stepNumber == 1 { add("\(t.goal): \(lesson.goal[language])", .accent) }
    add(step.text[language], .plain)
    if let question = step.question {
        add("\(t.question): \(question.prompt[language])", .label)
        switch session.feedback {
        case let .correct(value)?: add("\(t.correct): \(value)", .accent)
        case let .wrong(typed)?:
            add("\(t.wrong) (\(typed)). \(t.hint): \(question.hint[language])", .error)
        case nil:
            break
        }
        if let typed = session.typedAnswer {
            add("> \(typed)_   (\(t.typeAnswer))", .highlight)
        } else if session.feedback == nil {
            let done = state.progress.isAnswered(lesson, step: session.stepNumber)
            add("  [\(t.pressToAnswer)\(done ? ", \(t.answered)" : "")]", .dim)
        }
    }
    return lines
}

/// A lesson page: the title with the step number, the text and question, then the step's scene
/// (its own title, parameters and picture; its keys still work), and the lesson footer.
func drawLesson(_ state: AppState, into canvas: inout Canvas, size: Size) {
    guard let session = state.lesson else { return }
    let t = state.text
    let lesson = session.lesson
    let right = session.isSummary ? "\(lesson.number).\(t.summary)" : "\(t.step) \(lesson.number).\(session.stepNumber) (\(session.stepNumber)/\(lesson.steps.count))"
    let left = "ConvScope | \(lesson.number). \(lesson.title[session.language])"
    canvas.put(prefix(of: left, fittingIn: max(0, size.width - displayWidth(of: right) - 1)), x: 0, y: 0, role: .title)
    canvas.put(right, x: max(0, size.width - displayWidth(of: right)), y: 0, role: .title)

    let lines = lessonTextLines(state, width: size.width)
    let hasScene = session.step?.scene != nil
    let available = size.height - 2
    let textRows = hasScene ? min(lines.count, max(0, available - 1 - minimumLessonSceneRows)) : min(lines.count, available)
    for (i, line) in lines.prefix(textRows).enumerated() {
        canvas.put(line.0, x: 0, y: 1 + i, role: line.1)
    }
    if textRows < lines.count, textRows > 0 {
        canvas.put(prefix(of: "...", fittingIn: size.width), x: max(0, size.width - 3), y: textRows, role: .dim)
    }
    if hasScene {
        let top = 1 + textRows + (textRows < available - 1 - minimumLessonSceneRows ? 1 : 0)
        drawLessonSceneRule(state, into: &canvas, y: top, width: size.width)
        drawParameterLine(state, into: &canvas, y: top + 1)
        drawSceneBody(state, into: &canvas, body: Rect(x: 0, y: top + 2, width: size.width, height: size.height - 1 - (top + 2)))
    }
    let footer: String
    if session.isAnswering {
        footer = t.answerFooter
    } else if let message = state.message {
        footer = message
    } else {
        footer = t.lessonFooter
    }
    canvas.put(prefix(of: footer, fittingIn: size.width), x: 0, y: size.height - 1, role: state.message == nil ? .dim : .accent)
}

/// The rule between the lesson's text and its scene: the scene's title and step on a line.
func drawLessonSceneRule(_ state: AppState, into canvas: inout Canvas, y: Int, width: Int) {
    let h = state.glyphs.horizontal
    canvas.put(String(repeating: h, count: width), x: 0, y: y, role: .border)
    let scene = state.scene
    let stepText = scene.stepCount > 1 ? "\(scene.stepName) \(scene.step)/\(scene.stepCount)  \(state.playing ? "playing \(state.stepsPerSecond)/s" : "paused")" : ""
    let title = "\(h)\(h) \(scene.title) "
    canvas.put(prefix(of: title, fittingIn: width), x: 0, y: y, role: .title)
    if !stepText.isEmpty {
        let r = " \(stepText) \(h)\(h)"
        canvas.put(r, x: max(displayWidth(of: title), width - displayWidth(of: r)), y: y, role: .title)
    }
}

/// Whether the current lesson page's text fits above its scene at `size` without being cut
/// (lessons are written to fit 80 x 24; a test checks every page).
public func lessonTextFits(_ state: AppState, size: Size) -> Bool {
    guard let session = state.lesson else { return true }
    let lines = lessonTextLines(state, width: size.width).count
    let available = size.height - 2
    return session.step?.scene != nil ? lines <= available - 1 - minimumLessonSceneRows : lines <= available
}
