import Testing
import ConvApp
import ConvCore
import ConvDiagrams
import ConvTestSupport

/// A torchinfo table from `Fixtures/models` (torchvision 0.29.2 summarised by torchinfo 1.8.0),
/// decoded as far as these tests need.
private struct GoldenRows: Decodable {
    struct Row: Decodable {
        let depth: Int
        let type: String
        let name: String
        let isLeaf: Bool
        let params: Int?
        let multAdds: Int?
        enum CodingKeys: String, CodingKey {
            case depth, params
            case type = "class"
            case name = "var_name"
            case isLeaf = "is_leaf"
            case multAdds = "mult_adds"
        }
    }
    let layers: [Row]

    static func load(_ model: String) throws -> GoldenRows {
        try Fixtures.decode(GoldenRows.self, from: "models/\(model).json")
    }

    /// The rows of the block starting at `start` (not included), up to the next row at its depth or above.
    func block(at start: Int) -> ArraySlice<Row> {
        let end = layers[(start + 1)...].firstIndex { $0.depth <= layers[start].depth } ?? layers.count
        return layers[(start + 1)..<end]
    }
}

/// Total parameters of the zoo, from the golden README (torchvision 0.29.2) and the issue
/// (vgg11_bn, vgg13_bn, vgg19_bn, googlenet-original).
private let goldenTotals: [String: String] = [
    "alexnet": "61,100,840", "alexnet-original": "60,965,224", "vgg11": "132,863,336", "vgg11_bn": "132,868,840",
    "vgg13": "133,047,848", "vgg13_bn": "133,053,736", "vgg16": "138,357,544", "vgg16_bn": "138,365,992",
    "vgg19": "143,667,240", "vgg19_bn": "143,678,248", "googlenet": "6,624,904", "googlenet-original": "6,998,552",
    "resnet18": "11,689,512", "resnet34": "21,797,672", "resnet50": "25,557,032", "resnet101": "44,549,160",
    "resnet152": "60,192,808", "densenet121": "7,978,856", "densenet161": "28,681,000", "densenet169": "14,149,480",
    "densenet201": "20,013,928",
]

/// The architecture scene without a terminal: keys -> actions -> states -> frames.
@Suite struct ArchSceneTests {
    let size = Size(width: 100, height: 30)


    func type(_ state: AppState, _ text: String) -> AppState {
        text.reduce(state) { reduce($0, Keymap.action(for: .character($1), in: $0)) }
    }

    func scene(_ state: AppState) throws -> ArchScene {
        try #require(state.scene as? ArchScene)
    }

    func text(_ state: AppState, _ size: Size? = nil) -> String {
        frame(state, size: size ?? self.size).plainText
    }

