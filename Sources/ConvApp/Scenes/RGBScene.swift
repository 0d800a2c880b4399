import ConvCore
import ConvDiagrams

/// The RGB convolution scene: a bank of colour filters (each kH x kW x 3) on a small crop of a
/// photo, stepped through output value by output value: the three slices over R, G and B, the
/// three sums, the bias, and the output channels filling in one per filter.
///
/// Parameters (Tab, +/-): the number of filters used from the bank (1...N), padding (0...4) and
/// stride (1...4). Scene key: `c` jumps to the same position in the next output channel.
public typealias RGBScene = ModelScene<RGBModel>

/// The options of the RGB convolution scene.
public struct RGBOptions: Equatable, Sendable {
    /// The crop: 1 x 3 x H x W, values 0-255.
    public var crop: Tensor
    /// Where the crop comes from, for the header.
    public var source: String
    /// The whole bank; the first ``filterCount`` filters are used.
    public var bank: FilterBank
    /// How many filters of the bank are used (1...bank.filterCount).
    public var filterCount: Int
    /// Zero padding on every side (0...``RGBModel/maximumPadding``).
    public var padding: Int
    /// Stride on both axes (1...``RGBModel/maximumStride``).
    public var stride: Int
    /// The image file the JSON names (set by the command line).
    public var imagePath = ""
    /// The crop's [top, left, height, width] in that image, for the JSON.
    public var cropBox: [Int] = []

    /// Options with the values clamped to their ranges.
    public init(crop: Tensor, source: String, bank: FilterBank = .lecture, filterCount: Int? = nil,
                padding: Int = FilterBank.lecturePadding, stride: Int = 1) {
        self.crop = crop
        self.source = source
        self.bank = bank
        self.filterCount = clamp(filterCount ?? bank.filterCount, 1...max(1, bank.filterCount))
        self.padding = clamp(padding, 0...RGBModel.maximumPadding)
        self.stride = clamp(stride, 1...RGBModel.maximumStride)
    }

    /// The bank of the first ``filterCount`` filters, or nil when it cannot be cut so.
    public var usedBank: FilterBank? {
        let k = bank.kernelSize, per = bank.depth * k.rows * k.columns
        guard filterCount >= 1, filterCount <= bank.filterCount,
              let weight = try? Tensor(shape: [filterCount, bank.depth, k.rows, k.columns],
                                       data: Array(bank.weight.data[0..<(filterCount * per)])) else { return nil }
        let bias = bank.bias.flatMap { try? Tensor(shape: [filterCount], data: Array($0.data[0..<filterCount])) }
        return try? FilterBank(weight: weight, bias: bias)
    }
}

/// The RGB convolution scene as a model.
public enum RGBModel: SceneModel {
    /// The bank on the crop: the traces and the per-channel sums.
    public struct Result: Sendable {
        /// The convolution (for traces).
        public let computation: ConvComputation
        /// The per-channel sums and the output.
        public let sums: FilterBank.Result
    }

    /// The largest padding offered: 4.
    public static let maximumPadding = 4
    /// The largest stride offered: 4.
    public static let maximumStride = 4

    /// "rgb".
    public static func title(_ options: RGBOptions) -> String { "rgb" }

    /// The first `filterCount` filters on the crop.
    /// - Throws: ``ConvError`` when the crop and the bank disagree or the output would be empty.
    public static func compute(_ o: RGBOptions) throws(ConvError) -> Result {
        guard let used = o.usedBank else { throw ConvError.shapeMismatch("the bank cannot be cut to \(o.filterCount) filters") }
        let p = Padding.explicit(o.padding)
        let sums = try used.apply(to: o.crop, padding: p, stride: o.stride)
        let computation = try ConvComputation(input: o.crop, weight: used.weight, bias: used.bias,
                                              stride: (o.stride, o.stride), padding: (p, p))
        return Result(computation: computation, sums: sums)
    }

    /// One step per output value.
    public static func stepCount(_ r: Result, view: NoViewState) -> Int { r.computation.stepCount }
    /// An output row.
    public static func stepsPerRow(_ r: Result, view: NoViewState, step: Int) -> Int { r.computation.geometry.width.outputSize }

    /// Filters used, padding, stride.
    public static func controls(_ o: RGBOptions) -> [Control<RGBOptions>] {
        let k = o.bank.kernelSize
        return [
            Control("filters", value: { "\($0.filterCount) x \(k.rows)x\(k.columns)x\($0.bank.depth)" },
                    adjust: { o, d in o.filterCount = clamp(o.filterCount + d, 1...max(1, o.bank.filterCount)) }),
            .int("padding", \.padding, 0...maximumPadding),
            .int("stride", \.stride, 1...maximumStride),
        ]
    }

    /// `c`: the same position in the next output channel.
    public static func keys(_ r: Result, options: Options, view: NoViewState) -> [SceneKey<RGBModel>] {
        [SceneKey([.character("c")], "c", "next output channel (filter)") { r, _, step in
            let c = r.computation
            guard let cell = try? c.cell(ofStep: step) else { return false }
            let perChannel = c.geometry.height.outputSize * c.geometry.width.outputSize
            step = ((cell.channel + 1) % c.geometry.outputChannels) * perChannel
                + cell.row * c.geometry.width.outputSize + cell.column + 1
            return true
        }]
    }

    /// ``RGBBankDiagram``.
    public static func draw(_ r: Result, options: RGBOptions, view: NoViewState, step: Int,
                            into canvas: inout Canvas, area: Rect, glyphs: GlyphSet) {
        RGBBankDiagram(computation: r.computation, result: r.sums, step: step, source: options.source, glyphs: glyphs)
            .draw(into: &canvas, area: area)
    }

    /// ``RGBBankJSON``: the bank, the crop and the per-channel sums.
    public static func json(_ r: Result, options: RGBOptions, step: Int) -> String {
        RGBBankJSON.render(computation: r.computation, result: r.sums, image: options.imagePath, crop: options.cropBox)
    }
}

extension ModelScene where M == RGBModel {
    /// The largest padding offered: 4.
    public static var maximumPadding: Int { RGBModel.maximumPadding }
    /// The largest stride offered: 4.
    public static var maximumStride: Int { RGBModel.maximumStride }

    /// - Parameters:
    ///   - crop: 1 x C x H x W with C equal to the bank's depth.
    ///   - filterCount: filters used, clamped to 1...bank.filterCount.
    /// An invalid configuration becomes ``errorMessage``.
    public init(crop: Tensor, source: String, bank: FilterBank = .lecture, filterCount: Int? = nil,
                padding: Int = FilterBank.lecturePadding, stride: Int = 1, step: Int = 1) {
        self.init(RGBOptions(crop: crop, source: source, bank: bank, filterCount: filterCount, padding: padding,
                             stride: stride), step: step)
    }

    /// The bank on the crop (for traces), or nil while invalid.
    public var computation: ConvComputation? { result?.computation }
}
