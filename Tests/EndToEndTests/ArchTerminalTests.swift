import Testing
import Foundation
import ConvTestSupport

/// `convscope arch` under tmux, as a person sees it.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable))
struct ArchTerminalTests {
    /// Runs `convscope ARGUMENTS` in a pane, then prints its exit status and `stty -a`.
    func launch(_ arguments: String, width: Int = 100, height: Int = 30) throws -> TmuxSession {
        try TmuxSession.convscope(arguments, width: width, height: height)
    }

    func expectSaneTerminal(_ screen: String) {
        #expect(TmuxSession.terminalRestored(in: screen), "terminal not restored (stty -a shows no echo/icanon):\n\(screen)")
    }

    /// Opens GoogLeNet, unfolds inception3a with Enter and finds torchvision's four branches
    /// (branch1 ... branch4), searches, then quits with the terminal restored.
    @Test func unfoldsAnInceptionBlockAndFindsItsFourBranches() throws {
        let session = try launch("arch googlenet")
        var screen = try session.waitFor { $0.contains("Inception (inception3a)") }
        #expect(screen.contains("row 1/"), "\(screen)")
        #expect(!screen.contains("(branch1)"))
        // The model row, conv1, maxpool1, conv2, conv3, maxpool2, then inception3a (torchvision's order).
        for _ in 0..<6 { try session.send("j") }
        screen = try session.waitFor { $0.contains("row 7/") }
        #expect(screen.contains(">[+] + Inception (inception3a)"), "\(screen)")
        try session.send("Enter")
        screen = try session.waitFor { $0.contains("(branch4)") }
        for branch in ["branch1", "branch2", "branch3", "branch4"] {
            #expect(screen.contains("(\(branch))"), "\(branch)\n\(screen)")
        }
        #expect(screen.contains(">[-] + Inception (inception3a)"), "\(screen)")
        #expect(screen.contains("concat of 4 branches, 64 + 128 + 32 + 32 = 256 channels"), "\(screen)")

        // `/` search: typed keys go to the box (q does not quit); Enter jumps.
        try session.send("/")
        try session.send("-l", "inception5b")
        screen = try session.waitFor { $0.contains("/inception5b_") }
        try session.send("Enter")
        screen = try session.waitFor { $0.contains("found 'inception5b'") }
        #expect(screen.contains(">[+] + Inception (inception5b)"), "\(screen)")

        try session.send("q")
        screen = try session.waitFor { $0.contains("EXIT=") && $0.contains("icanon") }
        #expect(screen.contains("EXIT=0"), "\(screen)")
        expectSaneTerminal(screen)
    }

    /// The model picker and the comparison view, then Ctrl-C restores the terminal.
    @Test func pickerComparisonAndCtrlC() throws {
        let session = try launch("arch alexnet --format unicode", width: 120, height: 36)
        var screen = try session.waitFor { $0.contains("Sequential (features)") }
        try session.send("m")
        screen = try session.waitFor { $0.contains("Models (Enter loads") }
        #expect(screen.contains("densenet201") && screen.contains("20,013,928"), "\(screen)")
        try session.send("G")
        try session.send("Enter")
        screen = try session.waitFor { $0.contains("[model densenet201]") }
        #expect(screen.contains("_DenseBlock (denseblock1)"), "\(screen)")
        try session.send("v")
        screen = try session.waitFor { $0.contains("Totals side by side") }
        for total in ["61,100,840", "138,357,544", "6,624,904", "20,013,928"] {
            #expect(screen.contains(total), "\(total)\n\(screen)")
        }
        try session.send("C-c")
        screen = try session.waitFor { $0.contains("EXIT=") && $0.contains("icanon") }
        #expect(screen.contains("EXIT=130"), "\(screen)")
        expectSaneTerminal(screen)
    }

    /// A Darknet file in the table view: search a layer, and the panel works its parameters out.
    /// yolov3.cfg layer 81 is the 1x1 detection conv: 255 filters over 1024 channels with bias,
    /// 255 x 1024 + 255 = 261,375 (darknet's biases + weights, no batch_normalize on that layer).
    @Test func opensADarknetFileSearchesALayerAndShowsItsFormula() throws {
        let file = packageRoot.appendingPathComponent("Sources/ConvTestSupport/Fixtures/corpus/darknet/yolov3.cfg").path
        let session = try launch("arch '\(file)' --input 3x416x416", width: 120, height: 32)
        var screen = try session.waitFor { $0.contains("yolov3.cfg") && $0.contains("row 1/") }
        #expect(screen.contains("input 3x416x416"), "\(screen)")
        try session.send("/")
        // The first YOLO head (layer 82); the row above it is layer 81.
        try session.send("-l", "yolo")
        try session.send("Enter")
        try session.waitFor { $0.contains("found 'yolo'") }
        try session.send("k")
        screen = try session.waitFor { $0.contains("= 261,375") }
        #expect(screen.contains("[1, 255, 13, 13]"), "\(screen)")
        #expect(screen.contains("= 261,375"), "\(screen)")
        try session.send("q")
        screen = try session.waitFor { $0.contains("EXIT=") && $0.contains("icanon") }
        #expect(screen.contains("EXIT=0"), "\(screen)")
        expectSaneTerminal(screen)
    }

