import Foundation
import WaarborgModel
import WaarborgSyntax

/// Answers for a non-interactive interview: `key = value` lines, where the value is what
/// one would type at the prompt (`# …` comments and blank lines are skipped). The keys
/// name the question: `plan.name`, `plan.no_hire_clause`, `party.2.kind`,
/// `activity.1.data_age_months`; a party
/// or activity is named by its number in the interview or by its id.
struct InterviewAnswers {
    struct Entry {
        let value: String
        let range: SourceRange
    }

    private(set) var entries: [String: Entry] = [:]
    /// Keys in file order, to report unused ones deterministically.
    private(set) var order: [String] = []

    static let planKeys = ["name", "date", "region"]
    static let partyKeys = ["name", "kind", "undertaking", "competes_with"]
    static let activityKeys = ["title", "kind", "parties", "safeguards"]

    /// Reads and checks the keys against the vocabulary; diagnostics point at the line.
    static func parse(_ file: SourceFile, vocabulary: Vocabulary) -> (InterviewAnswers?, [Diagnostic]) {
        var answers = InterviewAnswers()
        var diagnostics: [Diagnostic] = []
        let bytes = file.bytes
        var start = 0
        while start < bytes.count {
            var end = start
            while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
            let line = String(decoding: bytes[start..<end], as: UTF8.self)
            let range = SourceRange(file: file, start: start, end: end)
            let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
            defer { start = end + 1 }
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            guard let equals = line.firstIndex(of: "=") else {
                diagnostics.append(.error(
                    "WB450", "an interview answer is written `key = value`, for example `plan.name = Zorghub Noord`",
                    nl: "een antwoord voor het interview schrijft u als `key = value`, bijvoorbeeld `plan.name = Zorghub Noord`", at: range))
                continue
            }
            let key = line[..<equals].trimmingCharacters(in: .whitespacesAndNewlines)
            var value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespacesAndNewlines)
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
            if let problem = check(key, vocabulary: vocabulary) {
                diagnostics.append(.error("WB451", problem.text, at: range, suggestion: problem.suggestion))
                continue
            }
            if answers.entries[key] != nil {
                diagnostics.append(.error("WB452", "`\(key)` is answered twice; keep one answer", nl: "`\(key)` is twee keer beantwoord; houd één antwoord over", at: range))
                continue
            }
            answers.entries[key] = Entry(value: value, range: range)
            answers.order.append(key)
        }
        return diagnostics.isEmpty ? (answers, []) : (nil, diagnostics)
    }

    /// What is wrong with a key, if anything. `what` of `unknown`: the kind of question, as
    /// it reads after "unknown" / "onbekende" ("plan question", "planvraag").
    private static func check(_ key: String, vocabulary: Vocabulary) -> (text: Bilingual, suggestion: String?)? {
        let parts = key.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        func unknown(_ name: String, _ candidates: [String], what: Bilingual) -> (Bilingual, String?) {
            let suggestion = Suggestions.closest(to: name, in: candidates)
            let text = Bilingual("unknown \(what.en) `\(name)` in `\(key)`", nl: "onbekende \(what.nl) `\(name)` in `\(key)`")
                + Suggestions.didYouMean(suggestion)
            return (text, suggestion.map { parts.dropLast().joined(separator: ".") + "." + $0 })
        }
        switch (parts.first, parts.count) {
        case ("plan", 2):
            // The header's checklist states activity facts once for every activity.
            let known = planKeys + vocabulary.facts.map(\.id)
            return known.contains(parts[1]) ? nil : unknown(parts[1], known, what: Bilingual("plan question", nl: "planvraag"))
        case ("party", 3) where !parts[1].isEmpty:
            let known = partyKeys + vocabulary.attributes.map(\.id)
            return known.contains(parts[2]) ? nil : unknown(parts[2], known, what: Bilingual("party question", nl: "partijvraag"))
        case ("activity", 3) where !parts[1].isEmpty:
            let known = activityKeys + vocabulary.facts.map(\.id)
            return known.contains(parts[2]) ? nil : unknown(parts[2], known, what: Bilingual("activity question", nl: "activiteitsvraag"))
        default:
            return (Bilingual(
                "an interview answer's key is `plan.name|date|region|FACT`, `party.N.question` or `activity.N.question` (N: the number or the id); got `\(key)`",
                nl: "de sleutel van een antwoord voor het interview is `plan.name|date|region|FACT`, `party.N.question` of `activity.N.question` (N: het nummer of de id); gegeven: `\(key)`"), nil)
        }
    }

    func entry(_ key: String) -> Entry? { entries[key] }

    /// Answers about facts and safeguards: activity questions other than title, kind and
    /// parties, and the header's facts (plan questions other than name, date and region).
    var factKeys: [String] {
        order.filter { key in
            let last = key.split(separator: ".").last.map(String.init) ?? ""
            if key.hasPrefix("activity.") { return !["title", "kind", "parties"].contains(last) }
            return key.hasPrefix("plan.") && !InterviewAnswers.planKeys.contains(last)
        }
    }
}
