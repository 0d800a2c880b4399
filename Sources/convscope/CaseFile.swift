import Foundation
import ConvFiles

/// Reads one case of a reference-style JSON file: either a single case object, or an object
/// with a `cases` array from which case `caseNumber` (1-based) is taken.
enum CaseFile {
    private struct Cases<T: Decodable>: Decodable { var cases: [T] }

    static func load<T: Decodable>(_ path: String, caseNumber: Int, kind: String) throws(CLIError) -> T {
        // Type and size are checked before a byte is read: a device (/dev/zero), a FIFO or a huge
        // file is refused unread.
        let data: Data
        do throws(FileFailure) {
            data = Data(try BoundedFile.read(path, limit: 64 << 20))
        } catch {
            if case let .tooLarge(_, size, _) = error {
                throw .noInput("cannot read \(path): it has \(size) bytes; a case file may have at most 67,108,864")
            }
            throw .noInput(error.description)
        }
        let decoder = JSONDecoder()
        if let file = try? decoder.decode(Cases<T>.self, from: data) {
            guard !file.cases.isEmpty else { throw .usage("\(path) has an empty 'cases' list; allowed: at least one case") }
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
