/// The grid cell responsible for an object and the regression targets YOLO trains it toward.
///
/// Source: Redmon et al. 2016, "You Only Look Once", section 2: "If the center of an object falls
/// into a grid cell, that grid cell is responsible for detecting that object"; x, y are offsets
/// within the cell, w, h fractions of the image.
public struct YOLOAssignment: Equatable, Sendable {
    /// The responsible cell (0-based, row from the top, column from the left).
    public let row: Int, column: Int
    /// The centre's offset within the cell, 0...1 (1 only for a centre on the image's right or
    /// bottom edge, which belongs to the last cell).
    public let x: Double, y: Double
    /// The object's width and height as fractions of the image (0...1).
    public let w: Double, h: Double
    /// True when the centre lies exactly on a cell boundary (it goes to the cell on the right
    /// or below, or to the last cell on the image's far edge).
    public let isOnBoundary: Bool
}