    /// GoogLeNet opens with its blocks folded (one row per child of the model, as torchinfo's
    /// depth 1); Enter on inception3a shows torchvision's four branches, Enter again hides them.
    @Test func enterUnfoldsAnInceptionBlockIntoItsFourBranches() throws {
        let golden = try GoldenRows.load("googlenet")
        let topLevel = golden.layers.filter { $0.depth <= 1 }
        var s = AppState(scene: ArchScene(model: "googlenet"))
        #expect(s.scene.stepCount == topLevel.count)
        let position = try #require(topLevel.firstIndex { $0.name == "inception3a" })
        for _ in 0..<position { s = press(s, .character("j")) }
        #expect(try scene(s).selectedRow?.path == "inception3a")
        var screen = text(s)
        #expect(screen.contains("row \(position + 1)/\(topLevel.count)"), "\(screen)")
        #expect(screen.contains(">[+] + Inception (inception3a)") && screen.contains("Inception (inception3a)"), "\(screen)")
        #expect(!screen.contains("(branch1)"))
        // The folded block shows the sum of its hidden leaves, as torchinfo does at its depth limit.
        let start = try #require(golden.layers.firstIndex { $0.name == "inception3a" })
        let blockParams = golden.block(at: start).compactMap(\.params).reduce(0, +)
        #expect(screen.contains(groupedThousands(blockParams)), "\(screen)")

        s = press(s, .enter)
        screen = text(s)
        let branches = golden.block(at: start).filter { $0.depth == 2 }.map(\.name)
        #expect(branches == ["branch1", "branch2", "branch3", "branch4"])
        for branch in branches { #expect(screen.contains("(\(branch))"), "\(branch)\n\(screen)") }
        #expect(screen.contains(">[-] + Inception (inception3a)"), "\(screen)")
        // branch1 (BasicConv2d) stays folded: its conv and bn summed.
        let branch1 = try #require(golden.layers.indices.first { $0 > start && golden.layers[$0].name == "branch1" })
        #expect(screen.contains(groupedThousands(golden.block(at: branch1).compactMap(\.params).reduce(0, +))))
        // The panel explains the block: four branches concatenated (torchvision: 64 + 128 + 32 + 32).
        #expect(screen.contains("concat of 4 branches, 64 + 128 + 32 + 32 = 256 channels"), "\(screen)")

        s = press(s, .enter)
        #expect(!text(s).contains("(branch1)"))
        #expect(s.scene.stepCount == topLevel.count)
    }

    /// The panel works the selected layer out (the issue's example: 3·3·3·64 + 64 = 1,792), with
    /// torchinfo's mult-adds from the golden table.
    @Test func formulaPanelWorksOutTheSelectedLayer() throws {
        let golden = try GoldenRows.load("vgg16")
        var s = AppState(scene: ArchScene(model: "vgg16"))
        s = press(s, .down, .down)
        #expect(try scene(s).selectedRow?.path == "features.0")
        let screen = text(s)
        #expect(screen.contains("Conv2d 3->64, k3: 3*3*3*64 + 64 = 1,792"), "\(screen)")
        let first = try #require(golden.layers.first { $0.isLeaf })
        #expect(screen.contains("= \(groupedThousands(try #require(first.multAdds)))"), "\(screen)")
        #expect(screen.contains("H_out = floor((224 + 2*1 - 3)/1) + 1 = 224"), "\(screen)")
        // Unicode glyphs write the product with a middle dot.
        var u = AppState(scene: ArchScene(model: "vgg16"), glyphs: .unicode)
        u = press(u, .down, .down)
        #expect(text(u).contains("3·3·3·64 + 64 = 1,792"))
    }

    /// The help overlay of a table lists the keys it uses (PgUp/PgDn pages) and no playback
    /// (issue 14: Space and ] / [ were listed, PgUp/PgDn left out); step-throughs keep theirs.
    @Test func helpListsTheTablesKeysWithoutPlayback() throws {
        let s = press(AppState(scene: ArchScene(model: "vgg16")), .character("?"))
        let screen = text(s, Size(width: 120, height: 50))
        #expect(screen.contains("PgUp / PgDn") && screen.contains("a page up / down"), "\(screen)")
        #expect(!screen.contains("play / pause") && !screen.contains("faster / slower playback"), "\(screen)")
        let conv = frame(press(AppState(scene: ConvScene(parameters: ConvSceneParameters())), .character("?")),
                         size: Size(width: 120, height: 50)).plainText
        #expect(conv.contains("play / pause"))
    }

    /// The step is the selected row, so the generic keys move the selection.
    @Test func navigationKeysMoveTheSelection() throws {
        var s = AppState(scene: ArchScene(model: "resnet50", foldBlocks: false))
        let count = s.scene.stepCount
        #expect(count == (try GoldenRows.load("resnet50")).layers.count)
        s = press(s, .character("n"), .right, .down, .character("j"))
        #expect(s.scene.step == 5)
        s = press(s, .character("p"), .up, .character("k"), .left)
        #expect(s.scene.step == 1)
        s = press(s, .pageDown)
        #expect(s.scene.step == 1 + ArchScene.pageRows)
        s = press(s, .pageUp, .pageUp)
        #expect(s.scene.step == 1)
        s = press(s, .character("G"))
        #expect(s.scene.step == count)
        #expect(try scene(s).selectedRow?.type == "Linear")
        #expect(text(s).contains("row \(count)/\(count)"))
        s = press(s, .pageDown, .character("g"))
        #expect(s.scene.step == 1)
    }

    /// `/` captures typed keys (q does not quit), Enter jumps and unfolds, Esc cancels, and an
    /// empty search repeats the last one.
    @Test func searchJumpsUnfoldsAndCancels() throws {
        var s = AppState(scene: ArchScene(model: "resnet50"))
        s = press(s, .character("/"))
        #expect(s.scene.capturesKeys)
        s = type(s, "layer4.2.conv3")
        #expect(!s.shouldQuit)
        #expect(text(s).contains("/layer4.2.conv3_"))
        s = press(s, .enter)
        #expect(!s.scene.capturesKeys)
        #expect(try scene(s).selectedRow?.path == "layer4.2.conv3")
        #expect(text(s).contains("Conv2d (conv3)"))
        // Cancel keeps the selection.
        let before = s.scene.step
        s = press(s, .character("/"))
        s = type(s, "classifier")
        s = press(s, .escape)
        #expect(s.scene.step == before && !s.shouldQuit && !s.scene.capturesKeys)
        // A query with no match says so.
        s = press(s, .character("/"))
        s = type(s, "quux")
        s = press(s, .backspace, .enter)
        #expect(text(s).contains("no row matches 'qu"), "\(text(s))")
        // Types match too; Enter on an empty box repeats.
        s = press(s, .character("g"), .character("/"))
        s = type(s, "Linear")
        s = press(s, .enter)
        #expect(try scene(s).selectedRow?.path == "fc")
        s = press(s, .character("g"), .character("/"), .enter)
        #expect(try scene(s).selectedRow?.path == "fc")
    }

    /// `c` cycles the column sets; the header follows.
    @Test func columnsCycle() throws {
        var s = AppState(scene: ArchScene(model: "alexnet"))
        #expect(s.scene.parameters.last == SceneParameter("columns", "default"))
        s = press(s, .character("c"))
        #expect(s.scene.parameters.last == SceneParameter("columns", "shapes"))
        #expect(text(s).contains("Stride") && text(s).contains("Padding"))
        #expect(!text(s).contains("Param #"))
        #expect(text(s, Size(width: 220, height: 30)).contains("Dilation"))
        for _ in 1..<ArchColumnPreset.all.count { s = press(s, .character("c")) }
        #expect(s.scene.parameters.last == SceneParameter("columns", "default"))
        // Columns given on the command line come first in the cycle.
        let chosen = AppState(scene: ArchScene(model: "alexnet", columns: [.params, .receptiveField]))
        #expect(chosen.scene.parameters.last == SceneParameter("columns", "chosen"))
        #expect(chosen.scene.stepCount > 0)
    }

    /// `m` lists the zoo with each total (golden README) and Enter loads the highlighted model.
    @Test func pickerLoadsAModel() throws {
        var s = AppState(scene: ArchScene(model: "alexnet"))
        s = press(s, .character("m"))
        #expect(s.scene.capturesKeys)
        let screen = text(s, Size(width: 100, height: 40))
        for (name, total) in goldenTotals { #expect(screen.contains(name) && screen.contains(total), "\(name)") }
        s = press(s, .escape)
        #expect(try scene(s).model == "alexnet" && !s.shouldQuit)
        s = press(s, .character("m"), .character("G"), .enter)
        #expect(try scene(s).model == "densenet201")
        #expect(s.scene.step == 1)
        #expect(text(s).contains(try #require(goldenTotals["densenet201"])))
        s = press(s, .character("m"), .character("g"), .character("j"), .enter)
        #expect(try scene(s).model == "alexnet-original")
        #expect(s.scene.parameters[1] == SceneParameter("input", "3x227x227"))
    }

    /// `v` puts AlexNet, VGG16 and GoogLeNet side by side (the lecture's point), plus the model on screen.
    @Test func comparisonShowsTheLecturesTotals() throws {
        var s = AppState(scene: ArchScene(model: "resnet50"))
        s = press(s, .character("v"))
        let screen = text(s)
        for name in ["alexnet", "vgg16", "googlenet", "resnet50"] {
            #expect(screen.contains(try #require(goldenTotals[name])), "\(name)\n\(screen)")
        }
        #expect(screen.contains("Total params"))
        s = press(s, .character("q"))
        #expect(!s.shouldQuit && !s.scene.capturesKeys)
        #expect(!text(s).contains("Totals side by side"))
    }

    /// An input too small for a layer is shown as content naming the layer, never thrown; +
    /// brings the table back.
    @Test func tooSmallInputIsShownNotThrown() throws {
        var s = AppState(scene: ArchScene(model: "vgg16"))
        s = press(s, .tab)
        #expect(s.focus == 1)
        for _ in 0..<8 { s = press(s, .character("-")) }
        #expect(s.scene.parameters[1] == SceneParameter("input", "3x1x1"))
        // 1 x 1 survives the 3x3 convolutions (padding 1) but not the first 2x2 max pool (features.4).
        let error = try #require(s.scene.errorMessage)
        #expect(error.contains("features.4") && error.contains("MaxPool2d"), "\(error)")
        #expect(s.scene.stepCount == 0)
        #expect(text(s).contains("Invalid configuration"))
        // No overlay opens over an error the frame shows instead of the table.
        s = press(s, .character("m"), .character("v"), .character("/"))
        #expect(!s.scene.capturesKeys)
        s = press(s, .character("+"))
        #expect(s.scene.errorMessage == nil)
        #expect(s.scene.parameters[1] == SceneParameter("input", "3x33x33"))
        // Depth: - shows fewer levels, + back to all.
        s = press(s, .tab, .character("-"))
        #expect(s.scene.parameters[2] == SceneParameter("depth", "1"))
        s = press(s, .character("-"))
        #expect(s.scene.stepCount == 1)
        s = press(s, .character("+"), .character("+"))
        #expect(s.scene.parameters[2] == SceneParameter("depth", "all"))
    }

    /// The table fits the body at any width by dropping optional columns; every leaf's parameter
    /// count (golden) appears whole.
    @Test(arguments: [60, 80, 100, 160])
    func tableFitsTheBodyWithoutCuttingNumbers(_ width: Int) throws {
        for model in ["googlenet", "resnet50"] {
            let golden = try GoldenRows.load(model)
            let s = AppState(scene: ArchScene(model: model, foldBlocks: false))
            let screen = text(s, Size(width: width, height: golden.layers.count + 20))
            let tokens = Set(screen.replacingOccurrences(of: ", ", with: " ")
                .split { " |\n[]()".contains($0) }.map(String.init))
            for row in golden.layers where row.isLeaf && (row.params ?? 0) > 0 {
                #expect(tokens.contains(groupedThousands(row.params ?? 0)), "\(model) \(width): \(row.name)")
            }
            for token in tokens where token.first?.isNumber == true && token.contains(",") {
                let groups = token.split(separator: ",", omittingEmptySubsequences: false)
                #expect((1...3).contains(groups[0].count) && groups.dropFirst().allSatisfy { $0.count == 3 },
                        "\(model) \(width): \(token)")
            }
            #expect(screen.contains("Param #"))
        }
    }

    /// An unknown name is kept as the error, listing the zoo.
    @Test func unknownModelIsAnError() {
        let s = ArchScene(model: "lenet")
        #expect(s.errorMessage?.contains("unknown model 'lenet'") == true)
        #expect(s.stepCount == 0)
    }
}

/// `O` in the table: a path prompt with completion and the last five files opened.
@Suite struct ArchOpenFileTests {
    /// A loader that "reads" any path ending in .cfg as VGG16 (torchinfo's 138,357,544
    /// parameters), refuses other paths with the importer's kind of line, and is nil for built-in names.
    static let loader: ArchScene.ModelFileLoader = { name, _ in
        guard name.contains(".") || name.contains("/") else { return nil }
        guard name.hasSuffix(".cfg") else { return .failure(SceneUnavailable("\(name): not a Darknet .cfg file")) }
        return (try? ModelZoo.build("vgg16")).map { .success($0) } ?? .failure(SceneUnavailable("no vgg16"))
    }
    /// A folder with models/, models/yolov3.cfg and models/yolov2.cfg.
    static let completer: ArchScene.PathCompleter = { prefix in
        ["models/", "models/yolov3.cfg", "models/yolov2.cfg", "notes.txt"].filter { $0.hasPrefix(prefix) && $0 != prefix }
    }

