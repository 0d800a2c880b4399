/// A picture of core values drawn into a rectangle of a canvas: every scene's diagram. A
/// diagram is a value built from the result it shows; drawing is pure and clips to `area`
/// (an area of any size, zero included, never traps): each conformance starts by narrowing the
/// canvas's ``Canvas/clip`` to `area` (``Canvas/narrowClip(to:)``), so no cell outside it changes.
public protocol Diagram {
    /// Draws the picture into `area` of `canvas`.
    func draw(into canvas: inout Canvas, area: Rect)
}
