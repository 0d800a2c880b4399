import ArgumentParser
import ConvCore
import ConvApp
import ConvDiagrams

/// `convscope anchors`: the anchors of Faster R-CNN's region proposal network, cell by cell.
struct AnchorsCommand: SceneCommand {
    static let configuration = CommandConfiguration(
        commandName: "anchors",
        abstract: "Show the k anchor boxes of a feature-map cell over the image, the RPN head's output shape and the anchor count.",
        discussion: """
            The feature map is image // stride on each axis. torchvision (default) places boxes
            of --sizes pixels and --ratios (height/width) on each cell's corner and, as its
            AnchorGenerator does, shifts them by image // feature map per axis (600x1000 at stride
            32: map 18x31, strides 33 and 32; shown in the title, the summary and stride_hw); py-faster-rcnn
            (the paper's code) scales a --base-size box by --scales and --ratios, centred on
            ((base-1)/2, (base-1)/2), rounds half to even as numpy does, and shifts by the stride given.
            Keys: arrows (or n/p) move the cell, g/G first/last cell, Tab focus, +/- change, ? help, q quit.
            """)

    @Option(parsing: .unconditional, help: "Image size H[xW] in pixels (1...65536).") var image: String?
    @Option(parsing: .unconditional, help: "Image pixels per feature-map cell S[,S] (1...1024).") var stride: String?
    @Option(parsing: .unconditional, help: "torchvision: anchor sizes in pixels, e.g. 128,256,512.") var sizes: String?
    @Option(parsing: .unconditional, help: "Aspect ratios height/width, e.g. 0.5,1,2.") var ratios: String?
    @Option(parsing: .unconditional, help: "py-faster-rcnn: scales (multiples of the base size), e.g. 8,16,32.") var scales: String?
    @Option(name: .customLong("base-size"), parsing: .unconditional, help: "py-faster-rcnn: base size in pixels (1...4096, default 16).") var baseSize: Int?
    @Option(parsing: .unconditional, help: "torchvision (default) or py-faster-rcnn.") var convention: String?
    @Option(parsing: .unconditional, help: "The selected cell ROW,COLUMN (default: the centre of the feature map).") var cell: String?
    @OptionGroup var output: OutputOptions

    func makeScene() throws(CLIError) -> any Scene {
        let p = try sceneParameters()
        var scene = AnchorScene(parameters: p)
        if let cell {
            let (row, column) = try ListParsing.pair(cell, option: "--cell", range: 0...65535)
            guard let step = scene.step(row: row, column: column) else {
                let f = p.featureSize
                throw .usage("--cell \(cell) is outside the \(f.height) x \(f.width) feature map; allowed: rows 0...\(f.height - 1), columns 0...\(f.width - 1)")
            }
            scene.step = step
        }
        return scene
    }

    /// The scene parameters the options describe.
    func sceneParameters() throws(CLIError) -> AnchorSceneParameters {
        var p = AnchorSceneParameters()
        if let convention {
            guard let parsed = AnchorConvention(rawValue: convention) else {
                throw .usage("--convention '\(convention)' is not valid; allowed: \(AnchorConvention.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            p.convention = parsed
        }
        switch p.convention {
        case .torchvision:
            if scales != nil { throw .usage("--scales belongs to --convention py-faster-rcnn; torchvision takes --sizes in pixels") }
            if baseSize != nil { throw .usage("--base-size belongs to --convention py-faster-rcnn; torchvision takes --sizes in pixels") }
        case .pyFasterRCNN:
            if sizes != nil { throw .usage("--sizes belongs to --convention torchvision; py-faster-rcnn takes --base-size and --scales") }
        }
        if let image { (p.imageHeight, p.imageWidth) = try ListParsing.pair(image, option: "--image", range: 1...65536) }
        if let stride { (p.strideHeight, p.strideWidth) = try ListParsing.pair(stride, option: "--stride", range: 1...1024) }
        if let sizes { p.sizes = try ListParsing.reals(sizes, option: "--sizes", count: 1...64, range: 0x1p-10...65536) }
        if let ratios { p.ratios = try ListParsing.reals(ratios, option: "--ratios", count: 1...64, range: 0x1p-10...0x1p10) }
        if let scales { p.scales = try ListParsing.reals(scales, option: "--scales", count: 1...64, range: 0x1p-10...4096) }
        if let baseSize {
            guard (1...4096).contains(baseSize) else { throw .usage("--base-size \(baseSize) is out of range; allowed: 1...4096") }
            p.baseSize = baseSize
        }
        if p.strideHeight > p.imageHeight || p.strideWidth > p.imageWidth {
            throw .usage("--stride \(p.strideHeight),\(p.strideWidth) is larger than the image \(p.imageHeight) x \(p.imageWidth), leaving no feature-map cell; allowed: stride <= image size")
        }
        return p
    }
}