    func driver(recent: [String] = []) -> AppDriver {
        AppDriver(scene: ArchScene(model: "alexnet", fileLoader: Self.loader, pathCompleter: Self.completer, recentFiles: recent))
    }

    @Test func tabCompletesTypesAndEnterOpens() throws {
        var d = driver()
        d.press(.character("O"))
        #expect(d.text().contains("Open file: _"), "\(d.text())")
        d.type("mo")
        d.press(.tab)                       // one candidate: models/
        #expect(d.text().contains("Open file: models/_"), "\(d.text())")
        d.press(.tab)                       // two: common prefix models/yolov, both listed
        #expect(d.text().contains("Open file: models/yolov_   yolov2.cfg  yolov3.cfg"), "\(d.text())")
        d.type("3.cfg")
        d.press(.enter)
        let text = d.text()
        #expect(text.contains("opened models/yolov3.cfg"), "\(text)")
        #expect(text.contains("138,357,544"), "the loaded table's total (VGG16 from the fake loader)")
        #expect(d.state.scene.recentFiles == ["models/yolov3.cfg"])
        #expect(d.effects.contains(.saveRecentFiles))
    }

    @Test func aBadFileLeavesTheTableAndSaysWhy() throws {
        var d = driver()
        d.press(.character("O"))
        d.type("notes.txt")
        d.press(.enter)
        #expect(d.text().contains("notes.txt: not a Darknet .cfg file"), "\(d.text())")
        #expect(d.text().contains("61,100,840"), "AlexNet stays (torchvision: 61,100,840 parameters)")
        #expect(d.state.scene.recentFiles == [])
        #expect(!d.effects.contains(.saveRecentFiles))
    }

    @Test func upAndDownWalkTheRecentFilesAndEscCancels() throws {
        var d = driver(recent: ["a.cfg", "b.cfg", "c.cfg", "d.cfg", "e.cfg", "f.cfg"])
        #expect(d.state.scene.recentFiles?.count == ArchScene.recentFileLimit)
        d.press(.character("O"), .up, .up)
        #expect(d.text().contains("Open file: b.cfg_"), "\(d.text())")
        d.press(.down)
        #expect(d.text().contains("Open file: a.cfg_"), "\(d.text())")
        d.press(.escape)
        #expect(!d.text().contains("Open file:"))
        d.press(.character("O"), .up, .up, .enter)
        #expect(d.state.scene.recentFiles == ["b.cfg", "a.cfg", "c.cfg", "d.cfg", "e.cfg"])
    }

    @Test func withoutImportersTheKeySaysSo() throws {
        var d = AppDriver(scene: ArchScene(model: "alexnet"))
        d.press(.character("O"))
        #expect(d.text().contains("opening files needs the command line's importers"), "\(d.text())")
    }
}
