import Foundation
import ConvTestSupport

/// A torchinfo table from `Fixtures/models/*.json` (torchvision 0.29.2 summarised by torchinfo
/// 1.8.0 with depth=100): every module call in forward order, containers included.
struct GoldenModelTable: Decodable {
    struct Row: Decodable {
        let depth: Int
        let type: String
        let name: String
        let isLeaf: Bool
        let outputShape: [Int]
        let params: Int?
        let kernelSize: [Int]?
        let multAdds: Int?

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

    let model: String
    let inputShape: [Int]
    let totalParams: Int
    let trainableParams: Int
    let totalMultAdds: Int
    let layers: [Row]

    enum CodingKeys: String, CodingKey {
        case model, layers
        case inputShape = "input_shape"
        case totalParams = "total_params"
        case trainableParams = "trainable_params"
        case totalMultAdds = "total_mult_adds"
    }

    /// Every golden table in `Fixtures/models/`, sorted by file name.
    static func all() throws -> [GoldenModelTable] {
        let directory = Fixtures.url("models")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".json") }.sorted()
        return try files.map { try Fixtures.decode(GoldenModelTable.self, from: "models/\($0)") }
    }
}
