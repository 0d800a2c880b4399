import Testing
import ConvApp
import ConvDiagrams
import ConvLessons
@testable import convscope

/// Every page of every lesson in both languages, through the real scene registry, rendered at
/// 80 x 24 as the terminal would show it.

@Suite struct LessonWalkTests {
    static let size = Size(width: 80, height: 24)

    func library() throws -> LessonLibrary {
        try LessonSupport.library()
    }

    @Test func thereAreSixteenLessonsInTheLecturesOrder() throws {
        let lessons = try library().lessons
        #expect(lessons.map(\.number) == Array(1...16))
        // The issue's order: conv on a photo ... YOLO.
        #expect(lessons.first?.title.en == "What a convolution is")
        #expect(lessons.last?.title.en.hasPrefix("YOLO") == true)
    }

    @Test func everySceneResolvesThroughTheRegistry() throws {
        let problems = try library().sceneProblems { words in
            if case let .failure(reason) = LessonSupport.resolve(words) { return reason.description }
            return nil
        }
        #expect(problems.isEmpty, "\(problems.map(\.description).joined(separator: "\n"))")
    }

    @Test(arguments: Language.allCases)
    func everyPageRendersAt80x24(_ language: Language) throws {
        let library = try library()
        let home = AppState.home(lessons: library.lessons, catalog: LessonSupport.catalog(),
                                 progress: LessonProgress(), language: language)
        for (index, lesson) in library.lessons.enumerated() {
            var state = home
            state.openLesson(index: index, step: 1)
            for page in 1...(lesson.steps.count + 1) {
                let place = "\(lesson.file), \(page > lesson.steps.count ? "summary" : "step \(page)") (\(language))"
                #expect(state.lesson?.stepNumber == page, "\(place)")
                let text = frame(state, size: Self.size).plainText
                #expect(!text.isEmpty, "\(place)")
                #expect(lessonTextFits(state, size: Self.size), "\(place): the text does not fit above the scene at 80 x 24\n\(text)")
                // Never wider than the terminal (Hangul counted two columns).
                for line in text.split(separator: "\n") {
                    #expect(displayWidth(of: String(line)) <= Self.size.width, "\(place): \(line)")
                }
                let step = page <= lesson.steps.count ? lesson.steps[page - 1] : nil
                if let words = step?.scene {
                    #expect(!text.contains("scene not available") && !text.contains("Invalid configuration"),
                            "\(place): \(words.joined(separator: " "))\n\(text)")
                }
                if let question = step?.question {
                    // The question text is on screen; a wrong answer's hint still fits.
                    #expect(text.contains(prefix(of: question.prompt[language], fittingIn: 20)), "\(place)\n\(text)")
                    var wrong = reduce(state, .beginAnswer)
                    for ch in "-1" { wrong = reduce(wrong, .answer(.character(ch))) }
                    wrong = reduce(wrong, .answer(.enter))
                    #expect(lessonTextFits(wrong, size: Self.size), "\(place): the hint does not fit\n\(frame(wrong, size: Self.size).plainText)")
                    // The core's answer, typed as a person would, is accepted.
                    var right = reduce(wrong, .answer(.escape))
                    right = reduce(right, .beginAnswer)
                    for ch in question.answer.formatted { right = reduce(right, .answer(.character(ch))) }
                    right = reduce(right, .answer(.enter))
                    #expect(right.lesson?.feedback == .correct(question.answer.formatted), "\(place)")
                }
                // Every scene key still works on the page (step forward and back, play a tick).
                var keyed = reduce(state, .stepForward)
                keyed = reduce(keyed, .stepBack)
                keyed = reduce(keyed, .tick(milliseconds: 100))
                _ = frame(keyed, size: Self.size)
                state = reduce(state, .lessonStepForward)
            }
        }
    }
}
