/// The lecture's bank of four 5x5x3 integer filters with biases 0, -2, 1, 0 ("four filters make
/// four channels"), shown by `convscope rgb` on the 8 x 8 crop of the astronaut photo at rows
/// 100-107, columns 120-127 with padding 2.
///
/// The weights and biases are those of the reference vectors `rgb_bank.json` (made with
/// `torch.nn.functional.conv2d`), so the scene's output can be checked against PyTorch.
extension FilterBank {
    /// The lecture's bank: weight 4 x 3 x 5 x 5 (filter, channel R/G/B, row, column), bias
    /// [0, -2, 1, 0].
    public static let lecture = FilterBank(
        literalWeight: (try? Tensor(shape: [4, 3, 5, 5], data: lectureWeights)) ?? Tensor.zero,
        bias: (try? Tensor(shape: [4], data: [0, -2, 1, 0])) ?? Tensor.zero)

    /// A bank from literals known to be well formed (the tests check the lecture's), without
    /// the throwing checks of ``init(weight:bias:)``.
    init(literalWeight weight: Tensor, bias: Tensor) {
        self.weight = weight
        self.bias = bias.shape == [weight.shape[0]] ? bias : nil
    }

    /// The padding the lecture uses with its 5 x 5 filters: 2 on every side (output as large as
    /// the input).
    public static let lecturePadding = 2

    /// Where the lecture's crop lies in `assets/images/astronaut.png`: rows 100-107, columns
    /// 120-127 (top, left, height, width).
    public static let lectureCrop = (top: 100, left: 120, height: 8, width: 8)

    static let lectureWeights: [Float] = [
        // filter 0, R slice
         0, -1,  0,  1,  1,
         0, -1, -1,  0,  1,
         1,  0,  0,  1,  0,
         1,  1,  0,  1,  1,
         1,  0, -1, -1,  0,
        // filter 0, G slice
         1,  0,  1,  0,  0,
         1,  1,  1,  1, -1,
        -1,  0,  1, -1,  0,
         1, -1,  1, -1,  0,
         1, -1,  1, -1,  1,
        // filter 0, B slice
         1,  0, -1, -1, -1,
        -1, -1,  0,  1,  0,
         0,  1,  0, -1,  1,
         0,  1, -1,  1,  0,
        -1,  1,  1,  1, -1,
        // filter 1, R slice
         1,  0,  0,  1, -1,
         1,  0,  1,  0,  0,
         1, -1,  1,  1,  1,
         1,  1, -1, -1,  1,
        -1, -1,  0,  0, -1,
        // filter 1, G slice
         1,  0, -1, -1,  1,
         1, -1,  0,  0,  0,
        -1,  0, -1,  0, -1,
         1,  1,  0,  0,  0,
         1,  1,  0,  1, -1,
        // filter 1, B slice
        -1, -1,  1, -1, -1,
         1,  1,  1,  1,  1,
         1, -1,  0, -1,  0,
         0, -1, -1, -1,  1,
        -1,  1,  1,  0,  0,
        // filter 2, R slice
        -1,  1, -1,  0,  0,
        -1,  1,  0,  0,  0,
        -1,  0, -1,  0,  1,
         1,  1,  1,  1, -1,
         0, -1,  0,  0,  1,
        // filter 2, G slice
         0, -1,  1,  0,  0,
         0,  0, -1, -1, -1,
         1, -1, -1,  1,  1,
        -1,  1,  1,  0,  1,
         0,  0,  1,  1, -1,
        // filter 2, B slice
         0, -1,  0,  0,  1,
        -1,  0, -1,  1,  1,
         1, -1,  1,  0,  0,
         0,  1, -1,  0,  0,
         0,  0,  0,  1, -1,
        // filter 3, R slice
         0,  1,  0,  1,  0,
        -1,  0,  1,  0,  1,
        -1,  0,  1,  0,  1,
        -1, -1,  1, -1,  0,
        -1, -1,  1, -1, -1,
        // filter 3, G slice
         0, -1,  0, -1,  1,
         0,  1,  1,  0, -1,
         0, -1, -1, -1,  1,
        -1, -1, -1, -1,  0,
         1,  0,  0, -1,  1,
        // filter 3, B slice
         1, -1, -1,  1, -1,
         0, -1,  0,  0,  1,
        -1, -1,  0,  1, -1,
        -1,  1,  0,  1, -1,
        -1,  0, -1, -1, -1,
    ]
}
