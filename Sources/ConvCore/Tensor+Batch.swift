extension Tensor {
    /// Item `index` of the batch of an (N, ...) tensor, as a (1, ...) tensor: `x[index:index+1]`
    /// in PyTorch.
    /// - Throws: ``ConvError/shapeMismatch(_:)`` for a rank-0 tensor, and
    ///   ``ConvError/outOfRange(name:value:allowed:)`` for an index outside 0...N-1.
    public func batchItem(_ index: Int) throws(ConvError) -> Tensor {
        guard rank >= 1 else { throw .shapeMismatch("a batch item needs a tensor of rank 1 or more") }
        let n = shape[0]
        guard n >= 1, (0..<n).contains(index) else { throw .outOfRange(name: "batch index", value: index, allowed: 0...max(0, n - 1)) }
        let per = n == 0 ? 0 : data.count / n
        return try Tensor(shape: [1] + shape.dropFirst(), data: Array(data[(index * per)..<((index + 1) * per)]))
    }
}
