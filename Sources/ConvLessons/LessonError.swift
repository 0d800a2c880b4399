/// A problem in a lesson file, or with the lessons folder. The description names the file and,
/// where there is one, the place in it ("step 3, question.answer"), then what is wrong:
///
///     lesson-03-stride-padding.yaml, step 2, question.answer: unknown fact 'conv_size'; allowed: conv_output_size, ...
public struct LessonError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The lesson file's name (not its full path), or the folder for folder-level problems.
    public var file: String
    /// Where in the file: "title", "step 2", "step 2, question.hint", ...; empty for the whole file.
    public var location: String
    /// What is wrong, with the value and what is allowed.
    public var message: String

    /// An error in `file` at `location` (empty for the whole file).
    public init(file: String, location: String = "", message: String) {
        self.file = file
        self.location = location
        self.message = message
    }

    public var description: String {
        location.isEmpty ? "\(file): \(message)" : "\(file), \(location): \(message)"
    }

    /// The same error at a more specific place: `at("step 2")` then `at("question")` gives
    /// "step 2, question".
    func at(_ place: String) -> LessonError {
        var e = self
        e.location = location.isEmpty ? place : "\(place), \(location)"
        return e
    }
}

/// A problem with a fact query: the fact's name, a parameter, or the core's refusal. Wrapped into
/// a ``LessonError`` (with the file and step) when it comes from a lesson.
public struct FactError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What is wrong, with the value and what is allowed.
    public var message: String
    /// An error with `message`.
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
