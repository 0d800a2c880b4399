import Foundation
import ConvCore

/// The JSON of `convscope conv --format json`: `input`, `weight`, `bias` (null when none),
/// `output` as tensors (`{"shape", "data"}`, PyTorch layout, as in conv2d.json), `stride`,
/// `padding` ([top, left]; plus `padding_after` [bottom, right]), `dilation`, `groups`,
/// `output_size` [H_out, W_out], and `steps`: per output cell (1-based `step`), its `position`
/// [n, c, row, column] and the input `rows` and `columns` its taps read (input coordinates;
/// negative or >= size means a padding zero).
public enum ConvJSON {
    struct Step: Encodable {
        var step: Int
        var position: [Int]
        var rows: [Int]
        var columns: [Int]
    }

    struct Document: Encodable {
        var op = "conv2d"
        var input: TensorJSON
        var weight: TensorJSON
        var bias: TensorJSON?
        var stride: [Int]
        var padding: [Int]
        var padding_after: [Int]
        var dilation: [Int]
        var groups: Int
        var output: TensorJSON
        var output_size: [Int]
        var steps: [Step]

        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(op, forKey: .op)
            try c.encode(input, forKey: .input)
            try c.encode(weight, forKey: .weight)
            if let bias { try c.encode(bias, forKey: .bias) } else { try c.encodeNil(forKey: .bias) }
            try c.encode(stride, forKey: .stride)
            try c.encode(padding, forKey: .padding)
            try c.encode(padding_after, forKey: .padding_after)
            try c.encode(dilation, forKey: .dilation)
            try c.encode(groups, forKey: .groups)
            try c.encode(output, forKey: .output)
            try c.encode(output_size, forKey: .output_size)
            try c.encode(steps, forKey: .steps)
        }
        enum CodingKeys: String, CodingKey {
            case op, input, weight, bias, stride, padding, padding_after, dilation, groups, output, output_size, steps
        }
    }

    /// The JSON text of `computation`, keys sorted, ending in a newline.
    public static func render(_ computation: ConvComputation) -> String {
        let g = computation.geometry, h = g.height, w = g.width
        var steps: [Step] = []
        steps.reserveCapacity(computation.stepCount)
        let oh = h.outputSize, ow = w.outputSize, f = g.outputChannels
        var index = 0
        for n in 0..<g.batch { for c in 0..<f { for r in 0..<oh { for col in 0..<ow {
            index += 1
            steps.append(Step(step: index, position: [n, c, r, col],
                              rows: (0..<h.kernelSize).map { h.inputIndex(window: r, tap: $0) },
                              columns: (0..<w.kernelSize).map { w.inputIndex(window: col, tap: $0) }))
        } } } }
        let doc = Document(input: TensorJSON(computation.input), weight: TensorJSON(computation.weight),
                           bias: computation.bias.map(TensorJSON.init), stride: [h.stride, w.stride],
                           padding: [h.paddingBefore, w.paddingBefore], padding_after: [h.paddingAfter, w.paddingAfter],
                           dilation: [h.dilation, w.dilation], groups: g.groups,
                           output: TensorJSON(computation.output), output_size: [oh, ow], steps: steps)
        return encodeJSON(doc)
    }
}

/// Encodes `value` as JSON with sorted keys and a trailing newline. A value that overflowed
/// Float (inf) or is not a number is written as the string "Infinity", "-Infinity" or "NaN"
/// (JSON has no such numbers; JavaScript's names, which JSONDecoder's
/// `.convertFromString` strategy reads back), never dropped.
public func encodeJSON<T: Encodable>(_ value: T) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
    do {
        let data = try encoder.encode(value)
        return String(decoding: data, as: UTF8.self) + "\n"
    } catch {
        let reason = "\(error)".replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        return "{\"error\": \"the JSON could not be encoded: \(reason)\"}\n"
    }
}
