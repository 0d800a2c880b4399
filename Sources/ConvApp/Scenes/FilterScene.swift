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
public typealias FilterScene = ModelScene<FilterModel>

/// The options of the image-filter scene.
public struct FilterOptions: Sendable {
    /// The image's name for the title (a file name).
    public var imageName: String
    /// The image as 1 x C x H x W values 0-255 (C = 1 or 3).
    public let image: Tensor
    /// The image prepared for drawing (nil when the image is not 1 x 1 or 3 x H x W).
    public let original: ImagePyramid?
    /// Why the image cannot be shown (not 1 x 1 or 3 x H x W), if so.
    public let imageProblem: String?
    /// The kernels +/- cycles through: a typed one first (if given), then the named ones.
    public let kernels: [FilterKernel]
    /// Index into ``kernels``.
    public var kernelIndex: Int
    /// same or valid.
    public var padding: FilterPadding
    /// The step between windows (1...``FilterModel/maximumStride``).
    public var stride: Int
    /// Zoom level of the pictures (0 = whole image, 1...``ImagePanel/maximumZoom`` double each).
    public var zoom = 0
    /// The image path the JSON names (set by the command line; default the image's name).
    public var imagePath: String?

    /// Options for `kernel` on `image`; a kernel that is not one of the named ones is offered
    /// first when +/- cycles the kernels. The stride is clamped to 1...16.
    public init(imageName: String, image: Tensor, kernel: FilterKernel, padding: FilterPadding = .same, stride: Int = 1) {
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
        self.stride = clamp(stride, 1...FilterModel.maximumStride)
    }

    /// The kernel in use.
    public var kernel: FilterKernel { kernels[kernelIndex] }

    /// The kernel's name: its own, or "custom kH x kW".
    public var kernelName: String { kernel.name ?? "custom \(kernel.rows)x\(kernel.columns)" }
}

/// The image-filter scene as a model.
public enum FilterModel: SceneModel {
    /// The filter on the image.
    public struct Result: Sendable {
        /// The filter the options describe.
        public let filter: ImageFilter
        /// Its computation (1 x C x H' x W' output, traces).
        public let computation: ConvComputation
        /// The original prepared for drawing.
        public let original: ImagePyramid
        /// The raw result prepared for drawing through the filter's display mapping.
        public let result: ImagePyramid
        /// max |v| of the raw output.
        public let peak: Float
    }

    /// What the view shows besides the step.
    public struct View: Equatable, Sendable {
        /// The input pixel the pictures centre on, or nil to follow the kernel window.
        public var panCenter: PanCenter?
        /// Which parts are shown.
        public var view: FilterView = .split
        /// Follows the window, split view.
        public init() {}
    }

    /// An input pixel position (fractional), in rows and columns.
    public struct PanCenter: Equatable, Sendable {
        /// The row and the column.
        public var row: Double, column: Double
    }

    /// The largest stride offered: 16.
    public static let maximumStride = 16

    /// "filter".
    public static func title(_ options: FilterOptions) -> String { "filter" }

    /// Runs the filter.
    /// - Throws: ``ConvError`` for an image that is not 1 x 1 or 3 x H x W, or a kernel larger
    ///   than a valid-padded image.
    public static func compute(_ o: FilterOptions) throws(ConvError) -> Result {
        if let problem = o.imageProblem { throw ConvError.shapeMismatch(problem) }
        guard let original = o.original else { throw ConvError.shapeMismatch("the image cannot be shown") }
        let filter = try ImageFilter(kernel: o.kernel, padding: o.padding, stride: o.stride)
        let computed = try filter.computation(on: o.image)
        let peak = DisplayMapping.maximumMagnitude(of: computed.output)
        // Drawn through the mapping: no mapped copy of a large result is made.
        let result = try ImagePyramid(tensor: computed.output, mapping: filter.displayMapping, peak: peak)
        return Result(filter: filter, computation: computed, original: original, result: result, peak: peak)
    }

    public static func initialView(_ options: FilterOptions) -> View { View() }

    /// One step per output value.
    public static func stepCount(_ r: Result, view: View) -> Int { r.computation.stepCount }
    /// An output row.
    public static func stepsPerRow(_ r: Result, view: View, step: Int) -> Int { r.computation.geometry.width.outputSize }

