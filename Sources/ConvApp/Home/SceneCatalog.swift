/// Why a scene cannot be shown (an unknown command, a bad option): its text is shown as content.
public struct SceneUnavailable: Error, Equatable, Sendable, CustomStringConvertible {
    /// Why, in one line (the command line's error message).
    public var reason: String
    /// A scene that cannot be shown, and why.
    public init(_ reason: String) { self.reason = reason }
    public var description: String { reason }
}

/// What the app may open, injected by the command line so that the app stays below it: the
/// playground names (every scene command of the registry), the model tables, and the resolver
/// that turns command-line words into a scene (`["conv", "--input", "7"]` -> a ``ConvScene``).
/// Lessons name their scenes the same way.
public struct SceneCatalog: Sendable {
    /// A line of the home screen: a scene command (`conv`) or a model name (`alexnet`), and one
    /// line about it (the command's abstract, the model's parameter count).
    public struct Entry: Equatable, Sendable {
        /// The command or model name.
        public var name: String
        /// One line about it.
        public var summary: String
        /// An entry named `name` described by `summary`.
        public init(name: String, summary: String) {
            self.name = name
            self.summary = summary
        }
    }

    /// Every scene command, in registry order.
    public var playgrounds: [Entry]
    /// The models the home screen offers as tables (`arch NAME`).
    public var models: [Entry]
    /// Builds the scene for command-line words, or says why it cannot.
    public var resolve: @Sendable ([String]) -> Result<any Scene, SceneUnavailable>

    /// A catalog of playgrounds and model tables with the resolver that builds their scenes.
    public init(playgrounds: [Entry], models: [Entry],
                resolve: @escaping @Sendable ([String]) -> Result<any Scene, SceneUnavailable>) {
        self.playgrounds = playgrounds
        self.models = models
        self.resolve = resolve
    }

    /// The scene for `words`, or a ``TextScene`` saying "scene not available: <reason>".
    public func scene(for words: [String], language: UIText) -> any Scene {
        switch resolve(words) {
        case let .success(scene): return scene
        case let .failure(error):
            return TextScene(title: language.sceneNotAvailableTitle,
                             text: "\(language.sceneNotAvailable): \(error.reason)\n$ convscope \(words.joined(separator: " "))",
                             role: .error)
        }
    }
}
