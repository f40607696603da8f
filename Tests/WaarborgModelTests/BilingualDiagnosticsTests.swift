import Foundation
import Testing
import WaarborgModel
import WaarborgSyntax

/// Every diagnostic speaks both languages: its Dutch text is Dutch and its English text is
/// English, for the messages and their notes alike. The inputs are broken on purpose, line
/// by line (a misspelt keyword, a value that does not fit, a dropped line, a stray
/// character), in rule files and plans, through the library as any caller uses it; the
/// run's language then picks one of the two (`DiagnosticRenderer`).
@Suite struct BilingualDiagnosticsTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func text(_ path: String) -> String {
        (try? String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)) ?? ""
    }

    /// Words that only English has: one of them outside code (backticks) and quotations
    /// in a Dutch message means an English fragment slipped in.
    static let englishWords: Set<String> = [
        "the", "expected", "unknown", "must", "found", "write", "cannot", "which", "this", "that", "with",
        "has", "does", "should", "after", "before", "every", "would", "there", "here", "missing", "only",
        "declared", "line", "file", "rule", "fact", "party", "activity", "value", "instead", "need", "needs",
    ]
    /// And the Dutch words an English message must not hold.
    static let dutchWords: Set<String> = ["het", "een", "niet", "geen", "wordt", "bedoelde", "regel", "feit", "partij", "waarde", "schrijf"]

    /// The words of `text` outside backticks and double quotes, lower-cased.
    static func words(_ text: String) -> [String] {
        var kept = ""
        var inCode = false
        var inQuote = false
        for character in text {
            if character == "`" { inCode.toggle(); continue }
            if character == "\"" && !inCode { inQuote.toggle(); continue }
            kept.append(inCode || inQuote ? " " : character)
        }
        return kept.lowercased().split { !$0.isLetter }.map(String.init)
    }

    /// The problems with one diagnostic's texts, empty when both languages hold.
    static func problems(_ text: Bilingual, _ what: String) -> [String] {
        var found: [String] = []
        if text.nl.isEmpty { found.append("\(what): no Dutch text") }
        if text.en.isEmpty { found.append("\(what): no English text") }
        let english = Set(words(text.nl)).intersection(englishWords)
        if !english.isEmpty { found.append("\(what): English \(english.sorted()) in the Dutch text «\(text.nl)»") }
        let dutch = Set(words(text.en)).intersection(dutchWords)
        if !dutch.isEmpty { found.append("\(what): Dutch \(dutch.sorted()) in the English text «\(text.en)»") }
        return found
    }

    /// Checks every diagnostic and note; returns the codes seen.
    static func expectBilingual(_ diagnostics: [Diagnostic], sourceLocation: Testing.SourceLocation = #_sourceLocation) -> Set<String> {
        for diagnostic in diagnostics {
            for problem in problems(diagnostic.text, diagnostic.code) { Issue.record("\(problem)", sourceLocation: sourceLocation) }
            for note in diagnostic.notes {
                for problem in problems(note.text, "\(diagnostic.code) note") { Issue.record("\(problem)", sourceLocation: sourceLocation) }
            }
        }
        return Set(diagnostics.map(\.code))
    }

    /// Broken versions of `text`, one line changed in each: its first word misspelt, its
    /// value replaced by one of another type, the line dropped, a stray character added.
    static func mutations(of text: String) -> [String] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var mutated: [String] = []
        for (index, line) in lines.enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty, !trimmed.hasPrefix("#") else { continue }
            let indent = String(line.prefix(while: { $0 == " " }))
            func with(_ replacement: [String]) -> String {
                (lines[..<index] + replacement + lines[(index + 1)...]).joined(separator: "\n")
            }
            mutated.append(with([indent + "x" + trimmed]))
            mutated.append(with([]))
            mutated.append(with([line + " ;"]))
            if let equals = line.firstIndex(of: "=") {
                mutated.append(with([String(line[..<equals]) + "= \"tekst\""]))
                mutated.append(with([String(line[..<equals]) + "= 2026-13-45"]))
                mutated.append(with([String(line[..<equals]) + "= onbekende_waarde"]))
            } else {
                let words = trimmed.split(separator: " ")
                if words.count > 1 {
                    mutated.append(with([indent + words[0] + " " + words[1] + "x" + words.dropFirst(2).map { " " + $0 }.joined()]))
                    mutated.append(with([indent + words[0] + " ("]))
                }
            }
        }
        return mutated
    }

    static func checkRules(_ files: [(String, String)]) -> [Diagnostic] {
        let parsed = files.map { RuleFileParser.parse(SourceFile(path: $0.0, text: $0.1)) }
        return parsed.flatMap(\.diagnostics) + RuleSetChecker.check(parsed.map(\.syntax)).diagnostics
    }

    static func miniRules() throws -> RuleSet {
        let files = [("mini/rules.wbr", text("Tests/Fixtures/mini/rules.wbr")), ("mini/vocabulary.wbr", text("Tests/Fixtures/mini/vocabulary.wbr"))]
        let parsed = files.map { RuleFileParser.parse(SourceFile(path: $0.0, text: $0.1)) }
        return try #require(RuleSetChecker.check(parsed.map(\.syntax)).ruleSet)
    }

    @Test func ruleFileDiagnosticsSpeakBothLanguages() throws {
        let vocabulary = Self.text("Tests/Fixtures/mini/vocabulary.wbr")
        let rules = Self.text("Tests/Fixtures/mini/rules.wbr")
        #expect(!vocabulary.isEmpty && !rules.isEmpty)
        var codes: Set<String> = []
        for mutated in Self.mutations(of: rules) {
            codes.formUnion(Self.expectBilingual(Self.checkRules([("mini/rules.wbr", mutated), ("mini/vocabulary.wbr", vocabulary)])))
        }
        for mutated in Self.mutations(of: vocabulary) {
            codes.formUnion(Self.expectBilingual(Self.checkRules([("mini/rules.wbr", rules), ("mini/vocabulary.wbr", mutated)])))
        }
        // The mutations reach the lexer, the parser and the checker: many kinds of finding.
        #expect(codes.count >= 40, "only \(codes.sorted())")
        #expect(codes.contains { $0.hasPrefix("WB0") } && codes.contains { $0.hasPrefix("WB1") } && codes.contains { $0.hasPrefix("WB3") })
    }

    @Test func planDiagnosticsSpeakBothLanguages() throws {
        let ruleSet = try Self.miniRules()
        let plan = Self.text("Tests/Fixtures/mini/plan.wbp")
        #expect(!plan.isEmpty)
        var codes: Set<String> = []
        for mutated in Self.mutations(of: plan) {
            let (syntax, parsing) = PlanParser.parse(SourceFile(path: "mini/plan.wbp", text: mutated))
            codes.formUnion(Self.expectBilingual(parsing))
            if !parsing.hasErrors {
                codes.formUnion(Self.expectBilingual(PlanChecker.check(syntax, ruleSet: ruleSet).diagnostics))
            }
        }
        #expect(codes.count >= 15, "only \(codes.sorted())")
        #expect(codes.contains { $0.hasPrefix("WB2") } && codes.contains { $0.hasPrefix("WB4") })
    }

    @Test func jsonPlanDiagnosticsSpeakBothLanguages() throws {
        let ruleSet = try Self.miniRules()
        let broken = [
            "{", "[]", #"{"plan": 3}"#, #"{"plan": {"name": "x", "date": "2026-02-30"}, "activities": [{"id": 1}]}"#,
            #"{"plan": {"name": "x", "date": "2026-06-01"}, "parties": [{"id": "a", "kind": "nope"}], "activities": [{"id": "b", "kind": "exchange", "parties": ["z"], "age_months": "old"}]}"#,
            #"{"plan": {"name": "x"}, "activities": [{"id": "b", "kind": "exchange", "waivers": [{"rule": "NOPE"}]}], "extra": true}"#,
            "{\"plan\": \"\\ud800\"}", #"{"a": 1, "a": 2}"#, "[1, 2", #"{"plan": {"name": "x", "date": "2026-06-01"}, "activities": [{"id": "b", "kind": "exchange", "data_kinds": "prices"}]}"#,
        ]
        var codes: Set<String> = []
        for text in broken {
            let file = SourceFile(path: "plan.json", text: text)
            let (syntax, reading) = JSONPlanReader.parse(file)
            codes.formUnion(Self.expectBilingual(reading))
            if !reading.hasErrors {
                codes.formUnion(Self.expectBilingual(PlanChecker.check(syntax, ruleSet: ruleSet).diagnostics))
            }
        }
        #expect(codes.count >= 5, "only \(codes.sorted())")
    }

    @Test func theRendererShowsTheRunsLanguage() {
        let file = SourceFile(path: "plan.wbp", text: "activity x\n")
        let diagnostic = Diagnostic.error(
            "WB999", "unknown fact `x`", nl: "onbekend feit `x`", at: SourceRange(file: file, start: 9, end: 10),
            notes: [DiagnosticNote("first declared here", nl: "eerst hier gedeclareerd")])
        #expect(diagnostic.message == "unknown fact `x`")
        #expect(diagnostic.text[.nl] == "onbekend feit `x`")
        #expect(diagnostic.with(Bilingual("other", nl: "ander")).text == Bilingual("other", nl: "ander"))
        #expect(diagnostic.with(Bilingual("other", nl: "ander")).range == diagnostic.range)
    }
}
