import WaarborgSyntax
import WaarborgModel

/// Everything the reports show of a verdict, in one place: its words in each language,
/// its colour in the terminal, its SARIF level and its GitHub annotation, and the annex
/// phrase that names it. Report wording, so it lives with the reports (the model and the
/// engine know verdicts only by their lattice place and id). A new verdict is a compile
/// error here and in `Verdict`; with its annex phrase (`verdict_ID` in rules/annex.wbr and
/// the golden fixture's annex.wbr) that is all a new verdict touches.
extension Verdict {
    public func label(_ language: Language) -> String {
        switch (self, language) {
        case (.allowed, .nl): "toegestaan"
        case (.allowed, .en): "allowed"
        case (.allowedWithSafeguards, .nl): "toegestaan mits waarborgen"
        case (.allowedWithSafeguards, .en): "allowed with safeguards"
        case (.needsAssessment, .nl): "nadere beoordeling nodig"
        case (.needsAssessment, .en): "needs assessment"
        case (.prohibited, .nl): "verboden"
        case (.prohibited, .en): "prohibited"
        }
    }

    /// The SGR code the text report paints the verdict in.
    var style: String {
        switch self {
        case .allowed: "1;32"
        case .allowedWithSafeguards: "1;36"
        case .needsAssessment: "1;33"
        case .prohibited: "1;31"
        }
    }

    /// The SARIF result level; `review`: an open question for a human, not a finding.
    func sarifLevel(review: Bool) -> String {
        switch self {
        case .prohibited: "error"
        case .needsAssessment: review ? "none" : "warning"
        case .allowedWithSafeguards, .allowed: "note"
        }
    }

    /// The GitHub annotation; a waived finding is a notice.
    func annotationKind(waived: Bool) -> GitHubRenderer.Kind {
        switch self {
        case .prohibited: waived ? .notice : .error
        case .needsAssessment: waived ? .notice : .warning
        case .allowedWithSafeguards, .allowed: .notice
        }
    }

    /// What the text report's overview tells the reader to do about an activity with this
    /// verdict (once its open questions are answered).
    var advice: VerdictAdvice {
        switch self {
        case .allowed: .nothing
        case .allowedWithSafeguards: .keepSafeguards
        case .needsAssessment, .prohibited: .remedy
        }
    }

    /// The key of the annex phrase naming the verdict (`phrase verdict_ID nl "…" en "…"`).
    var annexPhraseKey: String { "verdict_" + id }
}

/// The kinds of advice a verdict gets in the overview (`Verdict.advice`).
enum VerdictAdvice {
    /// Allowed outright: nothing to do.
    case nothing
    /// Keep the safeguards the verdict rests on.
    case keepSafeguards
    /// The best remedy, else the open questions, else that no remedy exists or an
    /// assessment is needed.
    case remedy
}
