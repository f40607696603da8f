/// How serious a diagnostic is. Errors stop a check (exit code 2); warnings do not.
public enum Severity: String, Sendable, Comparable, CaseIterable {
    case note, warning, error

    private var rank: Int {
        switch self {
        case .note: 0
        case .warning: 1
        case .error: 2
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// A remark attached to a diagnostic, optionally pointing at another place
/// ("first declared here"), in both languages as the diagnostic is.
public struct DiagnosticNote: Sendable, Hashable {
    public let text: Bilingual
    public let range: SourceRange?

    /// The English text (what tests compare); renderers show `text[language]`.
    public var message: String { text.en }

    public init(_ en: String, nl: String, at range: SourceRange? = nil) {
        self.init(Bilingual(en, nl: nl), at: range)
    }

    public init(_ text: Bilingual, at range: SourceRange? = nil) {
        self.text = text
        self.range = range
    }
}

/// A finding about the input, as a value. Stages return these; only the CLI renders them.
///
/// `code` is stable across releases (documented in `docs/diagnostics.md`), so a CI
/// configuration or a user's search can rely on it even when the wording improves.
public struct Diagnostic: Sendable, Hashable {
    public let severity: Severity
    public let code: String
    /// The message in Dutch and English: every diagnostic is written with both, and a run
    /// shows the one of its `--lang` (the severity word and the code stay as compilers
    /// print them, so editors and CI problem matchers read either language).
    public let text: Bilingual
    public let range: SourceRange?
    /// The file a problem with a whole file is about (it cannot be read, it is a folder):
    /// no line to point at, so it is printed `file: error: …` (docs/diagnostics.md). Nil
    /// with a `range`, whose file is the range's, and for problems of no file (usage).
    public let file: String?
    public let notes: [DiagnosticNote]
    /// What to write instead, where a likely fix is known ("did you mean `aggregation`?"):
    /// text for the file (a name, a line), the same in both languages, never prose.
    public let suggestion: String?

    /// The English text: what tests and logs compare. Renderers show `text[language]`.
    public var message: String { text.en }

    public init(
        _ severity: Severity, _ code: String, _ text: Bilingual, at range: SourceRange?,
        notes: [DiagnosticNote] = [], suggestion: String? = nil
    ) {
        self.severity = severity
        self.code = code
        self.text = text
        self.range = range
        self.file = nil
        self.notes = notes
        self.suggestion = suggestion
    }

    /// A problem with the whole file (or folder) at `path`.
    public init(_ severity: Severity, _ code: String, _ text: Bilingual, file path: String, notes: [DiagnosticNote] = [], suggestion: String? = nil) {
        self.severity = severity
        self.code = code
        self.text = text
        self.range = nil
        self.file = path
        self.notes = notes
        self.suggestion = suggestion
    }

    /// An error about the whole file at `path`: `path: error: message [code]`.
    public static func error(_ code: String, _ en: String, nl: String, file path: String, notes: [DiagnosticNote] = [], suggestion: String? = nil) -> Diagnostic {
        Diagnostic(.error, code, Bilingual(en, nl: nl), file: path, notes: notes, suggestion: suggestion)
    }

    public static func error(
        _ code: String, _ en: String, nl: String, at range: SourceRange?, notes: [DiagnosticNote] = [],
        suggestion: String? = nil
    ) -> Diagnostic {
        Diagnostic(.error, code, Bilingual(en, nl: nl), at: range, notes: notes, suggestion: suggestion)
    }

    public static func error(
        _ code: String, _ text: Bilingual, at range: SourceRange?, notes: [DiagnosticNote] = [],
        suggestion: String? = nil
    ) -> Diagnostic {
        Diagnostic(.error, code, text, at: range, notes: notes, suggestion: suggestion)
    }

    public static func warning(
        _ code: String, _ en: String, nl: String, at range: SourceRange?, notes: [DiagnosticNote] = [],
        suggestion: String? = nil
    ) -> Diagnostic {
        Diagnostic(.warning, code, Bilingual(en, nl: nl), at: range, notes: notes, suggestion: suggestion)
    }

    public static func warning(
        _ code: String, _ text: Bilingual, at range: SourceRange?, notes: [DiagnosticNote] = [],
        suggestion: String? = nil
    ) -> Diagnostic {
        Diagnostic(.warning, code, text, at: range, notes: notes, suggestion: suggestion)
    }

    /// The same diagnostic with another text (a caller that knows better words for a
    /// shared check's finding).
    public func with(_ text: Bilingual) -> Diagnostic {
        file.map { Diagnostic(severity, code, text, file: $0, notes: notes, suggestion: suggestion) }
            ?? Diagnostic(severity, code, text, at: range, notes: notes, suggestion: suggestion)
    }

    public var location: SourceLocation? { range?.location }

    /// Where the diagnostic is printed as being: `file:line:column`, the file alone for a
    /// problem with a whole file, nil for one of no file.
    public var place: String? { location.map(\.description) ?? file }
}

extension Array where Element == Diagnostic {
    public var hasErrors: Bool { contains { $0.severity == .error } }

    /// Diagnostics in reading order: by file, line, column, then (for problems of a whole
    /// file or of none) by file and code, so output never depends on the order in which
    /// checks ran.
    public func sortedForOutput() -> [Diagnostic] {
        sorted { lhs, rhs in
            switch (lhs.location, rhs.location) {
            case let (l?, r?) where l != r: return l < r
            case (nil, _?): return false
            case (_?, nil): return true
            default:
                return (lhs.file ?? "", lhs.code, lhs.message) < (rhs.file ?? "", rhs.code, rhs.message)
            }
        }
    }
}

/// A diagnostic can travel as a thrown or returned error (file access, usage).
extension Diagnostic: Error {}
