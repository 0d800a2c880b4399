import ConvCore

/// The JSON of `convscope roi --format json`: the case in the layout of the reference file
/// `roi.json` (`kind` "pool" or "align", `input`, `boxes_xyxy`, `output_size` [ph, pw],
/// `spatial_scale`, for align `sampling_ratio` and `aligned`, and the computed `output`
/// (K, C, ph, pw)), plus `op` ("roi_pool" or "roi_align"), `batch_indices`, and for RoI max
/// pooling `projections`: each box's rounded feature-map cells [x1, y1, x2, y2] (inclusive).
public enum RoIJSON {
    struct Document: Encodable {
        var op: String
        var kind: String
        var name: String?
        var input: TensorJSON
        var boxes_xyxy: [[Float]]
        var batch_indices: [Int]
        var output_size: [Int]
        var spatial_scale: Double
        var sampling_ratio: Int?
        var aligned: Bool?
        var projections: [[Int]]?
        var output: TensorJSON
        var warnings: [String]?
    }

    /// The JSON text of `operation`, keys sorted, ending in a newline.
    /// - Parameters:
    ///   - spatialScale: the scale as given (the core keeps it in Float).
    ///   - samplingRatio: align's sampling_ratio as given (<= 0: adaptive).
    public static func render(_ operation: RoIOperation, spatialScale: Double, samplingRatio: Int = -1, name: String? = nil) -> String {
        var doc = Document(op: operation.opName, kind: "pool", name: name, input: TensorJSON(operation.input),
                           boxes_xyxy: operation.boxes.map { [$0.x1, $0.y1, $0.x2, $0.y2] },
                           batch_indices: operation.boxes.map(\.batchIndex),
                           output_size: [operation.outputHeight, operation.outputWidth], spatial_scale: spatialScale,
                           output: TensorJSON(operation.output))
        let warnings = operation.warnings
        if !warnings.isEmpty { doc.warnings = warnings }
        switch operation {
        case let .pool(pooling):
            doc.projections = pooling.projections.map { [$0.startColumn, $0.startRow, $0.endColumn, $0.endRow] }
        case let .align(align):
            doc.kind = "align"
            doc.sampling_ratio = samplingRatio
            doc.aligned = align.grids.first?.aligned ?? false
        }
        return encodeJSON(doc)
    }
}
