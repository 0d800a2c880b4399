import Testing
import Foundation
import ConvLessons

/// Lesson files: what loads, and errors that name the file, the step and the problem.
@Suite struct LessonParserTests {
    let parser = LessonParser(file: "lesson-x.yaml", assetsPath: "/assets")

    /// A valid two-step lesson; `step2` replaces the second step's body.
    func yaml(step2: String = """
          - text:
              en: |-
                Output {{fact: conv_output_size, i: 7, k: 3, s: 2, p: 1}}
              ko: |-
                출력 {{fact: conv_output_size, i: 7, k: 3, s: 2, p: 1}}
            scene: [conv, --input, "7"]
            question:
              prompt: {en: Size?, ko: 크기는?}
              answer: {fact: conv_output_size, i: 7, k: 3, s: 2, p: 1}
              hint: {en: Use the formula., ko: 공식을 쓰세요.}
        """) -> String {
        """
        number: 3
        title: {en: Stride, ko: 스트라이드}
        goal: {en: Compute sizes., ko: 크기를 계산한다.}
        steps:
          - text:
              en: |-
                First line
                joined with the second.

                - an item
                  continued
              ko: 첫 줄
            scene: [filter, "{{assets}}/images/camera.png"]
        \(step2)
        summary: {en: Done., ko: 끝.}
        """
    }

    func error(_ text: String) -> String {
        do {
            _ = try parser.parse(text, id: "x")
            return ""
        } catch {
            return error.description
        }
    }

    @Test func aValidLessonLoadsWithNumbersFromTheCore() throws {
        let lesson = try parser.parse(yaml(), id: "03-x")
        #expect(lesson.number == 3 && lesson.id == "03-x" && lesson.steps.count == 2)
        #expect(lesson.title[.ko] == "스트라이드")
        // Lines of a paragraph are joined; paragraphs and list items stay apart.
        #expect(lesson.steps[0].text.en == "First line joined with the second.\n- an item continued")
        #expect(lesson.steps[0].scene == ["filter", "/assets/images/camera.png"])
        // Dumoulin & Visin: i = 7, k = 3, s = 2, p = 1 gives 4.
        #expect(lesson.steps[1].text.en == "Output 4" && lesson.steps[1].text.ko == "출력 4")
        let question = try #require(lesson.steps[1].question)
        #expect(question.answer == .integer(4) && question.check(" 4 ") && !question.check("3"))
        #expect(lesson.questionSteps == [2])
    }

    /// 10^5 nested brackets (Yams' recursive parser overflowed the stack near depth 6,375 and the
    /// process died with SIGSEGV) are refused before parsing, with the line; so is the same inside
    /// a placeholder, and indentation that nests as deep.
    @Test func deepNestingIsRefusedBeforeParsing() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        for text in ["number: 1\nsteps: " + deep, yaml(step2: "  - text: {en: \"{{fact: " + deep + "}}\", ko: x}")] {
            #expect(throws: LessonError.self) { try parser.parse(text, id: "x") }
            do { _ = try parser.parse(text, id: "x") } catch {
                #expect(error.description.contains("nests brackets more than 64 deep"), "\(error.description)")
            }
        }
        let indented = (0..<300).map { String(repeating: " ", count: $0) + "k\($0):" }.joined(separator: "\n")
        #expect(throws: LessonError.self) { try parser.parse(indented, id: "x") }
        do { _ = try parser.parse(indented, id: "x") } catch {
            #expect(error.description.contains("indented more than 256 columns"), "\(error.description)")
        }
        // Brackets inside quotes, comments and words do not count.
        let quoted = yaml(step2: """
              - text: {en: "\(String(repeating: "[", count: 100))", ko: 'it''s [[[['}  # [[[[[[
                scene: [conv]
            """)
        #expect(throws: Never.self) { try parser.parse(quoted, id: "x") }
    }

    @Test func errorsNameTheFileTheStepAndTheProblem() {
        // An unknown fact in an answer.
        #expect(error(yaml().replacingOccurrences(of: "answer: {fact: conv_output_size", with: "answer: {fact: conv_size"))
                    .hasPrefix("lesson-x.yaml, step 2, question.answer: unknown fact 'conv_size'"))
        // A bad parameter.
        #expect(error(yaml().replacingOccurrences(of: "answer: {fact: conv_output_size, i: 7", with: "answer: {fact: conv_output_size, i: -7"))
                    .hasPrefix("lesson-x.yaml, step 2, question.answer: fact conv_output_size: i '-7' is not valid"))
        // A configuration the core refuses, in a placeholder.
        #expect(error(yaml().replacingOccurrences(of: "Output {{fact: conv_output_size, i: 7, k: 3, s: 2, p: 1}}",
                                                  with: "Output {{fact: conv_output_size, i: 1, k: 3}}"))
                    .hasPrefix("lesson-x.yaml, step 2, text.en: {{fact: conv_output_size, i: 1, k: 3}}: kernel"))
        // A missing translation.
        #expect(error(yaml().replacingOccurrences(of: "      ko: 첫 줄\n", with: ""))
                    .hasPrefix("lesson-x.yaml, step 1, text.ko: missing translation: no 한국어 (ko) text"))
        #expect(error(yaml().replacingOccurrences(of: "summary: {en: Done., ko: 끝.}", with: "summary: {en: Done.}"))
                    .hasPrefix("lesson-x.yaml, summary.ko: missing translation"))
        // A typo in a key.
        #expect(error(yaml().replacingOccurrences(of: "    question:", with: "    qestion:"))
                    .contains("lesson-x.yaml, step 2: unknown key 'qestion'"))
        // A number typed into the text instead of a placeholder.
        #expect(error(yaml().replacingOccurrences(of: "Output {{", with: "Output 73,728 {{"))
                    .hasPrefix("lesson-x.yaml, step 2, text.en: the number 73,728 is typed in"))
        #expect(error(yaml().replacingOccurrences(of: "Output {{", with: "Output 73728 {{")).contains("typed in"))
        // A scene that is not a list of words, an unclosed placeholder, not YAML at all.
        #expect(error(yaml().replacingOccurrences(of: "scene: [conv, --input, \"7\"]", with: "scene: conv"))
                    .hasPrefix("lesson-x.yaml, step 2, scene: 'scene' must be a list"))
        #expect(error(yaml().replacingOccurrences(of: "Output {{fact: conv_output_size, i: 7, k: 3, s: 2, p: 1}}", with: "Output {{fact"))
                    .hasPrefix("lesson-x.yaml, step 2, text.en: a placeholder '{{' is not closed"))
        #expect(error(yaml().replacingOccurrences(of: "Output {{fact: conv_output_size, i: 7, k: 3, s: 2, p: 1}}", with: "Output {{size}}"))
                    .hasPrefix("lesson-x.yaml, step 2, text.en"))
        #expect(error("number: [").hasPrefix("lesson-x.yaml: not valid YAML"))
        #expect(error("number: 0\n").hasPrefix("lesson-x.yaml, number: 'number' must be a whole number 1...999"))
    }
}
