/// One tap of a pooling window along one axis: its position in the window, the input index it
/// covers (negative or past the input for padding), and what that index is.
public struct PoolAxisTap: Equatable, Sendable {
    /// The tap's position in the window (0-based).
    public let tap: Int
    /// The input index (row or column) covered.
    public let index: Int
    /// Real input, padding, or beyond the padded input.
    public let kind: PoolCellKind
}
