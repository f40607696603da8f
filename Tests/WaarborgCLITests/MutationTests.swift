import Foundation
import Testing
import WaarborgEngine
import WaarborgGenerators
import WaarborgModel
import WaarborgSyntax
import WaarborgReport
@testable import WaarborgCLI

/// Thousands of seeded mutations of every example plan and rule file: whatever the input,
/// Waarborg either checks it or reports at least one error with a valid file:line:column,
/// and never crashes. Deterministic: the same seed gives the same mutations.
@Suite struct MutationTests {
    /// The project's seeded generator (SplitMix64): the same sequence on every machine.
    typealias Random = SplitMix64

    static func mutate(_ bytes: [UInt8], _ random: inout Random) -> [UInt8] {
        var bytes = bytes
        func lines() -> [[UInt8]] { bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init) }
        func join(_ lines: [[UInt8]]) -> [UInt8] { Array(lines.joined(separator: [0x0A])) }
        switch random.below(12) {
        case 0:  // flip a byte
            if !bytes.isEmpty { bytes[random.below(bytes.count)] ^= UInt8(truncatingIfNeeded: random.next() | 1) }
        case 1:  // truncate
            bytes = Array(bytes.prefix(random.below(bytes.count + 1)))
        case 2:  // delete a line
            var all = lines()
            if !all.isEmpty { all.remove(at: random.below(all.count)) }
            bytes = join(all)
        case 3:  // duplicate a line
            var all = lines()
            if !all.isEmpty {
                let index = random.below(all.count)
                all.insert(all[index], at: index)
            }
            bytes = join(all)
        case 4:  // invalid UTF-8
            bytes.insert(contentsOf: [0xC3, 0x28, 0xFF], at: random.below(bytes.count + 1))
        case 5:  // a byte-order mark
            bytes = [0xEF, 0xBB, 0xBF] + bytes
        case 6:  // CRLF line ends
            bytes = Array(bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init).joined(separator: [0x0D, 0x0A]))
        case 7:  // tabs for indentation
            bytes = bytes.map { $0 == 0x20 && random.below(3) == 0 ? 0x09 : $0 }
        case 8:  // a very long line
            var all = lines()
            all.insert(Array(repeating: UInt8(ascii: "a"), count: 70_000 + random.below(10_000)), at: random.below(all.count + 1))
            bytes = join(all)
        case 9:  // deep nesting
            let depth = 200 + random.below(2_000)
            let nested = Array("  when " .utf8) + Array(repeating: UInt8(ascii: "("), count: depth) + Array("x".utf8)
                + Array(repeating: UInt8(ascii: ")"), count: depth)
            var all = lines()
            all.insert(nested, at: random.below(all.count + 1))
            bytes = join(all)
        case 10:  // swap two lines
            var all = lines()
            if all.count > 1 { all.swapAt(random.below(all.count), random.below(all.count)) }
            bytes = join(all)
        default:  // insert punctuation that parsers must cope with
            let junk: [[UInt8]] = [Array("{".utf8), Array("}".utf8), Array("\"".utf8), Array(" = ".utf8), Array("\n  ".utf8), Array("#".utf8), Array("€".utf8), Array("≤".utf8)]
            bytes.insert(contentsOf: junk[random.below(junk.count)], at: random.below(bytes.count + 1))
        }
        return bytes
    }

    /// Every error names a place inside the file it is about (or, for file-level errors, none).
    static func assertLocated(_ diagnostics: [Diagnostic], context: String) {
        let errors = diagnostics.filter { $0.severity == .error }
        #expect(errors.contains { $0.location != nil }, "no located error for \(context): \(errors.map(\.message).prefix(3))")
        for error in errors {
            guard let range = error.range, let location = error.location else { continue }
            #expect(location.line >= 1 && location.column >= 1, "\(context): \(location)")
            #expect(location.line <= range.file.lineStarts.count, "\(context): line \(location.line) beyond the file")
        }
    }

    func loadRules() throws -> (files: [(path: String, bytes: [UInt8])], ruleSet: RuleSet) {
        FileManager.default.changeCurrentDirectoryPath(repositoryRoot.path)
        let paths = try FileAccess.ruleFiles(in: "rules").get()
        let files = try paths.map { path in (path, try FileAccess.read(path, what: FileAccess.What.ruleFile).get().bytes) }
        let (ruleSet, _) = Loader(environment: [:]).loadRuleSet("rules")
        return (files, try #require(ruleSet))
    }

    /// A `.wbp` plan, or the plan in a Markdown agreement draft.
    static func parsePlan(_ file: SourceFile) -> (PlanSyntax, [Diagnostic]) {
        MarkdownDraft.isDraft(file.path) ? MarkdownPlanReader.parse(file) : PlanParser.parse(file)
    }

    @Test func mutatedPlansCheckOrFailWithALocatedError() throws {
        let (_, ruleSet) = try loadRules()
        let evaluator = Evaluator(ruleSet: ruleSet)
        var random = Random(seed: 0x5741_4152)
        var checked = 0
        var refused = 0
        let plans = GoldenTests.examples.map { ("examples/\($0)", Array(read("examples/\($0)").utf8)) }
        for round in 0..<1_500 {
            let (path, original) = plans[round % plans.count]
            var bytes = original
            for _ in 0...random.below(3) { bytes = Self.mutate(bytes, &random) }
            let file = SourceFile(path: path, bytes: bytes)
            let (syntax, parseDiagnostics) = Self.parsePlan(file)
            if parseDiagnostics.hasErrors {
                Self.assertLocated(parseDiagnostics, context: "\(path) round \(round)")
                refused += 1
                continue
            }
            let (plan, diagnostics) = PlanChecker.check(syntax, ruleSet: ruleSet)
            guard let plan else {
                Self.assertLocated(diagnostics, context: "\(path) round \(round)")
                refused += 1
                continue
            }
            _ = evaluator.evaluate(plan)
            checked += 1
        }
        #expect(checked > 100 && refused > 100, "the mutations exercise both paths (\(checked) checked, \(refused) refused)")
    }

    @Test func mutatedRuleFilesCheckOrFailWithALocatedError() throws {
        let (files, _) = try loadRules()
        let parsed = files.map { RuleFileParser.parse(SourceFile(path: $0.path, bytes: $0.bytes)).syntax }
        var random = Random(seed: 0x5255_4C45)
        var accepted = 0
        var refused = 0
        for round in 0..<400 {
            let target = random.below(files.count)
            var bytes = files[target].bytes
            for _ in 0...random.below(2) { bytes = Self.mutate(bytes, &random) }
            let (syntax, parseDiagnostics) = RuleFileParser.parse(SourceFile(path: files[target].path, bytes: bytes))
            if parseDiagnostics.hasErrors {
                Self.assertLocated(parseDiagnostics, context: "\(files[target].path) round \(round)")
                refused += 1
                continue
            }
            var all = parsed
            all[target] = syntax
            let (ruleSet, diagnostics) = RuleSetChecker.check(all)
            if let ruleSet {
                // A rule set that checks must evaluate its own examples without trouble
                // (every fourth one: evaluating all examples is the slow part).
                if accepted % 4 == 0 { _ = ExampleRunner.run(ruleSet) }
                accepted += 1
            } else {
                Self.assertLocated(diagnostics, context: "\(files[target].path) round \(round)")
                refused += 1
            }
        }
        #expect(accepted > 10 && refused > 100, "\(accepted) accepted, \(refused) refused")
    }

    @Test func mutatedJSONPlansAnswersAndBaselinesNeverCrash() throws {
        let (_, ruleSet) = try loadRules()
        var random = Random(seed: 0x4A53_4F4E)
        let exporter = PlanExporter(ruleSet: ruleSet)
        var sources: [[UInt8]] = []
        for example in GoldenTests.examples {
            let (syntax, _) = Self.parsePlan(SourceFile(path: example, text: read("examples/\(example)")))
            if let plan = PlanChecker.check(syntax, ruleSet: ruleSet).plan { sources.append(Array(exporter.json(plan).utf8)) }
        }
        #expect(!sources.isEmpty)
        for round in 0..<1_500 {
            var bytes = sources[round % sources.count]
            for _ in 0...random.below(3) { bytes = Self.mutate(bytes, &random) }
            let file = SourceFile(path: "plan.json", bytes: bytes)
            let (syntax, diagnostics) = JSONPlanReader.parse(file)
            if diagnostics.hasErrors {
                Self.assertLocated(diagnostics, context: "json round \(round)")
            } else {
                let (plan, checked) = PlanChecker.check(syntax, ruleSet: ruleSet)
                if plan == nil, checked.hasErrors { Self.assertLocated(checked, context: "json round \(round)") }
            }
            if let node = JSONReader.parse(file).node { _ = Baseline.read(node, file: "baseline.json") }
        }
    }
}
