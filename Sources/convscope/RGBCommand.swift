import ArgumentParser
import ConvCore
import ConvApp
import ConvDiagrams
import ConvImages

/// `convscope rgb [IMAGE]`: RGB convolution with a bank of colour filters on a crop of a photo.
struct RGBCommand: SceneCommand {
    static let configuration = CommandConfiguration(
        commandName: "rgb",
        abstract: "Step through RGB convolution: kH x kW x 3 filters on a crop of a colour photo.",
        discussion: """
            One filter is as deep as the image: its R, G and B slices slide over the red, green \
            and blue channels, the three sums plus the bias make one output value, and N filters \
            make N output channels. The bank is the lecture's four 5x5x3 filters (biases 0, -2, \
            1, 0) with padding 2; the default input is the 8 x 8 crop of \
            assets/images/astronaut.png at rows 100-107, columns 120-127 (the reference vectors \
            rgb_bank.json). --format json prints input, weight, bias, output and per-channel sums.

            Keys: n/p or arrows step, c next output channel, Tab focus, +/- change, ? help, q quit.
            """)

    @Argument(help: "A colour image (PNG or PPM); default assets/images/astronaut.png.") var image: String?
    @Option(parsing: .unconditional, help: "The crop: top,left,height,width in pixels (height and width 1...32).") var crop: String?
    @Option(parsing: .unconditional, help: "How many of the bank's four filters to use (1...4).") var filters: Int = 4
    @Option(parsing: .unconditional, help: "Zero padding on every side (0...4).") var padding: Int = FilterBank.lecturePadding
    @Option(parsing: .unconditional, help: "Stride (1...4).") var stride: Int = 1
    @OptionGroup var output: OutputOptions

    /// The image path: the argument, or the shipped astronaut photo.
    func imagePath() throws(CLIError) -> String {
        if let image { return image }
        guard let found = AssetLocator.path("images/astronaut.png") else {
            throw .noInput("cannot find the default image assets/images/astronaut.png above the executable or the working folder (set CONVSCOPE_ASSETS to the assets folder); give IMAGE")
        }
        return found
    }

    /// The crop rectangle: --crop, or the lecture's crop when it fits, else the centre 8 x 8.
    func cropRectangle(width: Int, height: Int) throws(CLIError) -> (top: Int, left: Int, height: Int, width: Int) {
        if let crop {
            let parts = crop.split(separator: ",", omittingEmptySubsequences: false).map { Int($0.filter { $0 != " " }) }
            let allowed = "allowed: top,left,height,width with height and width 1...32 inside the \(height) x \(width) image"
            guard parts.count == 4, let t = parts[0], let l = parts[1], let h = parts[2], let w = parts[3] else {
                throw .usage("--crop '\(crop)' is not valid; \(allowed)")
            }
            guard (1...32).contains(h), (1...32).contains(w), t >= 0, l >= 0, t <= height - h, l <= width - w else {
                throw .usage("--crop '\(crop)' is not valid; \(allowed)")
            }
            return (t, l, h, w)
        }
        let lecture = FilterBank.lectureCrop
        if lecture.top + lecture.height <= height, lecture.left + lecture.width <= width { return lecture }
        let h = min(8, height), w = min(8, width)
        return ((height - h) / 2, (width - w) / 2, h, w)
    }

    /// The crop of the image as a tensor, and its description.
    func loadCrop() throws(CLIError) -> (tensor: Tensor, path: String, crop: [Int], source: String) {
        guard (1...FilterBank.lecture.filterCount).contains(filters) else {
            throw .usage("--filters \(filters) is out of range; allowed: 1...\(FilterBank.lecture.filterCount)")
        }
        guard (0...RGBScene.maximumPadding).contains(padding) else {
            throw .usage("--padding \(padding) is out of range; allowed: 0...\(RGBScene.maximumPadding)")
        }
        guard (1...RGBScene.maximumStride).contains(stride) else {
            throw .usage("--stride \(stride) is out of range; allowed: 1...\(RGBScene.maximumStride)")
        }
        let path = try imagePath()
        let loaded = try ImageLoading.load(path)
        guard loaded.image.channels == 3 else {
            throw .usage("\(path) is a grey image; RGB convolution needs a colour image (PNG or PPM with three channels)")
        }
        let r = try cropRectangle(width: loaded.image.width, height: loaded.image.height)
        let tensor: Tensor
        do {
            tensor = try loaded.image.cropped(top: r.top, left: r.left, height: r.height, width: r.width).tensor()
        } catch {
            throw .usage("--crop: \(error)")
        }
        let source = "\(ImageLoading.fileName(path)) rows \(r.top)-\(r.top + r.height - 1), cols \(r.left)-\(r.left + r.width - 1)"
        return (tensor, path, [r.top, r.left, r.height, r.width], source)
    }

    func makeScene() throws(CLIError) -> any Scene {
        let c = try loadCrop()
        var options = RGBOptions(crop: c.tensor, source: c.source, filterCount: filters, padding: padding, stride: stride)
        options.imagePath = c.path
        options.cropBox = c.crop
        return RGBScene(options)
    }
}
