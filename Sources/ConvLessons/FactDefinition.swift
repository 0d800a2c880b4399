/// A fact the lessons may ask for: a name, its parameters, and how the core computes it.
/// Lesson text and answers never hold the numbers themselves, only queries of these facts.
public struct FactDefinition: Sendable {
    /// The name lesson files use (`conv_output_size`).
    public let name: String
    /// What the fact is, with its formula and source.
    public let summary: String
    /// The parameters, in the order the fact list shows them.
    public let parameters: [FactParameter]
    let compute: @Sendable (FactArguments) throws(FactError) -> FactValue

    init(_ name: String, _ summary: String, _ parameters: [FactParameter],
         compute: @escaping @Sendable (FactArguments) throws(FactError) -> FactValue) {
        self.name = name
        self.summary = summary
        self.parameters = parameters
        self.compute = compute
    }

    /// Checks `arguments` against the parameters and fills in defaults.
    /// - Throws: ``FactError`` naming an unknown parameter (and the allowed ones), a missing
    ///   required one, or a value of the wrong kind or out of range.
    public func arguments(from arguments: [String: FactArgument]) throws(FactError) -> FactArguments {
        let allowed = parameters.map(\.name)
        for key in arguments.keys.sorted() where !allowed.contains(key) {
            throw FactError("fact \(name) has no parameter '\(key)'; allowed: \(allowed.isEmpty ? "none" : allowed.joined(separator: ", "))")
        }
        var values: [String: FactArguments.Value] = [:]
        for parameter in parameters {
            guard let raw = arguments[parameter.name] ?? parameter.defaultValue else {
                throw FactError("fact \(name) needs '\(parameter.name)' (\(parameter.summary): \(parameter.kind))")
            }
            values[parameter.name] = try value(raw, for: parameter)
        }
        return FactArguments(values: values)
    }

    private func value(_ raw: FactArgument, for parameter: FactParameter) throws(FactError) -> FactArguments.Value {
        let bad = FactError("fact \(name): \(parameter.name) '\(raw)' is not valid; allowed: \(parameter.kind)")
        switch (parameter.kind, raw) {
        case let (.integer(range), .scalar(text)):
            guard let v = FactValue.parseInteger(text), range.contains(v) else { throw bad }
            return .integer(v)
        case let (.real(range), .scalar(text)):
            guard let v = FactValue.parseReal(text), range.contains(v) else { throw bad }
            return .real(v)
        case let (.integerList(range), .list(items)):
            guard (0...32).contains(items.count) else { throw bad }
            var list: [Int] = []
            for item in items {
                guard let v = FactValue.parseInteger(item), range.contains(v) else { throw bad }
                list.append(v)
            }
            return .integers(list)
        case (.flag, .scalar(let text)):
            switch text.lowercased() {
            case "true", "yes": return .flag(true)
            case "false", "no": return .flag(false)
            default: throw bad
            }
        case let (.choice(names), .scalar(text)):
            guard names.contains(text) else { throw bad }
            return .text(text)
        case (.text, .scalar(let text)):
            guard !text.isEmpty, text.count <= 200 else { throw bad }
            return .text(text)
        default:
            throw bad
        }
    }

    /// The fact's value for checked arguments.
    /// - Throws: ``FactError`` with the core's message when the core refuses the configuration
    ///   (a kernel larger than the padded input, an unknown layer, ...).
    public func evaluate(_ arguments: FactArguments) throws(FactError) -> FactValue {
        try compute(arguments)
    }
}

/// Runs a throwing core call, turning its typed error into a ``FactError`` with the core's message.
func core<T, E: Error & CustomStringConvertible>(_ body: () throws(E) -> T) throws(FactError) -> T {
    do { return try body() } catch { throw FactError(error.description) }
}
