import ArgumentParser
import ConvCore
import ConvApp
import ConvDiagrams

/// `convscope yolo`: YOLO's S x S grid, the responsible cell and the output tensor's layout.
struct YOLOCommand: SceneCommand {
    static let configuration = CommandConfiguration(
        commandName: "yolo",
        abstract: "Show YOLO's S x S grid, the cell responsible for an object and the S x S x (B*5 + C) output.",
        discussion: """
            The cell holding the object's centre is responsible for it (Redmon et al. 2016);
            each cell predicts B boxes of (x, y, w, h, confidence) and C class probabilities.
            Without --object the object is centred at (W/2, 100/448 H) with size
            (50/448 W, 80/448 H): (224, 100), 50 x 80 on the default 448 x 448 image.
            Keys: arrows (or n/p) move the cell, g/G first/last cell, Tab focus, +/- change, ? help, q quit.
            """)

    @Option(parsing: .unconditional, help: "S: cells per side (1...1024, default 7).") var grid: Int?
    @Option(parsing: .unconditional, help: "B: boxes per cell (1...1024, default 2).") var boxes: Int?
    @Option(parsing: .unconditional, help: "C: classes (0...65536, default 20).") var classes: Int?
    @Option(parsing: .unconditional, help: "Image size H[xW] in pixels (1...65536, default 448x448).") var image: String?
    @Option(parsing: .unconditional, help: "The object cx,cy,w,h in pixels: the centre inside the image (cx 0...W, cy 0...H), w 0...W, h 0...H; a box reaching past the edge is clipped there.") var object: String?
    @OptionGroup var output: OutputOptions

    func makeScene() throws(CLIError) -> any Scene { YOLOScene(parameters: try sceneParameters()) }

    /// The scene parameters the options describe.
    func sceneParameters() throws(CLIError) -> YOLOSceneParameters {
        var p = YOLOSceneParameters()
        p.gridSize = try OptionChecks.count(grid, option: "--grid", range: 1...1024) ?? p.gridSize
        p.boxesPerCell = try OptionChecks.count(boxes, option: "--boxes", range: 1...1024) ?? p.boxesPerCell
        p.classes = try OptionChecks.count(classes, option: "--classes", range: 0...65536) ?? p.classes
        if let image { (p.imageHeight, p.imageWidth) = try ListParsing.pair(image, option: "--image", range: 1...65536) }
        if let object {
            let v = try ListParsing.reals(object, option: "--object", count: 4...4, range: 0...65536)
            let w = Double(p.imageWidth), h = Double(p.imageHeight)
            guard v[0] <= w, v[1] <= h, v[2] <= w, v[3] <= h else {
                throw .usage("--object '\(object)' lies outside the \(p.imageHeight) x \(p.imageWidth) image; allowed: the centre inside the image (cx 0...\(p.imageWidth), cy 0...\(p.imageHeight)), w 0...\(p.imageWidth), h 0...\(p.imageHeight); the box may reach past the edge")
            }
            p.object = YOLODiagram.Object(centerX: v[0], centerY: v[1], width: v[2], height: v[3])
        }
        return p
    }
}
