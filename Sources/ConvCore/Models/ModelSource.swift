/// Where an imported model came from, and the counts its own framework uses, each labelled
/// (``ModelSummary/source``).
///
///     source.format            // "darknet"
///     source.parameterCounts   // [("Darknet .weights (biases, weights, BN scales/mean/variance)", 62,001,757), ...]
public struct ModelSource: Hashable, Sendable {
    /// A count with the convention it follows.
    public struct LabelledCount: Hashable, Sendable {
        /// The JSON key ("darknet_stored", "bn_folded", "caffe_learnable", "caffe_bn_statistics").
        public var key: String
        /// The words shown beside the number.
        public var label: String
        /// The count.
        public var value: Int

        /// Creates a count.
        public init(key: String, label: String, value: Int) {
            self.key = key
            self.label = label
            self.value = value
        }
    }

    /// The file name as the user gave it.
    public var file: String
    /// "darknet" or "caffe".
    public var format: String
    /// The format's own parameter conventions, in the order shown.
    public var parameterCounts: [LabelledCount]
    /// Remarks about the import: layers whose shape is unknown, fields ignored, the file's batch size.
    public var notes: [String]

    /// Creates a source description.
    public init(file: String, format: String, parameterCounts: [LabelledCount] = [], notes: [String] = []) {
        self.file = file
        self.format = format
        self.parameterCounts = parameterCounts
        self.notes = notes
    }
}
