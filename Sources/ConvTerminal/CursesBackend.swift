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
    /// How cells with a ``CellColor`` are shown.
    private let colorDepth: ColorDepth
    /// Colour pairs allocated for cell colours: key = foreground index << 16 | background index
    /// (0xFFFF for the default background).
    private var pairCache: [UInt32: Int32] = [:]
    /// The next free colour pair (1...8 are the role colours).
    private var nextPair: Int32 = 9
    /// The largest pair number usable through `wattr_set` (a short).
    private let pairLimit: Int32

    /// What the terminal can show of a cell's 24-bit colour.
    enum ColorDepth {
        /// No colour (or NO_COLOR): cells show their plain glyph (an image's ASCII ramp).
        case none
        /// 8 to 255 colours: coloured text uses the nearest of the eight standard colours; image
        /// pixel cells (those with a colour glyph) show their plain glyph (the ASCII ramp).
        case eight
        /// 256 colours or more: xterm's 6 x 6 x 6 cube and grey ramp, with colour pairs
        /// allocated as cells need them.
        case xterm256
    }

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
        pairLimit = min(cs_color_pairs() - 1, 32767)
        if !theme.usesColor || cs_colors() < 8 {
            colorDepth = .none
        } else if cs_colors() >= 256 && pairLimit >= 64 {
            colorDepth = .xterm256
        } else {
            colorDepth = .eight
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

    /// The colour pair showing xterm colours `foreground` on `background` (-1: default), or nil
    /// when every pair is taken.
    private func pair(foreground: Int, background: Int) -> Int32? {
        let key = UInt32(foreground) << 16 | UInt32(background < 0 ? 0xFFFF : background)
        if let p = pairCache[key] { return p }
        guard nextPair <= pairLimit else { return nil }
        let p = nextPair
        nextPair += 1
        init_pair(Int16(p), Int16(foreground), Int16(background))
        pairCache[key] = p
        return p
    }

    /// How a run of cells is written: the attribute word for `wattrset`, or attributes plus a
    /// pair number for `wattr_set`; and whether the cells show their colour glyph.
    private enum Look: Equatable {
        case role(Int32)
        case pair(Int32)
    }

    /// The look of `cell` and the character it shows.
    private func look(of cell: Cell) -> (Look, Character) {
        guard let color = cell.color else { return (.role(attribute(cell.role)), cell.glyph) }
        switch colorDepth {
        case .none:
            return (.role(attribute(cell.role)), cell.glyph)
        case .eight:
            if color.glyph != nil { return (.role(attribute(cell.role)), cell.glyph) }
            let fg = ColorPalette.nearestStandard(to: color.foreground)
            return (.role(Int32(truncatingIfNeeded: cs_color_pair(Int32(fg.rawValue + 1)))), cell.glyph)
        case .xterm256:
            let fg = ColorPalette.xterm256Index(of: color.foreground)
            let bg = color.background.map(ColorPalette.xterm256Index(of:)) ?? -1
            guard let p = pair(foreground: fg, background: bg) else { return (.role(attribute(cell.role)), cell.glyph) }
            return (.pair(p), color.glyph ?? cell.glyph)
        }
    }

    public func draw(_ canvas: Canvas) {
        // A long session can use up the colour pairs; start again from a clean table (every cell
        // is redrawn below, so no cell keeps a redefined pair).
        if nextPair > pairLimit / 2 {
            pairCache.removeAll(keepingCapacity: true)
            nextPair = 9
        }
        werase(window)
        for y in 0..<canvas.height {
            var x = 0
            while x < canvas.width {
                guard let first = canvas[x, y] else { break }
                if first == .continuation { x += 1; continue }
                let (runLook, firstGlyph) = look(of: first)
                var run = String(firstGlyph)
                var end = x + 1
                while end < canvas.width, let c = canvas[end, y] {
                    if c == .continuation { end += 1; continue }
                    let (l, g) = look(of: c)
                    guard l == runLook else { break }
                    run.append(g)
                    end += 1
                }
                switch runLook {
                case let .role(a): _ = cs_wattrset(window, a)
                case let .pair(p): _ = cs_wattr_set(window, cs_a_normal(), p)
                }
                _ = cs_mvwaddstr(window, Int32(y), Int32(x), run)
                x = end
            }
        }
        _ = cs_wattrset(window, 0)
        // Park the (hidden) cursor at the top-left: a terminal that shrinks keeps the cursor's
        // row on screen by scrolling lines into its history, and a cursor left on the footer row
        // would push frame lines there, to reappear on the shell after a later resize.
        wmove(window, 0, 0)
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
        case 27: return EscapeSequence.decode { timeout in self.nextCharacter(timeoutMilliseconds: timeout) }
        case 8, 127: return .backspace
        default:
            guard let scalar = Unicode.Scalar(UInt32(ch)) else { return nil }
            return .character(Character(scalar))
        }
    }

    /// The next character within `timeoutMilliseconds`, for ``EscapeSequence``: a function key
    /// curses decoded counts as 0xFFFF (which ends any sequence).
    private func nextCharacter(timeoutMilliseconds: Int) -> UInt32? {
        wtimeout(window, Int32(timeoutMilliseconds))
        var ch: wint_t = 0
        let result = wget_wch(window, &ch)
        if result == cs_err() { return nil }
        if result == cs_key_code_yes() { return 0xFFFF }
        return UInt32(ch)
    }

    public func restore() {
        guard !restored else { return }
        restored = true
        // Blank the alternate screen before leaving it: a terminal that was resized while it
        // was shown (tmux among them) may copy its rows into the shell's screen.
        werase(window)
        wrefresh(window)
        curs_set(1)
        endwin()
        cursesActive.store(false, ordering: .relaxed)
        delscreen(screen)
    }
}
