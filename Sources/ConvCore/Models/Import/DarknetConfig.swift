/// A Darknet `.cfg` file read into sections, as darknet's own `read_cfg` (`src/parser.c`) reads
/// it: every space and tab is removed from a line (`strip` in `src/utils.c`, so `output= 1715` and
/// `layers = -1, 61` are valid), empty lines and lines starting with `#` or `;` are comments, a line
/// `[name]` starts a section, any other line is `key=value`.
///
///     let config = try DarknetConfig(text: "[net]\nwidth=416\n[convolutional]\nfilters=16\n")
///     config.sections[1].type      // "convolutional"
///     config.sections[1].int("filters", default: 1)   // 16
public struct DarknetConfig: Sendable {
    /// One `[section]` and its options in file order.
    public struct Section: Sendable {
        /// The name between the brackets, lowercased, aliases resolved (`[conv]` is "convolutional").
        public var type: String
        /// The 1-based line of the `[section]` header.
        public var line: Int
        /// The options, `key` -> (value, line); a repeated key keeps its first value (darknet's
        /// `option_find` returns the first match).
        public var options: [(key: String, value: String, line: Int)]

        /// The value of `key`, if present.
        public func value(_ key: String) -> (value: String, line: Int)? {
            for option in options where option.key == key { return (option.value, option.line) }
            return nil
        }
    }

    /// The sections in file order; the first is `[net]`.
    public let sections: [Section]

    /// Darknet's section aliases (`string_to_layer_type`).
    static let aliases: [String: String] = [
        "network": "net", "conv": "convolutional", "max": "maxpool", "avg": "avgpool", "conn": "connected",
        "soft": "softmax",
    ]

    /// Reads `text`.
    /// - Throws: ``ModelImportError/syntax(line:problem:)`` for an option before any section, a line
    ///   without `=`, an unclosed `[`; ``ModelImportError/unrecognized(problem:)`` when the first
    ///   section is not `[net]`; ``ModelImportError/limit(problem:)`` beyond ``ImportLimits``.
    public init(text: String) throws(ModelImportError) {
        var sections: [Section] = []
        var lineNumber = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = String(rawLine.unicodeScalars.filter { $0 != " " && $0 != "\t" && $0 != "\r" })
            guard let first = line.first, first != "#", first != ";" else { continue }
            if first == "[" {
                guard line.last == "]", line.count >= 3 else {
                    throw .syntax(line: lineNumber, problem: "section header '\(Self.excerpt(line))' is not [name]")
                }
                let name = String(line.dropFirst().dropLast()).lowercased()
                guard sections.count < ImportLimits.maximumLayers else {
                    throw .limit(problem: "more than \(ImportLimits.maximumLayers) sections")
                }
                sections.append(Section(type: Self.aliases[name] ?? name, line: lineNumber, options: []))
                continue
            }
            guard let equals = line.firstIndex(of: "=") else {
                throw .syntax(line: lineNumber, problem: "'\(Self.excerpt(line))' is not key=value")
            }
            guard !sections.isEmpty else {
                throw .syntax(line: lineNumber, problem: "option '\(Self.excerpt(line))' comes before the first [section]")
            }
            let key = String(line[..<equals]).lowercased()
            let value = String(line[line.index(after: equals)...])
            sections[sections.count - 1].options.append((key, value, lineNumber))
        }
        guard let first = sections.first else {
            throw .unrecognized(problem: "no [net] section: not a Darknet cfg file")
        }
        guard first.type == "net" else {
            throw .unrecognized(problem: "the first section is [\(first.type)] (line \(first.line)), not [net]: not a Darknet cfg file")
        }
        self.sections = sections
    }

    /// At most 40 characters of `text`, for messages.
    static func excerpt(_ text: String) -> String {
        text.count <= 40 ? text : String(text.prefix(40)) + "..."
    }
}
