import ConvCore
import ConvDiagrams

/// A named set of table columns that `c` (or +/- on the "columns" parameter) cycles through.
public struct ArchColumnPreset: Hashable, Sendable {
    /// The name shown in the parameter line ("default", "shapes", ...).
    public let name: String
    /// The columns, the layer column first.
    public let columns: [ArchColumn]

    /// Creates a preset.
    public init(name: String, columns: [ArchColumn]) {
        self.name = name
        self.columns = columns
    }

    /// The presets, in cycling order: torchinfo's default view, shapes and geometry, counts,
    /// receptive fields, and every column.
    public static let all: [ArchColumnPreset] = [
        ArchColumnPreset(name: "default", columns: ArchColumn.defaults),
        ArchColumnPreset(name: "shapes", columns: [.layer, .inputShape, .outputShape, .kernelShape, .stride, .padding,
                                                   .dilation, .groups]),
        ArchColumnPreset(name: "counts", columns: [.layer, .outputShape, .params, .paramsPercent, .multAdds]),
        ArchColumnPreset(name: "rf", columns: [.layer, .outputShape, .kernelShape, .stride, .padding, .receptiveField]),
        ArchColumnPreset(name: "all", columns: ArchColumn.allCases),
    ]
}

/// The architecture table scene (`convscope arch NAME` in a terminal): a scrollable torchinfo-style
/// table of a zoo model with the selected row highlighted, the selected layer's numbers worked out
/// beside or below it (``LayerFormula``), blocks that fold and unfold with Enter, `/` search, column
/// sets on `c`, a model picker on `m` and the totals of several models side by side on `v`.
///
/// The step is the selected row: 1-based over the visible rows, so the generic keys move the
/// selection (n/p, arrows, j/k, g/G); Page Up and Page Down move by ``pageRows``.
///
///     var scene = ArchScene(model: "googlenet")
///     scene.step = 8                      // inception3a, folded at first
///     _ = scene.handle(.enter)            // unfolds: branch1 ... branch4
///
/// Invalid configurations (an input too small for some layer) are kept as ``errorMessage``,
/// naming the layer, never thrown.
public struct ArchScene: Scene {
    /// What is open over the table.
    public enum Overlay: Equatable, Sendable {
        /// Nothing: the table has the keys.
        case none
        /// The `/` search box with the text typed so far.
        case search(query: String)
        /// The model picker with the highlighted line (an index into ``ModelZoo/entries``).
        case picker(selection: Int)
        /// The comparison of several models' totals.
        case comparison
    }

    /// Container types folded when a model is loaded: the blocks of the lecture (GoogLeNet's
    /// Inception and BasicConv2d, ResNet's BasicBlock and Bottleneck, DenseNet's _DenseLayer,
    /// _DenseBlock and _Transition).
    public static let foldedTypes: Set<String> = ["Inception", "BasicConv2d", "BasicBlock", "Bottleneck", "_DenseLayer",
                                                  "_DenseBlock", "_Transition"]
    /// The models compared by `v` (the lecture's point: GoogLeNet has a twentieth of VGG16's
    /// parameters); the model on screen is added when it is not among them.
    public static let defaultComparison = ["alexnet", "vgg16", "googlenet"]
    /// Rows moved by Page Up / Page Down.
    public static let pageRows = 10
    /// The input extents +/- reach on the "input" parameter, and the step they move by.
    public static let adjustableExtent = 1...4096, extentStep = 32

    /// The model's name ("googlenet").
    public private(set) var model: String
    /// The input [C, H, W].
    public private(set) var input: [Int]
    /// The deepest row shown, or nil for every depth.
    public private(set) var depth: Int?
    /// The column presets (the columns given on the command line come first when they differ from every preset).
    public private(set) var presets: [ArchColumnPreset]
    /// The index of the column preset in use.
    public private(set) var presetIndex = 0
    /// The summary, or nil when the configuration is invalid.
    public private(set) var summary: ModelSummary?
    /// Container rows whose children are hidden (indices into the summary's rows).
    public private(set) var folded: Set<Int> = []
    /// The rows shown, after the depth limit and folding.
    public private(set) var visible: [ArchTableLayout.VisibleRow] = []
    /// Why the configuration is invalid, if it is.
    public private(set) var errorMessage: String?
    /// What is open over the table.
    public private(set) var overlay: Overlay = .none
    /// The last search, repeated by `/` then Enter with nothing typed.
    public private(set) var lastSearch = ""
    /// A one-line note under the table ("no row matches ..."), cleared when the selection moves.
    public private(set) var notice: String?
    /// The summaries compared by `v`, built when the view opens.
    public private(set) var comparison: [ModelSummary] = []
    /// The zoo's listing for the picker, built when it first opens.
    public private(set) var listing: [ModelZoo.Listing] = []
    /// The models `v` compares.
    public var comparisonModels: [String]

