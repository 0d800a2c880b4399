import ConvDiagrams
import ConvLessons

extension AppState {
    /// The home screen over `lessons` and `catalog`, with saved `progress`; the cursor starts on
    /// the lesson opened last.
    public static func home(lessons: [Lesson], catalog: SceneCatalog, progress: LessonProgress,
                            language: Language, glyphs: GlyphSet = .ascii) -> AppState {
        var state = AppState(scene: TextScene(title: UIText.of(language).home, text: ""), glyphs: glyphs)
        state.mode = .home
        var home = HomeState(lessons: lessons, catalog: catalog)
        if let last = progress.lastLesson, let index = lessons.firstIndex(where: { $0.id == last }) {
            home.cursor = index
        }
        state.home = home
        state.progress = progress
        state.language = language
        return state
    }

    /// The words of the interface in the current language.
    public var text: UIText { UIText.of(language) }

    /// Opens lesson `index` (into the home screen's lessons) at `step`, or where the reader left
    /// off when `step` is nil. Does nothing without a home screen or for an index out of range.
    public mutating func openLesson(index: Int, step: Int? = nil) {
        guard let home, home.lessons.indices.contains(index) else { return }
        let lesson = home.lessons[index]
        let start = step ?? progress.record(lesson).step
        self.home?.cursor = index
        self.lesson = LessonSession(lesson: lesson, language: language, step: start)
        mode = .lesson
        resetView()
        showCurrentLessonStep()
    }

    /// Opens the scene for `words` alone (a playground or a model table); q returns home.
    public mutating func openScene(_ words: [String]) {
        guard let home else { return }
        scene = home.catalog.scene(for: words, language: text)
        mode = .scene
        lesson = nil
        resetView()
    }

    /// Back to the home screen (or quit when there is none).
    mutating func goHome() {
        guard home != nil else {
            shouldQuit = true
            return
        }
        mode = .home
        lesson = nil
        scene = TextScene(title: text.home, text: "")
        resetView()
    }

    /// Moves the open lesson to `step` (clamped), shows that step's scene and records progress.
    mutating func goToLessonStep(_ step: Int) {
        guard var session = lesson else { return }
        session.go(to: step)
        lesson = session
        resetView()
        showCurrentLessonStep()
    }

    /// Builds the current step's scene (or a text page for a step without one and the summary)
    /// and records the visit.
    mutating func showCurrentLessonStep() {
        guard let session = lesson else { return }
        if let words = session.step?.scene, let catalog = home?.catalog {
            scene = catalog.scene(for: words, language: text)
        } else {
            scene = TextScene(title: session.isSummary ? text.summary : "", text: "")
        }
        progress.visit(session.lesson, step: session.stepNumber)
    }

    /// Clears focus, playback, help and message when the screen changes.
    mutating func resetView() {
        focus = 0
        playing = false
        showHelp = false
        message = nil
    }
}
