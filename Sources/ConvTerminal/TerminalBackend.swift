import ConvApp
import ConvDiagrams

/// What the run loop needs from a terminal: its size, a way to show a canvas, and keys.
/// The curses backend is the real one; tests drive the pure app layer instead.
public protocol TerminalBackend: AnyObject {
    /// The current size in cells.
    var size: Size { get }
    /// Shows `canvas` (only changed cells are sent to the terminal).
    func draw(_ canvas: Canvas)
    /// The next key, or nil when `timeoutMilliseconds` passed without one.
    func readKey(timeoutMilliseconds: Int) -> Key?
    /// Restores the terminal (echo, canonical mode, cursor, main screen). Safe to call twice.
    func restore()
}
