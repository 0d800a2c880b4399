/// The theoretical receptive field of one unit of a feature map, per spatial axis: its size r
/// in input pixels, the jump j (the distance in input pixels between two neighbouring units) and
/// the start (the input coordinate of the centre of the first unit's field; pixel centres are at
/// 0, 1, 2, ..., so a negative start means the field hangs over the padding).
///
/// Source: Araujo, Norris & Sim 2019, "Computing Receptive Fields of Convolutional Neural Networks"
/// (Distill), equations 1-2 in their recursive form, as in Dang Ha The Hien's "guide to receptive
/// field arithmetic": for a layer with kernel k, stride s, dilation d and padding p before,
///
///     r_out = r_in + (k - 1)·d·j_in
///     j_out = j_in·s
///     start_out = start_in + ((k - 1)·d/2 - p)·j_in
///
/// Branches (Inception, residual, dense) keep the larger field per axis, as the gradient-measured
/// reference in `receptive_field.json` does. After a `Linear` layer, an adaptive pool to 1 x 1,
/// or an adaptive pool whose bins are not all the same size, a unit can depend on the whole
/// input: ``coversWholeInput`` is then true and the numbers are those of the last exact layer.
///
///     var field = ReceptiveField.inputPixel
///     field = field.through(kernelSize: HeightWidth(11), stride: HeightWidth(4), padding: HeightWidth(2), dilation: HeightWidth(1))
///     field.size   // 11x11, jump 4
public struct ReceptiveField: Hashable, Sendable, CustomStringConvertible {
    /// r per axis, in input pixels.
    public var size: HeightWidth
    /// j per axis, in input pixels.
    public var jump: HeightWidth
    /// The centre of the first unit's field along the height axis, in input pixel coordinates.
    public var startHeight: Double
    /// The centre of the first unit's field along the width axis, in input pixel coordinates.
    public var startWidth: Double
    /// True when a unit can depend on the whole input (after `Linear`, or a non-uniform adaptive pool).
    public var coversWholeInput: Bool

    /// A unit of the input itself: r = 1, j = 1, start = 0.
    public static let inputPixel = ReceptiveField(size: HeightWidth(1), jump: HeightWidth(1),
                                                  startHeight: 0, startWidth: 0, coversWholeInput: false)

    /// The field after a window of the given geometry (convolution or pooling), by the recursion
    /// in the type's description. Callers pass validated sizes (each at most ``maximumExtent``);
    /// the products then stay far below `Int.max` for any realistic depth, and the summariser checks
    /// them (``ModelError/arithmeticOverflow(layer:quantity:)``).
    /// - Parameters:
    ///   - kernelSize: k per axis.
    ///   - stride: s per axis.
    ///   - padding: p before (top, left) per axis.
    ///   - dilation: d per axis.
    /// - Returns: the field of one output unit, or nil when a product would overflow `Int`.
    public func through(kernelSize: HeightWidth, stride: HeightWidth, padding: HeightWidth,
                        dilation: HeightWidth) -> ReceptiveField? {
        guard let h = Self.axis(size: size.height, jump: jump.height, start: startHeight, kernel: kernelSize.height,
                                stride: stride.height, padding: padding.height, dilation: dilation.height),
              let w = Self.axis(size: size.width, jump: jump.width, start: startWidth, kernel: kernelSize.width,
                                stride: stride.width, padding: padding.width, dilation: dilation.width)
        else { return nil }
        return ReceptiveField(size: HeightWidth(height: h.size, width: w.size),
                              jump: HeightWidth(height: h.jump, width: w.jump),
                              startHeight: h.start, startWidth: w.start, coversWholeInput: coversWholeInput)
    }

    /// The field of a unit that may read the whole input: this field marked ``coversWholeInput``.
    public var wholeInput: ReceptiveField {
        var copy = self
        copy.coversWholeInput = true
        return copy
    }

    /// The field of a unit fed by several branches: per axis the larger field (with its jump and
    /// start), and ``coversWholeInput`` if any branch's is.
    public func merged(with other: ReceptiveField) -> ReceptiveField {
        var result = self
        if other.size.height > size.height {
            result.size.height = other.size.height
            result.jump.height = other.jump.height
            result.startHeight = other.startHeight
        }
        if other.size.width > size.width {
            result.size.width = other.size.width
            result.jump.width = other.jump.width
            result.startWidth = other.startWidth
        }
        result.coversWholeInput = coversWholeInput || other.coversWholeInput
        return result
    }

    /// "195" when square, "195x171" otherwise; "all" when the unit can read the whole input.
    public var description: String { coversWholeInput ? "all" : size.description }

    private static func axis(size: Int, jump: Int, start: Double, kernel: Int, stride: Int, padding: Int,
                             dilation: Int) -> (size: Int, jump: Int, start: Double)? {
        let span = (kernel - 1).multipliedReportingOverflow(by: dilation)
        guard !span.overflow else { return nil }
        let growth = span.partialValue.multipliedReportingOverflow(by: jump)
        guard !growth.overflow else { return nil }
        let newSize = size.addingReportingOverflow(growth.partialValue)
        let newJump = jump.multipliedReportingOverflow(by: stride)
        guard !newSize.overflow, !newJump.overflow else { return nil }
        let shift = (Double(span.partialValue) / 2 - Double(padding)) * Double(jump)
        return (newSize.partialValue, newJump.partialValue, start + shift)
    }
}
