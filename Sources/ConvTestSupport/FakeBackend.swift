import ConvApp
import ConvDiagrams
import ConvTerminal

/// A terminal for run-loop tests: scripted keys and sizes in, every canvas drawn and every wait
/// recorded. A `nil` in the script is a key wait that timed out; when the script runs out the
/// backend answers `q`.
public final class FakeBackend: TerminalBackend {
    /// One scripted event: a key (or a time-out) and the terminal size from then on.
    public struct Event {
        /// The key, or nil for a wait that timed out.
        public var key: Key?
        /// The size after this event, if it changes.
        public var size: Size?
        /// Milliseconds the fake clock advances during the wait.
        public var milliseconds: Int
        /// An event: `key` (nil: time-out) after `milliseconds`, the terminal then `size`.
        public init(_ key: Key?, size: Size? = nil, milliseconds: Int = 0) {
            self.key = key
            self.size = size
            self.milliseconds = milliseconds
        }
    }

    /// The events still to come.
    public private(set) var script: [Event]
    /// The size reported now.
    public private(set) var size: Size
    /// Every canvas drawn, in order.
    public private(set) var drawn: [Canvas] = []
    /// The time-out of every key wait, in milliseconds.
    public private(set) var waits: [Int] = []
    /// How often restore was called.
    public private(set) var restoreCount = 0
    /// The fake clock, in milliseconds.
    public private(set) var now = 0

    /// A backend of `size` that plays `script`.
    public init(size: Size = Size(width: 100, height: 30), script: [Event]) {
        self.size = size
        self.script = script
    }

    public func draw(_ canvas: Canvas) { drawn.append(canvas) }

    public func readKey(timeoutMilliseconds: Int) -> Key? {
        waits.append(timeoutMilliseconds)
        guard !script.isEmpty else { return .character("q") }
        let event = script.removeFirst()
        now += event.milliseconds
        if let s = event.size { size = s }
        return event.key
    }

    public func restore() { restoreCount += 1 }
}
