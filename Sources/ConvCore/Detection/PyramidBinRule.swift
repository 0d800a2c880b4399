/// How a pyramid level divides an axis of a cells into n bins.
///
/// | rule          | bin i                                   | bins         | source |
/// |---------------|-----------------------------------------|--------------|--------|
/// | `adaptive`    | [floor(i·a/n), ceil((i+1)·a/n))         | always n     | `adaptive_max_pool2d`, `spp.json` |
/// | `sppNetPaper` | [i·floor(a/n), i·floor(a/n) + ceil(a/n)) | floor((a - ceil(a/n))/floor(a/n)) + 1 | He et al. 2014, section 2.3 |
///
/// The paper's rule (a pooling window ceil(a/n) with stride floor(a/n)) gives n bins when n
/// divides a (a = 13, n = 4 too), but not always: a = 11, n = 4 gives window 3, stride 2 and
/// 5 bins; a = 10, n = 4 gives 4 bins that leave cell 9 unread.
public enum PyramidBinRule: String, Equatable, Sendable, CaseIterable, CustomStringConvertible {
    /// [floor(i·a/n), ceil((i+1)·a/n)): exactly n bins, overlapping when n does not divide a.
    case adaptive
    /// The SPP-net paper's sliding window: size ceil(a/n), stride floor(a/n).
    case sppNetPaper = "spp-net-paper"

    /// The rule written out for a picture's legend.
    public var description: String {
        switch self {
        case .adaptive: return "adaptive [floor(i*a/n), ceil((i+1)*a/n))"
        case .sppNetPaper: return "SPP-net paper (window ceil(a/n), stride floor(a/n))"
        }
    }
}
