import Testing
import ConvTestSupport
import ConvApp
import ConvCore
import ConvDiagrams
import ConvLessons

/// The home screen and the lesson view without a terminal: keys -> actions -> states -> frames.
@Suite struct LessonAppTests {
    /// A resolver that knows `conv` with --input/--stride/--padding, as the command line would.
    static let catalog = SceneCatalog(
        playgrounds: [.init(name: "conv", summary: "Step through a 2-D convolution"),
                      .init(name: "deconv", summary: "not on this branch")],
        models: [.init(name: "alexnet", summary: "61,100,840 parameters")],
        resolve: { words in
            guard words.first == "conv" else { return .failure(SceneUnavailable("unknown scene '\(words.first ?? "")'")) }
            var p = ConvSceneParameters()
            var rest = Array(words.dropFirst())
            while rest.count >= 2 {
                let value = Int(rest[1]) ?? 0
                switch rest[0] {
                case "--input": (p.inputHeight, p.inputWidth) = (value, value)
                case "--stride": (p.strideHeight, p.strideWidth) = (value, value)
                case "--padding": (p.paddingHeight, p.paddingWidth) = (.explicit(value), .explicit(value))
                default: return .failure(SceneUnavailable("unknown option \(rest[0])"))
                }
                rest.removeFirst(2)
            }
            return .success(ConvScene(parameters: p))
        })

    /// Two lessons; the second's step 1 asks the output size of i = 7, k = 3, s = 2, p = 1
    /// (4, Dumoulin & Visin's relationship 6), in English and Korean.
    static func lessons() throws -> [Lesson] {
        let fact = FactQuery(name: "conv_output_size", arguments: ["i": .scalar("7"), "k": .scalar("3"), "s": .scalar("2"), "p": .scalar("1")])
        let question = LessonQuestion(prompt: LocalizedText(en: "Output size?", ko: "출력 크기는?"),
                                      hint: LocalizedText(en: "floor((i + 2p - k)/s) + 1", ko: "공식 floor((i + 2p - k)/s) + 1을 쓰세요"),
                                      fact: fact, answer: try Facts.evaluate(fact))
        let first = Lesson(id: "01-a", number: 1, file: "01-a.yaml", title: LocalizedText(en: "First", ko: "첫째"),
                           goal: LocalizedText(en: "Goal one", ko: "목표 하나"),
                           steps: [LessonStep(text: LocalizedText(en: "Only text", ko: "글만"))],
                           summary: LocalizedText(en: "Sum one", ko: "요약 하나"))
        let second = Lesson(id: "03-stride", number: 2, file: "03-stride.yaml",
                            title: LocalizedText(en: "Stride and padding", ko: "스트라이드와 패딩"),
                            goal: LocalizedText(en: "Compute sizes", ko: "크기를 계산한다"),
                            steps: [LessonStep(text: LocalizedText(en: "Stride two, padding one.", ko: "스트라이드 2, 패딩 1입니다. 합성곱의 창이 두 칸씩 건너뜁니다."),
                                               scene: ["conv", "--input", "7", "--stride", "2", "--padding", "1"], question: question),
                                    LessonStep(text: LocalizedText(en: "A scene from another branch.", ko: "다른 장면"), scene: ["deconv", "--input", "3"])],
                            summary: LocalizedText(en: "Remember the formula.", ko: "공식을 기억하세요."))
        return [first, second]
    }

    func home(_ language: Language = .en) throws -> AppState {
        AppState.home(lessons: try Self.lessons(), catalog: Self.catalog, progress: LessonProgress(), language: language)
    }


    func type(_ state: AppState, _ text: String) -> AppState {
        text.reduce(state) { reduce($0, Keymap.action(for: .character($1), in: $0)) }
    }

    let size = Size(width: 80, height: 24)

    @Test func homeListsLessonsPlaygroundsAndModelTables() throws {
        var s = try home()
        #expect(s.mode == .home)
        let text = frame(s, size: size).plainText
        #expect(text.contains("Lessons") && text.contains("1  First") && text.contains("2  Stride and padding"))
        #expect(text.contains("Playgrounds") && text.contains("conv") && text.contains("deconv"))
        #expect(text.contains("Model tables") && text.contains("alexnet"))
        #expect(text.contains("0/1"))                       // steps reached / steps
        #expect(text.hasSuffix("q quit\n"))
        // Down, Down: the conv playground; Enter opens it; q returns home.
        s = press(s, .down, .character("j"), .enter)
        #expect(s.mode == .scene && s.scene.title == "conv2d")
        s = press(s, .character("n"))
        #expect(s.scene.step == 2)
        #expect(frame(s, size: size).plainText.contains("q home"))
        s = press(s, .character("q"))
        #expect(s.mode == .home && !s.shouldQuit)
        // A playground whose command is not registered shows why, as content.
        #expect(s.home?.cursor == 2)
        s = press(s, .down, .enter)
        #expect(frame(s, size: size).plainText.contains("scene not available: unknown scene 'deconv'"))
        s = press(s, .escape)
        #expect(s.mode == .home)
        // L switches to Korean; q quits from home.
        s = press(s, .character("L"))
        #expect(frame(s, size: size).plainText.contains("레슨"))
        s = press(s, .character("?"))
        #expect(frame(s, size: size).plainText.contains("언어 바꾸기"))
        s = press(s, .escape, .character("q"))
        #expect(s.shouldQuit)
    }

