import ConvLessons

/// The words of the home screen and the lesson view in one ``Language`` (the scenes themselves
/// keep the field's English terms, as the command line does).
public struct UIText: Sendable {
    /// The language of these words.
    public let language: Language
    /// Headings of the home screen.
    public let home, lessons, playgrounds, modelTables: String
    /// Labels of the lesson view.
    public let step, summary, goal, question, correct, wrong, hint, done: String
    /// What the question line says while answering, before, and after a right answer.
    public let typeAnswer, pressToAnswer, answered: String
    /// What a step whose scene cannot be built shows.
    public let sceneNotAvailableTitle, sceneNotAvailable, enlarge: String
    /// The footers of the home screen, the lesson view and the answer prompt.
    public let homeFooter, lessonFooter, answerFooter: String
    /// Column titles of the home screen's lesson list.
    public let stepsColumn, questionsColumn, modelTable: String
    /// Help lines of the home screen and the lesson view: (keys, meaning).
    public let homeBindings, lessonBindings: [(String, String)]

    /// The words in `language`.
    public static func of(_ language: Language) -> UIText {
        switch language {
        case .en: return english
        case .ko: return korean
        }
    }

    static let english = UIText(
        language: .en, home: "home", lessons: "Lessons", playgrounds: "Playgrounds", modelTables: "Model tables",
        step: "step", summary: "summary", goal: "Goal", question: "Question", correct: "Correct", wrong: "Not quite",
        hint: "Hint", done: "done",
        typeAnswer: "Type the answer, Enter checks, Esc cancels", pressToAnswer: "press a to answer",
        answered: "answered",
        sceneNotAvailableTitle: "scene not available", sceneNotAvailable: "scene not available",
        enlarge: "(make the terminal taller to see the scene)",
        homeFooter: "Up/Down move  Enter open  L 한국어  ? help  q quit",
        lessonFooter: "PgDn/PgUp or N/P lesson step  a answer  n/p scene step  ? help  q home",
        answerFooter: "type the answer  Enter check  Backspace erase  Esc cancel",
        stepsColumn: "steps", questionsColumn: "questions", modelTable: "architecture table",
        homeBindings: [("Up k / Down j", "move"), ("PgUp / PgDn", "move a page"), ("g / G", "first / last"),
                       ("Enter Right l", "open the lesson, playground or table"),
                       ("O", "open a model file (.onnx, .prototxt, .cfg) as a table"),
                       ("L", "switch language (English / 한국어)"), ("?", "show / hide this help"), ("q Esc", "quit")],
        lessonBindings: [("PgDn N", "next lesson step (after the summary: the next lesson)"),
                         ("PgUp P", "previous lesson step"),
                         ("a (or Enter)", "answer the step's question"),
                         ("q Esc", "back to the home screen")])

    static let korean = UIText(
        language: .ko, home: "홈", lessons: "레슨", playgrounds: "실습", modelTables: "모델 표",
        step: "단계", summary: "요약", goal: "목표", question: "문제", correct: "정답", wrong: "오답",
        hint: "힌트", done: "완료",
        typeAnswer: "답을 입력하고 Enter로 확인, Esc는 취소", pressToAnswer: "a 키로 답하기",
        answered: "답함",
        sceneNotAvailableTitle: "장면을 표시할 수 없음", sceneNotAvailable: "장면을 표시할 수 없음 (scene not available)",
        enlarge: "(장면을 보려면 터미널을 더 키우세요)",
        homeFooter: "위/아래 이동  Enter 열기  L English  ? 도움말  q 종료",
        lessonFooter: "PgDn/PgUp 또는 N/P 레슨 단계  a 답하기  n/p 장면 단계  ? 도움말  q 홈",
        answerFooter: "답 입력  Enter 확인  Backspace 지우기  Esc 취소",
        stepsColumn: "단계", questionsColumn: "문제", modelTable: "구조 표",
        homeBindings: [("Up k / Down j", "이동"), ("PgUp / PgDn", "한 쪽씩 이동"), ("g / G", "처음 / 끝"),
                       ("Enter Right l", "레슨, 실습, 표 열기"),
                       ("O", "모델 파일 (.onnx, .prototxt, .cfg) 을 표로 열기"),
                       ("L", "언어 바꾸기 (English / 한국어)"), ("?", "도움말 보기 / 닫기"), ("q Esc", "종료")],
        lessonBindings: [("PgDn N", "다음 레슨 단계 (요약 다음에는 다음 레슨)"),
                         ("PgUp P", "이전 레슨 단계"),
                         ("a (또는 Enter)", "이 단계의 문제에 답하기"),
                         ("q Esc", "홈 화면으로")])
}
