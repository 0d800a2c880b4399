import Foundation
import ConvFiles
import ConvCore
import ConvApp
import ConvONNX

/// `convscope arch FILE`: an ONNX `.onnx`, Darknet `.cfg` or Caffe `.prototxt` opened as an
/// architecture table. The format is chosen by content (an ONNX file is a protobuf ModelProto with
/// a graph; a cfg's first section is `[net]`; a prototxt parses as text format with
/// `layer`/`layers`/`input` fields), the extension only decides which importer explains a file that
/// is none of them. ONNX files are memory-mapped and their weights never read, so they have no size
/// bound; text files are read up to ``ImportLimits/maximumFileBytes``. Exit status 65 (EX_DATAERR) for a bad model file, 66 (EX_NOINPUT) for a
/// file that cannot be read, each with one line naming the file, the layer and the problem.
enum ModelFileLoading {
    /// EX_DATAERR: the file was read but is not a valid model.
    static let badFileExitCode: Int32 = 65

    /// True when `name` is meant as a file rather than a built-in model: not a zoo name, and it has
    /// a folder, an extension or exists.
    static func isModelFile(_ name: String) -> Bool {
        if (try? ModelZoo.entry(named: name)) != nil { return false }
        return name.contains("/") || name.contains(".") || FileManager.default.fileExists(atPath: name)
    }

    /// The summary of the model file `path` at `input` ([C, H, W], overriding the file's), or nil
    /// when `path` names a built-in model.
    static func summaryIfFile(_ path: String, input: [Int]?) throws(CLIError) -> ModelSummary? {
        guard isModelFile(path) else { return nil }
        return try summary(path, input: input)
    }

    /// The arch scene's file loader: nil for a built-in name, else the file's summary or the
    /// one-line reason it cannot be read.
    static let loader: ArchScene.ModelFileLoader = { name, input in
        guard isModelFile(name) else { return nil }
        do throws(CLIError) {
            return .success(try summary(name, input: input))
        } catch {
            return .failure(SceneUnavailable(error.description))
        }
    }

    /// Reads and imports `path`.
    static func summary(_ path: String, input: [Int]?) throws(CLIError) -> ModelSummary {
        try checkFile(path)
        let name = ImageLoading.fileName(path)
        let lowered = path.lowercased()
        guard let mapped = try? Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped) else {
            throw .noInput("\(path): cannot be read (permission denied?)")
        }
        let recognized = ONNXImporter.recognizes(mapped)
        if recognized || lowered.hasSuffix(".onnx") {
            do throws(ModelImportError) {
                return try ONNXImporter.summary(data: mapped, model: name, file: path, input: input)
            } catch {
                let problem = recognized ? error.description : "not an ONNX ModelProto (\(error.description))"
                throw CLIError(description: "\(path): \(problem)", exitCode: badFileExitCode)
            }
        }
        let text = try read(path)
        do throws(ModelImportError) {
            if DarknetImporter.recognizes(text) {
                return try DarknetImporter.summary(text: text, model: name, file: path, input: input)
            }
            if CaffeImporter.recognizes(text) {
                return try CaffeImporter.summary(text: text, model: name, file: path, input: input)
            }
            // Neither by content: let the extension's importer say what is wrong.
            if lowered.hasSuffix(".cfg") {
                return try DarknetImporter.summary(text: text, model: name, file: path, input: input)
            }
            if lowered.hasSuffix(".prototxt") || lowered.hasSuffix(".pbtxt") {
                return try CaffeImporter.summary(text: text, model: name, file: path, input: input)
            }
            throw ModelImportError.unrecognized(problem: "not an ONNX, Darknet .cfg or Caffe .prototxt file")
        } catch {
            throw CLIError(description: "\(path): \(error.description)", exitCode: badFileExitCode)
        }
    }

    /// 66 unless `path` is an existing file.
    static func checkFile(_ path: String) throws(CLIError) {
        do throws(FileFailure) {
            _ = try BoundedFile.regularFileSize(path)
        } catch {
            switch error {
            case .notFound: throw .noInput("\(path): no such file (and not a built-in model; convscope arch --list names them)")
            case let .unreadable(_, reason): throw .noInput("\(path): \(reason), not a model file")
            default: throw .noInput(error.description)
            }
        }
    }

    /// The file's text; 66 when it cannot be read, 65 when it is too large or binary.
    static func read(_ path: String) throws(CLIError) -> String {
        try checkFile(path)
        let data: [UInt8]
        do throws(FileFailure) {
            data = try BoundedFile.read(path, limit: ImportLimits.maximumFileBytes)
        } catch {
            if case let .tooLarge(_, size, limit) = error {
                throw CLIError(description: "\(path): \(size) bytes; model files of at most \(limit) bytes are read", exitCode: badFileExitCode)
            }
            throw .noInput(error.description)
        }
        guard !data.contains(0) else {
            throw CLIError(description: "\(path): binary data, not an ONNX model nor a Darknet .cfg or Caffe .prototxt text file",
                           exitCode: badFileExitCode)
        }
        return String(decoding: data, as: UTF8.self)
    }
}
