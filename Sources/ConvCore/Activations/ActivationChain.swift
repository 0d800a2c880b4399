/// A chain of n identical activations, f(f(...f(x))), and the gradient back-propagation sends
/// through it: by the chain rule d/dx f^n(x) = Π_{k=1..n} f'(a_{k-1}) with a_0 = x and
/// a_k = f(a_{k-1}). Each factor is at most ``Activation/maximumDerivative``, so the gradient is
/// at most (max f')^n: 0.25^n for sigmoids (0.25^5 = 0.0009765625, the vanishing gradient),
/// 1 for ReLUs on a positive input.
///
///     let chain = try ActivationChain(.sigmoid, length: 5)
///     chain.gradientBound          // 0.0009765625
///     chain.gradient(at: 0)        // 0.25 · σ'(0.5) · ... < the bound
///
/// Source: the chain rule; σ'(x) = σ(x)(1 - σ(x)) <= 1/4 (Hochreiter 1991, Bengio et al. 1994 on
/// vanishing gradients).
public struct ActivationChain: Equatable, Sendable {
    /// The largest chain length accepted.
    public static let maximumLength = 64

    /// The activation repeated along the chain.
    public let activation: Activation
    /// n, the number of activations (1...64).
    public let length: Int

    /// - Throws: ``ConvError/outOfRange(name:value:allowed:)`` for a length outside 1...64.
    public init(_ activation: Activation, length: Int) throws(ConvError) {
        try requireInRange("chain length", length, 1...Self.maximumLength)
        self.activation = activation
        self.length = length
    }

    /// A chain whose length is clamped to 1...64 (for a value a user adjusts with +/-).
    public init(_ activation: Activation, clampedLength length: Int) {
        self.activation = activation
        self.length = min(max(1, length), Self.maximumLength)
    }

    /// (max f')^n: the largest gradient the chain can pass, whatever the input.
    public var gradientBound: Double {
        var bound = 1.0
        for _ in 0..<length { bound *= activation.maximumDerivative }
        return bound
    }

    /// The pre-activations a_0 = x, a_1 = f(x), ..., a_{n-1} and the local derivatives
    /// f'(a_k), one per link.
    public func links(at x: Double) -> [(input: Double, derivative: Double)] {
        var a = x
        var result: [(Double, Double)] = []
        for _ in 0..<length {
            result.append((a, activation.derivative(a)))
            a = activation.value(a)
        }
        return result
    }

    /// d/dx f^n(x): the product of the local derivatives along the chain.
    public func gradient(at x: Double) -> Double {
        links(at: x).reduce(1) { $0 * $1.derivative }
    }
}
