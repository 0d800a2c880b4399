/// One argument of a fact query as written in a lesson file: a scalar (`7`, `alexnet`, `true`)
/// or a list (`[4, 2, 1]`). Its type is checked against the fact's ``FactParameter``.
public enum FactArgument: Equatable, Sendable, CustomStringConvertible {
    case scalar(String)
    case list([String])

    public var description: String {
        switch self {
        case let .scalar(s): return s
        case let .list(items): return "[" + items.joined(separator: ", ") + "]"
        }
    }
}

/// A named fact with its arguments, as a lesson writes it:
/// `{fact: conv_output_size, i: 7, k: 3, s: 2, p: 1}` in a question's `answer`, or
/// `{{fact: conv_params, cin: 128, cout: 64, k: 3}}` in text. Evaluated by ``Facts/evaluate(_:)``.
public struct FactQuery: Equatable, Sendable, CustomStringConvertible {
    /// The fact's name in the registry (``Facts/all``).
    public var name: String
    /// The arguments by parameter name.
    public var arguments: [String: FactArgument]

    /// A query of fact `name` with `arguments` (checked when evaluated).
    public init(name: String, arguments: [String: FactArgument] = [:]) {
        self.name = name
        self.arguments = arguments
    }

    /// `{fact: NAME, key: value, ...}` with keys sorted.
    public var description: String {
        let args = arguments.keys.sorted().map { "\($0): \(arguments[$0]?.description ?? "")" }
        return "{" + (["fact: \(name)"] + args).joined(separator: ", ") + "}"
    }
}

/// What a fact's parameter accepts.
public enum FactParameterKind: Equatable, Sendable, CustomStringConvertible {
    /// A whole number in the range.
    case integer(ClosedRange<Int>)
    /// A real number in the range (`0.0625`, or a fraction `1/16`).
    case real(ClosedRange<Double>)
    /// A list of whole numbers, each in the range, at most 32 of them (`[4, 2, 1]`; `[]` where
    /// the default is empty).
    case integerList(ClosedRange<Int>)
    /// `true` or `false`.
    case flag
    /// One of the names (case-sensitive).
    case choice([String])
    /// Any non-empty text the core then checks (a layer path such as `features.0`).
    case text

    public var description: String {
        switch self {
        case let .integer(r): return "a whole number \(r.lowerBound)...\(r.upperBound)"
        case let .real(r): return "a number \(r.lowerBound)...\(r.upperBound)"
        case let .integerList(r): return "a list of whole numbers \(r.lowerBound)...\(r.upperBound), e.g. [4, 2, 1]"
        case .flag: return "true or false"
        case let .choice(names): return "one of " + names.joined(separator: ", ")
        case .text: return "a name"
        }
    }
}

/// A parameter of a fact: its name, what it accepts and its default (nil: required).
public struct FactParameter: Equatable, Sendable {
    /// The parameter's name as lesson files write it (`i`, `cin`, `model`).
    public var name: String
    /// What values it accepts.
    public var kind: FactParameterKind
    /// The value used when a query leaves it out; nil makes it required.
    public var defaultValue: FactArgument?
    /// What the parameter means, for error messages and the fact list.
    public var summary: String

    /// A parameter; without `default` it is required.
    public init(_ name: String, _ kind: FactParameterKind, default defaultValue: FactArgument? = nil, _ summary: String) {
        self.name = name
        self.kind = kind
        self.defaultValue = defaultValue
        self.summary = summary
    }
}

/// The arguments of a query after checking against the fact's parameters (defaults filled in).
/// Accessors return a neutral value for a name the fact does not declare, never trap.
public struct FactArguments: Sendable {
    enum Value: Sendable {
        case integer(Int), real(Double), integers([Int]), flag(Bool), text(String)
    }
    var values: [String: Value]

    /// The whole number `name`.
    public func int(_ name: String) -> Int {
        if case let .integer(v)? = values[name] { return v }
        return 0
    }
    /// The real number `name` (a whole number is accepted too).
    public func real(_ name: String) -> Double {
        switch values[name] {
        case let .real(v)?: return v
        case let .integer(v)?: return Double(v)
        default: return 0
        }
    }
    /// The list `name`.
    public func list(_ name: String) -> [Int] {
        if case let .integers(v)? = values[name] { return v }
        return []
    }
    /// The flag `name`.
    public func flag(_ name: String) -> Bool {
        if case let .flag(v)? = values[name] { return v }
        return false
    }
    /// The chosen name `name`.
    public func text(_ name: String) -> String {
        if case let .text(v)? = values[name] { return v }
        return ""
    }
}