    /// Moving the window follows it again.
    public static func stepChanged(_ view: inout View, from old: Int, to new: Int) { view.panCenter = nil }

    /// A zoom change keeps the filter's result.
    public static func recomputes(from old: FilterOptions, to new: FilterOptions) -> Bool {
        old.kernelIndex != new.kernelIndex || old.padding != new.padding || old.stride != new.stride
    }

    /// A new kernel, padding or stride keeps the window where it was in the image (and its channel).
    public static func carryStep(_ step: Int, from old: Result?, to new: Result, view: View) -> Int {
        guard let old, let centre = windowCenter(old.computation, step: step),
              let cell = try? old.computation.cell(ofStep: step) else { return step }
        return self.step(new.computation, nearRow: centre.row, column: centre.column, channel: cell.channel)
    }

    /// The centre of step `step`'s window, in input pixels.
    static func windowCenter(_ c: ConvComputation, step: Int) -> PanCenter? {
        guard let cell = try? c.cell(ofStep: step) else { return nil }
        let h = c.geometry.height, w = c.geometry.width
        return PanCenter(row: Double(cell.row * h.stride - h.paddingBefore) + Double(h.dilatedKernelSize) / 2,
                         column: Double(cell.column * w.stride - w.paddingBefore) + Double(w.dilatedKernelSize) / 2)
    }

    /// The step of the output cell of `channel` whose window centre is nearest to input pixel (`row`, `column`).
    static func step(_ c: ConvComputation, nearRow row: Double, column: Double, channel: Int) -> Int {
        let h = c.geometry.height, w = c.geometry.width
        func index(_ v: Double, _ axis: ConvAxis) -> Int {
            let i = ((v + Double(axis.paddingBefore) - Double(axis.dilatedKernelSize) / 2) / Double(axis.stride)).rounded()
            return Int(max(0, min(Double(axis.outputSize - 1), i.isFinite ? i : 0)))
        }
        let ch = min(max(0, channel), c.geometry.outputChannels - 1)
        return (ch * h.outputSize + index(row, h)) * w.outputSize + index(column, w) + 1
    }

    /// Kernel, padding, stride and the pictures' zoom.
    public static func controls(_ o: FilterOptions) -> [Control<FilterOptions>] {
        [
            Control("kernel", value: { $0.kernelName }, adjust: { o, d in
                let n = o.kernels.count
                o.kernelIndex = ((o.kernelIndex + d) % n + n) % n
            }),
            Control("padding", value: { $0.padding.rawValue }, adjust: { o, _ in o.padding = o.padding == .same ? .valid : .same }),
            .int("stride", \.stride, 1...maximumStride),
            Control("zoom", value: { $0.zoom == 0 ? "fit" : "\(1 << $0.zoom)x" },
                    adjust: { o, d in o.zoom = clamp(o.zoom + d, 0...ImagePanel.maximumZoom) }),
        ]
    }

