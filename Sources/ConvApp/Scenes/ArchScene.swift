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
    /// receptive fields, activation memory and FLOPs, and every column.
    public static let all: [ArchColumnPreset] = [
        ArchColumnPreset(name: "default", columns: ArchColumn.defaults),
        ArchColumnPreset(name: "shapes", columns: [.layer, .inputShape, .outputShape, .kernelShape, .stride, .padding,
                                                   .dilation, .groups]),
        ArchColumnPreset(name: "counts", columns: [.layer, .outputShape, .params, .paramsPercent, .multAdds]),
        ArchColumnPreset(name: "rf", columns: [.layer, .outputShape, .kernelShape, .stride, .padding, .receptiveField]),
        ArchColumnPreset(name: "memory", columns: [.layer, .outputShape, .params, .multAdds, .flops, .outputMemory]),
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
        /// The `O` prompt: the path typed so far, the candidates Tab offered, and the position in
        /// ``recentFiles`` that Up/Down reached (nil: the typed text).
        case openFile(path: String, candidates: [String], recent: Int?)
    }

    /// Folder entries that complete a typed path: the command line's file system lookup
    /// (folders end in "/"), so that the app itself reads no directory.
    public typealias PathCompleter = @Sendable (_ prefix: String) -> [String]
    /// The most files ``recentFiles`` keeps.
    public static let recentFileLimit = 5

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
    ///   - pathCompleter: completes a typed path on Tab in the `O` prompt (nil: no completion).
    ///   - recentFiles: the files opened before, most recent first (Up/Down in the `O` prompt).
    public init(model: String, input: [Int]? = nil, depth: Int? = nil, columns: [ArchColumn] = ArchColumn.defaults,
                comparisonModels: [String] = ArchScene.defaultComparison, foldBlocks: Bool = true,
                fileLoader: ModelFileLoader? = nil, pathCompleter: PathCompleter? = nil, recentFiles: [String] = []) {
        self.fileLoader = fileLoader
        self.pathCompleter = pathCompleter
        self.openedFiles = Array(recentFiles.prefix(Self.recentFileLimit))
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
    /// Completes paths in the `O` prompt.
    let pathCompleter: PathCompleter?
    /// The files opened with `O`, and before (``recentFiles``), most recent first.
    private var openedFiles: [String]

    public var recentFiles: [String]? { openedFiles }

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
        [("Enter", "fold"), ("/", "search"), ("c", "columns"), ("m", "models"), ("v", "compare"), ("O", "open file")]
    }

    public var footerKeys: String { "j/k row  Tab +/- params" }

    /// The table's own generic keys: rows and pages, no playback (a table has nothing to play).
    public var genericBindings: [(String, String)] {
        [
            ("Down j / Up k", "next / previous row"),
            ("PgUp / PgDn", "a page up / down"),
            ("g / G", "first / last row"),
        ] + Keymap.commonBindings
    }

    public mutating func handle(_ key: Key) -> Bool {
        switch overlay {
        case let .search(query): return handleSearch(key, query: query)
        case let .picker(selection): return handlePicker(key, selection: selection)
        case let .openFile(path, candidates, recent): return handleOpenFile(key, path: path, candidates: candidates, recent: recent)
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
        case .character("O"):
            guard fileLoader != nil else {
                notice = "opening files needs the command line's importers"
                return true
            }
            overlay = .openFile(path: "", candidates: [], recent: nil)
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

    /// The `O` prompt: type a path, Tab completes it (to the one candidate, or to the candidates'
    /// common prefix, listing them), Up/Down walk ``recentFiles``, Enter opens, Esc cancels.
    mutating func handleOpenFile(_ key: Key, path: String, candidates: [String], recent: Int?) -> Bool {
        switch key {
        case .escape: overlay = .none
        case .enter:
            overlay = .none
            open(file: path)
        case .backspace: overlay = .openFile(path: String(path.dropLast()), candidates: [], recent: nil)
        case .tab:
            let found = (pathCompleter?(path) ?? []).sorted()
            if found.count == 1, let only = found.first {
                overlay = .openFile(path: only, candidates: [], recent: nil)
            } else {
                let common = Self.commonPrefix(found)
                let shown = found.map { $0.hasSuffix("/") ? String($0.dropLast().split(separator: "/").last ?? "") + "/"
                                                          : String($0.split(separator: "/").last ?? "") }
                overlay = .openFile(path: common.count > path.count ? common : path,
                                    candidates: found.isEmpty ? ["(no match)"] : Array(shown.prefix(12)), recent: nil)
            }
        case .up, .down:
            guard !openedFiles.isEmpty else { break }
            let next: Int
            if key == .up { next = min(openedFiles.count - 1, (recent ?? -1) + 1) } else { next = max(0, (recent ?? 1) - 1) }
            overlay = .openFile(path: openedFiles[next], candidates: [], recent: next)
        case let .character(c) where !c.isNewline && path.count < 4096:
            overlay = .openFile(path: path + String(c), candidates: [], recent: nil)
        default: break
        }
        return true
    }

    /// Opens model file `file` (the `O` prompt's Enter): the table shows it, or the notice says
    /// why not (the importer's one line) and the current table stays.
    public mutating func open(file: String) {
        let path = file.trimmed()
        guard !path.isEmpty, let fileLoader else { return }
        switch fileLoader(path, nil) {
        case let .success(built)?:
            isFile = true
            model = path
            if built.inputShape.count == 4 { input = Array(built.inputShape.dropFirst()) }
            summary = built
            errorMessage = nil
            folded = Set(built.rows.indices.filter { Self.foldedTypes.contains(built.rows[$0].type) })
            refreshVisible()
            step = visible.isEmpty ? 0 : 1
            openedFiles.removeAll { $0 == path }
            openedFiles.insert(path, at: 0)
            openedFiles = Array(openedFiles.prefix(Self.recentFileLimit))
            notice = "opened \(path)"
        case let .failure(reason)?:
            notice = reason.reason
        case nil:
            notice = "\(path): not a model file (a built-in name opens with m)"
        }
    }

    /// The longest common prefix of `words`.
    static func commonPrefix(_ words: [String]) -> String {
        guard var prefix = words.first else { return "" }
        for word in words.dropFirst() {
            while !word.hasPrefix(prefix) { prefix.removeLast() }
        }
        return prefix
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
        guard let summary else { return }
        let status: ArchDiagram.Status
        if case let .search(query) = overlay {
            status = .search(query: query)
        } else if case let .openFile(path, candidates, _) = overlay {
            status = .openFile(path: path, candidates: candidates)
        } else if let notice {
            status = .notice(notice)
        } else {
            status = .totals
        }
        let picture: ArchDiagram.Overlay
        switch overlay {
        case let .picker(selection): picture = .picker(listing: listing, selection: selection)
        case .comparison: picture = .comparison(comparison)
        case .none, .search, .openFile: picture = .none
        }
        ArchDiagram(summary: summary, visible: visible, selected: step, depth: depth ?? Int.max, columns: columns,
                    folded: folded, status: status, overlay: picture, glyphs: glyphs)
            .draw(into: &canvas, area: area)
    }
}