    @Test func aLessonStepsAndItsSceneKeysStillWork() throws {
        var s = press(try home(), .down, .enter)
        #expect(s.mode == .lesson && s.lesson?.stepNumber == 1)
        var text = frame(s, size: size).plainText
        #expect(text.contains("2. Stride and padding") && text.contains("step 2.1 (1/2)"))
        #expect(text.contains("Goal: Compute sizes") && text.contains("Question: Output size?"))
        // The scene below: the conv step-through, with its own step keys.
        #expect(text.contains("conv2d") && text.contains("step 1/16"))
        s = press(s, .character("n"), .right)
        #expect(s.scene.step == 3 && s.lesson?.stepNumber == 1)
        // PgDn / N: the next lesson step; its scene comes from another branch.
        s = press(s, .pageDown)
        #expect(s.lesson?.stepNumber == 2)
        text = frame(s, size: size).plainText
        #expect(text.contains("scene not available: unknown scene 'deconv'"))
        s = press(s, .character("N"))
        #expect(s.lesson?.isSummary == true)
        #expect(frame(s, size: size).plainText.contains("Remember the formula."))
        s = press(s, .pageUp, .character("P"))
        #expect(s.lesson?.stepNumber == 1 && s.scene.step == 1)
        // Progress: the furthest step reached is the summary (3 of 2 steps).
        #expect(s.progress.record(try Self.lessons()[1]).furthestStep == 3)
        // q goes back home, with the cursor on the lesson.
        s = press(s, .character("q"))
        #expect(s.mode == .home && s.home?.cursor == 1)
        #expect(frame(s, size: size).plainText.contains("2/2"))
    }

    @Test func aWrongAnswerGetsTheHintAndARightOneIsRecorded() throws {
        var s = press(try home(), .down, .enter)
        s = press(s, .character("a"))
        #expect(s.lesson?.isAnswering == true)
        // While answering, n and q are typed, not commands.
        s = type(s, "5")
        #expect(frame(s, size: size).plainText.contains("> 5_"))
        s = press(s, .enter)
        var text = frame(s, size: size).plainText
        #expect(text.contains("Not quite (5). Hint: floor((i + 2p - k)/s) + 1"))
        #expect(s.lesson?.isAnswering == true && s.progress.answered(in: "03-stride").isEmpty)
        // 7, 3, 2, 1 -> 4 (Dumoulin & Visin 2016).
        s = type(s, "q4")
        s = press(s, .backspace, .backspace)
        s = type(s, "4")
        s = press(s, .enter)
        text = frame(s, size: size).plainText
        #expect(text.contains("Correct: 4"), "\(text)")
        #expect(s.lesson?.isAnswering == false && !s.shouldQuit)
        #expect(s.progress.isAnswered(try Self.lessons()[1], step: 1))
        // Esc cancels an answer without leaving the lesson; a second Esc goes home.
        s = press(s, .character("a"), .character("9"), .escape)
        #expect(s.mode == .lesson && s.lesson?.isAnswering == false)
        s = press(s, .escape)
        #expect(s.mode == .home)
        #expect(frame(s, size: size).plainText.contains("1/1"))   // questions answered
    }

    @Test func koreanTextWrapsByColumnsAndTheSummaryLeadsToTheNextLesson() throws {
        var s = try home(.ko)
        s.openLesson(index: 1, step: 1)
        let canvas = frame(s, size: Size(width: 60, height: 24))
        let text = canvas.plainText
        #expect(text.contains("스트라이드와 패딩") && text.contains("목표: 크기를 계산한다") && text.contains("문제: 출력 크기는?"))
        for line in text.split(separator: "\n") { #expect(displayWidth(of: String(line)) <= 60, "\(line)") }
        // Every Hangul syllable on screen is followed by its continuation cell.
        for y in 0..<canvas.height {
            for x in 0..<canvas.width {
                guard let cell = canvas[x, y], displayWidth(of: cell.glyph) == 2 else { continue }
                #expect(canvas[x + 1, y] == .continuation, "row \(y), column \(x)")
            }
        }
        s = press(s, .character("a"))
        s = type(s, "3")
        s = press(s, .enter)
        #expect(frame(s, size: size).plainText.contains("오답 (3). 힌트: 공식"))
        s = type(s, "4")
        s = press(s, .enter)
        #expect(frame(s, size: size).plainText.contains("정답: 4"))
        // From the last lesson's summary PgDn stays; from lesson 1's summary it opens lesson 2.
        s.openLesson(index: 0, step: 2)
        #expect(s.lesson?.isSummary == true)
        s = press(s, .pageDown)
        #expect(s.lesson?.lesson.number == 2 && s.lesson?.stepNumber == 1)
    }

    @Test func helpInALessonListsLessonAndSceneKeys() throws {
        var s = press(try home(), .down, .enter, .character("?"))
        let text = frame(s, size: size).plainText
        for key in ["PgDn N", "PgUp P", "a (or Enter)", "Right n l", "Tab / Shift-Tab"] { #expect(text.contains(key), "\(key)\n\(text)") }
        s = press(s, .character("q"))
        #expect(s.mode == .home && !s.showHelp)
        // A scene opened alone (no home) still quits on q, as before.
        var alone = AppState(scene: ConvScene(parameters: ConvSceneParameters()))
        alone = press(alone, .character("q"))
        #expect(alone.shouldQuit)
    }
}

extension LessonProgress {
    func answered(in id: String) -> [Int] { lessons[id]?.answered ?? [] }
}
