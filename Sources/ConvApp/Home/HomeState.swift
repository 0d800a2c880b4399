import ConvLessons

/// What the home screen lists and where its cursor is: the lessons, the playgrounds (every scene
/// command), the model tables.
public struct HomeState: Sendable {
    /// One selectable line.
    public enum Item: Equatable, Sendable {
        /// A lesson, by index into ``lessons``.
        case lesson(Int)
        /// A playground scene, by command name.
        case playground(String)
        /// A model table (`arch NAME`).
        case model(String)
    }

    /// The lessons, in number order.
    public var lessons: [Lesson]
    /// The scenes the home screen offers and the resolver that builds them.
    public var catalog: SceneCatalog
    /// Index into ``items`` of the selected line.
    public var cursor = 0

    /// The home screen over `lessons` and `catalog`, cursor on the first line.
    public init(lessons: [Lesson], catalog: SceneCatalog) {
        self.lessons = lessons
        self.catalog = catalog
    }

    /// Every selectable line, in screen order: lessons, playgrounds, model tables.
    public var items: [Item] {
        lessons.indices.map { Item.lesson($0) } + catalog.playgrounds.map { .playground($0.name) }
            + catalog.models.map { .model($0.name) }
    }

    /// The selected item, or nil when there is nothing to select.
    public var selected: Item? {
        let all = items
        return all.indices.contains(cursor) ? all[cursor] : nil
    }

    /// Moves the cursor by `delta`, clamped to the list.
    public mutating func move(by delta: Int) {
        let count = items.count
        cursor = count == 0 ? 0 : min(count - 1, max(0, cursor + delta))
    }
}