    /// The selected row, 1-based over ``visible``.
    public var step: Int {
        didSet {
            step = visible.isEmpty ? 0 : min(max(1, step), visible.count)
            if step != oldValue { notice = nil }
        }
    }

    /// Opens `model` at `input` ([C, H, W], the model's default when nil).
    /// - Parameters:
    ///   - model: a zoo name (``ModelZoo/names``); an unknown name becomes ``errorMessage``.
    ///   - input: [C, H, W].
    ///   - depth: the deepest row shown (nil: all).
    ///   - columns: the columns wanted; a preset when they equal one, else a "chosen" set first in the cycle.
    ///   - comparisonModels: the models `v` compares.
    ///   - foldBlocks: fold the blocks of ``foldedTypes`` at first (false: every row shown).
    ///   - fileLoader: reads a model file (the command line's importers): nil for a name that is
    ///     not a file, else the summary at the given input (nil: the file's own) or why not.
    public init(model: String, input: [Int]? = nil, depth: Int? = nil, columns: [ArchColumn] = ArchColumn.defaults,
                comparisonModels: [String] = ArchScene.defaultComparison, foldBlocks: Bool = true,
                fileLoader: ModelFileLoader? = nil) {
        self.fileLoader = fileLoader
        if let loaded = fileLoader?(model, input) {
            isFile = true
            self.model = model
            if case let .success(summary) = loaded, summary.inputShape.count == 4 {
                self.input = Array(summary.inputShape.dropFirst())
            } else {
                self.input = input ?? [3, 224, 224]
            }
        } else {
            self.model = model.lowercased()
            self.input = input ?? (try? ModelZoo.entry(named: model).defaultInput) ?? [3, 224, 224]
        }
        self.depth = depth
        var wanted: [ArchColumn] = [.layer]
        for column in columns where !wanted.contains(column) { wanted.append(column) }
        if let index = ArchColumnPreset.all.firstIndex(where: { $0.columns == wanted }) {
            presets = ArchColumnPreset.all
            presetIndex = index
        } else {
            presets = [ArchColumnPreset(name: "chosen", columns: wanted)] + ArchColumnPreset.all
        }
        self.comparisonModels = comparisonModels
        step = 0
        load(resetFolds: foldBlocks)
        step = visible.isEmpty ? 0 : 1
    }

    /// Reads a model file: nil when the name is not one, else its summary at the input or why not.
    public typealias ModelFileLoader = @Sendable (_ name: String, _ input: [Int]?) -> Result<ModelSummary, SceneUnavailable>?
    /// The importers, when the command line gave them.
    let fileLoader: ModelFileLoader?
    /// True while the table shows a model file rather than a built-in model.
    public private(set) var isFile = false

    /// Rebuilds the summary; keeps folds and selection unless `resetFolds`.
    mutating func load(resetFolds: Bool) {
        if isFile, let fileLoader {
            switch fileLoader(model, input) ?? .failure(SceneUnavailable("\(model) is not a model file")) {
            case let .success(built):
                summary = built
                errorMessage = nil
                if resetFolds {
                    folded = Set(built.rows.indices.filter { Self.foldedTypes.contains(built.rows[$0].type) })
                }
            case let .failure(reason):
                summary = nil
                errorMessage = reason.reason
            }
            refreshVisible()
            return
        }
        do {
            let built = try ModelZoo.build(model, input: input)
            summary = built
            model = built.model
            errorMessage = nil
            if resetFolds {
                folded = Set(built.rows.indices.filter { Self.foldedTypes.contains(built.rows[$0].type) })
            }
        } catch {
            summary = nil
            errorMessage = "\(model) at input \(input.map(String.init).joined(separator: "x")): \(error.description)"
        }
        refreshVisible()
    }

