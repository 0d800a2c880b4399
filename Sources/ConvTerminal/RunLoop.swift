#if canImport(Glibc)
import Glibc
#endif
import ConvApp
import ConvDiagrams

/// The interactive loop: read a key, map it to an action, update, perform the effects, and
/// draw the frame when it changed. A tick is delivered only while the scene plays (the key
/// wait then lasts until the next step is due); idle, the loop only wakes to check for signals
/// and a resize, and draws nothing. Restores the terminal on every exit path: q, a signal
/// (exit 128 + signal), or an error.
public enum RunLoop {
    /// How long the loop waits for a key while nothing plays, in milliseconds: the longest a
    /// signal (Ctrl-C, SIGTERM) waits before the terminal is restored.
    public static let idleWaitMilliseconds = 250

    /// Runs until the state asks to quit or a signal arrives.
    /// - Parameters:
    ///   - export: called with the frame on screen when the user presses `e`; returns the
    ///     message to show (the path written, or why not).
    ///   - saveProgress: called with the new state when lesson progress changed (the command
    ///     line writes the progress file); a returned text is shown as the footer message.
    ///   - saveRecentFiles: called with the new state when the scene opened a model file (the
    ///     command line writes the recent-files list); a returned text is shown as the footer message.
    ///   - signalPending: the termination signal received, if any (``SignalGuard/pending``; tests inject their own).
    /// - Returns: the process exit status (0 after q, 128 + signal after a signal).
    public static func run(_ initial: AppState, backend: TerminalBackend,
                           export: (Canvas, AppState) -> String,
                           saveProgress: (AppState) -> String? = { _ in nil },
                           saveRecentFiles: (AppState) -> String? = { _ in nil },
                           signalPending: () -> Int32? = { SignalGuard.pending },
                           clock: () -> Int = RunLoop.monotonicMilliseconds) -> Int32 {
        defer { backend.restore() }
        var state = initial
        var size = backend.size
        var shown = frame(state, size: size)
        backend.draw(shown)
        var last = clock()
        while true {
            if let sig = signalPending() {
                backend.restore()
                return 128 + sig
            }
            let interval = 1000 / max(1, state.stepsPerSecond)
            let timeout = state.playing ? max(1, interval - state.elapsedMilliseconds) : idleWaitMilliseconds
            let key = backend.readKey(timeoutMilliseconds: timeout)
            var changed = false
            if let key {
                let (next, effects) = update(state, Keymap.action(for: key, in: state))
                state = next
                changed = true
                for effect in effects {
                    switch effect {
                    case .quit: return 0
                    case .export: state.message = export(frame(state, size: size), state)
                    case .saveProgress: if let message = saveProgress(state) { state.message = message }
                    case .saveRecentFiles: if let message = saveRecentFiles(state) { state.message = message }
                    }
                }
            }
            let now = clock()
            if state.playing {
                state = update(state, .tick(milliseconds: now - last)).0
                changed = true
            }
            last = now
            let newSize = backend.size
            if newSize != size {
                size = newSize
                changed = true
            }
            guard changed else { continue }
            let next = frame(state, size: size)
            if next != shown {
                shown = next
                backend.draw(shown)
            }
        }
    }

    /// CLOCK_MONOTONIC in milliseconds.
    public static func monotonicMilliseconds() -> Int {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Int(ts.tv_sec) * 1000 + Int(ts.tv_nsec) / 1_000_000
    }
}
