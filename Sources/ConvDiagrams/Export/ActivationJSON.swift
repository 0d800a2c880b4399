import ConvCore

/// The JSON of `convscope activations --format json`: `functions` (for relu, sigmoid, tanh:
/// `name`, `x`, `value`, `derivative` sampled at x = -4, -3.5, ..., 4), `chain` (`length` n,
/// `bound` 0.25^n, `gradient_at_0` of n sigmoids, `relu_gradient` 1), `map` and `relu` as
/// tensors. Keys sorted.
public enum ActivationJSON {
    struct Function: Encodable {
        var name: String
        var x: [Double]
        var value: [Double]
        var derivative: [Double]
    }
    struct Chain: Encodable {
        var length: Int
        var bound: Double
        var gradient_at_0: Double
        var relu_gradient: Double
    }
    struct Document: Encodable {
        var op = "activations"
        var functions: [Function]
        var chain: Chain
        var map: TensorJSON
        var relu: TensorJSON
    }

    /// The JSON text, ending in a newline.
    public static func render(chain: ActivationChain, map: Tensor, rectified: Tensor) -> String {
        let xs = (0...16).map { -4 + Double($0) / 2 }
        let functions = Activation.allCases.map { a in
            Function(name: a.rawValue, x: xs, value: xs.map(a.value), derivative: xs.map(a.derivative))
        }
        let relu = (try? ActivationChain(.relu, length: chain.length))?.gradient(at: 1) ?? 1
        return encodeJSON(Document(functions: functions,
                                   chain: Chain(length: chain.length, bound: chain.gradientBound, gradient_at_0: chain.gradient(at: 0), relu_gradient: relu),
                                   map: TensorJSON(map), relu: TensorJSON(rectified)))
    }
}
