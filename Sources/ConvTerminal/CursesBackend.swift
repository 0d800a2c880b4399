#if canImport(Glibc)
import Glibc
#endif
import CNCurses
import ConvApp
import ConvDiagrams

/// Why the terminal cannot be used interactively; the caller prints instead.
public enum TerminalUnavailable: Error, Equatable, Sendable, CustomStringConvertible {
    case notATerminal
    case unusableTerminalType(String)
    public var description: String {
        switch self {
        case .notATerminal: return "standard input or output is not a terminal"
        case let .unusableTerminalType(t): return "terminal type '\(t)' is unknown or cannot be used"
        }
    }
}

/// The ncurses backend: the only code that touches curses. Created with `newterm` (not
/// `initscr`, which exits on an unknown terminal), so failure is reported, not fatal.
public final class CursesBackend: TerminalBackend {
    private let screen: OpaquePointer
    private let window: UnsafeMutablePointer<WINDOW>
    private let theme: Theme
    private var restored = false
    private var attributeCache: [Role: Int32] = [:]

    /// Whether the process can open an interactive terminal: stdin and stdout are terminals and
    /// TERM is set and not `dumb`.
    public static func isInteractive(environment: [String: String]) -> Bool {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { return false }
        guard let term = environment["TERM"], !term.isEmpty, term != "dumb", term != "unknown" else { return false }
        return true
    }

    /// Sets the locale so that wide characters (Hangul) are drawn, falling back to C.UTF-8
    /// when the environment gives only "C".
    public static func setLocale() {
        if let result = setlocale(LC_ALL, ""), String(cString: result) != "C", String(cString: result) != "POSIX" { return }
        _ = setlocale(LC_ALL, "C.UTF-8")
    }

    /// Opens curses on the process's terminal.
    /// - Throws: ``TerminalUnavailable``.
    public init(environment: [String: String]) throws(TerminalUnavailable) {
        guard CursesBackend.isInteractive(environment: environment) else { throw .notATerminal }
        let term = environment["TERM"] ?? ""
        guard let out = cs_fdopen_stdout(), let inp = cs_fdopen_stdin() else { throw .notATerminal }
        guard let screen = newterm(nil, out, inp) else { throw .unusableTerminalType(term) }
        self.screen = screen
        set_term(screen)
        guard let window = cs_stdscr() else {
            endwin()
            throw .unusableTerminalType(term)
        }
        self.window = window
        cursesActive.store(true, ordering: .relaxed)
        cbreak()
        noecho()
        nonl()
        keypad(window, true)
        set_escdelay(25)
        curs_set(0)
        var colors = false
        if has_colors() {
            start_color()
            use_default_colors()
            colors = true
        }
        theme = Theme(usesColor: Theme.colorAllowed(environment: environment, terminalHasColors: colors))
        if theme.usesColor {
            for color in 0..<8 { init_pair(Int16(color + 1), Int16(color), -1) }
        }
    }

    deinit { restore() }

    public var size: Size { Size(width: Int(cs_getmaxx(window)), height: Int(cs_getmaxy(window))) }

    private func attribute(_ role: Role) -> Int32 {
        if let a = attributeCache[role] { return a }
        let style = theme.style(role)
        var a = cs_a_normal()
        if let fg = style.foreground { a |= cs_color_pair(Int32(fg.rawValue + 1)) }
        if style.bold { a |= cs_a_bold() }
        if style.reverse { a |= cs_a_reverse() }
        if style.underline { a |= cs_a_underline() }
        if style.dim { a |= cs_a_dim() }
        let value = Int32(truncatingIfNeeded: a)
        attributeCache[role] = value
        return value
    }

    public func draw(_ canvas: Canvas) {
        werase(window)
        for y in 0..<canvas.height {
            var x = 0
            while x < canvas.width {
                guard let first = canvas[x, y] else { break }
                let role = first.role
                var run = ""
                var end = x
                while end < canvas.width, let c = canvas[end, y], c.role == role || c == .continuation {
                    if c != .continuation { run.append(c.glyph) }
                    end += 1
                }
                _ = cs_wattrset(window, attribute(role))
                _ = cs_mvwaddstr(window, Int32(y), Int32(x), run)
                x = end
            }
        }
        _ = cs_wattrset(window, 0)
        wrefresh(window)
    }

    public func readKey(timeoutMilliseconds: Int) -> Key? {
        wtimeout(window, Int32(max(0, timeoutMilliseconds)))
        var ch: wint_t = 0
        let result = wget_wch(window, &ch)
        if result == cs_err() { return nil }
        if result == cs_key_code_yes() {
            switch Int32(ch) {
            case cs_key_left(): return .left
            case cs_key_right(): return .right
            case cs_key_up(): return .up
            case cs_key_down(): return .down
            case cs_key_home(): return .home
            case cs_key_end(): return .end
            case cs_key_ppage(): return .pageUp
            case cs_key_npage(): return .pageDown
            case cs_key_btab(): return .backTab
            case cs_key_enter(): return .enter
            case cs_key_backspace(): return .backspace
            case cs_key_resize(): return .resize
            default: return nil
            }
        }
        switch ch {
        case 9: return .tab
        case 10, 13: return .enter
        case 27: return .escape
        case 8, 127: return .backspace
        default:
            guard let scalar = Unicode.Scalar(UInt32(ch)) else { return nil }
            return .character(Character(scalar))
        }
    }

    public func restore() {
        guard !restored else { return }
        restored = true
        curs_set(1)
        endwin()
        cursesActive.store(false, ordering: .relaxed)
        delscreen(screen)
    }
}
