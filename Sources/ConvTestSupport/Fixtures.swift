import Foundation

/// Loads reference vectors copied from the shared golden set into `Fixtures/`.
public enum Fixtures {
    /// The URL of fixture `name` (e.g. "conv2d.json", "models/alexnet.json").
    public static func url(_ name: String) -> URL {
        Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent(name)
    }

    /// The bytes of fixture `name`.
    public static func data(_ name: String) throws -> Data {
        try Data(contentsOf: url(name))
    }

    /// Decodes fixture `name` as `T`.
    public static func decode<T: Decodable>(_ type: T.Type, from name: String) throws -> T {
        try JSONDecoder().decode(T.self, from: data(name))
    }
}
