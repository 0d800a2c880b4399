/// What a pooling window of an imported file computes (``LayerKind/pool2d(reduction:kernelSize:stride:padding:rule:)``).
/// Caffe's STOCHASTIC pooling has max pooling's shape and is read as ``max``.
public enum PoolReduction: Hashable, Sendable {
    /// The largest value in the window (Caffe MAX, Darknet `[maxpool]`).
    case max
    /// The mean of the window (Caffe AVE, Darknet `[avgpool]`).
    case average
}
