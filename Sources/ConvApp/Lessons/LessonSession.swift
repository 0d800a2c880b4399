import ConvLessons

/// An open lesson: which step is shown (1...steps, then steps + 1 for the summary), in which
/// language, and the state of the step's question.
public struct LessonSession: Sendable {
    /// What the last checked answer was.
    public enum Feedback: Equatable, Sendable {
        /// Right; the value as the core formats it.
        case correct(String)
        /// Wrong; what was typed.
        case wrong(String)
    }

    /// The lesson open.
    public var lesson: Lesson
    /// The language it is shown in.
    public var language: Language
    /// 1-based; `lesson.steps.count + 1` is the summary page.
    public private(set) var stepNumber: Int
    /// The answer being typed, or nil when not answering.
    public var typedAnswer: String?
    /// The result of the last check on this step.
    public var feedback: Feedback?

    /// Opens `lesson` at `step` (clamped to 1...steps + 1).
    public init(lesson: Lesson, language: Language, step: Int = 1) {
        self.lesson = lesson
        self.language = language
        stepNumber = min(max(1, step), lesson.steps.count + 1)
    }

    /// The number of pages: the steps and the summary.
    public var pageCount: Int { lesson.steps.count + 1 }

    /// True on the summary page.
    public var isSummary: Bool { stepNumber > lesson.steps.count }

    /// The step shown, or nil on the summary page.
    public var step: LessonStep? { isSummary ? nil : lesson.steps[stepNumber - 1] }

    /// True while an answer is being typed.
    public var isAnswering: Bool { typedAnswer != nil }

    /// Moves to `step` (clamped), clearing the question's state.
    public mutating func go(to step: Int) {
        stepNumber = min(max(1, step), pageCount)
        typedAnswer = nil
        feedback = nil
    }
}
