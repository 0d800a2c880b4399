import Yams

/// Parses one lesson file (YAML) into a ``Lesson``, filling placeholders from the core and
/// checking everything that does not need the scene registry:
///
/// - the keys (`number`, `title`, `goal`, `steps`, `summary`; per step `text`, `scene`,
///   `question` with `prompt`, `answer`, `hint`), each text in every ``Language``;
/// - every `{{fact: ...}}` placeholder and every `answer` names a known fact with valid parameters
///   that the core can evaluate;
/// - no large number is typed into the text (a number with a thousands separator, or of five or
///   more digits, must come from a placeholder).
///
/// Scenes are checked by the caller, who has the registry (``LessonLibrary/sceneProblems(resolve:)``).
///
/// The file format:
///
///     number: 3
///     title: {en: Stride and padding, ko: 스트라이드와 패딩}
///     goal: {en: ..., ko: ...}
///     steps:
///       - text:                     # text with {{placeholders}} in block style, not {en: ..., ko: ...}
///           en: A 7 x 7 input, stride 2, padding 1 gives {{fact: conv_output_size, i: 7, k: 3, s: 2, p: 1}} ...
///           ko: ...
///         scene: [conv, --input, "7", --stride, "2", --padding, "1"]
///         question:
///           prompt: {en: ..., ko: ...}
///           answer: {fact: conv_output_size, i: 7, k: 3, s: 2, p: 1}
///           hint: {en: ..., ko: ...}
///     summary: {en: ..., ko: ...}
public struct LessonParser {
    /// The file name used in every error message.
    public let file: String
    /// Replaces `{{assets}}` in scene words (the folder holding `lessons/` and `images/`).
    public let assetsPath: String

    /// A parser for the file named `file`; `{{assets}}` in scene words becomes `assetsPath`.
    public init(file: String, assetsPath: String) {
        self.file = file
        self.assetsPath = assetsPath
    }

    /// Parses `yaml`.
    /// - Parameter id: the lesson's id (the file's base name).
    /// - Throws: ``LessonError`` naming the file, the place (step, key, language) and the problem.
    public func parse(_ yaml: String, id: String) throws(LessonError) -> Lesson {
        let root: Node
        try checkNesting(yaml, at: "")
        do {
            guard let node = try Yams.compose(yaml: yaml) else { throw error("the file is empty") }
            root = node
        } catch let e as LessonError {
            throw e
        } catch {
            throw self.error("not valid YAML: \(error)")
        }
        let top = try mapping(root, allowed: ["number", "title", "goal", "steps", "summary"], at: "")
        guard let numberNode = top["number"], let numberText = numberNode.scalar?.string, let number = Int(numberText),
              (1...999).contains(number) else {
            throw error("'number' must be a whole number 1...999", at: "number")
        }
        let title = try localized(top["title"], at: "title", allowPlaceholders: false)
        let goal = try localized(top["goal"], at: "goal")
        let summary = try localized(top["summary"], at: "summary")
        guard let stepsNode = top["steps"], let stepNodes = stepsNode.sequence, !stepNodes.isEmpty else {
            throw error("'steps' must be a list of at least one step", at: "steps")
        }
        var steps: [LessonStep] = []
        for (index, node) in stepNodes.enumerated() {
            do {
                steps.append(try step(node))
            } catch {
                throw error.at("step \(index + 1)")
            }
        }
        return Lesson(id: id, number: number, file: file, title: title, goal: goal, steps: steps, summary: summary)
    }

    func step(_ node: Node) throws(LessonError) -> LessonStep {
        let m = try mapping(node, allowed: ["text", "scene", "question"], at: "")
        let text = try localized(m["text"], at: "text")
        var scene: [String]?
        if let sceneNode = m["scene"] {
            guard let items = sceneNode.sequence, !items.isEmpty else {
                throw error("'scene' must be a list of command-line words, e.g. [conv, --input, \"7\"]", at: "scene")
            }
            var words: [String] = []
            for item in items {
                guard let word = item.scalar?.string else {
                    throw error("'scene' must hold words only, not lists or mappings", at: "scene")
                }
                words.append(word.replacingAll("{{assets}}", with: assetsPath))
            }
            scene = words
        }
        var question: LessonQuestion?
        if let q = m["question"] {
            let qm = try mapping(q, allowed: ["prompt", "answer", "hint"], at: "question")
            let prompt = try localized(qm["prompt"], at: "question.prompt")
            let hint = try localized(qm["hint"], at: "question.hint")
            guard let answerNode = qm["answer"] else {
                throw error("a question needs 'answer: {fact: NAME, ...}'", at: "question.answer")
            }
            let fact = try factQuery(answerNode, at: "question.answer")
            let value: FactValue
            do { value = try Facts.evaluate(fact) } catch { throw self.error(error.message, at: "question.answer") }
            question = LessonQuestion(prompt: prompt, hint: hint, fact: fact, answer: value)
        }
        return LessonStep(text: text, scene: scene, question: question)
    }

    // MARK: - Pieces

