import ConvCore
import ConvDiagrams

/// The image-filter scene: a photo, a kernel stamped over each of its channels, the original and
/// the result side by side, and a step-through of the output values (channel by channel, row by
/// row) showing the kernel over the real pixel values and the sum.
///
/// Parameters (Tab, +/-): the kernel (cycles through a typed kernel, if any, and the named ones),
/// padding (same/valid), stride, and the pictures' zoom. Scene keys: `c` next channel, `z`/`Z`
/// zoom in/out, `H` `J` `K` `L` pan the pictures (left, down, up, right; the lower-case letters
/// step, as everywhere), `0` follows the window again, Enter moves the window to the view's
/// centre, `v` cycles the views (split, pictures, numbers).
public struct FilterScene: Scene {
    /// The image's name for the title (a file name).
    public let imageName: String
    /// The image as 1 x C x H x W values 0-255 (C = 1 or 3).
    public let image: Tensor
    /// The image prepared for drawing (nil when the image is not 1 x 1 or 3 x H x W).
    public let original: ImagePyramid?
    /// Why the image cannot be shown (not 1 x 1 or 3 x H x W), if so.
    let imageProblem: String?
    /// The kernels +/- cycles through: a typed one first (if given), then the named ones.
    public let kernels: [FilterKernel]
    /// Index into ``kernels``.
    public private(set) var kernelIndex: Int
    /// same or valid.
    public private(set) var padding: FilterPadding
    /// The step between windows (1...16).
    public private(set) var stride: Int
    /// The filter on the image, or nil while the configuration is invalid.
    public private(set) var computation: ConvComputation?
    /// The raw result prepared for drawing through the filter's display mapping.
    public private(set) var result: ImagePyramid?
    /// max |v| of the raw output.
    public private(set) var peak: Float = 0
    public private(set) var errorMessage: String?
    /// Zoom level of the pictures (0 = whole image, 1...8 double each).
    public private(set) var zoom = 0
    /// The input pixel the pictures centre on, or nil to follow the kernel window.
    public private(set) var panCenter: (row: Double, column: Double)?
    /// Which parts are shown.
    public private(set) var view: FilterView = .split

    public var step: Int {
        didSet {
            step = stepCount == 0 ? 0 : min(max(1, step), stepCount)
            if oldValue != step { panCenter = nil }
        }
    }

    /// The largest stride offered: 16.
    public static let maximumStride = 16

    /// Builds the scene and runs the filter.
    /// - Parameters:
    ///   - image: 1 x C x H x W, values 0-255.
    ///   - kernel: the kernel to start with; a kernel that is not one of the named ones is offered
    ///     first when +/- cycles the kernels.
    /// An invalid configuration (a kernel larger than a valid-padded image) becomes
    /// ``errorMessage``; an image that is not 1 x 1 or 3 x H x W too.
    public init(imageName: String, image: Tensor, kernel: FilterKernel, padding: FilterPadding = .same,
                stride: Int = 1, step: Int = 1) {
        self.imageName = imageName
        self.image = image
        var pyramid: ImagePyramid?
        var problem: String?
        do { pyramid = try ImagePyramid(tensor: image) } catch { problem = error.description }
        original = pyramid
        imageProblem = problem
        let named = NamedFilter.allCases.map(\.kernel)
        if let index = named.firstIndex(where: { $0.weights == kernel.weights && $0.rows == kernel.rows }) {
            kernels = named
            kernelIndex = index
        } else {
            kernels = [kernel] + named
            kernelIndex = 0
        }
        self.padding = padding
        self.stride = min(max(1, stride), Self.maximumStride)
        self.step = 0
        recompute()
        self.step = step
        clampStep()
    }

    /// Re-applies the step's bounds (property observers do not run for assignments in `init`).
    mutating func clampStep() {
        let s = step
        step = s
    }

    /// The kernel in use.
    public var kernel: FilterKernel { kernels[kernelIndex] }

    /// The kernel's name: its own, or "custom kH x kW".
    public var kernelName: String { kernel.name ?? "custom \(kernel.rows)x\(kernel.columns)" }

    /// The filter the parameters describe.
    public var filter: ImageFilter? { try? ImageFilter(kernel: kernel, padding: padding, stride: stride) }

    mutating func recompute() {
        do throws(ConvError) {
            if let imageProblem { throw ConvError.shapeMismatch(imageProblem) }
            let filter = try ImageFilter(kernel: kernel, padding: padding, stride: stride)
            let computed = try filter.computation(on: image)
            peak = DisplayMapping.maximumMagnitude(of: computed.output)
            // Drawn through the mapping: no mapped copy of a large result is made.
            result = try ImagePyramid(tensor: computed.output, mapping: filter.displayMapping, peak: peak)
            computation = computed
            errorMessage = nil
        } catch {
            computation = nil
            result = nil
            errorMessage = error.description
        }
        clampStep()
    }

    public var title: String { "filter" }
    public var stepCount: Int { computation?.stepCount ?? 0 }
    public var stepsPerRow: Int { computation?.geometry.width.outputSize ?? 1 }

    public var parameters: [SceneParameter] {
        [
            SceneParameter("kernel", kernelName),
            SceneParameter("padding", padding.rawValue),
            SceneParameter("stride", "\(stride)"),
            SceneParameter("zoom", zoom == 0 ? "fit" : "\(1 << zoom)x"),
        ]
    }

