import ConvCore

/// One spatial pyramid pooling case in the form of the reference file `spp.json`: `input`,
/// `levels`, and optionally the expected `per_level` bins and outputs, `vector_length` and
/// `vector`. Read by `convscope spp --from FILE.json` and by the tests; written (with every
/// optional field filled) by ``init(name:pooling:)``.
///
/// An optional `rule` ("adaptive", the default, or "spp-net-paper") picks ``PyramidBinRule``;
/// the reference file has none (it is adaptive throughout).
public struct SPPCaseJSON: Codable, Sendable {
    /// One bin: half-open `[start, end)` rows and columns.
    public struct Bin: Codable, Equatable, Sendable {
        /// [start, end) rows of the map.
        public var rows: [Int]
        /// [start, end) columns of the map.
        public var cols: [Int]
    }

    /// One level: n, its bins (bin rows of bin columns), and its pooled (N, C, rows, columns) output.
    public struct Level: Codable, Sendable {
        /// n: bins per side.
        public var n: Int
        /// The bins, bin rows of bin columns.
        public var bins: [[Bin]]?
        /// The level's maxima (N, C, bin rows, bin columns).
        public var output: TensorJSON?
    }

    /// The case's name, e.g. "13x13 map (conv5 of 224 input)".
    public var name: String?
    /// The feature map (N, C, H, W).
    public var input: TensorJSON
    /// Bin counts per level; 4, 2, 1 when absent.
    public var levels: [Int]?
    /// "adaptive" (default) or "spp-net-paper".
    public var rule: String?
    /// Per level: bins and pooled output (`per_level`).
    public var perLevel: [Level]?
    /// The vector's length per sample (`vector_length`).
    public var vectorLength: Int?
    /// The concatenated vector (N, vector length).
    public var vector: TensorJSON?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, input, levels, rule
        case perLevel = "per_level"
        case vectorLength = "vector_length"
        case vector
    }

    /// The keys a case may have (a `--from` file with any other key is refused).
    public static let allowedKeys = CodingKeys.allCases.map(\.rawValue)

    /// Runs the case through the core (levels default to 4, 2, 1).
    /// - Throws: ``DetectionError/core(_:)`` for a malformed input tensor,
    ///   ``DetectionError/shapeMismatch(_:)`` for an unknown rule, and the errors of
    ///   ``SpatialPyramidPooling/init(input:levels:rule:)``.
    public func pooling() throws(DetectionError) -> SpatialPyramidPooling {
        let tensor: Tensor
        do { tensor = try input.tensor() } catch { throw .core(error) }
        var binRule = PyramidBinRule.adaptive
        if let rule {
            guard let parsed = PyramidBinRule(rawValue: rule) else {
                let allowed = PyramidBinRule.allCases.map(\.rawValue).joined(separator: ", ")
                throw .shapeMismatch("SPP rule '\(rule)' is unknown; allowed: \(allowed)")
            }
            binRule = parsed
        }
        return try SpatialPyramidPooling(input: tensor, levels: levels ?? SpatialPyramidGeometry.defaultLevels, rule: binRule)
    }

    /// The case a pooling computed, with its bins, level outputs, vector length and vector, in
    /// the layout of `spp.json`.
    public init(name: String? = nil, pooling: SpatialPyramidPooling) {
        self.name = name
        input = TensorJSON(pooling.input)
        levels = pooling.geometry.levels.map(\.binCount)
        rule = pooling.geometry.rule == .adaptive ? nil : pooling.geometry.rule.rawValue
        perLevel = zip(pooling.geometry.levels, pooling.levelOutputs).map { level, output in
            Level(n: level.binCount,
                  bins: level.rows.bins.map { rows in
                      level.columns.bins.map { columns in
                          Bin(rows: [rows.lowerBound, rows.upperBound], cols: [columns.lowerBound, columns.upperBound])
                      }
                  },
                  output: TensorJSON(output))
        }
        vectorLength = pooling.geometry.vectorLength
        vector = TensorJSON(pooling.vector)
    }
}
