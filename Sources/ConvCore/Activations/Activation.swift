/// The activation functions of the lecture, with their derivatives.
///
/// | activation | f(x)                  | f'(x)                         | range    | f'(0) | max f' |
/// |------------|-----------------------|-------------------------------|----------|-------|--------|
/// | `relu`     | max(0, x)             | 1 for x > 0, else 0           | [0, ∞)   | 0     | 1      |
/// | `sigmoid`  | 1 / (1 + e^-x)        | f(x)(1 - f(x))                | (0, 1)   | 0.25  | 0.25   |
/// | `tanh`     | (e^x - e^-x)/(e^x + e^-x) | 1 - f(x)^2                | (-1, 1)  | 1     | 1      |
///
/// ReLU's derivative at 0 is taken as 0, as PyTorch's autograd does (`threshold_backward`).
/// Source: `torch.relu`, `torch.sigmoid`, `torch.tanh` and their autograd formulas.
///
///     Activation.sigmoid.value(0)          // 0.5
///     Activation.sigmoid.derivative(0)     // 0.25
///     Activation.tanh.derivative(0)        // 1
public enum Activation: String, CaseIterable, Sendable, CustomStringConvertible {
    case relu
    case sigmoid
    case tanh

    /// f(x).
    public func value(_ x: Double) -> Double {
        switch self {
        case .relu:
            return x > 0 ? x : 0
        case .sigmoid:
            // Written so that neither branch computes e^x for a large positive x.
            if x >= 0 { return 1 / (1 + exponential(-x)) }
            let e = exponential(x)
            return e / (1 + e)
        case .tanh:
            if x.isNaN { return x }
            // tanh x = (1 - e^-2|x|) / (1 + e^-2|x|), with the sign of x; a short series near 0
            // where 1 - e^-2|x| would lose digits.
            let a = abs(x)
            let t: Double
            if a < 1e-4 {
                t = a - a * a * a / 3
            } else {
                let e = exponential(-2 * a)
                t = (1 - e) / (1 + e)
            }
            return x < 0 ? -t : t
        }
    }

    /// f'(x).
    public func derivative(_ x: Double) -> Double {
        switch self {
        case .relu:
            return x > 0 ? 1 : 0
        case .sigmoid:
            let s = value(x)
            return s * (1 - s)
        case .tanh:
            let t = value(x)
            return 1 - t * t
        }
    }

    /// The largest value of f' over all x: 1 for ReLU (x > 0) and tanh (x = 0), 1/4 for the
    /// sigmoid (x = 0).
    public var maximumDerivative: Double {
        switch self {
        case .relu, .tanh: return 1
        case .sigmoid: return 0.25
        }
    }

    /// The function's name as PyTorch writes it ("ReLU", "Sigmoid", "Tanh").
    public var displayName: String {
        switch self {
        case .relu: return "ReLU"
        case .sigmoid: return "Sigmoid"
        case .tanh: return "Tanh"
        }
    }

    /// f applied to every element of `tensor` (same shape), in Float as PyTorch computes it.
    /// - Complexity: O(n).
    public func apply(to tensor: Tensor) -> Tensor {
        var result = tensor
        for i in result.data.indices { result.data[i] = Float(value(Double(result.data[i]))) }
        return result
    }

    public var description: String { rawValue }
}