    /// Recomputes ``visible`` and clamps the selection.
    mutating func refreshVisible() {
        if let summary {
            visible = ArchTable.visibleRows(of: summary, depth: depth ?? Int.max, folded: folded)
                .map { ArchTableLayout.VisibleRow(index: $0.index, collapsed: $0.collapsed) }
        } else {
            visible = []
        }
        let s = step
        step = s
    }

    /// The columns in use.
    public var columns: [ArchColumn] { presets[presetIndex].columns }

    /// The index in the summary's rows of the selected row.
    public var selectedRowIndex: Int? {
        visible.indices.contains(step - 1) ? visible[step - 1].index : nil
    }

    /// The selected row.
    public var selectedRow: ModelSummaryRow? {
        guard let summary, let index = selectedRowIndex else { return nil }
        return summary.rows[index]
    }

    public var title: String { "arch" }
    public var stepName: String { "row" }
    public var stepCount: Int { visible.count }

    public var parameters: [SceneParameter] {
        [
            SceneParameter("model", model),
            SceneParameter("input", input.map(String.init).joined(separator: "x")),
            SceneParameter("depth", depth.map(String.init) ?? "all"),
            SceneParameter("columns", presets[presetIndex].name),
        ]
    }

    /// The deepest row of the model (or 8 while the configuration is invalid).
    var maximumDepth: Int { summary?.rows.map(\.depth).max() ?? 8 }

    public mutating func adjust(parameter index: Int, by delta: Int) {
        let direction = delta >= 0 ? 1 : -1
        switch index {
        case 0:
            let names = ModelZoo.names
            let current = names.firstIndex(of: model) ?? 0
            load(model: names[(current + direction + names.count) % names.count])
        case 1:
            guard input.count == 3 else { return }
            let range = Self.adjustableExtent
            for axis in 1...2 {
                input[axis] = min(range.upperBound, max(range.lowerBound, input[axis] + direction * Self.extentStep))
            }
            load(resetFolds: false)
        case 2:
            let deepest = maximumDepth
            if direction > 0 {
                if let d = depth { depth = d + 1 >= deepest ? nil : d + 1 }
            } else {
                depth = max(0, (depth ?? deepest) - 1)
            }
            refreshVisible()
        case 3:
            presetIndex = (presetIndex + direction + presets.count) % presets.count
        default:
            return
        }
    }

    /// Loads zoo model `name` with its default input when the current input is the old model's
    /// default, else with the current input; folds its blocks and selects the first row.
    public mutating func load(model name: String) {
        let oldDefault = (try? ModelZoo.entry(named: model).defaultInput) ?? []
        let newDefault = (try? ModelZoo.entry(named: name).defaultInput) ?? input
        model = name
        isFile = false
        if input == oldDefault || errorMessage != nil { input = newDefault }
        depth = nil
        step = 0
        load(resetFolds: true)
        step = 1
    }

    public var capturesKeys: Bool { overlay != .none }

    public var sceneBindings: [(String, String)] {
        [("Enter", "fold"), ("/", "search"), ("c", "columns"), ("m", "models"), ("v", "compare")]
    }

    public var footerKeys: String { "j/k row  Tab +/- params" }

    public mutating func handle(_ key: Key) -> Bool {
        switch overlay {
        case let .search(query): return handleSearch(key, query: query)
        case let .picker(selection): return handlePicker(key, selection: selection)
        case .comparison:
            switch key {
            case .escape, .enter, .character("q"), .character("v"): overlay = .none
            default: break
            }
            return true
        case .none:
            break
        }
        switch key {
        case .enter: toggleFold()
        case .pageDown: step = min(stepCount, step + Self.pageRows)
        case .pageUp: step = max(1, step - Self.pageRows)
        case .character("c"): presetIndex = (presetIndex + 1) % presets.count
        case .character("/"):
            guard summary != nil else { return false }
            overlay = .search(query: "")
        case .character("m"):
            // While the configuration is invalid the frame shows the error, not the scene: no overlays.
            guard summary != nil else { return false }
            if listing.isEmpty { listing = (try? ModelZoo.listing()) ?? [] }
            overlay = .picker(selection: ModelZoo.names.firstIndex(of: model) ?? 0)
        case .character("v"):
            guard summary != nil else { return false }
            var names = comparisonModels
            if summary != nil, !names.contains(model) { names.append(model) }
            comparison = names.compactMap { name in
                name == model ? summary : try? ModelZoo.build(name)
            }
            overlay = .comparison
        default:
            return false
        }
        return true
    }

