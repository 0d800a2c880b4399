/// What the run loop must do after an action: the pure reducer names it, the loop performs it
/// (writing files and ending the program are not the reducer's business).
public enum Effect: Equatable, Sendable {
    /// End the program (exit 0).
    case quit
    /// Write the current view to a file and show where (the `e` key).
    case export
    /// The reader's lesson progress changed: save it.
    case saveProgress
    /// The scene opened a model file (`O`): remember its ``Scene/recentFiles``.
    case saveRecentFiles
}

/// The next state after `action` and the effects the run loop performs: pure, so every key
/// sequence is testable without a terminal. ``reduce(_:_:)`` is the same without the effects.
public func update(_ state: AppState, _ action: Action) -> (AppState, [Effect]) {
    let next = reduce(state, action)
    var effects: [Effect] = []
    if action == .export && !state.showHelp && next.mode == state.mode && state.mode != .home { effects.append(.export) }
    if next.progress != state.progress { effects.append(.saveProgress) }
    if let files = next.scene.recentFiles, files != state.scene.recentFiles ?? [] { effects.append(.saveRecentFiles) }
    if next.shouldQuit && !state.shouldQuit { effects.append(.quit) }
    return (next, effects)
}
