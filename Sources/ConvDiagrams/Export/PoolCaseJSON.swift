import ConvCore

/// One pooling case in the form of the reference file `pool2d.json`: `kind` ("max" or "avg"),
/// `input`, `kernel`, `stride`, `padding`, optional `dilation` (pairs [height, width]),
/// `ceil_mode`, `count_include_pad`, `divisor_override` (avg), and optionally the expected `output`. For adaptive pooling
/// `kind` is "adaptive_max" or "adaptive_avg" with `output_size` instead of `kernel`. Read by
/// `convscope pool --from` and by the tests; written (with `output`) by the JSON exporter.
///
/// Source: the reference vectors of `torch.nn.functional.max_pool2d` / `avg_pool2d` (Fixtures/README.md).
public struct PoolCaseJSON: Codable, Sendable {
    /// A label for the case.
    public var name: String?
    /// "max", "avg", "adaptive_max" or "adaptive_avg".
    public var kind: String
    /// (N, C, H, W).
    public var input: TensorJSON
    /// [height, width] (or one number for both); required for max and avg.
    public var kernel: [Int]?
    /// [height, width]; absent means the kernel size.
    public var stride: [Int]?
    /// [height, width]; default 0.
    public var padding: [Int]?
    /// [height, width]; default 1 (max pooling only).
    public var dilation: [Int]?
    /// `ceil_mode`; default false.
    public var ceilMode: Bool?
    /// `count_include_pad` (average pooling); default true.
    public var countIncludePad: Bool?
    /// `divisor_override` (avg only): the divisor of every window instead of its cell count; absent
    /// or null divides by the count, as `avg_pool2d` does.
    public var divisorOverride: Int?
    /// `output_size` [height, width]; required for the adaptive kinds.
    public var outputSize: [Int]?
    /// (N, C, H_out, W_out): the expected or computed output.
    public var output: TensorJSON?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, kind, input, kernel, stride, padding, dilation, output
        case ceilMode = "ceil_mode"
        case countIncludePad = "count_include_pad"
        case divisorOverride = "divisor_override"
        case outputSize = "output_size"
    }

    /// The keys a case may have (a `--from` file with any other key is refused).
    public static let allowedKeys = CodingKeys.allCases.map(\.rawValue)

    /// The values `kind` may take.
    public static let kinds = ["max", "avg", "adaptive_max", "adaptive_avg"]

    /// A case from a computation: its input, parameters and output.
    public init(_ computation: PoolComputation, name: String? = nil) {
        self.name = name
        input = TensorJSON(computation.input)
        output = TensorJSON(computation.output)
        let average: Bool
        switch computation.mode {
        case .max:
            average = false
        case let .average(includePad):
            average = true
            countIncludePad = includePad
            divisorOverride = computation.divisorOverride
        }
        switch computation.geometry.windows {
        case let .fixed(h, w):
            kind = average ? "avg" : "max"
            kernel = [h.kernelSize, w.kernelSize]
            stride = [h.stride, w.stride]
            padding = [h.padding, w.padding]
            if !average { dilation = [h.dilation, w.dilation] }
            ceilMode = h.ceilMode
        case let .adaptive(h, w):
            kind = average ? "adaptive_avg" : "adaptive_max"
            outputSize = [h.outputSize, w.outputSize]
            countIncludePad = nil
        }
    }

    /// Runs the case through the core (`output` is not an input).
    /// - Throws: ``PoolError`` for an unknown `kind`, a missing `kernel` or `output_size`, a
    ///   malformed pair, tensors whose shape and data disagree, or an invalid geometry.
    public func computation() throws(PoolError) -> PoolComputation {
        guard Self.kinds.contains(kind) else {
            throw .invalid(.shapeMismatch("pooling kind '\(kind)' is unknown; allowed: \(Self.kinds.joined(separator: ", "))"))
        }
        let average = kind == "avg" || kind == "adaptive_avg"
        let mode: PoolMode = average ? .average(countIncludePad: countIncludePad ?? true) : .max
        let x: Tensor
        do throws(ConvError) {
            x = try input.tensor()
        } catch {
            throw .invalid(error)
        }
        if kind.hasPrefix("adaptive") {
            if divisorOverride != nil {
                throw .invalid(.shapeMismatch("divisor_override is for kind 'avg' only; pooling kind '\(kind)' has none"))
            }
            guard let outputSize else {
                throw .invalid(.shapeMismatch("pooling kind '\(kind)' needs output_size [height, width]"))
            }
            let size: (Int, Int)
            do throws(ConvError) {
                size = try ConvCaseJSON.pair(outputSize, name: "output_size", default: 1)
            } catch {
                throw .invalid(error)
            }
            return try PoolComputation(input: x, mode: mode, adaptiveOutputSize: size)
        }
        guard let kernel else {
            throw .invalid(.shapeMismatch("pooling kind '\(kind)' needs kernel [height, width]"))
        }
        let k: (Int, Int), s: (Int, Int)?, p: (Int, Int), d: (Int, Int)
        do throws(ConvError) {
            k = try ConvCaseJSON.pair(kernel, name: "kernel", default: 1)
            s = stride == nil ? nil : try ConvCaseJSON.pair(stride, name: "stride", default: 1)
            p = try ConvCaseJSON.pair(padding, name: "padding", default: 0)
            d = try ConvCaseJSON.pair(dilation, name: "dilation", default: 1)
        } catch {
            throw .invalid(error)
        }
        if divisorOverride != nil && !average {
            throw .invalid(.shapeMismatch("divisor_override is for kind 'avg' only; pooling kind '\(kind)' has none"))
        }
        return try PoolComputation(input: x, mode: mode, kernelSize: k, stride: s, padding: p, dilation: d,
                                   ceilMode: ceilMode ?? false, divisorOverride: divisorOverride)
    }
}
