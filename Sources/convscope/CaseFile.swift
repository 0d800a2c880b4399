import Foundation
import ConvFiles
import ConvDiagrams

/// A case form `--from` reads: its keys are checked before decoding, so that a key the tool does
/// not understand (a misspelling, or a parameter it does not support) is refused, not ignored.
protocol CaseFileForm: Decodable {
    /// Every key the case may have.
    static var allowedKeys: [String] { get }
}

extension ConvCaseJSON: CaseFileForm {}
extension ConvTransposeCaseJSON: CaseFileForm {}
extension PoolCaseJSON: CaseFileForm {}
extension SPPCaseJSON: CaseFileForm {}
extension RoICaseJSON: CaseFileForm {}

/// Reads one case of a reference-style JSON file: either a single case object, or an object
/// with a `cases` array from which case `caseNumber` (1-based) is taken.
enum CaseFile {
    private struct Cases<T: Decodable>: Decodable { var cases: [T] }

    /// Loads case `caseNumber` of `path`.
    /// - Throws: ``CLIError`` 66 for a file that cannot be read, 64 for a case number out of range,
    ///   a case with a key outside `T.allowedKeys` (named, with the allowed keys), and a file that
    ///   is not a `kind` case.
    static func load<T: CaseFileForm>(_ path: String, caseNumber: Int, kind: String) throws(CLIError) -> T {
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
        try checkKeys(data, path: path, caseNumber: caseNumber, kind: kind, allowed: T.allowedKeys)
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

    /// Refuses a case object (the file itself, or its `cases[caseNumber - 1]`) with a key outside `allowed`.
    private static func checkKeys(_ data: Data, path: String, caseNumber: Int, kind: String,
                                  allowed: [String]) throws(CLIError) {
        guard let top = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else { return }
        let object: [String: Any]
        if let cases = top["cases"] as? [Any] {
            guard caseNumber >= 1, caseNumber <= cases.count, let c = cases[caseNumber - 1] as? [String: Any] else { return }
            object = c
        } else {
            object = top
        }
        let unknown = object.keys.filter { !allowed.contains($0) }.sorted()
        guard let first = unknown.first else { return }
        let location = top["cases"] is [Any] ? "case \(caseNumber) of \(path)" : path
        throw .usage("\(location) is not a \(kind) case: it has the key '\(first)', which a \(kind) case does not have; allowed keys: \(allowed.sorted().joined(separator: ", "))")
    }
}
