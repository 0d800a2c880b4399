import ConvCore
import ConvDiagrams

/// The RGB convolution scene: a bank of colour filters (each kH x kW x 3) on a small crop of a
/// photo, stepped through output value by output value: the three slices over R, G and B, the
/// three sums, the bias, and the output channels filling in one per filter.
///
/// Parameters (Tab, +/-): the number of filters used from the bank (1...N), padding (0...4) and
/// stride (1...4). Scene key: `c` jumps to the same position in the next output channel.
public struct RGBScene: Scene {
    /// The crop: 1 x 3 x H x W, values 0-255.
    public let crop: Tensor
    /// Where the crop comes from, for the header.
    public let source: String
    /// The whole bank; the first ``filterCount`` filters are used.
    public let bank: FilterBank
    /// How many filters of the bank are used (1...bank.filterCount).
    public private(set) var filterCount: Int
    /// Zero padding on every side (0...4).
    public private(set) var padding: Int
    /// Stride on both axes (1...4).
    public private(set) var stride: Int
    /// The bank on the crop (for traces), or nil while invalid.
    public private(set) var computation: ConvComputation?
    /// The per-channel sums.
    public private(set) var result: FilterBank.Result?
    public private(set) var errorMessage: String?
    public var step: Int {
        didSet { step = stepCount == 0 ? 0 : min(max(1, step), stepCount) }
    }

    /// The largest padding offered: 4.
    public static let maximumPadding = 4
    /// The largest stride offered: 4.
    public static let maximumStride = 4

    /// - Parameters:
    ///   - crop: 1 x C x H x W with C equal to the bank's depth.
    ///   - filterCount: filters used, clamped to 1...bank.filterCount.
    /// An invalid configuration becomes ``errorMessage``.
    public init(crop: Tensor, source: String, bank: FilterBank = .lecture, filterCount: Int? = nil,
                padding: Int = FilterBank.lecturePadding, stride: Int = 1, step: Int = 1) {
        self.crop = crop
        self.source = source
        self.bank = bank
        self.filterCount = min(max(1, filterCount ?? bank.filterCount), bank.filterCount)
        self.padding = min(max(0, padding), Self.maximumPadding)
        self.stride = min(max(1, stride), Self.maximumStride)
        self.step = 0
        recompute()
        self.step = step
        clampStep()
    }

    mutating func clampStep() {
        let s = step
        step = s
    }

    /// The bank of the first ``filterCount`` filters.
    public var usedBank: FilterBank? {
        let k = bank.kernelSize, per = bank.depth * k.rows * k.columns
        guard let weight = try? Tensor(shape: [filterCount, bank.depth, k.rows, k.columns],
                                       data: Array(bank.weight.data[0..<(filterCount * per)])) else { return nil }
        let bias = bank.bias.flatMap { try? Tensor(shape: [filterCount], data: Array($0.data[0..<filterCount])) }
        return try? FilterBank(weight: weight, bias: bias)
    }

    mutating func recompute() {
        do throws(ConvError) {
            guard let used = usedBank else { throw ConvError.shapeMismatch("the bank cannot be cut to \(filterCount) filters") }
            let p = Padding.explicit(padding)
            result = try used.apply(to: crop, padding: p, stride: stride)
            computation = try ConvComputation(input: crop, weight: used.weight, bias: used.bias, stride: (stride, stride), padding: (p, p))
            errorMessage = nil
        } catch {
            computation = nil
            result = nil
            errorMessage = error.description
        }
        clampStep()
    }

    public var title: String { "rgb" }
    public var stepCount: Int { computation?.stepCount ?? 0 }
    public var stepsPerRow: Int { computation?.geometry.width.outputSize ?? 1 }

    public var parameters: [SceneParameter] {
        let k = bank.kernelSize
        return [
            SceneParameter("filters", "\(filterCount) x \(k.rows)x\(k.columns)x\(bank.depth)"),
            SceneParameter("padding", "\(padding)"),
            SceneParameter("stride", "\(stride)"),
        ]
    }

    public mutating func adjust(parameter index: Int, by delta: Int) {
        switch index {
        case 0: filterCount = min(bank.filterCount, max(1, filterCount + delta))
        case 1: padding = min(Self.maximumPadding, max(0, padding + delta))
        case 2: stride = min(Self.maximumStride, max(1, stride + delta))
        default: return
        }
        recompute()
    }

    public mutating func handle(_ key: Key) -> Bool {
        guard key == .character("c"), let c = computation, let cell = try? c.cell(ofStep: step) else { return false }
        let perChannel = c.geometry.height.outputSize * c.geometry.width.outputSize
        step = ((cell.channel + 1) % c.geometry.outputChannels) * perChannel + cell.row * c.geometry.width.outputSize + cell.column + 1
        return true
    }

    public var sceneBindings: [(String, String)] { [("c", "next output channel (filter)")] }

    /// The image file and the crop's [top, left, height, width] the JSON names (set by the command line).
    public var jsonSource: (image: String, crop: [Int]) = ("", [])

    /// ``RGBBankJSON``: the bank, the crop and the per-channel sums.
    public func json() -> String? {
        guard let computation, let result else { return nil }
        return RGBBankJSON.render(computation: computation, result: result, image: jsonSource.image, crop: jsonSource.crop)
    }

    public func draw(into canvas: inout Canvas, area: Rect, glyphs: GlyphSet) {
        guard let computation, let result, step >= 1 else { return }
        RGBBankDiagram(computation: computation, result: result, step: step, source: source, glyphs: glyphs)
            .draw(into: &canvas, area: area)
    }
}
