/// How ``LayerKind/elementwise(operation:matchFirst:)`` combines its inputs (Caffe Eltwise's
/// `operation`: SUM, PROD, MAX; Darknet `[shortcut]` adds).
public enum ElementwiseOperation: Hashable, Sendable {
    /// Sum (Caffe SUM, the default; Darknet `[shortcut]`; ResNet's residual add).
    case add
    /// Product (Caffe PROD).
    case multiply
    /// Maximum (Caffe MAX).
    case maximum

    /// The name shown in the type column: "Add", "Mul", "Max".
    public var typeName: String {
        switch self {
        case .add: return "Add"
        case .multiply: return "Mul"
        case .maximum: return "Max"
        }
    }
}
