import Foundation

/// Reads one case of a reference-style JSON file: either a single case object, or an object
/// with a `cases` array from which case `caseNumber` (1-based) is taken.
enum CaseFile {
    private struct Cases<T: Decodable>: Decodable { var cases: [T] }

    static func load<T: Decodable>(_ path: String, caseNumber: Int, kind: String) throws(CLIError) -> T {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .noInput("cannot read \(path): no such file")
        }
        guard !isDirectory.boolValue else { throw .noInput("cannot read \(path): it is a directory") }
        // Check the size before reading: a device (/dev/zero) or a huge file is refused unread.
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        guard (attributes?[.type] as? FileAttributeType) == .typeRegular else {
            throw .noInput("cannot read \(path): not a regular file")
        }
        if let size = attributes?[.size] as? Int, size > 64 << 20 {
            throw .noInput("cannot read \(path): it has \(size) bytes; a case file may have at most 67,108,864")
        }
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw .noInput("cannot read \(path): \(error.localizedDescription)")
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
