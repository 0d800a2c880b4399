import ConvDiagrams

/// The smallest terminal the scenes draw in; below it the frame says how large it must be.
public let minimumFrameSize = Size(width: 60, height: 16)

/// Draws `state` at `size`: a title line, the parameter line with the focused parameter in
/// brackets, the scene's picture, and a footer of keys (or the last message). Pure: the TUI
/// blits this canvas and `--print` writes its plain text, so both show the same characters.
public func frame(_ state: AppState, size: Size) -> Canvas {
    var canvas = Canvas(width: size.width, height: size.height)
    guard size.width >= minimumFrameSize.width, size.height >= minimumFrameSize.height else {
        let lines = ["terminal too small", "need \(minimumFrameSize.width) x \(minimumFrameSize.height)",
                     "have \(size.width) x \(size.height)", "q quits"]
        for (i, line) in lines.enumerated() {
            canvas.put(prefix(of: line, fittingIn: size.width), x: 0, y: i, role: i == 0 ? .error : .plain)
        }
        return canvas
    }
    switch state.mode {
    case .scene: drawSceneScreen(state, into: &canvas, size: size)
    case .home: drawHome(state, into: &canvas, size: size)
    case .lesson: drawLesson(state, into: &canvas, size: size)
    }
    if state.showHelp { drawHelp(into: &canvas, state: state, size: size) }
    return canvas
}

/// A scene alone: title line, parameter line, the picture, and a footer of keys (or the message).
func drawSceneScreen(_ state: AppState, into canvas: inout Canvas, size: Size) {
    let scene = state.scene
    drawSceneTitle(state, into: &canvas, y: 0, width: size.width, prefix: "ConvScope | ")
    drawParameterLine(state, into: &canvas, y: 1)
    drawSceneBody(state, into: &canvas, body: Rect(x: 0, y: 3, width: size.width, height: size.height - 4))
    // Footer.
    let footer: String
    let role: Role
    if let message = state.message {
        footer = message
        role = .accent
    } else {
        // "? help  q quit" always shows: the scene's keys that do not fit before it are left to the help.
        let tail = state.home == nil ? "  ? help  q quit" : "  ? help  q home"
        var keys = scene.footerKeys
        for (k, meaning) in scene.sceneBindings {
            let part = "  \(k) \(meaning)"
            guard displayWidth(of: keys + part + tail) <= size.width else { break }
            keys += part
        }
        footer = keys + tail
        role = .dim
    }
    canvas.put(prefix(of: footer, fittingIn: size.width), x: 0, y: size.height - 1, role: role)
}

/// The scene's title on the left and its step and playback on the right, on row `y`.
func drawSceneTitle(_ state: AppState, into canvas: inout Canvas, y: Int, width: Int, prefix titlePrefix: String) {
    let scene = state.scene
    let stepText = scene.stepCount > 0 ? "\(scene.stepName) \(scene.step)/\(scene.stepCount)" : "no \(scene.stepName)s"
    let playText = state.playing ? "playing \(state.stepsPerSecond)/s" : "paused"
    let right = "\(stepText)  \(playText)"
    canvas.put(prefix(of: titlePrefix + scene.title, fittingIn: max(0, width - displayWidth(of: right) - 1)), x: 0, y: y, role: .title)
    canvas.put(right, x: max(0, width - displayWidth(of: right)), y: y, role: .title)
}

/// The scene's parameters on row `y`, the focused one in brackets.
func drawParameterLine(_ state: AppState, into canvas: inout Canvas, y: Int) {
    var x = 0
    for (i, p) in state.scene.parameters.enumerated() {
        let focused = i == state.focus
        let text = focused ? "[\(p.name) \(p.value)]" : " \(p.name) \(p.value) "
        x = canvas.put(text, x: x, y: y, role: focused ? .highlight : .label) + 1
    }
}

/// The scene's picture in `body`, or why its configuration is invalid.
func drawSceneBody(_ state: AppState, into canvas: inout Canvas, body: Rect) {
    if let error = state.scene.errorMessage {
        canvas.put("Invalid configuration:", x: body.x, y: body.y, role: .error)
        for (i, line) in wrap(error, columns: body.width).prefix(max(0, body.height - 3)).enumerated() {
            canvas.put(line, x: body.x, y: body.y + 1 + i, role: .error)
        }
        canvas.put(prefix(of: "Change the focused value with + and -, or Tab to another one.", fittingIn: body.width),
                   x: body.x, y: body.maxY - 1, role: .dim)
    } else {
        state.scene.draw(into: &canvas, area: body, glyphs: state.glyphs)
    }
}

/// Every key binding of the current screen, for the help overlay.
func helpBindings(_ state: AppState) -> [(String, String)] {
    switch state.mode {
    case .home: return state.text.homeBindings
    case .lesson:
        // PgUp/PgDn move between lesson steps there, so a table's page keys are left out.
        let generic = state.scene.genericBindings.filter { $0.0 != "Esc" && $0.0 != "q" && $0.0 != "PgUp / PgDn" }
        return state.text.lessonBindings + generic + state.scene.sceneBindings
    case .scene:
        let back: [(String, String)] = state.home == nil ? [] : [("q Esc", "back to the home screen")]
        return state.scene.genericBindings + state.scene.sceneBindings + back
    }
}

/// The help overlay: every key binding, in a box (in two columns when one does not fit).
func drawHelp(into canvas: inout Canvas, state: AppState, size: Size) {
    let bindings = helpBindings(state)
    let keyWidth = bindings.map { displayWidth(of: $0.0) }.max() ?? 0
    var entries = bindings.map { padRight($0.0, keyWidth) + "  " + $0.1 }
    let closing = state.language == .ko ? "? 또는 Esc: 도움말 닫기" : "? or Esc closes this help"
    // Two columns when the list is taller than the screen allows.
    if entries.count + 5 > size.height - 2 {
        let half = (entries.count + 1) / 2
        let left = Array(entries[..<half]), right = Array(entries[half...])
        let leftWidth = left.map { displayWidth(of: $0) }.max() ?? 0
        entries = left.indices.map { i in
            padRight(left[i], leftWidth) + (right.indices.contains(i) ? "   " + right[i] : "")
        }
    }
    let lines = [state.language == .ko ? "키" : "Keys"] + entries + ["", closing]
    let w = min(size.width - 2, (lines.map { displayWidth(of: $0) }.max() ?? 0) + 4)
    let h = min(size.height - 2, lines.count + 2)
    let x = (size.width - w) / 2, y = (size.height - h) / 2
    for yy in y..<(y + h) {
        canvas.put(String(repeating: " ", count: w), x: x, y: yy)
    }
    canvas.box(x: x, y: y, width: w, height: h, glyphs: state.glyphs)
    for (i, line) in lines.prefix(h - 2).enumerated() {
        canvas.put(prefix(of: line, fittingIn: w - 4), x: x + 2, y: y + 1 + i, role: i == 0 ? .title : .plain)
    }
}
