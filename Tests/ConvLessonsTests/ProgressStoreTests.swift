import Testing
import Foundation
import ConvLessons

/// Progress: saved atomically, read back, and an unreadable file set aside, never a crash.
@Suite struct ProgressStoreTests {
    func store() throws -> (ProgressStore, URL) {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("convscope-state-\(UUID().uuidString)")
        return (ProgressStore(directory: url.appendingPathComponent("convscope").path), url)
    }

    let lesson = Lesson(id: "03-stride", number: 3, file: "03-stride.yaml", title: LocalizedText("T"), goal: LocalizedText("G"),
                        steps: [LessonStep(text: LocalizedText("a")), LessonStep(text: LocalizedText("b"))],
                        summary: LocalizedText("S"))

    @Test func progressRoundTripsThroughTheFile() throws {
        let (store, root) = try store()
        defer { try? FileManager.default.removeItem(at: root) }
        var progress = LessonProgress()
        progress.visit(lesson, step: 2)
        progress.answered(lesson, step: 2)
        progress.visit(lesson, step: 1)
        try store.save(progress)
        let (loaded, message) = store.load()
        #expect(message == nil)
        #expect(loaded == progress)
        #expect(loaded.record(lesson) == LessonProgress.Record(step: 1, furthestStep: 2, answered: [2]))
        #expect(loaded.lastLesson == "03-stride")
        // Only progress.json is left: the temporary file was renamed over it.
        #expect(try FileManager.default.contentsOfDirectory(atPath: store.directory) == ["progress.json"])
        let summary = loaded.summary(of: lesson)
        #expect(summary.stepsReached == 2 && summary.stepCount == 2 && summary.answered == 0 && summary.questions == 0)
    }

    @Test(arguments: ["{not json", "{\"format\": \"something-else\", \"version\": 1, \"lessons\": {}}", "[1, 2, 3]",
                      "{\"format\": \"convscope-progress\", \"version\": 99, \"lessons\": {}}",
                      // Negative or absurd steps (a tester's file that once crashed the home screen).
                      "{\"format\":\"convscope-progress\",\"version\":1,\"lastLesson\":\"01-convolution\",\"lessons\":{\"01-convolution\":{\"step\":-5,\"furthestStep\":-5,\"answered\":[]}}}",
                      "{\"format\":\"convscope-progress\",\"version\":1,\"lessons\":{\"x\":{\"step\":1,\"furthestStep\":-9223372036854775808,\"answered\":[]}}}",
                      "{\"format\":\"convscope-progress\",\"version\":1,\"lessons\":{\"x\":{\"step\":1,\"furthestStep\":2,\"answered\":[0]}}}"])
    func anUnreadableFileIsSetAside(_ content: String) throws {
        let (store, root) = try store()
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(atPath: store.directory, withIntermediateDirectories: true)
        try content.write(toFile: store.path, atomically: true, encoding: .utf8)
        let (progress, message) = store.load()
        #expect(progress == LessonProgress())
        #expect(message?.contains("set aside as \(store.path).unreadable-") == true, "\(message ?? "")")
        let files = try FileManager.default.contentsOfDirectory(atPath: store.directory)
        #expect(files.count == 1 && files[0].hasPrefix("progress.json.unreadable-"))
        // The set-aside file keeps what was there.
        #expect(try String(contentsOfFile: store.directory + "/" + files[0], encoding: .utf8) == content)
        // Saving afterwards works.
        try store.save(progress)
        #expect(store.load().message == nil)
    }

    /// Two corrupt files set aside within the same second keep both (a tester lost the first when
    /// the second got the same name).
    @Test func twoSetAsideFilesInOneSecondBothSurvive() throws {
        let (store, root) = try store()
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(atPath: store.directory, withIntermediateDirectories: true)
        for content in ["{first", "{second"] {
            try content.write(toFile: store.path, atomically: true, encoding: .utf8)
            #expect(store.load().message?.contains("set aside") == true)
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: store.directory).sorted()
        #expect(files.count == 2)
        let contents = try files.map { try String(contentsOfFile: store.directory + "/" + $0, encoding: .utf8) }
        #expect(Set(contents) == ["{first", "{second"])
    }

    /// A progress file over 16 MiB is set aside without being read (sparse: 17 MiB of size, no data).
    @Test func anOversizedFileIsSetAsideUnread() throws {
        let (store, root) = try store()
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(atPath: store.directory, withIntermediateDirectories: true)
        #expect(FileManager.default.createFile(atPath: store.path, contents: nil))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: store.path))
        try handle.truncate(atOffset: 17 << 20)
        try handle.close()
        let (progress, message) = store.load()
        #expect(progress == LessonProgress())
        #expect(message?.contains("set aside") == true, "\(message ?? "")")
    }

    @Test func theFolderFollowsXDG() {
        #expect(ProgressStore.standard(environment: ["XDG_STATE_HOME": "/s", "HOME": "/h"])?.directory == "/s/convscope")
        #expect(ProgressStore.standard(environment: ["XDG_STATE_HOME": "relative", "HOME": "/h"])?.directory == "/h/.local/state/convscope")
        #expect(ProgressStore.standard(environment: ["HOME": "/h"])?.path == "/h/.local/state/convscope/progress.json")
        #expect(ProgressStore.standard(environment: [:]) == nil)
    }

    @Test func savingIntoAnUnwritablePlaceThrowsWithThePath() {
        let store = ProgressStore(directory: "/proc/convscope-cannot-exist")
        #expect(throws: LessonError.self) { try store.save(LessonProgress()) }
    }
}