    /// The current output cell (channel, row, column), if the configuration is valid.
    public var currentCell: (channel: Int, row: Int, column: Int)? {
        guard let c = computation, let cell = try? c.cell(ofStep: step) else { return nil }
        return (cell.channel, cell.row, cell.column)
    }

    /// The centre of the current window in input pixels.
    var windowCenter: (row: Double, column: Double)? {
        guard let c = computation, let cell = currentCell else { return nil }
        let h = c.geometry.height, w = c.geometry.width
        return (Double(cell.row * h.stride - h.paddingBefore) + Double(h.dilatedKernelSize) / 2,
                Double(cell.column * w.stride - w.paddingBefore) + Double(w.dilatedKernelSize) / 2)
    }

    /// Moves to the output cell of `channel` whose window centre is nearest to input pixel
    /// (`row`, `column`).
    mutating func moveWindow(toRow row: Double, column: Double, channel: Int) {
        guard let c = computation else { return }
        let h = c.geometry.height, w = c.geometry.width
        func index(_ v: Double, _ axis: ConvAxis) -> Int {
            let i = ((v + Double(axis.paddingBefore) - Double(axis.dilatedKernelSize) / 2) / Double(axis.stride)).rounded()
            return Int(max(0, min(Double(axis.outputSize - 1), i.isFinite ? i : 0)))
        }
        let ch = min(max(0, channel), c.geometry.outputChannels - 1)
        step = (ch * h.outputSize + index(row, h)) * w.outputSize + index(column, w) + 1
    }

    public mutating func adjust(parameter index: Int, by delta: Int) {
        let keep = windowCenter
        let channel = currentCell?.channel ?? 0
        switch index {
        case 0:
            let n = kernels.count
            kernelIndex = ((kernelIndex + delta) % n + n) % n
        case 1:
            padding = padding == .same ? .valid : .same
        case 2:
            stride = min(Self.maximumStride, max(1, stride + delta))
        case 3:
            setZoom(zoom + delta)
            return
        default:
            return
        }
        recompute()
        if let keep { moveWindow(toRow: keep.row, column: keep.column, channel: channel) }
    }

    mutating func setZoom(_ level: Int) {
        let pan = panCenter
        zoom = min(ImagePanel.maximumZoom, max(0, level))
        panCenter = pan
    }

    /// Moves the pictures' centre by a quarter of the visible span (in rows, columns).
    mutating func pan(rows: Int, columns: Int) {
        guard let centre = panCenter ?? windowCenter, let original else { return }
        let spanRows = Double(original.height) / Double(1 << zoom), spanColumns = Double(original.width) / Double(1 << zoom)
        panCenter = (min(Double(original.height), max(0, centre.row + Double(rows) * spanRows / 4)),
                     min(Double(original.width), max(0, centre.column + Double(columns) * spanColumns / 4)))
    }

    /// The image path the JSON names (set by the command line; default the image's name).
    public var imagePath: String?

    /// ``FilterJSON``: the kernel and the raw float output.
    public func json() -> String? {
        guard let computation, let filter else { return nil }
        return FilterJSON.render(filter: filter, computation: computation, imagePath: imagePath ?? imageName)
    }

    public mutating func handle(_ key: Key) -> Bool {
        guard computation != nil else { return false }
        switch key {
        case .character("c"):
            guard let c = computation, let cell = currentCell, c.geometry.outputChannels > 1 else { return false }
            let perChannel = c.geometry.height.outputSize * c.geometry.width.outputSize
            let next = (cell.channel + 1) % c.geometry.outputChannels
            let pan = panCenter
            step = next * perChannel + cell.row * c.geometry.width.outputSize + cell.column + 1
            panCenter = pan
        case .character("z"): setZoom(zoom + 1)
        case .character("Z"): setZoom(zoom - 1)
        case .character("H"): pan(rows: 0, columns: -1)
        case .character("L"): pan(rows: 0, columns: 1)
        case .character("K"): pan(rows: -1, columns: 0)
        case .character("J"): pan(rows: 1, columns: 0)
        case .character("0"): panCenter = nil
        case .enter:
            guard let centre = panCenter, let cell = currentCell else { return false }
            moveWindow(toRow: centre.row, column: centre.column, channel: cell.channel)
        case .character("v"): view = view.next
        default: return false
        }
        return true
    }

    public var sceneBindings: [(String, String)] {
        var keys: [(String, String)] = []
        if (computation?.geometry.inputChannels ?? 1) > 1 { keys.append(("c", "next channel")) }
        keys += [("z/Z", "zoom in/out"), ("H/J/K/L", "pan"), ("0", "follow the window"),
                 ("Enter", "window to view centre"), ("v", "view: split, pictures, numbers")]
        return keys
    }

    public func draw(into canvas: inout Canvas, area: Rect, glyphs: GlyphSet) {
        guard let computation, let original, let result, let filter, step >= 1 else { return }
        FilterDiagram(computation: computation, step: step, original: original, result: result,
                      mapping: filter.displayMapping, peak: peak, imageName: imageName, kernelName: kernelName,
                      view: view, zoom: zoom, panCenter: panCenter, glyphs: glyphs)
            .draw(into: &canvas, area: area)
    }
}
