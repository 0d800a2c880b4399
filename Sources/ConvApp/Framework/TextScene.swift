import ConvDiagrams

/// A scene that only shows text: a scene that could not be built ("scene not available: ..."),
/// or a placeholder behind the home screen. One step, no parameters.
public struct TextScene: Scene {
    /// The heading shown in the scene's title line.
    public var title: String
    /// The text, wrapped to the area's width; "\n" separates paragraphs.
    public var text: String
    /// The role the text is drawn in.
    public var role: Role
    /// Always 1: the page has one step.
    public var step: Int = 1

    /// A page showing `text` in `role` under `title`.
    public init(title: String, text: String, role: Role = .plain) {
        self.title = title
        self.text = text
        self.role = role
    }

    /// None: nothing to change.
    public var parameters: [SceneParameter] { [] }
    /// Does nothing: the page has no parameters.
    public mutating func adjust(parameter index: Int, by delta: Int) {}
    /// One step.
    public var stepCount: Int { 1 }
    /// Never invalid.
    public var errorMessage: String? { nil }

    /// Draws the text wrapped to `area`'s width (Hangul two columns wide), clipped to its height.
    public func draw(into canvas: inout Canvas, area: Rect, glyphs: GlyphSet) {
        for (i, line) in wrap(text, columns: area.width).prefix(area.height).enumerated() {
            canvas.put(line, x: area.x, y: area.y + i, role: role)
        }
    }
}
