/// A grid panel together with the function that gives its cells: what the step diagrams lay out.
struct PanelContent {
    var panel: GridPanel
    var cell: (Int, Int) -> GridCell
}

/// Lays out step-diagram panels in `area`: side by side (left to right, `gap` columns apart)
/// when their natural widths fit; otherwise the first panel in a left column (at most about half
/// the width, with a viewport), the middle panels side by side at the top right and the last
/// panel below them. Returns nothing; panels clip themselves.
func layOutPanels(_ panels: [PanelContent], into canvas: inout Canvas, area: Rect, gap: Int = 3) {
    guard !panels.isEmpty, area.width > 0, area.height > 0 else { return }
    let natural = panels.map(\.panel.naturalSize)
    let total = natural.reduce(0) { $0 + max($1.width, 1) } + gap * (panels.count - 1)
    if total <= area.width || panels.count == 1 {
        var x = area.x
        for p in panels {
            let width = min(p.panel.naturalSize.width, max(0, area.maxX - x))
            let used = p.panel.draw(into: &canvas, area: Rect(x: x, y: area.y, width: width, height: area.height), cell: p.cell)
            x += max(used.width, min(width, displayWidth(of: p.panel.title))) + gap
        }
        return
    }
    // Left column: the first panel.
    let first = panels[0]
    let leftWidth = min(natural[0].width, max(area.width * 45 / 100, 12))
    let used = first.panel.draw(into: &canvas, area: Rect(x: area.x, y: area.y, width: leftWidth, height: area.height),
                                cell: first.cell)
    let rx = area.x + max(used.width, min(leftWidth, displayWidth(of: first.panel.title))) + gap
    let rightWidth = max(0, area.maxX - rx)
    guard panels.count > 1 else { return }
    let middle = Array(panels.dropFirst().dropLast())
    let last = panels[panels.count - 1]
    var top = area.y
    if !middle.isEmpty {
        let middleHeight = min((middle.map(\.panel.naturalSize.height).max() ?? 0) + 1, max(3, area.height / 2))
        var x = rx
        let share = max(8, (rightWidth - gap * (middle.count - 1)) / middle.count)
        var usedHeight = 0
        for p in middle {
            let width = min(p.panel.naturalSize.width, share, max(0, area.maxX - x))
            let u = p.panel.draw(into: &canvas, area: Rect(x: x, y: top, width: width, height: middleHeight), cell: p.cell)
            usedHeight = max(usedHeight, u.height)
            x += max(u.width, min(width, displayWidth(of: p.panel.title))) + gap
        }
        top += usedHeight + 1
    }
    last.panel.draw(into: &canvas, area: Rect(x: rx, y: top, width: rightWidth, height: max(0, area.maxY - top)),
                    cell: last.cell)
}

/// Joins `terms` into "head t1 + t2 + ... tail", wrapped into `columns`, dropping terms (with
/// "... (n more)") so that the text takes at most `lines` lines.
func fittedSum(head: String, terms: [String], separator: String = " + ", tail: String, columns: Int,
               lines: Int) -> [String] {
    guard columns > 0, lines > 0 else { return [] }
    let all = wrap(head + terms.joined(separator: separator) + tail, columns: columns)
    if all.count <= lines { return all }
    // Shorten: estimate how many terms fit from a character budget, then drop terms until the
    // wrapped text takes at most `lines` lines.
    let budget = max(0, columns * lines - displayWidth(of: head) - displayWidth(of: tail) - 24)
    var keep = 0, length = 0
    for t in terms {
        let w = displayWidth(of: t) + displayWidth(of: separator)
        if length + w > budget { break }
        length += w
        keep += 1
    }
    while true {
        let shown = Array(terms.prefix(keep)) + ["... (\(terms.count - keep) more)"]
        let text = wrap(head + shown.joined(separator: separator) + tail, columns: columns)
        if text.count <= lines || keep == 0 { return Array(text.prefix(lines)) }
        keep -= 1
    }
}
