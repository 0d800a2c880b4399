/// A key press, decoded from the terminal by the backend (or synthesised by tests).
public enum Key: Equatable, Sendable {
    case character(Character)
    case left, right, up, down, home, end, pageUp, pageDown
    case tab, backTab, enter, escape, backspace
    /// The terminal was resized (ncurses' KEY_RESIZE).
    case resize
}
