extension Tensor {
    /// This tensor repeated over `shape`: index i of each axis reads i mod this tensor's extent on
    /// that axis (numpy.tile's result cropped to `shape`, i.e. `torch.Tensor.repeat` then a slice).
    /// The scenes use it to fill an input, weight or bias of any size from a small example.
    ///
    /// - Parameter shape: rank 1 (a bias of C values) or rank 4 (N x C x H x W, or a weight
    ///   Cout x Cin/groups x kH x kW); the rank must equal this tensor's.
    /// - Returns: a tensor of `shape`; this tensor itself when the shapes already agree.
    /// - Throws: ``ConvError/shapeMismatch(_:)`` for ranks other than 1 and 4, differing ranks,
    ///   an empty source, or a target with more than ``Tensor/maximumElementCount`` values.
    public func tiled(to shape: [Int]) throws(ConvError) -> Tensor {
        guard rank == shape.count, !data.isEmpty, !self.shape.contains(0) else {
            throw .shapeMismatch("cannot tile values of shape \(Tensor.describe(self.shape)) to \(Tensor.describe(shape))")
        }
        if self.shape == shape { return self }
        guard shape.count == 1 || shape.count == 4 else { throw .shapeMismatch("cannot tile rank \(shape.count)") }
        var out = try Tensor(zeros: shape)
        if shape.count == 1 {
            for i in 0..<shape[0] { out.data[i] = data[i % self.shape[0]] }
            return out
        }
        let s = self.shape
        var i = 0
        for a in 0..<shape[0] { for b in 0..<shape[1] { for c in 0..<shape[2] { for d in 0..<shape[3] {
            out.data[i] = self[a % s[0], b % s[1], c % s[2], d % s[3]]
            i += 1
        } } } }
        return out
    }
}
