import ConvDiagrams

/// The whole interactive program as a value: the scene, focus, playback, overlays. Changed
/// only by ``reduce(_:_:)``; drawn only by ``frame(_:size:)``.
public struct AppState: Sendable {
    /// The scene on screen.
    public var scene: any Scene
    /// Index into the scene's parameters that +/- changes.
    public var focus = 0
    /// True while space-play is running.
    public var playing = false
    /// Playback speed, steps per second (1...32).
    public var stepsPerSecond = 4
    /// Milliseconds accumulated towards the next playback step.
    var elapsedMilliseconds = 0
    /// The help overlay is open.
    public var showHelp = false
    /// The program should end.
    public var shouldQuit = false
    /// Set by `e`: the run loop writes the current frame and clears it.
    public var exportRequested = false
    /// A one-line message for the footer (export written, ...).
    public var message: String?
    /// ASCII or Unicode glyphs.
    public var glyphs: GlyphSet

    public init(scene: any Scene, glyphs: GlyphSet = .ascii) {
        self.scene = scene
        self.glyphs = glyphs
    }
}
