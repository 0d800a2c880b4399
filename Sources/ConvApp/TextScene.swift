import ConvDiagrams

/// A scene that only shows text: a scene that could not be built ("scene not available: ..."),
/// or a placeholder behind the home screen. One step, no parameters.
public struct TextScene: Scene {
    public var title: String
    /// The text, wrapped to the area's width; "\n" separates paragraphs.
    public var text: String
    /// The role the text is drawn in.
    public var role: Role
    public var step: Int = 1

    public init(title: String, text: String, role: Role = .plain) {
        self.title = title
        self.text = text
        self.role = role
    }

    public var parameters: [SceneParameter] { [] }
    public mutating func adjust(parameter index: Int, by delta: Int) {}
    public var stepCount: Int { 1 }
    public var errorMessage: String? { nil }

    public func draw(into canvas: inout Canvas, area: Rect, glyphs: GlyphSet) {
        for (i, line) in wrap(text, columns: area.width).prefix(area.height).enumerated() {
            canvas.put(line, x: area.x, y: area.y + i, role: role)
        }
    }
}
