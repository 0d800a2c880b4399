/// Errors raised by the detection core (spatial pyramid pooling, RoI pooling and align, anchors,
/// the YOLO grid, region pipelines). Each case carries the numbers involved, and its
/// `description` is the one line a user sees.
///
/// Source: the argument checks of `torch.nn.functional.adaptive_max_pool2d`,
/// `torchvision.ops.roi_pool` / `roi_align` and `torchvision.models.detection.AnchorGenerator`,
/// plus the project's own bounds (which keep every product below `Int.max`).
public enum DetectionError: Error, Equatable, Sendable, CustomStringConvertible {
    /// An integer (size, count, level, stride, index) outside its allowed range.
    case outOfRange(name: String, value: Int, allowed: ClosedRange<Int>)
    /// A real number (ratio, scale, coordinate, spatial_scale) outside its allowed range, or not finite.
    case valueOutOfRange(name: String, value: Double, allowed: ClosedRange<Double>)
    /// A list that must not be empty (pyramid levels, anchor sizes, ratios, boxes) is empty,
    /// or holds more entries than allowed.
    case countOutOfRange(name: String, count: Int, allowed: ClosedRange<Int>)
    /// A product of sizes (vector length, anchor count, RoI align samples) exceeds its limit.
    case tooLarge(name: String, limit: Int)
    /// The SPP-net paper's rule (stride floor(a/n)) needs a map at least as large as the bin
    /// count: a < n gives stride 0.
    case paperRuleNeedsLargerMap(axis: String, inputSize: Int, binCount: Int)
    /// A box whose corners are out of order (x2 < x1 or y2 < y1). No longer thrown by ``RoIBox``,
    /// which accepts such boxes as torchvision does (``RoIBox/isInverted``); kept for callers
    /// that refuse them.
    case invertedBox(x1: Double, y1: Double, x2: Double, y2: Double)
    /// A py-faster-rcnn anchor whose rounded width or height is 0 (the ratio is too extreme
    /// for the base size).
    case degenerateAnchor(ratio: Double, width: Double, height: Double)
    /// A tensor's shape does not fit the operation.
    case shapeMismatch(String)
    /// An error of the core tensor or geometry types.
    case core(ConvError)

    /// The one line a user sees: the value, and what is allowed.
    public var description: String {
        switch self {
        case let .outOfRange(name, value, allowed):
            return "\(name) \(value) is out of range: allowed \(allowed.lowerBound)...\(allowed.upperBound)"
        case let .valueOutOfRange(name, value, allowed):
            return "\(name) \(Self.format(value)) is out of range: allowed \(Self.format(allowed.lowerBound))...\(Self.format(allowed.upperBound))"
        case let .countOutOfRange(name, count, allowed):
            return "\(name) has \(count) entries: allowed \(allowed.lowerBound)...\(allowed.upperBound)"
        case let .tooLarge(name, limit):
            return "\(name) is too large: allowed at most \(limit)"
        case let .paperRuleNeedsLargerMap(axis, inputSize, binCount):
            return "SPP-net rule: \(axis) \(inputSize) is smaller than the bin count \(binCount), so the stride floor(\(inputSize)/\(binCount)) is 0; allowed: size >= bin count, or the adaptive rule"
        case let .invertedBox(x1, y1, x2, y2):
            return "box (\(Self.format(x1)), \(Self.format(y1)), \(Self.format(x2)), \(Self.format(y2))) has x2 < x1 or y2 < y1; allowed: x1 <= x2 and y1 <= y2"
        case let .degenerateAnchor(ratio, width, height):
            return "anchor ratio \(Self.format(ratio)) gives a rounded width \(Self.format(width)) and height \(Self.format(height)); allowed: both at least 1 (use a larger base size or a milder ratio)"
        case let .shapeMismatch(message):
            return message
        case let .core(error):
            return error.description
        }
    }

    /// Integers without a fraction ("16", not "16.0"); other numbers as Swift prints them.
    static func format(_ value: Double) -> String {
        if value.isFinite, value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        return "\(value)"
    }
}

/// Validates that `value` lies in `allowed`, naming it in the error otherwise.
/// - Throws: ``DetectionError/outOfRange(name:value:allowed:)``.
func detectionRequire(_ name: String, _ value: Int, _ allowed: ClosedRange<Int>) throws(DetectionError) {
    guard allowed.contains(value) else { throw .outOfRange(name: name, value: value, allowed: allowed) }
}

/// Validates that `value` is finite and lies in `allowed` (NaN is never contained).
/// - Throws: ``DetectionError/valueOutOfRange(name:value:allowed:)``.
func detectionRequire(_ name: String, _ value: Double, _ allowed: ClosedRange<Double>) throws(DetectionError) {
    guard value.isFinite, allowed.contains(value) else { throw .valueOutOfRange(name: name, value: value, allowed: allowed) }
}

/// The product of `factors`, or ``DetectionError/tooLarge(name:limit:)`` when it overflows or exceeds `limit`.
/// Factors must be non-negative (callers pass validated sizes).
func detectionCheckedProduct(_ factors: [Int], name: String, limit: Int) throws(DetectionError) -> Int {
    var product = 1
    for factor in factors {
        let (next, overflow) = product.multipliedReportingOverflow(by: factor)
        guard !overflow, next <= limit else { throw .tooLarge(name: name, limit: limit) }
        product = next
    }
    return product
}

/// Wraps a core tensor constructor's error.
func detectionTensor(zeros shape: [Int]) throws(DetectionError) -> Tensor {
    do { return try Tensor(zeros: shape) } catch { throw .core(error) }
}
