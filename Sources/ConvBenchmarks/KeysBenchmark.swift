// convscope-bench keys: drives each scene through the real keymap, update() and frame code at
// 200 x 60 with a fixed key script (steps forward and back, rows, first/last, +/- on every
// control, play ticks) and prints, per scene, the median and worst time per key (update +
// frame + diff of the changed cells) and the cells changed per step.
//
//     swift run -c release convscope-bench keys
//
// Goals (issue 10): worst key at most 2 ms on every scene at its defaults, at most 5 ms for
// `conv --input 2048 --kernel 3`.
import ConvApp
import ConvCore
import ConvDiagrams
import ConvImages

/// The key script: Right x 20, Left x 5, Down, Up, G, g, then + and - on every control (Tab
/// between them), then Space and ten 250 ms ticks.
func keyScript(controls: Int) -> [Action] {
    var keys: [Key] = Array(repeating: .right, count: 20) + Array(repeating: .left, count: 5) + [.down, .up, .character("G"), .character("g")]
    for _ in 0..<max(1, controls) { keys += [.character("+"), .character("-"), .tab] }
    keys.append(.character(" "))
    return keys.map { Keymap.action(for: $0) } + Array(repeating: Action.tick(milliseconds: 250), count: 10)
}

/// The cells of `a` and `b` (same size) that differ.
func changedCells(_ a: Canvas, _ b: Canvas) -> Int {
    guard a.width == b.width, a.height == b.height else { return b.width * b.height }
    var n = 0
    for (p, q) in zip(a.cells, b.cells) where p != q { n += 1 }
    return n
}

func runKeysBenchmark() throws {
    let size = Size(width: 200, height: 60)
    let root = #filePath.split(separator: "/", omittingEmptySubsequences: false).dropLast(3).joined(separator: "/")
    var scenes: [(String, any Scene)] = []
    scenes.append(("conv", ConvScene(parameters: ConvSceneParameters())))
    var big = ConvSceneParameters()
    (big.inputHeight, big.inputWidth) = (2048, 2048)
    scenes.append(("conv --input 2048 --kernel 3", ConvScene(parameters: big)))
    scenes.append(("deconv", DeconvScene(parameters: DeconvSceneParameters())))
    scenes.append(("pool", PoolScene(parameters: PoolSceneParameters())))
    scenes.append(("spp", SPPScene(parameters: SPPSceneParameters())))
    scenes.append(("roi", RoIScene(parameters: RoISceneParameters())))
    scenes.append(("anchors", AnchorScene(parameters: AnchorSceneParameters())))
    scenes.append(("yolo", YOLOScene(parameters: YOLOSceneParameters())))
    scenes.append(("conv1x1", Conv1x1Scene()))
    scenes.append(("activations", ActivationScene()))
    scenes.append(("arch resnet50", ArchScene(model: "resnet50")))
    let camera = try RasterImage(contentsOfFile: root + "/assets/images/camera.png").tensor()
    scenes.append(("filter camera.png", FilterScene(imageName: "camera.png", image: camera, kernel: FilterKernel(named: .outline))))
    let astronaut = try RasterImage(contentsOfFile: root + "/assets/images/astronaut.png")
    let crop = try astronaut.cropped(top: (astronaut.height - 16) / 2, left: (astronaut.width - 16) / 2, height: 16, width: 16).tensor()
    scenes.append(("rgb", RGBScene(crop: crop, source: "astronaut.png")))

    print("keys at 200 x 60: update + frame + diff per key (ms), cells changed per step key of \(size.width * size.height)")
    print("scene                            keys  median ms  worst ms  cells changed per step (median / max)   median update / frame / diff ms")
    for (name, scene) in scenes {
        var state = AppState(scene: scene)
        var shown = frame(state, size: size)
        var times: [Double] = [], updates: [Double] = [], frames: [Double] = [], diffs: [Double] = []
        var stepChanges: [Int] = []
        for action in keyScript(controls: scene.parameters.count) {
            let start = now()
            state = update(state, action).0
            let updated = now()
            let next = frame(state, size: size)
            let drawn = now()
            let changed = changedCells(shown, next)
            let end = now()
            times.append((end - start) * 1000)
            updates.append((updated - start) * 1000)
            frames.append((drawn - updated) * 1000)
            diffs.append((end - drawn) * 1000)
            if action == .stepForward || action == .stepBack { stepChanges.append(changed) }
            shown = next
        }
        times.sort()
        stepChanges.sort()
        func median(_ v: [Double]) -> String { format(v.sorted()[v.count / 2]) }
        let middle = times[times.count / 2], worst = times.last ?? 0
        let cellsMedian = stepChanges.isEmpty ? 0 : stepChanges[stepChanges.count / 2]
        print("\(name.padding(toLength: 32, withPad: " ", startingAt: 0)) \(String(times.count).leftPadded(4))  \(format(middle).leftPadded(9))  \(format(worst).leftPadded(8))  \(String(cellsMedian).leftPadded(5)) / \(String(stepChanges.last ?? 0).leftPadded(5))   \(median(updates)) / \(median(frames)) / \(median(diffs))")
    }
}

func format(_ ms: Double) -> String {
    let hundredths = Int((ms * 100).rounded())
    return "\(hundredths / 100).\(String(hundredths % 100).leftPadded(2, with: "0"))"
}

extension String {
    func leftPadded(_ width: Int, with pad: Character = " ") -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }
}
