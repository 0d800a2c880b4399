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
    let scene = state.scene
    // Title line.
    let stepText = scene.stepCount > 0 ? "\(scene.stepName) \(scene.step)/\(scene.stepCount)" : "no \(scene.stepName)s"
    let playText = state.playing ? "playing \(state.stepsPerSecond)/s" : "paused"
    let right = "\(stepText)  \(playText)"
    canvas.put("ConvScope | \(scene.title)", x: 0, y: 0, role: .title)
    canvas.put(right, x: max(0, size.width - displayWidth(of: right)), y: 0, role: .title)
    // Parameter line.
    var x = 0
    for (i, p) in scene.parameters.enumerated() {
        let focused = i == state.focus
        let text = focused ? "[\(p.name) \(p.value)]" : " \(p.name) \(p.value) "
        x = canvas.put(text, x: x, y: 1, role: focused ? .highlight : .label) + 1
    }
    // Body.
    let body = Rect(x: 0, y: 3, width: size.width, height: size.height - 4)
    if let error = scene.errorMessage {
        canvas.put("Invalid configuration:", x: 0, y: body.y, role: .error)
        for (i, line) in wrap(error, columns: size.width).prefix(body.height - 3).enumerated() {
            canvas.put(line, x: 0, y: body.y + 1 + i, role: .error)
        }
        canvas.put("Change the focused value with + and -, or Tab to another one.", x: 0, y: body.maxY - 1, role: .dim)
    } else {
        scene.draw(into: &canvas, area: body, glyphs: state.glyphs)
    }
    // Footer.
    let footer: String
    let role: Role
    if let message = state.message {
        footer = message
        role = .accent
    } else {
        var keys = scene.footerKeys
        for (k, meaning) in scene.sceneBindings { keys += "  \(k) \(meaning)" }
        keys += "  ? help  q quit"
        footer = keys
        role = .dim
    }
    canvas.put(prefix(of: footer, fittingIn: size.width), x: 0, y: size.height - 1, role: role)
    if state.showHelp { drawHelp(into: &canvas, state: state, size: size) }
    return canvas
}

/// The help overlay: every key binding, in a box.
func drawHelp(into canvas: inout Canvas, state: AppState, size: Size) {
    let bindings = Keymap.bindings + state.scene.sceneBindings
    let keyWidth = bindings.map { displayWidth(of: $0.0) }.max() ?? 0
    let lines = ["Keys"] + bindings.map { padRight($0.0, keyWidth) + "  " + $0.1 } + ["", "? or Esc closes this help"]
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
