import ConvApp
import ConvDiagrams

/// Drives the pure app layer as a terminal would: keys in (through the real keymap and
/// ``update(_:_:)``), frames out, effects recorded. Tests press keys instead of re-implementing
/// the loop.
public struct AppDriver {
    /// The state after the keys pressed so far.
    public var state: AppState
    /// Every effect the keys asked for, in order.
    public private(set) var effects: [Effect] = []

    /// A driver starting at `state`.
    public init(_ state: AppState) { self.state = state }

    /// A driver on `scene` alone (q quits).
    public init(scene: any Scene, glyphs: GlyphSet = .ascii) { state = AppState(scene: scene, glyphs: glyphs) }

    /// Presses `keys` in order.
    public mutating func press(_ keys: Key...) { press(keys) }

    /// Presses `keys` in order.
    public mutating func press(_ keys: [Key]) {
        for key in keys {
            let (next, new) = update(state, Keymap.action(for: key, in: state))
            state = next
            effects += new
        }
    }

    /// Types `text`, one character key per character.
    public mutating func type(_ text: String) { press(text.map { Key.character($0) }) }

    /// Lets `milliseconds` pass, as the run loop does while the scene plays.
    public mutating func tick(_ milliseconds: Int) {
        state = update(state, .tick(milliseconds: milliseconds)).0
    }

    /// The frame at `size` (default 100 x 30).
    public func frame(width: Int = 100, height: Int = 30) -> Canvas {
        ConvApp.frame(state, size: Size(width: width, height: height))
    }

    /// The frame's plain text at `size` (default 100 x 30).
    public func text(width: Int = 100, height: Int = 30) -> String { frame(width: width, height: height).plainText }
}

/// `state` after pressing `keys` in order, through the real keymap (which knows the state:
/// lessons and search boxes route keys differently) and ``update(_:_:)``.
public func press(_ state: AppState, _ keys: Key...) -> AppState {
    var driver = AppDriver(state)
    driver.press(keys)
    return driver.state
}