    /// `O` on the home screen: a path typed with Tab completion opens a Darknet file as a table;
    /// the file is remembered (XDG_STATE_HOME) and offered by Up in the next run's `O` prompt.
    @Test func homeOpensAFileWithCompletionAndRemembersIt() throws {
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("convscope-recent-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: state) }
        let prefix = "cd '\(packageRoot.path)' && XDG_STATE_HOME='\(state)'"
        let session = try TmuxSession.convscope("", prefix: prefix, width: 110, height: 32)
        var screen = try session.waitFor { $0.contains("Model tables") }
        try session.send("O")
        try session.waitFor { $0.contains("Open file: _") }
        try session.send("-l", "Sources/ConvTestSupport/Fixtures/corpus/dark")
        try session.send("Tab")
        try session.waitFor { $0.contains("Open file: Sources/ConvTestSupport/Fixtures/corpus/darknet/_") }
        try session.send("-l", "yolov1.")
        try session.send("Tab")
        try session.waitFor { $0.contains("corpus/darknet/yolov1.cfg_") }
        try session.send("Enter")
        screen = try session.waitFor { $0.contains("opened Sources/ConvTestSupport/Fixtures/corpus/darknet/yolov1.cfg") }
        #expect(screen.contains("[1, 1715]") || screen.contains("1715"), "yolov1's connected layer gives 7 x 7 x 35 = 1,715 outputs\n\(screen)")
        try session.send("q")
        try session.waitFor { $0.contains("Model tables") }
        try session.send("q")
        screen = try session.waitFor { $0.contains("EXIT=") && $0.contains("icanon") }
        #expect(screen.contains("EXIT=0"), "\(screen)")
        expectSaneTerminal(screen)
        let saved = try String(contentsOfFile: state + "/convscope/recent-model-files", encoding: .utf8)
        #expect(saved == "Sources/ConvTestSupport/Fixtures/corpus/darknet/yolov1.cfg\n")

        let again = try TmuxSession.convscope("arch alexnet", prefix: prefix, width: 110, height: 32)
        try again.waitFor { $0.contains("row 1/") }
        try again.send("O")
        try again.send("Up")
        screen = try again.waitFor { $0.contains("Open file: Sources/ConvTestSupport/Fixtures/corpus/darknet/yolov1.cfg_") }
        try again.send("Escape")
        // A key within 30 ms of Esc would make it Alt+key (EscapeSequence): wait for the prompt to close.
        try again.waitFor { !$0.contains("Open file:") }
        try again.send("q")
        screen = try again.waitFor { $0.contains("EXIT=") && $0.contains("icanon") }
        #expect(screen.contains("EXIT=0"), "\(screen)")
    }

    /// An ONNX file in the table view: search a layer, and the panel works its parameters out.
    /// resnet18.onnx's "/layer4/layer4.0/conv1/Conv" is a 3x3 conv 256 -> 512 with the bias the
    /// exporter adds when it folds BatchNorm: 512 x 256 x 3 x 3 + 512 = 1,180,160.
    @Test func opensAnONNXFileSearchesALayerAndShowsItsFormula() throws {
        let file = packageRoot.appendingPathComponent("Sources/ConvTestSupport/Fixtures/corpus/onnx/resnet18.onnx").path
        let session = try launch("arch '\(file)'", width: 140, height: 32)
        var screen = try session.waitFor { $0.contains("resnet18.onnx") && $0.contains("row 1/") }
        #expect(screen.contains("input 3x224x224"), "\(screen)")
        try session.send("/")
        try session.send("-l", "layer4.0/conv1")
        try session.send("Enter")
        screen = try session.waitFor { $0.contains("found 'layer4.0/conv1'") }
        screen = try session.waitFor { $0.contains("= 1,180,160") }
        #expect(screen.contains("[1, 512, 7, 7]"), "\(screen)")
        try session.send("q")
        screen = try session.waitFor { $0.contains("EXIT=") && $0.contains("icanon") }
        #expect(screen.contains("EXIT=0"), "\(screen)")
        expectSaneTerminal(screen)
    }

    /// `convscope arch` with no model opens the model picker (issue 14); Enter opens the
    /// highlighted model's table. Without a terminal it prints the list, as --list does.
    @Test func noModelOpensThePicker() throws {
        let session = try launch("arch")
        var screen = try session.waitFor { $0.contains("resnet152") && $0.contains("alexnet-original") }
        try session.send("j")
        try session.send("Enter")
        screen = try session.waitFor { $0.contains("AlexNetOriginal") }
        try session.send("q")
        screen = try session.waitFor { $0.contains("EXIT=") && $0.contains("icanon") }
        #expect(!screen.contains("no model given"), "\(screen)")
        expectSaneTerminal(screen)
        let printed = try BinaryRunner.run(["arch", "--print"])
        let listed = try BinaryRunner.run(["arch", "--list"])
        #expect(printed.status == 0 && printed.stdout == listed.stdout && printed.stdout.contains("60,965,224"), "\(printed.stderr)")
    }
}
