/// The five numbers YOLO predicts for each box: the centre (x, y) as an offset within the cell,
/// the size (w, h) as a fraction of the image, and the confidence Pr(Object)·IOU(truth, pred).
///
/// Source: Redmon et al. 2016, "You Only Look Once", section 2.
public enum YOLOBoxField: String, Equatable, Sendable, CaseIterable {
    /// Centre x, relative to the bounds of the grid cell (0...1).
    case x
    /// Centre y, relative to the bounds of the grid cell (0...1).
    case y
    /// Width, relative to the whole image.
    case w
    /// Height, relative to the whole image.
    case h
    /// Pr(Object) x IOU between the predicted box and any ground truth box.
    case confidence
}

/// One position of a YOLO cell's vector of B·5 + C numbers.
///
/// Source: Redmon et al. 2016, section 2 (B boxes of 5 predictions, then C conditional class
/// probabilities Pr(Class_i | Object), shared by the cell's boxes).
public enum YOLOCellSlot: Equatable, Sendable, CustomStringConvertible {
    /// Field `field` of box `box` (0-based).
    case box(Int, YOLOBoxField)
    /// Pr(class `index` | Object) (0-based class index).
    case classProbability(Int)

    /// The slot's short label: "x1", "confidence2", "p7" (1-based, as the lecture writes them).
    public var description: String {
        switch self {
        case let .box(b, field): return "\(field.rawValue)\(b + 1)"
        case let .classProbability(c): return "p\(c + 1)"
        }
    }
}
