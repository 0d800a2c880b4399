/// The named 3 x 3 image kernels of the lecture's opening scene.
///
/// Values are those of the reference vectors `filters.json` (PyTorch `conv2d`, cross-correlation,
/// no kernel flip), which are the kernels of Victor Powell's "Image Kernels Explained Visually"
/// (setosa.io/ev/image-kernels); Sobel's operator is from Sobel & Feldman, "An isotropic 3x3
/// image gradient operator" (1968); box is the 3 x 3 mean, blur the 3 x 3 binomial (Gaussian)
/// approximation 1/16 [1 2 1; 2 4 2; 1 2 1].
///
/// | name    | weights                          | sum | display mapping        |
/// |---------|----------------------------------|-----|------------------------|
/// | box     | 1/9 everywhere                   | 1   | clamped to 0-255       |
/// | blur    | 1/16 [1 2 1; 2 4 2; 1 2 1]       | 1   | clamped to 0-255       |
/// | sharpen | [0 -1 0; -1 5 -1; 0 -1 0]        | 1   | clamped to 0-255       |
/// | emboss  | [-2 -1 0; -1 1 1; 0 1 2]         | 1   | clamped to 0-255       |
/// | outline | [-1 -1 -1; -1 8 -1; -1 -1 -1]    | 0   | absolute value rescaled |
/// | sobel-x | [-1 0 1; -2 0 2; -1 0 1]         | 0   | absolute value rescaled |
/// | sobel-y | [-1 -2 -1; 0 0 0; 1 2 1]         | 0   | absolute value rescaled |
///
/// Kernels that sum to 1 keep the image's brightness, so their output is shown clamped; kernels
/// that sum to 0 respond to change (edges) with signed values around 0, so their output is shown
/// as absolute values rescaled to 0-255 (see ``DisplayMapping``). Emboss sums to 1 (it adds a
/// diagonal derivative to the pixel itself) and is shown clamped, as setosa.io and GIMP show it.
public enum NamedFilter: String, CaseIterable, Sendable, CustomStringConvertible {
    /// The 3 x 3 mean: every weight 1/9.
    case box
    /// The 3 x 3 binomial (Gaussian) blur, 1/16 [1 2 1; 2 4 2; 1 2 1].
    case blur
    /// The pixel plus its 4-neighbour Laplacian: [0 -1 0; -1 5 -1; 0 -1 0].
    case sharpen
    /// A diagonal relief: [-2 -1 0; -1 1 1; 0 1 2].
    case emboss
    /// The 8-neighbour Laplacian edge detector: [-1 -1 -1; -1 8 -1; -1 -1 -1].
    case outline
    /// Sobel's horizontal gradient (responds to vertical edges): [-1 0 1; -2 0 2; -1 0 1].
    case sobelX = "sobel-x"
    /// Sobel's vertical gradient (responds to horizontal edges): [-1 -2 -1; 0 0 0; 1 2 1].
    case sobelY = "sobel-y"

    /// The 3 x 3 weights, row by row (row 0 is the top row of the window).
    public var weights: [[Float]] {
        switch self {
        case .box: return [[Float]](repeating: [Float](repeating: 1 / 9, count: 3), count: 3)
        case .blur: return [[0.0625, 0.125, 0.0625], [0.125, 0.25, 0.125], [0.0625, 0.125, 0.0625]]
        case .sharpen: return [[0, -1, 0], [-1, 5, -1], [0, -1, 0]]
        case .emboss: return [[-2, -1, 0], [-1, 1, 1], [0, 1, 2]]
        case .outline: return [[-1, -1, -1], [-1, 8, -1], [-1, -1, -1]]
        case .sobelX: return [[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]]
        case .sobelY: return [[-1, -2, -1], [0, 0, 0], [1, 2, 1]]
        }
    }

    /// How this kernel's raw output is mapped to 0-255 for display (see the table above).
    public var displayMapping: DisplayMapping {
        switch self {
        case .box, .blur, .sharpen, .emboss: return .clamp
        case .outline, .sobelX, .sobelY: return .absoluteRescaled
        }
    }

    /// The kernel as a ``FilterKernel``.
    public var kernel: FilterKernel { FilterKernel(named: self) }

    public var description: String { rawValue }
}
