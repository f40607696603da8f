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
/// ("first declared here").
public struct DiagnosticNote: Sendable, Hashable {
    public let message: String
    public let range: SourceRange?

    public init(_ message: String, at range: SourceRange? = nil) {
        self.message = message
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
    public let message: String
    public let range: SourceRange?
    public let notes: [DiagnosticNote]
    /// What to write instead, where a likely fix is known ("did you mean `aggregation`?").
    public let suggestion: String?

    public init(
        _ severity: Severity, _ code: String, _ message: String, at range: SourceRange?,
        notes: [DiagnosticNote] = [], suggestion: String? = nil
    ) {
        self.severity = severity
        self.code = code
        self.message = message
        self.range = range
        self.notes = notes
        self.suggestion = suggestion
    }

    public static func error(
        _ code: String, _ message: String, at range: SourceRange?, notes: [DiagnosticNote] = [],
        suggestion: String? = nil
    ) -> Diagnostic {
        Diagnostic(.error, code, message, at: range, notes: notes, suggestion: suggestion)
    }

    public static func warning(
        _ code: String, _ message: String, at range: SourceRange?, notes: [DiagnosticNote] = [],
        suggestion: String? = nil
    ) -> Diagnostic {
        Diagnostic(.warning, code, message, at: range, notes: notes, suggestion: suggestion)
    }

    public var location: SourceLocation? { range?.location }
}

extension Array where Element == Diagnostic {
    public var hasErrors: Bool { contains { $0.severity == .error } }

    /// Diagnostics in reading order: by file, line, column, then code, so output never
    /// depends on the order in which checks ran.
    public func sortedForOutput() -> [Diagnostic] {
        sorted { lhs, rhs in
            switch (lhs.location, rhs.location) {
            case let (l?, r?) where l != r: return l < r
            case (nil, _?): return false
            case (_?, nil): return true
            default:
                return (lhs.code, lhs.message) < (rhs.code, rhs.message)
            }
        }
    }
}

/// A diagnostic can travel as a thrown or returned error (file access, usage).
extension Diagnostic: Error {}
