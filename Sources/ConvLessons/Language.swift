/// A language the lessons are written in. Every lesson file carries both.
public enum Language: String, CaseIterable, Sendable, Codable, CustomStringConvertible {
    case en, ko

    /// The language a person reading `environment` most likely wants: the first of `LC_ALL`,
    /// `LC_MESSAGES` and `LANG` that is set and not empty (POSIX precedence) decides; a value
    /// starting with `ko` (`ko_KR.UTF-8`, `ko`) gives Korean, anything else English.
    ///
    ///     Language.preferred(environment: ["LANG": "ko_KR.UTF-8"])   // .ko
    ///     Language.preferred(environment: ["LC_ALL": "C.UTF-8", "LANG": "ko_KR.UTF-8"])   // .en
    public static func preferred(environment: [String: String]) -> Language {
        for key in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            guard let value = environment[key], !value.isEmpty else { continue }
            return value.lowercased().hasPrefix("ko") ? .ko : .en
        }
        return .en
    }

    /// The code used in lesson files and on the command line ("en", "ko").
    public var description: String { rawValue }

    /// The language's own name ("English", "한국어").
    public var nativeName: String {
        switch self {
        case .en: return "English"
        case .ko: return "한국어"
        }
    }
}

/// A text in every ``Language``. Lesson files give each text as a mapping `{en: ..., ko: ...}`;
/// a missing language is a load error, so a lookup always succeeds.
public struct LocalizedText: Equatable, Sendable {
    /// The English text.
    public var en: String
    /// The Korean text.
    public var ko: String

    /// The text in English and in Korean.
    public init(en: String, ko: String) {
        self.en = en
        self.ko = ko
    }

    /// The same text in both languages (numbers, names).
    public init(_ both: String) {
        self.init(en: both, ko: both)
    }

    /// The text in `language`.
    public subscript(language: Language) -> String {
        switch language {
        case .en: return en
        case .ko: return ko
        }
    }

    /// Both texts transformed by `transform`, which may throw.
    public func map(_ transform: (String, Language) throws(LessonError) -> String) throws(LessonError) -> LocalizedText {
        LocalizedText(en: try transform(en, .en), ko: try transform(ko, .ko))
    }
}
