import ConvDiagrams
import ConvLessons

/// One line of the home list: its text, role, and the item it selects (nil for headings).
struct HomeLine {
    var text: String
    var role: Role
    var item: Int?
}

/// The home screen's lines at `width`: the lessons with progress, the playgrounds, the model tables.
func homeLines(_ state: AppState, width: Int) -> [HomeLine] {
    guard let home = state.home else { return [] }
    let t = state.text
    let language = state.language
    var lines: [HomeLine] = []
    var item = 0
    let progressWidth = 10 + 2 + 5 + 2 + 9
    let titleWidth = max(10, width - 6 - progressWidth - 2)
    // Lessons.
    lines.append(HomeLine(text: padRight(t.lessons, 6 + titleWidth + 2) + padRight(t.stepsColumn, 17) + t.questionsColumn,
                          role: .label, item: nil))
    for lesson in home.lessons {
        let p = state.progress.summary(of: lesson)
        let filled = p.stepCount == 0 ? 0 : (8 * p.stepsReached) / p.stepCount
        let bar = "[" + String(repeating: state.glyphs.shade, count: filled) + String(repeating: state.glyphs.dot, count: 8 - filled) + "]"
        var right = bar + "  " + padLeft("\(p.stepsReached)/\(p.stepCount)", 5) + "  "
        right += p.questions == 0 ? "-" : "\(p.answered)/\(p.questions)"
        if p.finished { right += "  " + t.done }
        let title = prefix(of: lesson.title[language], fittingIn: titleWidth)
        lines.append(HomeLine(text: padLeft("\(lesson.number)", 4) + "  " + padRight(title, titleWidth + 2) + right,
                              role: .plain, item: item))
        item += 1
    }
    // Playgrounds and model tables.
    for (heading, entries) in [(t.playgrounds, home.catalog.playgrounds), (t.modelTables, home.catalog.models)] where !entries.isEmpty {
        lines.append(HomeLine(text: "", role: .plain, item: nil))
        lines.append(HomeLine(text: heading, role: .label, item: nil))
        let nameWidth = (entries.map { displayWidth(of: $0.name) }.max() ?? 0) + 2
        for entry in entries {
            lines.append(HomeLine(text: "      " + padRight(entry.name, nameWidth) + entry.summary, role: .plain, item: item))
            item += 1
        }
    }
    return lines
}

/// The home screen: title, the list (scrolled so that the cursor is visible), the footer.
func drawHome(_ state: AppState, into canvas: inout Canvas, size: Size) {
    let t = state.text
    let cursor = state.home?.cursor ?? 0
    let count = state.home?.items.count ?? 0
    let right = "\(state.language.nativeName)  \(count == 0 ? 0 : cursor + 1)/\(count)"
    canvas.put(prefix(of: "ConvScope | \(t.home)", fittingIn: size.width - displayWidth(of: right) - 1), x: 0, y: 0, role: .title)
    canvas.put(right, x: max(0, size.width - displayWidth(of: right)), y: 0, role: .title)
    let lines = homeLines(state, width: size.width)
    let top = 2, rows = size.height - 3
    let cursorLine = lines.firstIndex { $0.item == cursor } ?? 0
    let first = min(max(0, cursorLine - rows / 2), max(0, lines.count - rows))
    for (row, line) in lines.dropFirst(first).prefix(rows).enumerated() {
        let selected = line.item == cursor
        var text = line.text
        if selected { text = String(state.glyphs.pointer) + text.dropFirst() }
        canvas.put(prefix(of: text, fittingIn: size.width), x: 0, y: top + row, role: selected ? .highlight : line.role)
    }
    let footer = state.message ?? t.homeFooter
    canvas.put(prefix(of: footer, fittingIn: size.width), x: 0, y: size.height - 1, role: state.message == nil ? .dim : .accent)
}

/// The home screen as plain text for printing when there is no terminal: every lesson on its own
/// line starting with its number, then the playgrounds and the model tables.
public func homeText(_ state: AppState, width: Int = 100) -> String {
    homeLines(state, width: width).map { $0.text.trimmed(leading: false) { $0 == " " } }.joined(separator: "\n") + "\n"
}
