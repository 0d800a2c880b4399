/// One lesson, in the numbered vimtutor form: a goal line, steps, a summary. Text is stored with
/// every `{{fact: ...}}` placeholder already replaced by the core's number, in both languages.
public struct Lesson: Equatable, Sendable, Identifiable {
    /// The file's base name (`03-stride-padding`): the key progress is saved under.
    public var id: String
    /// The lesson number, 1...N, in the lecture's order.
    public var number: Int
    /// The file name (`03-stride-padding.yaml`), for messages.
    public var file: String
    /// The title ("Stride and padding").
    public var title: LocalizedText
    /// What the reader will be able to do afterwards, in one line.
    public var goal: LocalizedText
    /// The numbered steps, in order (step 1 is `steps[0]`).
    public var steps: [LessonStep]
    /// The points to remember, shown after the last step.
    public var summary: LocalizedText

    /// A lesson from its parts (the parser builds them from files; tests build them directly).
    public init(id: String, number: Int, file: String, title: LocalizedText, goal: LocalizedText,
                steps: [LessonStep], summary: LocalizedText) {
        self.id = id
        self.number = number
        self.file = file
        self.title = title
        self.goal = goal
        self.steps = steps
        self.summary = summary
    }

    /// The steps that ask a question, by 1-based step number.
    public var questionSteps: [Int] {
        steps.indices.filter { steps[$0].question != nil }.map { $0 + 1 }
    }
}

/// One numbered step: text, the scene shown below it, optionally a question.
public struct LessonStep: Equatable, Sendable {
    /// The text, placeholders filled in. Paragraphs are separated by "\n"; wrap them to the width.
    public var text: LocalizedText
    /// The scene as command-line words (`["conv", "--input", "7", "--stride", "2"]`), the same a
    /// person types after `convscope`; nil for a step with text only. `{{assets}}` is already
    /// replaced by the assets folder's path.
    public var scene: [String]?
    /// The step's question, if it asks one.
    public var question: LessonQuestion?

    /// A step with text, optionally a scene and a question.
    public init(text: LocalizedText, scene: [String]? = nil, question: LessonQuestion? = nil) {
        self.text = text
        self.scene = scene
        self.question = question
    }
}

/// A question whose answer the core computes; a typed answer is checked with ``check(_:)``.
public struct LessonQuestion: Equatable, Sendable {
    /// The question, placeholders filled in.
    public var prompt: LocalizedText
    /// Shown after a wrong answer.
    public var hint: LocalizedText
    /// The fact that answers it, as written in the file.
    public var fact: FactQuery
    /// The fact's value, computed by the core when the lesson was loaded.
    public var answer: FactValue

    /// A question; `answer` must be `fact`'s value (the parser evaluates it with ``Facts``).
    public init(prompt: LocalizedText, hint: LocalizedText, fact: FactQuery, answer: FactValue) {
        self.prompt = prompt
        self.hint = hint
        self.fact = fact
        self.answer = answer
    }

    /// Whether `typed` is the answer (separators and spaces ignored; see ``FactValue/accepts(_:)``).
    public func check(_ typed: String) -> Bool { answer.accepts(typed) }
}
