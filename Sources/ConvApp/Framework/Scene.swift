import ConvDiagrams

/// A parameter of a scene that Tab can focus and +/- can change.
public struct SceneParameter: Equatable, Sendable {
    /// The field's name ("stride").
    public var name: String
    /// The value as shown ("2", "3x5", "same").
    public var value: String
    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

/// A playground scene (conv, deconv, pool, ...): its parameters, its steps and its picture.
/// Scenes are values; the app state holds one and `reduce` changes it.
public protocol Scene: Sendable {
    /// The heading ("conv2d").
    var title: String { get }
    /// The parameters Tab moves between, in order.
    var parameters: [SceneParameter] { get }
    /// Changes parameter `index` by `delta` (+1 or -1) and recomputes at once. An invalid
    /// combination is kept as ``errorMessage``, never thrown.
    mutating func adjust(parameter index: Int, by delta: Int)
    /// The number of steps (0 while the configuration is invalid).
    var stepCount: Int { get }
    /// The current 1-based step.
    var step: Int { get set }
    /// What a step is called in the title line ("step 4/9"; a table says "row").
    var stepName: String { get }
    /// Steps in one output row (for Up/Down).
    var stepsPerRow: Int { get }
    /// Why the current configuration is invalid, if it is.
    var errorMessage: String? { get }
    /// Draws the scene's picture into `area`.
    func draw(into canvas: inout Canvas, area: Rect, glyphs: GlyphSet)
    /// Handles a scene-specific key; returns false when the key means nothing here.
    mutating func handle(_ key: Key) -> Bool
    /// Scene-specific keys for the help screen and the footer.
    var sceneBindings: [(String, String)] { get }
    /// The generic keys the help screen lists before ``sceneBindings``: ``Keymap/bindings`` for a
    /// step-through; a table lists its row keys and no playback.
    var genericBindings: [(String, String)] { get }
    /// The generic keys the footer names before ``sceneBindings`` (a table says "j/k row"
    /// rather than "n/p step", and leaves out play).
    var footerKeys: String { get }
    /// True while the scene reads typed text (a search box): every key then goes to
    /// ``handle(_:)`` instead of the keymap, except Esc, which still reaches `back`.
    var capturesKeys: Bool { get }
    /// The scene's JSON for `--format json` (nil where the scene has none, or while invalid).
    func json() -> String?
    /// The model files this scene opened, most recent first (at most five), for the run loop to
    /// remember between runs; nil for scenes that open no files.
    var recentFiles: [String]? { get }
}

extension Scene {
    public var stepsPerRow: Int { 1 }
    public var stepName: String { "step" }
    public mutating func handle(_ key: Key) -> Bool { false }
    public var sceneBindings: [(String, String)] { [] }
    public var genericBindings: [(String, String)] { Keymap.bindings }
    public var footerKeys: String { "n/p step  g/G first/last  space play  Tab focus  +/- change" }
    public var capturesKeys: Bool { false }
    public func json() -> String? { nil }
    public var recentFiles: [String]? { nil }
}
