/// What a reader has done: per lesson, the step last shown, the furthest step reached and the
/// questions answered right. A plain value: the app changes it, ``ProgressStore`` saves it.
///
/// Saved as JSON with a `format` marker, so a file that is not ours is recognised:
///
///     {"format": "convscope-progress", "version": 1, "lastLesson": "03-stride-padding",
///      "lessons": {"03-stride-padding": {"step": 2, "furthestStep": 3, "answered": [2]}}}
public struct LessonProgress: Codable, Equatable, Sendable {
    /// The marker every progress file carries.
    public static let formatMarker = "convscope-progress"
    /// The version this code writes and reads.
    public static let currentVersion = 1

    /// Progress in one lesson.
    public struct Record: Codable, Equatable, Sendable {
        /// The 1-based step last shown (steps + 1 is the summary).
        public var step: Int
        /// The furthest 1-based step reached.
        public var furthestStep: Int
        /// The 1-based steps whose question was answered right, ascending.
        public var answered: [Int]

        /// A record; a new one starts at step 1 with nothing answered.
        public init(step: Int = 1, furthestStep: Int = 1, answered: [Int] = []) {
            self.step = step
            self.furthestStep = furthestStep
            self.answered = answered
        }
    }

    /// Always ``formatMarker``; anything else is not a progress file of ours.
    public var format: String
    /// The file format's version (``currentVersion``).
    public var version: Int
    /// The lesson opened last (its id), for the home screen's cursor.
    public var lastLesson: String?
    /// Records by lesson id (the file's base name).
    public var lessons: [String: Record]

    /// No progress yet.
    public init() {
        format = Self.formatMarker
        version = Self.currentVersion
        lastLesson = nil
        lessons = [:]
    }

    /// The record of `lesson`, or an empty one.
    public func record(_ lesson: Lesson) -> Record { lessons[lesson.id] ?? Record() }

    /// Notes that `step` (1-based; steps + 1 is the summary) of `lesson` is shown.
    public mutating func visit(_ lesson: Lesson, step: Int) {
        var r = record(lesson)
        let s = min(max(1, step), lesson.steps.count + 1)
        r.step = s
        r.furthestStep = max(r.furthestStep, s)
        lessons[lesson.id] = r
        lastLesson = lesson.id
    }

    /// Notes that the question of `step` was answered right.
    public mutating func answered(_ lesson: Lesson, step: Int) {
        var r = record(lesson)
        if !r.answered.contains(step) { r.answered = (r.answered + [step]).sorted() }
        lessons[lesson.id] = r
    }

    /// Whether the question of `step` of `lesson` was answered right.
    public func isAnswered(_ lesson: Lesson, step: Int) -> Bool { record(lesson).answered.contains(step) }

    /// Steps reached (up to the summary) and questions answered, for the home screen.
    public func summary(of lesson: Lesson) -> (stepsReached: Int, stepCount: Int, answered: Int, questions: Int, finished: Bool) {
        let r = record(lesson)
        let questions = lesson.questionSteps
        let answered = r.answered.filter { questions.contains($0) }.count
        let reached = lessons[lesson.id] == nil ? 0 : min(max(0, r.furthestStep), lesson.steps.count)
        let finished = r.furthestStep > lesson.steps.count && answered == questions.count
        return (reached, lesson.steps.count, answered, questions.count, finished)
    }

    /// The most steps or answers a record may name: anything larger (or below 1) comes from a
    /// damaged or foreign file.
    public static let plausibleStepLimit = 10_000

    /// True when every record's steps and answered questions lie in 1...``plausibleStepLimit``
    /// (a file that fails this is set aside like an unreadable one).
    public var isPlausible: Bool {
        let range = 1...LessonProgress.plausibleStepLimit
        return lessons.count <= LessonProgress.plausibleStepLimit && lessons.values.allSatisfy { r in
            range.contains(r.step) && range.contains(r.furthestStep)
                && r.answered.count <= LessonProgress.plausibleStepLimit && r.answered.allSatisfy(range.contains)
        }
    }
}