    /// Enter: fold or unfold the selected container.
    mutating func toggleFold() {
        guard let summary, let index = selectedRowIndex else { return }
        let row = summary.rows[index]
        guard !row.isLeaf, row.descendantCount > 0 else {
            notice = "\(row.type) is a layer, not a block: nothing to unfold"
            return
        }
        if let depth, row.depth >= depth {
            notice = "the depth limit (\(depth)) hides this block's rows: raise depth with Tab and +"
            return
        }
        if folded.contains(index) { folded.remove(index) } else { folded.insert(index) }
        refreshVisible()
    }

    mutating func handleSearch(_ key: Key, query: String) -> Bool {
        switch key {
        case .escape: overlay = .none
        case .enter:
            overlay = .none
            search(query.isEmpty ? lastSearch : query)
        case .backspace: overlay = .search(query: String(query.dropLast()))
        case let .character(c) where !c.isNewline && query.count < 64: overlay = .search(query: query + String(c))
        default: break
        }
        return true
    }

    /// Selects the next row after the selection (wrapping) whose module path, name or type
    /// contains `text` (case-insensitive), unfolding the blocks around it.
    public mutating func search(_ text: String) {
        guard let summary, !text.isEmpty else { return }
        lastSearch = text
        let needle = text.lowercased()
        let count = summary.rows.count
        let start = selectedRowIndex ?? 0
        for offset in 1...count {
            let index = (start + offset) % count
            let row = summary.rows[index]
            guard row.path.lowercased().contains(needle) || row.type.lowercased().contains(needle)
                    || row.label.lowercased().contains(needle) else { continue }
            var ancestor = row.parent
            while let a = ancestor {
                folded.remove(a)
                ancestor = summary.rows[a].parent
            }
            if let depth, row.depth > depth { self.depth = nil }
            refreshVisible()
            if let position = visible.firstIndex(where: { $0.index == index }) { step = position + 1 }
            notice = "found '\(text)': \(row.path.isEmpty ? row.type : row.path)"
            return
        }
        notice = "no row matches '\(text)'"
    }

    mutating func handlePicker(_ key: Key, selection: Int) -> Bool {
        let count = ModelZoo.entries.count
        func move(_ to: Int) { overlay = .picker(selection: min(count - 1, max(0, to))) }
        switch key {
        case .escape, .character("q"), .character("m"): overlay = .none
        case .down, .character("j"), .right, .character("n"): move(selection + 1)
        case .up, .character("k"), .left, .character("p"): move(selection - 1)
        case .pageDown: move(selection + Self.pageRows)
        case .pageUp: move(selection - Self.pageRows)
        case .home, .character("g"): move(0)
        case .end, .character("G"): move(count - 1)
        case .enter:
            overlay = .none
            if ModelZoo.entries.indices.contains(selection) { load(model: ModelZoo.entries[selection].name) }
        default: break
        }
        return true
    }

    // MARK: - Drawing

