/// Something a user should know about a pyramid level's bins that is not an error: the
/// SPP-net paper's rule gave a different number of bins than asked, or left cells unread.
///
/// Source: He et al. 2014, "Spatial Pyramid Pooling in Deep Convolutional Networks for Visual
/// Recognition", section 2.3 (window ceil(a/n), stride floor(a/n)), worked through for sizes n
/// does not divide.
public enum SPPWarning: Equatable, Sendable, CustomStringConvertible {
    /// The paper's window and stride give `actualBinCount` bins, not the `binCount` asked for
    /// (a = 11, n = 4: window 3, stride 2, 5 bins); the level's output and the vector change size.
    case binCountDiffers(axis: String, inputSize: Int, binCount: Int, window: Int, stride: Int, actualBinCount: Int)
    /// No bin of the level covers these cells (a = 10, n = 4: window 3, stride 2 never reads cell 9).
    case cellsNotCovered(axis: String, inputSize: Int, binCount: Int, cells: [Int])

    /// The one line a user sees, beginning "warning:".
    public var description: String {
        switch self {
        case let .binCountDiffers(axis, a, n, window, stride, actual):
            return "warning: SPP-net rule on \(axis) \(a) with \(n) bins: window ceil(\(a)/\(n)) = \(window), stride floor(\(a)/\(n)) = \(stride) give \(actual) bins, not \(n)"
        case let .cellsNotCovered(axis, a, n, cells):
            let list = cells.map(String.init).joined(separator: ", ")
            return "warning: SPP-net rule on \(axis) \(a) with \(n) bins leaves \(cells.count == 1 ? "cell" : "cells") \(list) unread"
        }
    }
}
