/// The next state after `action`: pure, so every key sequence is testable without a terminal.
public func reduce(_ state: AppState, _ action: Action) -> AppState {
    var s = state
    if s.showHelp {
        switch action {
        case .toggleHelp, .back: s.showHelp = false
        case .quit:
            // Inside a lesson or a playground opened from home, q goes back home, as without help.
            if s.home != nil && s.mode != .home { s.goHome() } else { s.shouldQuit = true }
        default: break
        }
        return s
    }
    switch action {
    case .tick, .resize: break
    default: s.message = nil
    }
    switch s.mode {
    case .home:
        reduceHome(&s, action)
        return s
    case .lesson:
        if reduceLesson(&s, action) { return s }
    case .scene:
        if s.home != nil && (action == .back || action == .quit) {
            s.goHome()
            return s
        }
    }
    let count = s.scene.stepCount
    switch action {
    case .stepForward: s.playing = false; s.scene.step = min(count, s.scene.step + 1)
    case .stepBack: s.playing = false; s.scene.step = max(1, s.scene.step - 1)
    case .rowForward: s.scene.step = min(count, s.scene.step + max(1, s.scene.stepsPerRow))
    case .rowBack: s.scene.step = max(1, s.scene.step - max(1, s.scene.stepsPerRow))
    case .firstStep: s.scene.step = 1
    case .lastStep: s.scene.step = count
    case .togglePlay:
        s.playing.toggle()
        if s.playing && s.scene.step >= count { s.scene.step = 1 }
        s.elapsedMilliseconds = 0
    case .faster: s.stepsPerSecond = min(32, s.stepsPerSecond * 2)
    case .slower: s.stepsPerSecond = max(1, s.stepsPerSecond / 2)
    case .focusNext:
        let n = s.scene.parameters.count
        if n > 0 { s.focus = (s.focus + 1) % n }
    case .focusPrevious:
        let n = s.scene.parameters.count
        if n > 0 { s.focus = (s.focus + n - 1) % n }
    case .increase: s.scene.adjust(parameter: s.focus, by: 1)
    case .decrease: s.scene.adjust(parameter: s.focus, by: -1)
    case .toggleHelp: s.showHelp = true
    case .back, .quit: s.shouldQuit = true
    case .export: break  // an effect: see update(_:_:)
    case let .tick(ms):
        guard s.playing else { break }
        s.elapsedMilliseconds += max(0, ms)
        let interval = 1000 / max(1, s.stepsPerSecond)
        while s.elapsedMilliseconds >= interval && s.playing {
            s.elapsedMilliseconds -= interval
            if s.scene.step < s.scene.stepCount { s.scene.step += 1 } else { s.playing = false }
        }
    case let .scene(key): _ = s.scene.handle(key)
    case .resize: break
    case .lessonStepForward, .lessonStepBack, .beginAnswer, .answer: break
    }
    return s
}
