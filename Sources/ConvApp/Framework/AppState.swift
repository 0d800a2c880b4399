import ConvDiagrams
import ConvLessons

/// Which screen is shown.
public enum AppMode: Equatable, Sendable {
    /// The home screen: lessons, playgrounds, model tables.
    case home
    /// A lesson: the step's text and question above, its scene below.
    case lesson
    /// A scene alone (from the command line, or a playground opened from home).
    case scene
}

/// The whole interactive program as a value: the screen, the scene, focus, playback, overlays,
/// the open lesson and the reader's progress. Changed only by ``reduce(_:_:)``; drawn only by
/// ``frame(_:size:)``.
public struct AppState: Sendable {
    /// The screen shown.
    public var mode: AppMode = .scene
    /// The home screen, when there is one (q/Esc in a lesson or playground returns to it); nil
    /// for a scene opened alone from the command line, where q quits.
    public var home: HomeState?
    /// The open lesson, in ``AppMode/lesson``.
    public var lesson: LessonSession?
    /// Steps shown and questions answered; the command line saves it when it changes.
    public var progress = LessonProgress()
    /// The language of the home screen and the lessons.
    public var language: Language = .en
    /// The scene on screen (in a lesson, the step's scene; on the home screen a blank one).
    public var scene: any Scene
    /// Index into the scene's parameters that +/- changes.
    public var focus = 0
    /// True while space-play is running.
    public var playing = false
    /// Playback speed, steps per second (1...32).
    public var stepsPerSecond = 4
    /// Milliseconds accumulated towards the next playback step.
    public internal(set) var elapsedMilliseconds = 0
    /// The help overlay is open.
    public var showHelp = false
    /// The program should end.
    public var shouldQuit = false
    /// A one-line message for the footer (export written, ...).
    public var message: String?
    /// ASCII or Unicode glyphs.
    public var glyphs: GlyphSet

    public init(scene: any Scene, glyphs: GlyphSet = .ascii) {
        self.scene = scene
        self.glyphs = glyphs
    }
}
