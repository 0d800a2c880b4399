import ConvCore

/// The JSON of `convscope pool --format json`: every field of ``PoolCaseJSON`` (the form of
/// `pool2d.json`: `kind`, `input`, `kernel`, `stride`, `padding`, `dilation`, `ceil_mode`,
/// `count_include_pad`, or `output_size` for adaptive pooling, and `output` as a tensor
/// `{"shape", "data"}`), plus `op` ("max_pool2d", "avg_pool2d", "adaptive_max_pool2d",
/// "adaptive_avg_pool2d"), `output_hw` [H_out, W_out], and `steps`: per output cell (1-based
/// `step`), its `position` [n, c, row, column], the input `rows` and `columns` its window covers
/// (input coordinates: negative or >= size is padding, >= size + padding is beyond the padded
/// input), and for max pooling `max_at` [row, column] of the maximum (null when the window reads
/// no input cell), for average pooling `sum` and `divisor`.
///
/// Source: `torch.nn.functional.max_pool2d`, `avg_pool2d` and their adaptive variants.
public enum PoolJSON {
    struct Step: Encodable {
        var step: Int
        var position: [Int]
        var rows: [Int]
        var columns: [Int]
        var maxAt: [Int]?
        var isMax: Bool
        var sum: Float?
        var divisor: Int?

        enum CodingKeys: String, CodingKey {
            case step, position, rows, columns, sum, divisor
            case maxAt = "max_at"
        }

        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(step, forKey: .step)
            try c.encode(position, forKey: .position)
            try c.encode(rows, forKey: .rows)
            try c.encode(columns, forKey: .columns)
            if isMax {
                if let maxAt { try c.encode(maxAt, forKey: .maxAt) } else { try c.encodeNil(forKey: .maxAt) }
            } else {
                try c.encodeIfPresent(sum, forKey: .sum)
                try c.encodeIfPresent(divisor, forKey: .divisor)
            }
        }
    }

    struct Document: Encodable {
        var base: PoolCaseJSON
        var op: String
        var outputHW: [Int]
        var steps: [Step]

        enum CodingKeys: String, CodingKey {
            case op, steps
            case outputHW = "output_hw"
        }

        func encode(to encoder: Encoder) throws {
            try base.encode(to: encoder)
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(op, forKey: .op)
            try c.encode(outputHW, forKey: .outputHW)
            try c.encode(steps, forKey: .steps)
        }
    }

    /// The JSON text of `computation`, keys sorted, ending in a newline.
    public static func render(_ computation: PoolComputation, name: String? = nil) -> String {
        let base = PoolCaseJSON(computation, name: name)
        let g = computation.geometry
        let isMax = computation.mode == .max
        var steps: [Step] = []
        steps.reserveCapacity(computation.stepCount)
        for step in 1...max(1, computation.stepCount) {
            guard let trace = try? computation.trace(step: step) else { break }
            steps.append(Step(step: step, position: [trace.batch, trace.channel, trace.row, trace.column],
                              rows: g.rowTaps(trace.row).map(\.index), columns: g.columnTaps(trace.column).map(\.index),
                              maxAt: trace.maxTapIndex.map { [trace.taps[$0].row, trace.taps[$0].column] },
                              isMax: isMax, sum: trace.sum, divisor: trace.divisor))
        }
        let op: String
        switch base.kind {
        case "max": op = "max_pool2d"
        case "avg": op = "avg_pool2d"
        case "adaptive_max": op = "adaptive_max_pool2d"
        default: op = "adaptive_avg_pool2d"
        }
        return encodeJSON(Document(base: base, op: op, outputHW: [g.outputSize.height, g.outputSize.width], steps: steps))
    }
}
