/// A small reader of protobuf's text format, enough for Caffe's `.prototxt` files: messages
/// (`name { ... }` or `name: { ... }`), repeated fields (a name given several times, or
/// `name: [a, b]`), strings in single or double quotes (adjacent strings joined), numbers, enum
/// identifiers and booleans, `#` comments, and `,` or `;` between fields. Values are kept as text;
/// what a field means is the importer's business, so fields from forks of Caffe are kept, not dropped.
///
///     let root = try PrototxtParser.parse("name: 'net' layer { type: \"ReLU\" bottom: 'x' }")
///     root.string("name")                       // "net"
///     root.messages("layer")[0].string("type")  // "ReLU"
///
/// Bounds: nesting deeper than ``ImportLimits/maximumNesting`` and more than 10^6 fields are
/// refused (``ModelImportError/limit(problem:)``); nothing in the text can trap.
public enum PrototxtParser {
    /// Parses `text` into its top-level message.
    /// - Throws: ``ModelImportError/syntax(line:problem:)`` naming the line.
    public static func parse(_ text: String) throws(ModelImportError) -> PrototxtMessage {
        var reader = Reader(bytes: Array(text.utf8))
        let root = try reader.message(depth: 0, closing: false)
        return root
    }

    private struct Reader {
        let bytes: [UInt8]
        var position = 0
        var line = 1
        var fieldCount = 0

        init(bytes: [UInt8]) { self.bytes = bytes }

        static func isNameByte(_ byte: UInt8) -> Bool {
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == 0x5F || byte == 0x2E || byte == 0x2D || byte == 0x2B   // _ . - +
        }

        mutating func skipSpace() {
            while position < bytes.count {
                let byte = bytes[position]
                if byte == 0x0A { line += 1; position += 1 }
                else if byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0B || byte == 0x0C { position += 1 }
                else if byte == 0x23 {   // '#': comment to the end of the line
                    while position < bytes.count, bytes[position] != 0x0A { position += 1 }
                } else { return }
            }
        }

        func peek() -> UInt8? { position < bytes.count ? bytes[position] : nil }

        mutating func word() -> String? {
            let start = position
            while position < bytes.count, Self.isNameByte(bytes[position]) { position += 1 }
            guard position > start else { return nil }
            return String(decoding: bytes[start..<position], as: UTF8.self)
        }

        mutating func message(depth: Int, closing: Bool) throws(ModelImportError) -> PrototxtMessage {
            guard depth <= ImportLimits.maximumNesting else {
                throw .limit(problem: "line \(line): messages nested deeper than \(ImportLimits.maximumNesting)")
            }
            var fields: [PrototxtField] = []
            while true {
                skipSpace()
                guard let byte = peek() else {
                    if closing { throw .syntax(line: line, problem: "the file ends inside a message (missing '}')") }
                    return PrototxtMessage(fields: fields)
                }
                if byte == 0x7D {   // '}'
                    guard closing else { throw .syntax(line: line, problem: "'}' without a matching '{'") }
                    position += 1
                    return PrototxtMessage(fields: fields)
                }
                if byte == 0x2C || byte == 0x3B { position += 1; continue }   // , ;
                let fieldLine = line
                guard let name = word() else {
                    throw .syntax(line: line, problem: "unexpected '\(Self.shown(byte))'; expected a field name")
                }
                fieldCount += 1
                guard fieldCount <= 1_000_000 else { throw .limit(problem: "more than 1,000,000 fields") }
                skipSpace()
                var sawColon = false
                if peek() == 0x3A { position += 1; sawColon = true; skipSpace() }   // ':'
                guard let next = peek() else {
                    throw .syntax(line: line, problem: "the file ends after field '\(name)'")
                }
                if next == 0x7B || next == 0x3C {   // '{' or '<'
                    position += 1
                    let inner = try message(depth: depth + 1, closing: true)
                    fields.append(PrototxtField(name: name, value: .message(inner), line: fieldLine))
                } else if next == 0x5B {   // '[': a list of scalars
                    guard sawColon else { throw .syntax(line: line, problem: "field '\(name)' needs ':' before '['") }
                    position += 1
                    while true {
                        skipSpace()
                        if peek() == 0x5D { position += 1; break }
                        if peek() == 0x2C { position += 1; continue }
                        let value = try scalar(field: name)
                        fields.append(PrototxtField(name: name, value: value, line: fieldLine))
                    }
                } else {
                    guard sawColon else {
                        throw .syntax(line: fieldLine, problem: "field '\(name)' needs ':' or '{'")
                    }
                    fields.append(PrototxtField(name: name, value: try scalar(field: name), line: fieldLine))
                }
            }
        }

