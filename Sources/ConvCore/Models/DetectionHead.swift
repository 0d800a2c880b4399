/// A Darknet detection head: what it expects of its input, as the lessons teach the counts.
///
/// | head | input | source |
/// |------|-------|--------|
/// | `[yolo]` (v3) | S x S x masks·(5 + classes) | `yolo_layer.c`: `assert(l.outputs == params.inputs)` |
/// | `[region]` (v2) | S x S x num·(coords + 1 + classes) | `region_layer.c` |
/// | `[detection]` (v1) | side²·((1 + coords)·num + classes) features | `detection_layer.c` |
public enum DetectionHead: Hashable, Sendable {
    /// YOLOv3: `anchorsPerCell` = the number of `mask` entries (or `num` without a mask).
    case yolo(anchorsPerCell: Int, classes: Int)
    /// YOLOv2: `anchors` boxes per cell.
    case region(anchors: Int, classes: Int, coords: Int)
    /// YOLOv1: an S x S grid (`side`), `boxes` per cell.
    case detection(side: Int, boxes: Int, classes: Int, coords: Int)

    /// "YOLO", "Region", "Detection".
    public var typeName: String {
        switch self {
        case .yolo: return "YOLO"
        case .region: return "Region"
        case .detection: return "Detection"
        }
    }

    /// The values per cell (YOLO and Region) or in all (Detection) the head needs; nil when a
    /// count is negative or the product would overflow `Int`.
    public var expectedSize: Int? {
        switch self {
        case let .yolo(anchors, classes):
            return Self.mul(anchors, Self.add(5, classes))
        case let .region(anchors, classes, coords):
            return Self.mul(anchors, Self.add(Self.add(coords, 1), classes))
        case let .detection(side, boxes, classes, coords):
            return Self.mul(Self.mul(side, side), Self.add(Self.mul(Self.add(1, coords), boxes), classes))
        }
    }

    private static func add(_ a: Int?, _ b: Int?) -> Int? {
        guard let a, let b, a >= 0, b >= 0 else { return nil }
        let (value, overflow) = a.addingReportingOverflow(b)
        return overflow ? nil : value
    }

    private static func mul(_ a: Int?, _ b: Int?) -> Int? {
        guard let a, let b, a >= 0, b >= 0 else { return nil }
        let (value, overflow) = a.multipliedReportingOverflow(by: b)
        return overflow ? nil : value
    }
}
