import Testing
import Foundation
import ConvLessons

/// The shipped lessons folder, the locator, numbering, and scene problems.
@Suite struct LessonLibraryTests {
    func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("convscope-lessons-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    func shippedDirectory() throws -> String {
        try LessonLocator.lessonsDirectory(environment: [:], executablePath: CommandLine.arguments[0],
                                           currentDirectory: FileManager.default.currentDirectoryPath)
    }

    @Test func theShippedLessonsLoadInBothLanguages() throws {
        let library = try LessonLibrary.load(directory: try shippedDirectory())
        #expect(library.lessons.count == 16)
        for lesson in library.lessons {
            for language in Language.allCases {
                #expect(!lesson.title[language].isEmpty && !lesson.goal[language].isEmpty && !lesson.summary[language].isEmpty)
                for step in lesson.steps { #expect(!step.text[language].isEmpty, "\(lesson.file)") }
            }
            // Korean text is Korean: it holds Hangul.
            #expect(lesson.steps.allSatisfy { $0.text.ko.unicodeScalars.contains { (0xAC00...0xD7A3).contains($0.value) } }, "\(lesson.file)")
        }
        // The corrections the issue asks for are in the text, with their sources.
        let resnet = try #require(library.lesson(number: 9)).steps[0].text.en
        #expect(resnet.contains("ADDS") && resnet.contains("He et al. 2016"))
        let densenet = try #require(library.lesson(number: 10)).steps[0].text.en
        #expect(densenet.contains("concatenated") && densenet.contains("Huang et al. 2017"))
        let rcnn = try #require(library.lesson(number: 13)).steps[0].text.en
        #expect(rcnn.contains("selective search") && rcnn.contains("not picked at random"))
        let yolo = try #require(library.lesson(number: 16)).steps[1].text.en
        #expect(yolo.contains("x, y, w, h and") && yolo.contains("confidence") && yolo.contains("not five boxes") == false)
        #expect(yolo.contains("five values per box"))
    }

    @Test func theLocatorHonoursTheOverrideAndSearchesUpwards() throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let lessons = root.appendingPathComponent("assets/lessons")
        try FileManager.default.createDirectory(at: lessons, withIntermediateDirectories: true)
        let bin = root.appendingPathComponent(".build/debug")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        // From the binary's folder upwards.
        let found = try LessonLocator.lessonsDirectory(environment: [:], executablePath: bin.appendingPathComponent("convscope").path,
                                                       currentDirectory: "/")
        #expect(URL(fileURLWithPath: found).standardizedFileURL.path == lessons.standardizedFileURL.path)
        // The override wins, and must be a folder.
        #expect(try LessonLocator.lessonsDirectory(environment: ["CONVSCOPE_LESSONS": lessons.path], executablePath: "/bin/x",
                                                   currentDirectory: "/") == lessons.path)
        #expect(throws: LessonError.self) {
            try LessonLocator.lessonsDirectory(environment: ["CONVSCOPE_LESSONS": "/no/such/folder"], executablePath: "/x", currentDirectory: "/")
        }
    }

    @Test func numbersMustRunWithoutGapsAndSceneProblemsNameTheStep() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        func lesson(_ number: Int, scene: String) -> String {
            """
            number: \(number)
            title: {en: T\(number), ko: 제목}
            goal: {en: G, ko: 목표}
            steps:
              - text: {en: A, ko: 가}
                scene: \(scene)
            summary: {en: S, ko: 요약}
            """
        }
        try lesson(1, scene: "[conv]").write(to: folder.appendingPathComponent("01-a.yaml"), atomically: true, encoding: .utf8)
        try lesson(3, scene: "[nosuch, --x]").write(to: folder.appendingPathComponent("03-c.yaml"), atomically: true, encoding: .utf8)
        do {
            _ = try LessonLibrary.load(directory: folder.path)
            Issue.record("a gap in the numbers should be refused")
        } catch {
            #expect(error.description.contains("without gaps; missing 2"))
        }
        try lesson(2, scene: "[conv, --input, \"0\"]").write(to: folder.appendingPathComponent("02-b.yaml"), atomically: true, encoding: .utf8)
        let library = try LessonLibrary.load(directory: folder.path)
        #expect(library.lessons.map(\.number) == [1, 2, 3])
        // A resolver that knows only `conv` with a positive --input.
        let problems = library.sceneProblems { words in
            guard words.first == "conv" else { return "unknown scene '\(words[0])'" }
            return words.contains("0") ? "--input '0' is not valid" : nil
        }
        #expect(problems.map(\.description) == [
            "02-b.yaml, step 1, scene: conv --input 0: --input '0' is not valid",
            "03-c.yaml, step 1, scene: nosuch --x: unknown scene 'nosuch'",
        ])
    }

    @Test func theLanguageComesFromTheLocale() {
        #expect(Language.preferred(environment: ["LANG": "ko_KR.UTF-8"]) == .ko)
        #expect(Language.preferred(environment: ["LC_ALL": "ko_KR.UTF-8", "LANG": "en_US.UTF-8"]) == .ko)
        #expect(Language.preferred(environment: ["LC_ALL": "C.UTF-8", "LANG": "ko_KR.UTF-8"]) == .en)
        #expect(Language.preferred(environment: ["LC_ALL": "", "LANG": "ko"]) == .ko)
        #expect(Language.preferred(environment: [:]) == .en)
    }
}
