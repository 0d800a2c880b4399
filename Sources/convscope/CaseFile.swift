import Foundation

/// Reads one case of a reference-style JSON file: either a single case object, or an object
/// with a `cases` array from which case `caseNumber` (1-based) is taken.
enum CaseFile {
    private struct Cases<T: Decodable>: Decodable { var cases: [T] }

    static func load<T: Decodable>(_ path: String, caseNumber: Int, kind: String) throws(CLIError) -> T {
        guard FileManager.default.fileExists(atPath: path) else { throw .noInput("cannot read \(path): no such file") }
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw .noInput("cannot read \(path): \(error.localizedDescription)")
        }
        guard data.count <= 256 << 20 else { throw .usage("\(path) is larger than 256 MiB") }
        let decoder = JSONDecoder()
        if let file = try? decoder.decode(Cases<T>.self, from: data) {
            guard caseNumber >= 1, caseNumber <= file.cases.count else {
                throw .usage("--case \(caseNumber) is out of range; \(path) has cases 1...\(file.cases.count)")
            }
            return file.cases[caseNumber - 1]
        }
        do {
            return try decoder.decode(T.self, from: data)
        } catch let DecodingError.keyNotFound(key, _) {
            throw .usage("\(path) is not a \(kind) case: missing key '\(key.stringValue)'")
        } catch let DecodingError.typeMismatch(_, context) {
            throw .usage("\(path) is not a \(kind) case: wrong type at '\(context.codingPath.map(\.stringValue).joined(separator: "."))'")
        } catch {
            throw .usage("\(path) is not a \(kind) case (valid JSON with input, weight, stride, padding, ...)")
        }
    }
}
