import Foundation

/// Shared by the test targets: a torchinfo table from `Fixtures/models/*.json` (torchvision 0.29.2 summarised by torchinfo
/// 1.8.0 with depth=100): every module call in forward order, containers included.
public struct GoldenModelTable: Decodable, Sendable {
    public struct Row: Decodable, Sendable {
        public let depth: Int
        public let type: String
        public let name: String
        public let isLeaf: Bool
        public let outputShape: [Int]
        public let params: Int?
        public let kernelSize: [Int]?
        public let multAdds: Int?

        enum CodingKeys: String, CodingKey {
            case depth, params
            case type = "class"
            case name = "var_name"
            case isLeaf = "is_leaf"
            case outputShape = "output_shape"
            case kernelSize = "kernel_size"
            case multAdds = "mult_adds"
        }
    }

    public let model: String
    public let inputShape: [Int]
    public let totalParams: Int
    public let trainableParams: Int
    public let totalMultAdds: Int
    public let layers: [Row]

    enum CodingKeys: String, CodingKey {
        case model, layers
        case inputShape = "input_shape"
        case totalParams = "total_params"
        case trainableParams = "trainable_params"
        case totalMultAdds = "total_mult_adds"
    }

    /// Every golden table in `Fixtures/models/`, sorted by file name.
    public static func all() throws -> [GoldenModelTable] {
        let directory = Fixtures.url("models")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".json") }.sorted()
        return try files.map { try Fixtures.decode(GoldenModelTable.self, from: "models/\($0)") }
    }
}