    public func draw(into canvas: inout Canvas, area: Rect, glyphs: GlyphSet) {
        guard let summary, area.width > 0, area.height > 2 else { return }
        let row = selectedRow
        let statusY = area.maxY - 1
        let besides = area.width >= 130
        let tableArea: Rect
        var panelArea: Rect
        if besides {
            let panelWidth = min(64, max(44, area.width / 3))
            tableArea = Rect(x: area.x, y: area.y, width: area.width - panelWidth - 2, height: area.height - 1)
            panelArea = Rect(x: tableArea.maxX + 2, y: area.y, width: panelWidth, height: area.height - 1)
        } else {
            let panelHeight = min(9, max(3, area.height * 2 / 5))
            tableArea = Rect(x: area.x, y: area.y, width: area.width, height: area.height - 1 - panelHeight)
            panelArea = Rect(x: area.x, y: tableArea.maxY, width: area.width, height: panelHeight)
        }
        let shown = drawTable(summary, into: &canvas, area: tableArea, glyphs: glyphs)
        if !besides {
            canvas.put(String(repeating: String(glyphs.horizontal), count: panelArea.width), x: panelArea.x,
                       y: panelArea.y, role: .border)
            panelArea = Rect(x: panelArea.x, y: panelArea.y + 1, width: panelArea.width, height: panelArea.height - 1)
        }
        if let row { drawFormula(row, summary: summary, into: &canvas, area: panelArea, glyphs: glyphs) }
        // Status line: search box, notice, or the position and the model's totals.
        let status: String
        let role: Role
        if case let .search(query) = overlay {
            status = "/" + query + "_   Enter jump  Esc cancel  (path, name or type)"
            role = .highlight
        } else if let notice {
            status = notice
            role = .accent
        } else {
            // Whole parts only: a number is never cut at the right edge.
            var text = shown.isEmpty ? "no rows" : "rows \(shown.lowerBound + 1)-\(shown.upperBound) of \(visible.count)"
            for part in ["   \(summary.model): \(ArchNumberFormat.grouped(summary.totalParams)) params",
                         ", \(ArchNumberFormat.grouped(summary.totalMultAdds)) mult-adds"] {
                guard displayWidth(of: text + part) <= area.width else { break }
                text += part
            }
            status = text
            role = .dim
        }
        canvas.put(prefix(of: status, fittingIn: area.width), x: area.x, y: statusY, role: role)
        switch overlay {
        case let .picker(selection): drawPicker(selection: selection, into: &canvas, area: area, glyphs: glyphs)
        case .comparison: drawComparison(into: &canvas, area: area, glyphs: glyphs)
        case .none, .search: break
        }
    }

    /// The table with a five-column gutter (the pointer, then "[+]" for a folded block and "[-]" for
    /// an open one; "▸" and "▾" in Unicode); returns the visible positions drawn. The viewport centres the selection, and scrolls further so that an
    /// unfolded block's rows show under it when they fit.
    func drawTable(_ summary: ModelSummary, into canvas: inout Canvas, area: Rect, glyphs: GlyphSet) -> Range<Int> {
        guard area.height >= 3 else { return 0..<0 }
        let gutter = 5
        let layout = ArchTableLayout(summary, unicode: glyphs.isUnicode, width: area.width - gutter,
                                     depth: depth ?? Int.max, columns: columns, folded: folded, variableNames: true)
        canvas.put(layout.header, x: area.x + gutter, y: area.y, role: .label)
        canvas.put(prefix(of: layout.divider, fittingIn: area.width - gutter), x: area.x + gutter, y: area.y + 1,
                   role: .border)
        let capacity = area.height - 2
        let count = layout.lines.count
        let selected = max(0, step - 1)
        var offset = min(max(0, selected - capacity / 2), max(0, count - capacity))
        if let summary = self.summary, visible.indices.contains(selected) {
            // The last visible row inside the selected block.
            let index = visible[selected].index
            let end = index + summary.rows[index].descendantCount
            var last = selected
            while last + 1 < visible.count, visible[last + 1].index <= end { last += 1 }
            if last >= offset + capacity { offset = min(selected, last - capacity + 1) }
        }
        let shown = offset..<min(count, offset + capacity)
        for (line, position) in shown.enumerated() {
            let y = area.y + 2 + line
            let entry = layout.visible[position]
            let row = summary.rows[entry.index]
            let isSelected = position == selected
            let fold: String
            if row.isLeaf || row.descendantCount == 0 {
                fold = "   "
            } else if entry.collapsed {
                fold = glyphs.isUnicode ? " ▸ " : "[+]"
            } else {
                fold = glyphs.isUnicode ? " ▾ " : "[-]"
            }
            canvas.put((isSelected ? String(glyphs.pointer) : " ") + fold + " ", x: area.x, y: y,
                       role: isSelected ? .highlight : .accent)
            canvas.put(layout.lines[position], x: area.x + gutter, y: y, role: isSelected ? .highlight : .plain)
            if isSelected {
                canvas.paint(x: area.x, y: y, width: min(area.width, gutter + layout.tableWidth), height: 1, role: .highlight)
            }
        }
        return shown
    }

