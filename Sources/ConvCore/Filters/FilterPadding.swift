/// The padding choices of `convscope filter --padding same|valid`.
///
/// | choice | zeros added on an axis with kernel size k          | output size (input i, stride s) |
/// |--------|----------------------------------------------------|---------------------------------|
/// | same   | k - 1 in all: floor((k-1)/2) before, the rest after | ceil(i / s) (= i at stride 1)   |
/// | valid  | none                                               | floor((i - k) / s) + 1          |
///
/// At stride 1, `same` is PyTorch's `padding='same'` (the extra zero of an even kernel goes to the
/// bottom/right); for 3 x 3 kernels it is padding 1, as in `filters.json`. Unlike PyTorch, `same`
/// is also allowed with a stride (output ceil(i / s), as TensorFlow's SAME gives). Source: Dumoulin
/// & Visin 2016, section 2.2 ("half" padding) and relationship 6.
public enum FilterPadding: String, Equatable, Sendable, CaseIterable, CustomStringConvertible {
    /// k - 1 zeros per axis, split floor/ceil (the extra one bottom/right).
    case same
    /// No padding.
    case valid

    /// The core padding for one axis with `kernelSize` taps.
    public func padding(kernelSize: Int) -> Padding {
        switch self {
        case .same:
            let total = max(0, kernelSize - 1)
            return .asymmetric(before: total / 2, after: total - total / 2)
        case .valid:
            return .valid
        }
    }

    public var description: String { rawValue }
}
