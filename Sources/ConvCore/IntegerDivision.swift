/// Integer division rounded toward negative infinity.
///
/// Swift's `/` truncates toward zero, which is wrong for the negative numerators that
/// convolution arithmetic produces (pooling k2 s2 on width 1: (1 - 2) / 2 must be -1, giving
/// output size 0, not 1).
///
/// | a  | b | a / b (Swift) | floorDivide(a, b) | ceilDivide(a, b) |
/// |----|---|---------------|-------------------|------------------|
/// |  7 | 2 |  3            |  3                |  4               |
/// | -1 | 2 |  0            | -1                |  0               |
/// | -3 | 2 | -1            | -2                | -1               |
///
/// - Precondition: `b > 0` (every caller divides by a validated stride or bin count).
@inlinable
public func floorDivide(_ a: Int, _ b: Int) -> Int {
    let q = a / b
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
}

/// Integer division rounded toward positive infinity; see ``floorDivide(_:_:)``.
@inlinable
public func ceilDivide(_ a: Int, _ b: Int) -> Int {
    -floorDivide(-a, b)
}
