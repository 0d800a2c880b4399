import ConvCore

/// The JSON of `convscope spp --format json`: the case in the layout of the reference file
/// `spp.json` (`input`, `levels`, `per_level` with each level's `n`, `bins` and pooled `output`,
/// `vector_length`, `vector`), plus `op` ("spatial_pyramid_pooling"), `rule`, `output` (the
/// layer's output: the fixed-length (N, L) vector, equal to `vector`), `level_offsets` (where each
/// level starts in the vector), `vector_length_formula` ("256 x (4x4 + 2x2 + 1x1) = 5376") and
/// `warnings` (the SPP-net paper rule's, else empty).
public enum SPPJSON {
    struct Document: Encodable {
        var op = "spatial_pyramid_pooling"
        var name: String?
        var rule: String
        var levels: [Int]
        var input: TensorJSON
        var per_level: [SPPCaseJSON.Level]
        var output: TensorJSON
        var vector: TensorJSON
        var vector_length: Int
        var vector_length_formula: String
        var level_offsets: [Int]
        var warnings: [String]
    }

    /// The JSON text of `pooling`, keys sorted, ending in a newline.
    public static func render(_ pooling: SpatialPyramidPooling, name: String? = nil) -> String {
        let c = SPPCaseJSON(name: name, pooling: pooling)
        let g = pooling.geometry
        let vector = TensorJSON(pooling.vector)
        return encodeJSON(Document(name: name, rule: g.rule.rawValue, levels: g.levels.map(\.binCount),
                                   input: c.input, per_level: c.perLevel ?? [], output: vector, vector: vector,
                                   vector_length: g.vectorLength, vector_length_formula: g.vectorLengthFormula,
                                   level_offsets: g.levels.map(\.vectorOffset), warnings: pooling.warnings.map(\.description)))
    }
}
