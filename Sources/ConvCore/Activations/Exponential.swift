/// e^x in pure Swift (the core imports no C math library).
///
/// Range reduction x = k·ln 2 + r with |r| <= ln 2 / 2 (ln 2 split into a high part exact in
/// 32 bits and a low correction, Cody & Waite), then e^r by its Taylor series to degree 13
/// (truncation error below 3e-17 relative for |r| <= 0.347), then scaling by 2^k.
///
///     exponential(0)      // 1 (exactly)
///     exponential(1)      // 2.718281828459045
///
/// Results are within a few units in the last place of the C library's `exp` over the finite
/// range; x > 709.78 gives +infinity and x < -745.2 gives 0, as `exp` does; NaN stays NaN.
/// Source: W. J. Cody and W. Waite, *Software Manual for the Elementary Functions* (1980), ch. 6.
/// - Complexity: O(1).
public func exponential(_ x: Double) -> Double {
    if x.isNaN { return x }
    if x > 709.782712893384 { return .infinity }
    if x < -745.2 { return 0 }
    let ln2High = 0.693147180369123816490   // 0x3FE62E42FEE00000: ln 2 with its low bits cleared
    let ln2Low = 1.90821492927058770002e-10
    let k = (x / 0.6931471805599453).rounded()
    let r = (x - k * ln2High) - k * ln2Low
    // Horner form of Σ r^n / n!, n = 0...13.
    var term = 1.0
    for n in stride(from: 13, through: 1, by: -1) {
        term = 1 + term * r / Double(n)
    }
    // Scale by 2^k in two halves so that 2^k itself never overflows or underflows early.
    let half = Int(k) / 2
    return term * Double(sign: .plus, exponent: half, significand: 1) * Double(sign: .plus, exponent: Int(k) - half, significand: 1)
}
