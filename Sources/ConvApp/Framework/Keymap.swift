/// Turns keys into actions, following habits people already have: arrows and h/l step, n/p
/// step, g/G first/last, space plays, Tab moves focus, +/- change the focused value, ? help,
/// q quits, Esc goes back, e exports.
public enum Keymap {
    /// The action for `key` in `state`: while an answer is typed in a lesson, every key but
    /// resize goes to the answer; while the scene captures typed text, every key but resize goes
    /// to the scene (Esc included; the scene decides when to let go). In a lesson, PgDn/N and
    /// PgUp/P move between lesson steps and `a` starts an answer; every other key is the scene's,
    /// so n/p still step the scene's animation.
    public static func action(for key: Key, in state: AppState) -> Action {
        if state.mode == .lesson, !state.showHelp, key != .resize, let session = state.lesson {
            if session.isAnswering { return .answer(key) }
            if !state.scene.capturesKeys {
                switch key {
                case .pageDown, .character("N"): return .lessonStepForward
                case .pageUp, .character("P"): return .lessonStepBack
                case .character("a") where session.step?.question != nil: return .beginAnswer
                default: break
                }
            }
        }
        if state.scene.capturesKeys && !state.showHelp && key != .resize { return .scene(key) }
        return action(for: key)
    }

    /// The action for `key`.
    public static func action(for key: Key) -> Action {
        switch key {
        case .right, .character("n"), .character("l"): return .stepForward
        case .left, .character("p"), .character("h"): return .stepBack
        case .down, .character("j"): return .rowForward
        case .up, .character("k"): return .rowBack
        case .home, .character("g"): return .firstStep
        case .end, .character("G"): return .lastStep
        case .character(" "): return .togglePlay
        case .character("]"), .character(">"): return .faster
        case .character("["), .character("<"): return .slower
        case .tab: return .focusNext
        case .backTab: return .focusPrevious
        case .character("+"), .character("="): return .increase
        case .character("-"), .character("_"): return .decrease
        case .character("?"): return .toggleHelp
        case .escape: return .back
        case .character("q"), .character("Q"): return .quit
        case .character("e"): return .export
        case .resize: return .resize
        default: return .scene(key)
        }
    }

    /// Every binding as (keys, meaning), for the help screen.
    public static let bindings: [(String, String)] = [
        ("Right n l", "next step"),
        ("Left p h", "previous step"),
        ("Down j / Up k", "next / previous output row"),
        ("g / G", "first / last step"),
        ("Space", "play / pause"),
        ("] / [", "faster / slower playback"),
    ] + commonBindings

    /// The bindings every view shares (parameters, export, help, quit), after its own.
    public static let commonBindings: [(String, String)] = [
        ("Tab / Shift-Tab", "move focus between parameters"),
        ("+ / -", "change the focused parameter"),
        ("e", "export the current view as text"),
        ("?", "show / hide this help"),
        ("Esc", "close help"),
        ("q", "quit"),
    ]
}
