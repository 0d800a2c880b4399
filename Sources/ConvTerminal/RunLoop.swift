#if canImport(Glibc)
import Glibc
#endif
import ConvApp
import ConvDiagrams

/// The interactive loop: read a key (100 ms timeout as the animation tick), map it to an
/// action, reduce, draw the frame. Restores the terminal on every exit path: q, a signal
/// (exit 128 + signal), or an error.
public enum RunLoop {
    /// Runs until the state asks to quit or a signal arrives.
    /// - Parameters:
    ///   - export: called with the current frame when the user presses `e`; returns the message
    ///     to show (the path written, or why not).
    ///   - observe: called with the new state after every key (the command line saves lesson
    ///     progress here); a returned text is shown as the footer message.
    /// - Returns: the process exit status (0 after q, 128 + signal after a signal).
    public static func run(_ initial: AppState, backend: TerminalBackend,
                           export: (Canvas, AppState) -> String,
                           observe: (AppState) -> String? = { _ in nil }) -> Int32 {
        defer { backend.restore() }
        var state = initial
        var last = monotonicMilliseconds()
        backend.draw(frame(state, size: backend.size))
        while true {
            if let sig = SignalGuard.pending {
                backend.restore()
                return 128 + sig
            }
            let key = backend.readKey(timeoutMilliseconds: 100)
            let now = monotonicMilliseconds()
            let elapsed = now - last
            last = now
            if let key {
                state = reduce(state, Keymap.action(for: key, in: state))
                if let message = observe(state) { state.message = message }
            }
            state = reduce(state, .tick(milliseconds: elapsed))
            if state.exportRequested {
                state.exportRequested = false
                state.message = export(frame(state, size: backend.size), state)
            }
            if state.shouldQuit { return 0 }
            backend.draw(frame(state, size: backend.size))
        }
    }

    static func monotonicMilliseconds() -> Int {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Int(ts.tv_sec) * 1000 + Int(ts.tv_nsec) / 1_000_000
    }
}