    func error(_ message: String, at location: String = "") -> LessonError {
        LessonError(file: file, location: location, message: message)
    }

    /// A mapping whose keys are all in `allowed` (typos are errors), as a dictionary.
    func mapping(_ node: Node, allowed: [String], at location: String) throws(LessonError) -> [String: Node] {
        guard let m = node.mapping else {
            throw error("expected a mapping with keys \(allowed.joined(separator: ", "))\(line(node))", at: location)
        }
        var result: [String: Node] = [:]
        for (key, value) in m {
            guard let k = key.scalar?.string else { throw error("a key must be a word\(line(key))", at: location) }
            guard allowed.contains(k) else {
                throw error("unknown key '\(k)'\(line(key)); allowed: \(allowed.joined(separator: ", "))", at: location)
            }
            result[k] = value
        }
        return result
    }

    func line(_ node: Node) -> String {
        node.mark.map { " (line \($0.line))" } ?? ""
    }

    /// `{en: ..., ko: ...}` with every language present and not empty, placeholders filled in.
    func localized(_ node: Node?, at location: String, allowPlaceholders: Bool = true) throws(LessonError) -> LocalizedText {
        let codes = Language.allCases.map(\.rawValue)
        guard let node else {
            throw error("missing; give the text in every language: {\(codes.map { "\($0): ..." }.joined(separator: ", "))}", at: location)
        }
        let m = try mapping(node, allowed: codes, at: location)
        var texts: [Language: String] = [:]
        for language in Language.allCases {
            let place = "\(location).\(language.rawValue)"
            guard let raw = m[language.rawValue]?.scalar?.string, !raw.trimmed().isEmpty else {
                throw error("missing translation: no \(language.nativeName) (\(language.rawValue)) text", at: place)
            }
            try checkNoTypedNumbers(raw, at: place)
            texts[language] = try fill(reflow(raw), at: place, allowPlaceholders: allowPlaceholders)
        }
        return LocalizedText(en: texts[.en] ?? "", ko: texts[.ko] ?? "")
    }

