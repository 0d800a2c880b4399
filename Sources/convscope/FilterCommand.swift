import ArgumentParser
import ConvCore
import ConvApp
import ConvDiagrams

/// `convscope filter IMAGE --kernel K`: a kernel stamped over a photo, the original and the
/// result side by side, and a step-through of the output values.
struct FilterCommand: SceneCommand {
    static let configuration = CommandConfiguration(
        commandName: "filter",
        abstract: "Filter an image with a kernel (blur, sharpen, emboss, edges) and step through the sums.",
        discussion: """
            IMAGE is a PNG, PGM or PPM file (default: assets/images/camera.png). The kernel is \
            stamped over each channel separately \
            (cross-correlation, as torch.nn.functional.conv2d with groups = channels). Blur, \
            box, sharpen and emboss results are shown clamped to 0-255; outline, sobel-x, \
            sobel-y (and typed kernels whose weights sum to 0) as absolute values rescaled so \
            the largest is 255. --format json prints the raw float output; --out writes the \
            shown result (.png, .pgm, .ppm).

            Keys: n/p or arrows step, j/k next/previous row, c next channel, z/Z zoom, H/J/K/L pan, \
            0 follow the window, Enter window to the view centre, v views, Tab focus, +/- change, \
            ? help, q quit.
            """)

    @Argument(help: "The image: PNG, PGM (P2/P5) or PPM (P3/P6); default assets/images/camera.png.") var image: String?
    @Option(parsing: .unconditional, help: "box, blur, sharpen, emboss, outline, sobel-x, sobel-y, or rows of numbers such as \"0 -1 0; -1 5 -1; 0 -1 0\".")
    var kernel: String = "outline"
    @Option(parsing: .unconditional, help: "same (output as large as the image) or valid (no padding).") var padding: String = "same"
    @Option(parsing: .unconditional, help: "Stride S (1...16).") var stride: Int = 1
    @Option(parsing: .unconditional, help: "Write the shown result to FILE.png, .pgm or .ppm (atomically).") var out: String?
    @OptionGroup var output: OutputOptions

    /// The kernel, padding and stride the options describe.
    func filterOptions() throws(CLIError) -> (FilterKernel, FilterPadding, Int) {
        let k: FilterKernel
        do { k = try FilterKernel(argument: kernel) } catch { throw .usage("--kernel: \(error.description)") }
        guard let p = FilterPadding(rawValue: padding.lowercased()) else {
            throw .usage("--padding '\(padding)' is not valid; allowed: same, valid")
        }
        guard (1...FilterScene.maximumStride).contains(stride) else {
            throw .usage("--stride \(stride) is out of range; allowed: 1...\(FilterScene.maximumStride)")
        }
        return (k, p, stride)
    }

    /// The image path: the argument, or the shipped camera photo.
    func imagePath() throws(CLIError) -> String {
        if let image { return image }
        guard let found = AssetLocator.path("images/camera.png") else {
            throw .noInput("cannot find the default image assets/images/camera.png above the executable or the working folder (set CONVSCOPE_ASSETS to the assets folder); give IMAGE")
        }
        return found
    }

    func makeScene() throws(CLIError) -> any Scene { try filterScene() }

    /// The scene of the parsed options.
    func filterScene() throws(CLIError) -> FilterScene {
        let (k, p, s) = try filterOptions()
        let path = try imagePath()
        let loaded = try ImageLoading.load(path)
        var options = FilterOptions(imageName: ImageLoading.fileName(path), image: loaded.tensor, kernel: k, padding: p, stride: s)
        options.imagePath = path
        let scene = FilterScene(options)
        if let error = scene.errorMessage { throw .usage("\(path): \(error)") }
        return scene
    }

    mutating func run() throws {
        let command = self
        try reportingErrors { () throws(CLIError) in
            _ = try command.filterOptions()
            let scene = try command.filterScene()
            guard let result = scene.result else { return }
            let computation = result.computation, filter = result.filter
            if let out = command.out {
                let format = try ImageLoading.outputFormat(out, channels: computation.geometry.outputChannels)
                if let input = scene.options.imagePath { try ImageLoading.checkNotInput(out, input: input) }
                try ImageLoading.write(filter.displayMapping.apply(to: computation.output), to: out, format: format)
            }
            try SceneRunner.run(scene: scene, options: command.output)
        }
    }
}
