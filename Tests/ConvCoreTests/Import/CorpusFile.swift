import Foundation
import ConvCore
import ConvTestSupport

/// The corpus files copied from `../shared/corpus` into ConvTestSupport's fixtures (see
/// `Fixtures/corpus/SOURCES.md` for where each comes from and its expected values).
enum CorpusFile {
    /// The text of `corpus/<path>`.
    static func text(_ path: String) throws -> String {
        String(decoding: try Fixtures.data("corpus/" + path), as: UTF8.self)
    }

    /// `corpus/darknet/<name>` summarised.
    static func darknet(_ name: String, input: [Int]? = nil) throws -> ModelSummary {
        try DarknetImporter.summary(text: text("darknet/" + name), model: name, file: name, input: input)
    }

    /// `corpus/caffe/<path>` summarised.
    static func caffe(_ path: String, input: [Int]? = nil) throws -> ModelSummary {
        try CaffeImporter.summary(text: text("caffe/" + path), model: path, file: path, input: input)
    }
}

extension ModelSummary {
    /// A labelled count of the file's own convention (``ModelSource/parameterCounts``).
    func count(_ key: String) -> Int? {
        source?.parameterCounts.first { $0.key == key }?.value
    }

    /// The leaf rows of type `type`, in order.
    func layers(ofType type: String) -> [ModelSummaryRow] {
        layers.filter { $0.type == type }
    }

    /// The leaf row named `name` (the file's layer name).
    func layer(_ name: String) -> ModelSummaryRow? {
        layers.first { $0.name == name }
    }
}