    /// Channel, zoom, pan, follow, window to the view's centre, view cycle.
    public static func keys(_ r: Result, options: FilterOptions, view: View) -> [SceneKey<FilterModel>] {
        let c = r.computation
        func pan(_ rows: Int, _ columns: Int) -> (Result, inout View, inout Int) -> Bool {
            { r, view, step in
                guard let centre = view.panCenter ?? windowCenter(r.computation, step: step) else { return false }
                let scale = Double(1 << options.zoom)
                let height = Double(r.original.height), width = Double(r.original.width)
                let spanRows = height / scale, spanColumns = width / scale
                // Keep the centre where the view can follow it (half a view from each edge), before
                // and after the move, so that every press near an edge moves the view.
                func movable(_ value: Double, _ span: Double, _ extent: Double) -> Double {
                    min(max(value, min(span / 2, extent / 2)), max(extent - span / 2, extent / 2))
                }
                view.panCenter = PanCenter(
                    row: movable(movable(centre.row, spanRows, height) + Double(rows) * spanRows / 4, spanRows, height),
                    column: movable(movable(centre.column, spanColumns, width) + Double(columns) * spanColumns / 4,
                                    spanColumns, width))
                return true
            }
        }
        var keys: [SceneKey<FilterModel>] = []
        if c.geometry.inputChannels > 1 {
            keys.append(SceneKey([.character("c")], "c", "next channel") { r, _, step in
                let c = r.computation
                guard let cell = try? c.cell(ofStep: step), c.geometry.outputChannels > 1 else { return false }
                let perChannel = c.geometry.height.outputSize * c.geometry.width.outputSize
                step = ((cell.channel + 1) % c.geometry.outputChannels) * perChannel
                    + cell.row * c.geometry.width.outputSize + cell.column + 1
                return true
            })
        }
        func zoom(_ delta: Int) -> (inout FilterOptions) -> Void {
            { $0.zoom = clamp($0.zoom + delta, 0...ImagePanel.maximumZoom) }
        }
        keys += [
            // Help lines for the pairs below (no keys of their own), then the unlisted keys.
            SceneKey([], "z/Z", "zoom in/out") { _, _, _ in false },
            SceneKey([], "H/J/K/L", "pan") { _, _, _ in false },
            SceneKey([.character("0")], "0", "follow the window") { _, view, _ in
                view.panCenter = nil
                return true
            },
            SceneKey([.enter], "Enter", "window to view centre") { r, view, step in
                guard let centre = view.panCenter, let cell = try? r.computation.cell(ofStep: step) else { return false }
                let new = self.step(r.computation, nearRow: centre.row, column: centre.column, channel: cell.channel)
                if new != step { view.panCenter = nil }
                step = new
                return true
            },
            SceneKey([.character("v")], "v", "view: split, pictures, numbers") { _, view, _ in
                view.view = view.view.next
                return true
            },
            SceneKey([.character("z")], "", "", options: zoom(1)),
            SceneKey([.character("Z")], "", "", options: zoom(-1)),
            SceneKey([.character("H")], "", "", perform: pan(0, -1)),
            SceneKey([.character("L")], "", "", perform: pan(0, 1)),
            SceneKey([.character("K")], "", "", perform: pan(-1, 0)),
            SceneKey([.character("J")], "", "", perform: pan(1, 0)),
        ]
        return keys
    }

    /// ``FilterDiagram``.
    public static func draw(_ r: Result, options: FilterOptions, view: View, step: Int,
                            into canvas: inout Canvas, area: Rect, glyphs: GlyphSet) {
        FilterDiagram(computation: r.computation, step: step, original: r.original, result: r.result,
                      mapping: r.filter.displayMapping, peak: r.peak, imageName: options.imageName,
                      kernelName: options.kernelName, view: view.view, zoom: options.zoom,
                      panCenter: view.panCenter.map { ($0.row, $0.column) }, glyphs: glyphs)
            .draw(into: &canvas, area: area)
    }

    /// ``FilterJSON``: the kernel and the raw float output.
    public static func json(_ r: Result, options: FilterOptions, step: Int) -> String {
        FilterJSON.render(filter: r.filter, computation: r.computation, imagePath: options.imagePath ?? options.imageName)
    }
}

extension ModelScene where M == FilterModel {
    /// The largest stride offered: 16.
    public static var maximumStride: Int { FilterModel.maximumStride }

    /// Builds the scene and runs the filter.
    /// - Parameters:
    ///   - image: 1 x C x H x W, values 0-255.
    ///   - kernel: the kernel to start with; a kernel that is not one of the named ones is offered
    ///     first when +/- cycles the kernels.
    /// An invalid configuration (a kernel larger than a valid-padded image) becomes
    /// ``errorMessage``; an image that is not 1 x 1 or 3 x H x W too.
    public init(imageName: String, image: Tensor, kernel: FilterKernel, padding: FilterPadding = .same,
                stride: Int = 1, step: Int = 1) {
        self.init(FilterOptions(imageName: imageName, image: image, kernel: kernel, padding: padding, stride: stride), step: step)
    }

    /// The filter on the image, or nil while the configuration is invalid.
    public var computation: ConvComputation? { result?.computation }
    /// The filter the options describe, or nil while invalid.
    public var filter: ImageFilter? { result?.filter }
    /// The pictures' centre, or nil while they follow the window.
    public var panCenter: FilterModel.PanCenter? { view.panCenter }
    /// The current output cell (channel, row, column), if the configuration is valid.
    public var currentCell: (channel: Int, row: Int, column: Int)? {
        guard let c = computation, let cell = try? c.cell(ofStep: step) else { return nil }
        return (cell.channel, cell.row, cell.column)
    }
}