    /// The selected row's path, shapes and worked-out formulas, wrapped to the panel.
    func drawFormula(_ row: ModelSummaryRow, summary: ModelSummary, into canvas: inout Canvas, area: Rect,
                     glyphs: GlyphSet) {
        guard area.width > 0, area.height > 0 else { return }
        let name = row.path.isEmpty ? summary.model : row.path
        var lines: [(String, Role)] = [("\(name)  (\(row.label))", .title)]
        let arrow = glyphs.isUnicode ? "→" : "->"
        lines.append(("\(ArchNumberFormat.shape(row.inputShape)) \(arrow) \(ArchNumberFormat.shape(row.outputShape))", .label))
        for text in LayerFormula.lines(for: row, glyphs: glyphs) {
            for part in wrap(text, columns: area.width) { lines.append((part, .plain)) }
        }
        for (offset, line) in lines.prefix(area.height).enumerated() {
            canvas.put(prefix(of: line.0, fittingIn: area.width), x: area.x, y: area.y + offset, role: line.1)
        }
    }

    /// A box over the table listing the zoo: name, total parameters, default input.
    func drawPicker(selection: Int, into canvas: inout Canvas, area: Rect, glyphs: GlyphSet) {
        let entries = listing
        let nameWidth = entries.map { displayWidth(of: $0.name) }.max() ?? 10
        let lines = entries.map { entry in
            padRight(entry.name, nameWidth) + "  " + padLeft(ArchNumberFormat.grouped(entry.totalParams), 11)
                + "  " + entry.defaultInput.map(String.init).joined(separator: "x")
        }
        let width = min(area.width, (lines.map { displayWidth(of: $0) }.max() ?? 30) + 6)
        let height = min(area.height, entries.count + 4)
        let capacity = max(1, height - 4)
        let offset = min(max(0, selection - capacity / 2), max(0, entries.count - capacity))
        let x = area.x + (area.width - width) / 2, y = area.y + (area.height - height) / 2
        for yy in y..<(y + height) { canvas.put(String(repeating: " ", count: width), x: x, y: yy) }
        canvas.box(x: x, y: y, width: width, height: height, glyphs: glyphs)
        canvas.put(prefix(of: "Models (Enter loads, Esc closes)", fittingIn: width - 4), x: x + 2, y: y + 1, role: .title)
        for (line, index) in (offset..<min(entries.count, offset + capacity)).enumerated() {
            let isSelected = index == selection
            let text = (isSelected ? String(glyphs.pointer) : " ") + " " + lines[index]
            canvas.put(prefix(of: text, fittingIn: width - 4), x: x + 2, y: y + 2 + line,
                       role: isSelected ? .highlight : .plain)
        }
    }

    /// The models' totals side by side, and their parameter counts as bars.
    func drawComparison(into canvas: inout Canvas, area: Rect, glyphs: GlyphSet) {
        for yy in area.y..<area.maxY { canvas.put(String(repeating: " ", count: area.width), x: area.x, y: yy) }
        var lines: [(String, Role)] = [("Totals side by side (Esc or v closes)", .title), ("", .plain)]
        let table = ArchTable.comparison(comparison, format: glyphs.isUnicode ? .unicode : .text, width: area.width)
        for line in table.split(separator: "\n") { lines.append((String(line), .plain)) }
        lines.append(("", .plain))
        lines.append(("Parameters (each bar to scale)", .label))
        let largest = comparison.map(\.totalParams).max() ?? 1
        let nameWidth = comparison.map { displayWidth(of: $0.model) }.max() ?? 8
        let numberWidth = comparison.map { ArchNumberFormat.grouped($0.totalParams).count }.max() ?? 1
        let barWidth = max(1, area.width - nameWidth - numberWidth - 4)
        for summary in comparison {
            let length = max(1, Int((Double(summary.totalParams) / Double(max(largest, 1)) * Double(barWidth)).rounded()))
            lines.append((padRight(summary.model, nameWidth) + "  " + padLeft(ArchNumberFormat.grouped(summary.totalParams), numberWidth)
                          + "  " + String(repeating: String(glyphs.shade), count: length), .plain))
        }
        for (offset, line) in lines.prefix(area.height).enumerated() {
            canvas.put(prefix(of: line.0, fittingIn: area.width), x: area.x, y: area.y + offset, role: line.1)
        }
    }
}
