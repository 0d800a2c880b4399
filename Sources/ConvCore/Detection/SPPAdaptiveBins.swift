/// The adaptive pooling bins of one axis, as spatial pyramid pooling uses them: bin i of n over
/// a axis cells spans the half-open range [floor(i·a/n), ceil((i+1)·a/n)).
///
/// Bins overlap by one cell when n does not divide a, and every cell is covered. This is the
/// rule of `torch.nn.functional.adaptive_max_pool2d` (start = floor(i·a/n), end =
/// ceil((i+1)·a/n)) and of `spp.json`.
///
/// | a  | n | bins                                   |
/// |----|---|----------------------------------------|
/// | 8  | 4 | [0,2) [2,4) [4,6) [6,8)                |
/// | 13 | 4 | [0,4) [3,7) [6,10) [9,13)   (overlap)  |
/// | 7  | 4 | [0,2) [1,4) [3,6) [5,7)     (overlap)  |
/// | 3  | 4 | [0,1) [0,2) [1,3) [2,3)     (n > a)    |
///
/// The detection scenes' own copy of the adaptive rule (the pooling code keeps another; they
/// compute the same bins and can be merged).
public enum SPPAdaptiveBins {
    /// Bin `index` of `binCount` over `inputSize` cells: [floor(i·a/n), ceil((i+1)·a/n)).
    /// - Throws: ``DetectionError/outOfRange(name:value:allowed:)`` when a size is outside
    ///   1...2^20 or the index outside 0...n-1.
    public static func bin(_ index: Int, of binCount: Int, inputSize: Int) throws(DetectionError) -> Range<Int> {
        try detectionRequire("input size", inputSize, 1...maximumExtent)
        try detectionRequire("bin count", binCount, 1...maximumExtent)
        try detectionRequire("bin index", index, 0...(binCount - 1))
        return uncheckedBin(index, of: binCount, inputSize: inputSize)
    }

    /// ``bin(_:of:inputSize:)`` for validated arguments (sizes in 1...2^20 keep i·a below 2^41).
    static func uncheckedBin(_ index: Int, of binCount: Int, inputSize: Int) -> Range<Int> {
        floorDivide(index * inputSize, binCount)..<ceilDivide((index + 1) * inputSize, binCount)
    }

    /// All `binCount` bins over `inputSize` cells, in order.
    /// - Throws: ``DetectionError/outOfRange(name:value:allowed:)`` when a size is outside 1...2^20.
    public static func bins(inputSize: Int, binCount: Int) throws(DetectionError) -> [Range<Int>] {
        try detectionRequire("input size", inputSize, 1...maximumExtent)
        try detectionRequire("bin count", binCount, 1...maximumExtent)
        return (0..<binCount).map { uncheckedBin($0, of: binCount, inputSize: inputSize) }
    }
}
