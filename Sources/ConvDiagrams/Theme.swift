/// A terminal colour, as the eight standard ANSI/curses colours.
public enum TerminalColor: Int, Sendable {
    case black = 0, red, green, yellow, blue, magenta, cyan, white
}

/// How one role looks: a foreground colour (nil = terminal default) and attributes.
public struct Style: Equatable, Sendable {
    public var foreground: TerminalColor?
    public var bold = false
    public var reverse = false
    public var underline = false
    public var dim = false
    public init(foreground: TerminalColor? = nil, bold: Bool = false, reverse: Bool = false,
                underline: Bool = false, dim: Bool = false) {
        self.foreground = foreground
        self.bold = bold
        self.reverse = reverse
        self.underline = underline
        self.dim = dim
    }
}

/// Maps roles to styles: colours when the terminal has them, bold/reverse/underline when colour
/// is off (`NO_COLOR` set and non-empty, `TERM=dumb`, or a terminal without colour).
/// Source: https://no-color.org for the NO_COLOR convention.
public struct Theme: Sendable {
    /// True when colours are used.
    public let usesColor: Bool

    public init(usesColor: Bool) { self.usesColor = usesColor }

    /// Whether colour should be used, given the environment and the terminal's capability.
    public static func colorAllowed(environment: [String: String], terminalHasColors: Bool) -> Bool {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return false }
        if environment["TERM"] == "dumb" { return false }
        return terminalHasColors
    }

    /// The style of `role`.
    public func style(_ role: Role) -> Style {
        if usesColor {
            switch role {
            case .plain, .input, .border: return Style()
            case .title: return Style(foreground: .cyan, bold: true)
            case .label: return Style(bold: true)
            case .dim, .pending: return Style(dim: true)
            case .error: return Style(foreground: .red, bold: true)
            case .accent: return Style(foreground: .yellow)
            case .padding: return Style(foreground: .blue)
            case .zeroInserted: return Style(foreground: .magenta)
            case .unread: return Style(foreground: .red, dim: true)
            case .window: return Style(foreground: .yellow, bold: true)
            case .kernel: return Style(foreground: .cyan)
            case .output: return Style(foreground: .green)
            case .current: return Style(foreground: .green, bold: true, reverse: true)
            case .outputPadding: return Style(foreground: .red)
            case .highlight: return Style(bold: true, reverse: true)
            }
        }
        switch role {
        case .plain, .input, .border, .output, .accent: return Style()
        case .title, .label, .error, .window: return Style(bold: true)
        case .dim, .pending, .padding, .unread: return Style(dim: true)
        case .zeroInserted, .kernel, .outputPadding: return Style(underline: true)
        case .current, .highlight: return Style(bold: true, reverse: true)
        }
    }
}
