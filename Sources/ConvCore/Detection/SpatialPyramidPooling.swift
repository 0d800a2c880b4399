/// Spatial pyramid pooling of an (N, C, H, W) feature map: the maximum of every bin of every
/// level, each level as an (N, C, rows, columns) tensor, and the fixed-length (N, L) vector.
///
///     let spp = try SpatialPyramidPooling(input: featureMap)        // levels 4, 2, 1
///     spp.vector.shape     // [N, 21·C]
///
/// Source: He et al. 2014, "Spatial Pyramid Pooling in Deep Convolutional Networks for Visual
/// Recognition", section 2.3 and figure 3. Under the adaptive rule each level matches
/// `torch.nn.functional.adaptive_max_pool2d(input, n)` and the vector matches
/// `torch.cat([adaptive_max_pool2d(input, n).flatten(1) for n in levels], 1)` (`spp.json`).
/// A NaN in a bin makes the bin NaN, as in PyTorch.
public struct SpatialPyramidPooling: Sendable {
    /// The input feature map (N, C, H, W).
    public let input: Tensor
    /// The bins of every level.
    public let geometry: SpatialPyramidGeometry
    /// Per level, the bin maxima (N, C, bin rows, bin columns).
    public let levelOutputs: [Tensor]
    /// The concatenated vector (N, ``SpatialPyramidGeometry/vectorLength``): levels in order,
    /// channel-major within a level.
    public let vector: Tensor

    /// Pools `input` over every level.
    /// - Parameters:
    ///   - input: (N, C, H, W), N in 1...65536.
    ///   - levels: bin counts, default 4, 2, 1.
    ///   - rule: adaptive (default) or the SPP-net paper's.
    /// - Throws: ``DetectionError/shapeMismatch(_:)`` for an input that is not rank 4, the errors
    ///   of ``SpatialPyramidGeometry/init(channels:height:width:levels:rule:)``, and
    ///   ``DetectionError/tooLarge(name:limit:)`` when N x vector length exceeds the tensor limit.
    /// - Complexity: O(N·C·Σ over bins of the bin's cells).
    public init(input: Tensor, levels: [Int] = SpatialPyramidGeometry.defaultLevels,
                rule: PyramidBinRule = .adaptive) throws(DetectionError) {
        guard input.rank == 4 else {
            throw .shapeMismatch("SPP input must be N x C x H x W, got shape \(Tensor.describe(input.shape))")
        }
        let batch = input.shape[0]
        try detectionRequire("batch", batch, 1...65536)
        let geometry = try SpatialPyramidGeometry(channels: input.shape[1], height: input.shape[2],
                                                  width: input.shape[3], levels: levels, rule: rule)
        let total = try detectionCheckedProduct([batch, geometry.vectorLength], name: "SPP vector",
                                                limit: Tensor.maximumElementCount)
        var vectorData = [Float]()
        vectorData.reserveCapacity(total)
        var outputs: [Tensor] = []
        let channels = geometry.channels, height = geometry.height, width = geometry.width
        for level in geometry.levels {
            let rowBins = level.rows.bins, columnBins = level.columns.bins
            var output = try detectionTensor(zeros: [batch, channels, rowBins.count, columnBins.count])
            var index = 0
            for n in 0..<batch {
                for c in 0..<channels {
                    let base = (n * channels + c) * height * width
                    for rows in rowBins {
                        for columns in columnBins {
                            var maximum = -Float.infinity
                            for y in rows {
                                for x in columns {
                                    let value = input.data[base + y * width + x]
                                    if value > maximum || value.isNaN { maximum = value }
                                }
                            }
                            output.data[index] = maximum
                            index += 1
                        }
                    }
                }
            }
            outputs.append(output)
        }
        // Per sample: each level's (C, rows, columns) block in level order.
        for n in 0..<batch {
            for output in outputs {
                let block = output.data.count / batch
                vectorData.append(contentsOf: output.data[(n * block)..<((n + 1) * block)])
            }
        }
        self.input = input
        self.geometry = geometry
        self.levelOutputs = outputs
        do { self.vector = try Tensor(shape: [batch, geometry.vectorLength], data: vectorData) } catch { throw .core(error) }
    }

    /// Every warning of the bins (SPP-net paper rule only).
    public var warnings: [SPPWarning] { geometry.warnings }

    /// The map cell (row, column) holding the maximum of bin (row, column) of level `level` for
    /// sample `batch` and channel `channel`: the first cell in row-major order with the bin's
    /// value. Nil for an index out of range.
    public func maximumLocation(level: Int, batch: Int, channel: Int, row: Int, column: Int) -> (row: Int, column: Int)? {
        guard geometry.levels.indices.contains(level), (0..<input.shape[0]).contains(batch) else { return nil }
        let l = geometry.levels[level]
        guard (0..<geometry.channels).contains(channel), l.rows.bins.indices.contains(row),
              l.columns.bins.indices.contains(column) else { return nil }
        let target = levelOutputs[level][batch, channel, row, column]
        for y in l.rows.bins[row] {
            for x in l.columns.bins[column] {
                let value = input[batch, channel, y, x]
                if value == target || (value.isNaN && target.isNaN) { return (y, x) }
            }
        }
        return nil
    }
}