    /// Joins the lines of each paragraph (YAML block scalars keep line breaks): a line break
    /// becomes a space unless the next line is blank or starts a list item (`- `, `* `, `1. `);
    /// indented lines continue the item above. Paragraphs come out separated by one "\n".
    func reflow(_ text: String) -> String {
        var paragraphs: [String] = []
        var current = ""
        func flush() {
            if !current.isEmpty { paragraphs.append(current) }
            current = ""
        }
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = String(rawLine).trimmed()
            if trimmed.isEmpty { flush(); continue }
            let digits = trimmed.prefix(while: \.isNumber)
            let startsItem = trimmed.hasPrefix("- ") || trimmed.hasPrefix("* ")
                || (!digits.isEmpty && trimmed.dropFirst(digits.count).hasPrefix(". "))
            if startsItem { flush() }
            current = current.isEmpty ? trimmed : current + " " + trimmed
        }
        flush()
        return paragraphs.joined(separator: "\n")
    }

    /// Numbers are the core's: a typed number with a thousands separator (73,728) or of five or
    /// more digits (73728) outside a placeholder is an error. Years and small sizes may be typed.
    func checkNoTypedNumbers(_ text: String, at location: String) throws(LessonError) {
        var outside = ""
        var rest = Substring(text)
        while let open = rest.firstRange(of: "{{") {
            outside += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].firstRange(of: "}}") else { break }
            outside += " "
            rest = rest[close.upperBound...]
        }
        outside += rest
        var run = ""
        func check() throws(LessonError) {
            defer { run = "" }
            let parts = run.split(separator: ",")
            let grouped = parts.count > 1 && (1...3).contains(parts[0].count) && parts.dropFirst().allSatisfy { $0.count == 3 }
            if grouped || parts.contains(where: { $0.count >= 5 }) {
                throw error("the number \(run) is typed in; numbers come from the core: write {{fact: ...}}", at: location)
            }
        }
        var previous: Character = " "
        for ch in outside {
            if ch.isASCII && ch.isNumber {
                run.append(ch)
            } else if ch == ",", !run.isEmpty, previous.isNumber {
                run.append(ch)
            } else if !run.isEmpty {
                while run.last == "," { run.removeLast() }
                try check()
            }
            previous = ch
        }
        while run.last == "," { run.removeLast() }
        if !run.isEmpty { try check() }
    }

    /// The deepest nesting a lesson file may use: flow collections (`[`, `{`) and block
    /// indentation. Yams' parser recurses once per level and overflows the stack near depth 6,000.
    public static let maximumNesting = 64, maximumIndentation = 256

    /// Refuses text nested deeper than ``maximumNesting`` flow collections or indented more than
    /// ``maximumIndentation`` columns, before Yams sees it. Linear in the text; brackets inside
    /// quotes and comments are not counted.
    /// - Throws: ``LessonError`` naming the line.
    func checkNesting(_ yaml: String, at location: String) throws(LessonError) {
        let bytes = Array(yaml.utf8)
        var depth = 0, line = 1, column = 0, index = 0
        var indentation = true, comment = false
        var quote: UInt8?
        let space = UInt8(ascii: " "), newline = UInt8(ascii: "\n"), single = UInt8(ascii: "'"), double = UInt8(ascii: "\"")
        // Quotes and comments only start where a YAML token can (line start, after a space or an
        // indicator), as in the YAML 1.2 grammar; "it's" is a plain word.
        func tokenStart(_ position: Int) -> Bool {
            guard position > 0 else { return true }
            return [space, newline, UInt8(ascii: "\t"), UInt8(ascii: ":"), UInt8(ascii: ","), UInt8(ascii: "["),
                    UInt8(ascii: "{"), UInt8(ascii: "-")].contains(bytes[position - 1])
        }
        while index < bytes.count {
            let byte = bytes[index]
            defer { index += 1 }
            if byte == newline {
                line += 1; column = 0; indentation = true; comment = false
                continue
            }
            column += 1
            if indentation, quote == nil {
                if byte == space {
                    if column > Self.maximumIndentation {
                        throw error("line \(line) is indented more than \(Self.maximumIndentation) columns; allowed: at most \(Self.maximumIndentation)", at: location)
                    }
                    continue
                }
                indentation = false
            }
            if comment { continue }
            if let open = quote {
                if open == double, byte == UInt8(ascii: "\\") { index += 1; continue }
                if byte == open {
                    if open == single, index + 1 < bytes.count, bytes[index + 1] == single { index += 1; continue }
                    quote = nil
                }
                continue
            }
            switch byte {
            case single where tokenStart(index), double where tokenStart(index): quote = byte
            case UInt8(ascii: "#") where tokenStart(index): comment = true
            case UInt8(ascii: "[") where tokenStart(index), UInt8(ascii: "{") where tokenStart(index):
                depth += 1
                if depth > Self.maximumNesting {
                    throw error("line \(line) nests brackets more than \(Self.maximumNesting) deep; allowed: at most \(Self.maximumNesting)", at: location)
                }
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                depth = max(0, depth - 1)
            default: break
            }
        }
    }

    /// Replaces every `{{fact: NAME, key: value, ...}}` by the fact's formatted value.
    func fill(_ text: String, at location: String, allowPlaceholders: Bool) throws(LessonError) -> String {
        var out = ""
        var rest = Substring(text)
        while let open = rest.firstRange(of: "{{") {
            out += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].firstRange(of: "}}") else {
                throw error("a placeholder '{{' is not closed with '}}'", at: location)
            }
            guard allowPlaceholders else { throw error("placeholders are not allowed here", at: location) }
            let inner = String(rest[open.upperBound..<close.lowerBound]).trimmed()
            let node: Node
            try checkNesting("{" + inner + "}", at: location)
            do {
                guard let n = try Yams.compose(yaml: "{" + inner + "}") else { throw error("empty placeholder", at: location) }
                node = n
            } catch let e as LessonError {
                throw e
            } catch {
                throw self.error("placeholder {{\(inner)}} is not 'fact: NAME, key: value, ...'", at: location)
            }
            let query = try factQuery(node, at: location)
            do {
                out += try Facts.evaluate(query).formatted
            } catch {
                throw self.error("{{\(inner)}}: \(error.message)", at: location)
            }
            rest = rest[close.upperBound...]
        }
        out += rest
        return out
    }

    /// `{fact: NAME, key: value, key: [a, b]}` -> a query (not yet evaluated).
    func factQuery(_ node: Node, at location: String) throws(LessonError) -> FactQuery {
        guard let m = node.mapping else { throw error("expected {fact: NAME, key: value, ...}", at: location) }
        var name: String?
        var arguments: [String: FactArgument] = [:]
        for (key, value) in m {
            guard let k = key.scalar?.string else { throw error("a key must be a word", at: location) }
            if k == "fact" {
                guard let n = value.scalar?.string else { throw error("'fact' must name a fact", at: location) }
                name = n
            } else if let s = value.scalar?.string {
                arguments[k] = .scalar(s)
            } else if let items = value.sequence {
                var list: [String] = []
                for item in items {
                    guard let s = item.scalar?.string else { throw error("\(k): a list of numbers only", at: location) }
                    list.append(s)
                }
                arguments[k] = .list(list)
            } else {
                throw error("\(k): expected a value or a list", at: location)
            }
        }
        guard let name else { throw error("missing 'fact: NAME'; allowed facts: \(Facts.names.joined(separator: ", "))", at: location) }
        do {
            let d = try Facts.definition(named: name)
            _ = try d.arguments(from: arguments)
        } catch {
            throw self.error(error.message, at: location)
        }
        return FactQuery(name: name, arguments: arguments)
    }
}

extension String {
    /// Every occurrence of `target` replaced by `replacement`.
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var out = ""
        var rest = Substring(self)
        while let r = rest.firstRange(of: target) {
            out += rest[..<r.lowerBound]
            out += replacement
            rest = rest[r.upperBound...]
        }
        return out + rest
    }
}
