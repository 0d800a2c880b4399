#if canImport(Glibc)
import Glibc
#endif
import CNCurses
import Synchronization

/// The last termination signal received (SIGINT, SIGTERM, SIGHUP, SIGQUIT), or 0. Stored by the signal
/// handlers, read by the run loop, which restores the terminal and exits 128 + signal.
let pendingSignal = Atomic<Int32>(0)

/// True while curses owns the terminal, so the crash guard knows to call `endwin`.
let cursesActive = Atomic<Bool>(false)

/// Installs the signal handlers the run loop relies on.
///
/// - SIGINT, SIGTERM, SIGHUP and SIGQUIT (Ctrl-\\) only record the signal; the loop (which wakes
///   at least every 250 ms, RunLoop.idleWaitMilliseconds) restores the terminal and exits
///   128 + signal (131 for SIGQUIT). These handlers replace the Swift runtime's backtracer, which
///   would otherwise draw over the screen and wait at its prompt while curses owns the terminal.
/// - SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE (a Swift trap among them) call `endwin`
///   and re-raise with the default action, so a crash never leaves the terminal raw.
/// Source: ncurses(3X) "signal handlers" and docs/ARCHITECTURE.md, "The interactive loop".
public enum SignalGuard {
    public static func install() {
        for sig in [SIGINT, SIGTERM, SIGHUP, SIGQUIT] {
            signal(sig) { received in pendingSignal.store(received, ordering: .relaxed) }
        }
        for sig in [SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE] {
            signal(sig) { received in
                if cursesActive.load(ordering: .relaxed) { endwin() }
                signal(received, SIG_DFL)
                raise(received)
            }
        }
    }

    /// The signal received since install, or nil.
    public static var pending: Int32? {
        let s = pendingSignal.load(ordering: .relaxed)
        return s == 0 ? nil : s
    }
}
