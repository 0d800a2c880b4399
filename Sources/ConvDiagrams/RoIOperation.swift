import ConvCore

/// A computed RoI max pooling or RoI align, as the RoI picture and `convscope roi` show it.
public enum RoIOperation: Sendable {
    /// `torchvision.ops.roi_pool`: quantised projection, max over each bin.
    case pool(RoIPooling)
    /// `torchvision.ops.roi_align`: no rounding, average of bilinear samples per bin.
    case align(RoIAlign)

    /// The feature map (N, C, H, W).
    public var input: Tensor {
        switch self {
        case let .pool(p): return p.input
        case let .align(a): return a.input
        }
    }

    /// The boxes, in image coordinates.
    public var boxes: [RoIBox] {
        switch self {
        case let .pool(p): return p.boxes
        case let .align(a): return a.boxes
        }
    }

    /// One warning per inverted box (x2 < x1 or y2 < y1), naming it: torchvision evaluates such
    /// boxes (see ``RoIBox/isInverted``), and so does the tool, but they are most likely a mistake.
    public var warnings: [String] {
        boxes.enumerated().compactMap { $0.element.inversionWarning(number: $0.offset + 1) }
    }

    /// (K, C, ph, pw).
    public var output: Tensor {
        switch self {
        case let .pool(p): return p.output
        case let .align(a): return a.output
        }
    }

    /// ph: output rows per box.
    public var outputHeight: Int { output.shape[2] }
    /// pw: output columns per box.
    public var outputWidth: Int { output.shape[3] }

    /// "roi_pool" or "roi_align": the torchvision op.
    public var opName: String {
        switch self {
        case .pool: return "roi_pool"
        case .align: return "roi_align"
        }
    }

    /// Steps: one per output bin of every box (K x ph x pw).
    public var stepCount: Int { boxes.count * outputHeight * outputWidth }

    /// The box index and bin (row, column) of 1-based `step`, box-major then row-major; nil out of range.
    public func bin(step: Int) -> (box: Int, row: Int, column: Int)? {
        let perBox = outputHeight * outputWidth
        guard step >= 1, step <= stepCount, perBox > 0 else { return nil }
        let index = step - 1
        let within = index % perBox
        return (index / perBox, within / outputWidth, within % outputWidth)
    }
}
