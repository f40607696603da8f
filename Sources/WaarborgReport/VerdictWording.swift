import WaarborgModel

/// The words of a verdict, in each language: report wording, so it lives with the
/// reports (the model and the engine know verdicts only by their lattice place and id).
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
}
