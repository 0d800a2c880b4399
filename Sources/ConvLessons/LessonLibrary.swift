import ConvFiles
import Foundation

/// Every lesson of a folder, in lesson-number order, each checked when loaded.
///
///     let library = try LessonLibrary.load(directory: "assets/lessons")
///     library.lessons.map(\.number)   // [1, 2, ..., 16]
public struct LessonLibrary: Equatable, Sendable {
    /// The lessons, sorted by number (1...N without gaps).
    public let lessons: [Lesson]
    /// The folder the lessons came from.
    public let directory: String

    /// A library of `lessons` (sorted by number) from `directory`.
    public init(lessons: [Lesson], directory: String) {
        self.lessons = lessons.sorted { $0.number < $1.number }
        self.directory = directory
    }

    /// The lesson numbered `number`, or nil.
    public func lesson(number: Int) -> Lesson? { lessons.first { $0.number == number } }

    /// The lesson with `id` (its file's base name), or nil.
    public func lesson(id: String) -> Lesson? { lessons.first { $0.id == id } }

    /// Loads every `*.yaml` file of `directory`.
    /// - Parameter assetsPath: what `{{assets}}` in scene words becomes (default: the folder above
    ///   `directory`, i.e. `assets/`).
    /// - Throws: ``LessonError`` for an unreadable folder or file, any problem of
    ///   ``LessonParser``, and numbers that repeat or leave a gap (1...N is required).
    public static func load(directory: String, assetsPath: String? = nil) throws(LessonError) -> LessonLibrary {
        let folder = URL(fileURLWithPath: directory)
        let assets = assetsPath ?? folder.deletingLastPathComponent().path
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".yaml") }.sorted()
        } catch {
            throw LessonError(file: directory, message: "cannot read the lessons folder: \(error.localizedDescription)")
        }
        guard !names.isEmpty else { throw LessonError(file: directory, message: "no lesson files (*.yaml)") }
        var lessons: [Lesson] = []
        for name in names {
            let path = folder.appendingPathComponent(name).path
            let bytes: [UInt8]
            do throws(FileFailure) {
                bytes = try BoundedFile.read(path, limit: 1 << 20)
            } catch {
                throw LessonError(file: name, message: error.description)
            }
            guard let text = String(validating: bytes, as: UTF8.self) else {
                throw LessonError(file: name, message: "not UTF-8 text")
            }
            let id = String(name.dropLast(".yaml".count))
            lessons.append(try LessonParser(file: name, assetsPath: assets).parse(text, id: id))
        }
        var seen: [Int: String] = [:]
        for lesson in lessons {
            if let other = seen[lesson.number] {
                throw LessonError(file: lesson.file, location: "number",
                                  message: "lesson number \(lesson.number) is also used by \(other)")
            }
            seen[lesson.number] = lesson.file
        }
        let numbers = lessons.map(\.number).sorted()
        if numbers != Array(1...numbers.count) {
            let missing = Set(1...(numbers.last ?? 1)).subtracting(numbers).sorted()
            throw LessonError(file: directory, message: "lesson numbers must run 1...\(numbers.count) without gaps; missing \(missing.map(String.init).joined(separator: ", "))")
        }
        return LessonLibrary(lessons: lessons, directory: directory)
    }

    /// The steps whose scene does not resolve: `resolve` gets each scene's words and returns why
    /// it cannot be shown, or nil when it can. Each problem names the file and the step.
    public func sceneProblems(resolve: ([String]) -> String?) -> [LessonError] {
        var problems: [LessonError] = []
        for lesson in lessons {
            for (index, step) in lesson.steps.enumerated() {
                guard let words = step.scene, let reason = resolve(words) else { continue }
                problems.append(LessonError(file: lesson.file, location: "step \(index + 1), scene",
                                            message: "\(words.joined(separator: " ")): \(reason)"))
            }
        }
        return problems
    }
}

/// Finds the lessons folder at run time, from `swift run`, from tests and from an installed binary.
///
/// Search order:
/// 1. `CONVSCOPE_LESSONS`: a folder holding the lesson files (an override).
/// 2. `assets/lessons` in the executable's folder or any folder above it (`swift run` and
///    `swift test` put the binary in `.build/<config>/` inside the checkout).
/// 3. `assets/lessons` in the current folder or any folder above it.
/// 4. `assets/lessons` of the source checkout this module was built from.
public enum LessonLocator {
    /// The environment variable that overrides the search.
    public static let environmentKey = "CONVSCOPE_LESSONS"

    /// Finds `assets/<relativePath>` (a file, or a folder when `isDirectory`) by walking up from
    /// the executable's folder, the working folder and the source checkout, in that order. The
    /// one search every shipped asset (lessons, photos) goes through.
    /// - Returns: the path found (or nil) and the starting folders looked in.
    public static func searchAssets(_ relativePath: String, isDirectory wantDirectory: Bool, executablePath: String,
                                    currentDirectory: String) -> (path: String?, looked: [String]) {
        let fm = FileManager.default
        var starts: [URL] = []
        let exe = URL(fileURLWithPath: executablePath, relativeTo: URL(fileURLWithPath: currentDirectory))
        starts.append(exe.resolvingSymlinksInPath().deletingLastPathComponent())
        starts.append(URL(fileURLWithPath: currentDirectory))
        // Sources/ConvLessons/LessonLibrary.swift -> the checkout.
        starts.append(URL(fileURLWithPath: #filePath).deletingLastPathComponent())
        var looked: [String] = []
        for start in starts {
            var dir = start.standardizedFileURL
            for _ in 0..<12 {
                let candidate = dir.appendingPathComponent("assets").appendingPathComponent(relativePath).path
                var isDir: ObjCBool = false
                if fm.fileExists(atPath: candidate, isDirectory: &isDir), isDir.boolValue == wantDirectory {
                    return (candidate, looked)
                }
                let parent = dir.deletingLastPathComponent()
                if parent.path == dir.path { break }
                dir = parent
            }
            looked.append(start.path)
        }
        return (nil, looked)
    }

    /// The lessons folder, or an error that says where it looked.
    /// - Parameters:
    ///   - executablePath: the running binary (`CommandLine.arguments[0]`).
    ///   - currentDirectory: the working folder.
    /// - Throws: ``LessonError`` when no folder is found, or the override is not a folder.
    public static func lessonsDirectory(environment: [String: String], executablePath: String,
                                        currentDirectory: String) throws(LessonError) -> String {
        let fm = FileManager.default
        func isDirectory(_ path: String) -> Bool {
            var isDir: ObjCBool = false
            return fm.fileExists(atPath: path, isDirectory: &isDir) && isDir.boolValue
        }
        if let override = environment[environmentKey], !override.isEmpty {
            guard isDirectory(override) else {
                throw LessonError(file: override, message: "\(environmentKey) is not a folder")
            }
            return override
        }
        let (found, looked) = searchAssets("lessons", isDirectory: true, executablePath: executablePath,
                                           currentDirectory: currentDirectory)
        if let found { return found }
        throw LessonError(file: "assets/lessons",
                          message: "lessons folder not found above \(looked.joined(separator: ", ")); set \(environmentKey) to the folder")
    }
}