        mutating func scalar(field: String) throws(ModelImportError) -> PrototxtValue {
            skipSpace()
            guard let byte = peek() else { throw .syntax(line: line, problem: "the file ends before the value of '\(field)'") }
            if byte == 0x22 || byte == 0x27 {   // " or '
                var text: [UInt8] = []
                while let quote = peek(), quote == 0x22 || quote == 0x27 {
                    position += 1
                    let start = line
                    while true {
                        guard let current = peek() else {
                            throw .syntax(line: start, problem: "string of '\(field)' is not closed")
                        }
                        position += 1
                        if current == quote { break }
                        if current == 0x0A { throw .syntax(line: start, problem: "string of '\(field)' is not closed on its line") }
                        if current == 0x5C, let escaped = peek() {   // backslash
                            position += 1
                            switch escaped {
                            case 0x6E: text.append(0x0A)
                            case 0x74: text.append(0x09)
                            default: text.append(escaped)
                            }
                            continue
                        }
                        text.append(current)
                    }
                    skipSpace()
                }
                return .string(String(decoding: text, as: UTF8.self))
            }
            guard let value = word() else {
                throw .syntax(line: line, problem: "unexpected '\(Self.shown(byte))' as the value of '\(field)'")
            }
            return .token(value)
        }

        static func shown(_ byte: UInt8) -> String {
            byte >= 0x20 && byte < 0x7F ? String(UnicodeScalar(byte)) : "byte \(byte)"
        }
    }
}

/// A text-format message: its fields in file order.
public struct PrototxtMessage: Hashable, Sendable {
    /// Every field, repeated ones as several entries.
    public var fields: [PrototxtField]

    /// The fields named `name`.
    public func all(_ name: String) -> [PrototxtField] { fields.filter { $0.name == name } }
    /// The first field named `name`.
    public func first(_ name: String) -> PrototxtField? { fields.first { $0.name == name } }
    /// The sub-messages named `name`.
    public func messages(_ name: String) -> [PrototxtMessage] {
        fields.compactMap { field in
            if case let .message(message) = field.value, field.name == name { return message }
            return nil
        }
    }
    /// The first sub-message named `name`.
    public func message(_ name: String) -> PrototxtMessage? { messages(name).first }
    /// The text of the first scalar field named `name` (a string's contents, a token as written).
    public func string(_ name: String) -> String? { first(name)?.text }
    /// Every scalar value of the fields named `name`.
    public func strings(_ name: String) -> [String] { all(name).compactMap(\.text) }
}

/// One field of a text-format message.
public struct PrototxtField: Hashable, Sendable {
    /// The field name.
    public var name: String
    /// Its value.
    public var value: PrototxtValue
    /// The 1-based line where the field starts.
    public var line: Int

    /// The scalar's text, or nil for a message.
    public var text: String? {
        switch value {
        case let .string(text), let .token(text): return text
        case .message: return nil
        }
    }
}

/// A text-format value.
public indirect enum PrototxtValue: Hashable, Sendable {
    /// A quoted string (quotes removed, escapes resolved).
    case string(String)
    /// A number, enum identifier or boolean, as written.
    case token(String)
    /// A nested message.
    case message(PrototxtMessage)
}
