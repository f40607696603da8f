import Foundation
import WaarborgGenerators
import WaarborgModel
import WaarborgSyntax

/// Writes rule folders for the benchmark from the real one:
/// - a synthetic rule set: the real vocabulary, sources and parameters, and N generated
///   rules (`.wbr` text) whose conditions test the facts and safeguards the real rules
///   test for the same activity kinds, with thresholds, named sets and parameters of the
///   real vocabulary, exceptions with safeguards, a few overrides, in every group;
/// - the shared rule set of the peer comparison: the real vocabulary with only the
///   information-exchange and joint-purchasing rule files (their examples left out, since
///   they may cite rules of other files).
enum RuleFolders {
    /// Copies the real rule files without their rules: the vocabulary, sources, parameters,
    /// groups and ruleset, wherever they are declared (a rule file may declare the group or
    /// the parameter its rules use), and precedence without the lowering routes of rules
    /// that are no longer there.
    static func copyVocabulary(from source: String, to target: String) throws {
        try? FileManager.default.removeItem(atPath: target)
        try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
        for path in try Loading.ruleFiles(in: source) {
            let text = try String(contentsOfFile: path, encoding: .utf8)
            let kept = withoutRules(text)
            if !kept.split(separator: "\n").allSatisfy({ $0.allSatisfy(\.isWhitespace) || $0.hasPrefix("#") }) {
                try kept.write(toFile: target + "/" + (path as NSString).lastPathComponent, atomically: true, encoding: .utf8)
            }
        }
    }

    /// The file without its `rule` blocks and without `lowered by rule …` routes.
    static func withoutRules(_ text: String) -> String {
        var kept: [Substring] = []
        var skipping = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let atMargin = !line.isEmpty && !line.hasPrefix(" ") && !line.hasPrefix("#")
            if atMargin { skipping = line.hasPrefix("rule ") }
            if skipping { continue }
            if line.trimmingCharacters(in: .whitespaces).hasPrefix("lowered by rule ") { continue }
            kept.append(line)
        }
        return kept.joined(separator: "\n")
    }

    /// The rule file without its `example` blocks.
    static func withoutExamples(_ text: String) -> String {
        var kept: [Substring] = []
        var skipping = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let indent = line.prefix { $0 == " " }.count
            let content = line.dropFirst(indent)
            if skipping {
                if content.isEmpty || content.hasPrefix("#") || indent > 2 { continue }
                skipping = false
            }
            if indent == 2, content.hasPrefix("example ") || content == "example" {
                skipping = true
                continue
            }
            kept.append(line)
        }
        return kept.joined(separator: "\n")
    }

    static func writeShared(from source: String, to target: String, files: [String]) throws {
        try copyVocabulary(from: source, to: target)
        let texts = try files.map { try withoutExamples(String(contentsOfFile: source + "/" + $0, encoding: .utf8)) }
        // An intended overlap may name only rules that are there.
        let present = Set(texts.flatMap { text in
            text.split(separator: "\n").filter { $0.hasPrefix("rule ") }.map { String($0.dropFirst(5)).trimmingCharacters(in: .whitespaces) }
        })
        for (name, text) in zip(files, texts) {
            var lines: [String] = []
            // The indentation of a dropped clause: its texts (indented deeper) go with it.
            var dropping: Int?
            for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                let indent = line.prefix { $0 == " " }.count
                if let clause = dropping, trimmed.isEmpty || indent > clause { continue }
                dropping = nil
                guard trimmed.hasPrefix("intended overlap with ") else {
                    lines.append(line)
                    continue
                }
                let kept = trimmed.dropFirst("intended overlap with ".count).split(separator: ",")
                    .map { $0.trimmingCharacters(in: .whitespaces) }.filter(present.contains)
                if kept.isEmpty {
                    dropping = indent
                } else {
                    lines.append(String(repeating: " ", count: indent) + "intended overlap with " + kept.joined(separator: ", "))
                }
            }
            try lines.joined(separator: "\n").write(toFile: target + "/" + name, atomically: true, encoding: .utf8)
        }
    }

    static func writeSynthetic(from source: String, to target: String, catalogue: Catalogue, rules: Int, seed: UInt64) throws {
        try copyVocabulary(from: source, to: target)
        let text = RuleGenerator(catalogue: catalogue).generate(rules: rules, seed: seed)
        try text.write(toFile: target + "/synthetic.wbr", atomically: true, encoding: .utf8)
    }
}

struct RuleGenerator {
    let catalogue: Catalogue
    var vocabulary: Vocabulary { catalogue.vocabulary }
    var ruleSet: RuleSet { catalogue.ruleSet }

    func generate(rules count: Int, seed: UInt64) -> String {
        var random = SplitMix64(seed: seed)
        let groups = vocabulary.groups.map(\.id)
        let source = ruleSet.sources.first?.id ?? "MW-6"
        var text = "# Generated by waarborg-bench (seed \(seed), \(count) rules over the real vocabulary); do not edit.\n\n"
        text.reserveCapacity(count * 900)
        var groupOf: [String] = []
        let verdicts: [Verdict] = [.allowed, .allowed, .allowedWithSafeguards, .needsAssessment, .needsAssessment, .needsAssessment, .prohibited, .prohibited]
        for index in 0..<count {
            let id = String(format: "SYN-%04d", index + 1)
            let kinds = random.sample(catalogue.kinds, random.int(1...3))
            let facts = Array(Set(kinds.flatMap { catalogue.factsByKind[$0] })).sorted().filter { usable(vocabulary.facts[$0]) }
            let safeguards = Array(Set(kinds.flatMap { catalogue.safeguardsByKind[$0] })).sorted()
            let verdict = random.pick(verdicts)
            let group: String
            if verdict == .prohibited, random.chance(0.5), groups.contains("hardcore") {
                group = "hardcore"
            } else if groups.contains("area"), random.chance(0.7) {
                group = "area"
            } else {
                group = random.pick(groups)
            }
            text += "rule \(id)\n"
            text += "  title nl \"Synthetische regel \(index + 1)\" en \"Synthetic rule \(index + 1)\"\n"
            text += "  group \(group)\n"
            text += "  applies to \(kinds.map { vocabulary.activityKinds[$0].id }.joined(separator: ", "))\n"
            if !facts.isEmpty {
                var parts: [String] = []
                for _ in 0..<random.int(1...4) {
                    if random.chance(0.2), facts.count > 1 {
                        parts.append("(" + test(random.pick(facts), &random) + " or " + test(random.pick(facts), &random) + ")")
                    } else {
                        parts.append(test(random.pick(facts), &random))
                    }
                }
                text += "  when \(parts.joined(separator: " and "))\n"
            }
            text += "  then \(verdict.id)\n"
            text += "  because nl \"Synthetische motivering.\" en \"Synthetic rationale.\"\n"
            if !safeguards.isEmpty, verdict != .allowed {
                for _ in 0..<random.int(0...2) {
                    // Hardcore conduct is lowered only by the routes `precedence` declares.
                    let better = Verdict.allCases.filter { $0 < verdict && (group != "hardcore" || $0 >= .needsAssessment) }
                    guard let conclusion = better.isEmpty ? nil : random.pick(better) else { break }
                    var condition = "safeguards " + random.sample(safeguards, random.int(1...3)).map { vocabulary.safeguards[$0].id }.joined(separator: ", ")
                    if random.chance(0.4), !facts.isEmpty { condition += " and " + test(random.pick(facts), &random) }
                    text += "  unless \(condition)\n"
                    text += "    then \(conclusion.id)\n"
                    text += "    because nl \"Synthetische uitzondering.\" en \"Synthetic exception.\"\n"
                }
            }
            if index > 0, random.chance(0.03) {
                let overridden = random.int(1...index)
                if groupOf[overridden - 1] != "hardcore" { text += String(format: "  overrides SYN-%04d\n", overridden) }
            }
            groupOf.append(group)
            if !safeguards.isEmpty, random.chance(0.3) {
                text += "  recommend \(vocabulary.safeguards[random.pick(safeguards)].id)\n"
            }
            text += "  source \(source) \"synthetisch\"\n\n"
        }
        return text
    }

    /// Facts a generated condition may test: not texts or dates, and no open norm (no
    /// permission may rest on one, XP-04, and the checker refuses rules that try).
    private func usable(_ fact: FactDefinition) -> Bool {
        guard !fact.isOpenNorm else { return false }
        switch fact.type {
        case .scalar(let scalar): return scalar.storage == .boolean || scalar.storage == .amount
        case .oneOf, .setOf: return true
        }
    }

    /// One elementary test of a fact, in the rule language.
    private func test(_ fact: Int, _ random: inout SplitMix64) -> String {
        let definition = vocabulary.facts[fact]
        let name = definition.id
        switch definition.type {
        case .scalar(let scalar) where scalar.storage == .boolean:
            return random.chance(0.25) ? "not \(name)" : name
        case .scalar(let scalar) where scalar.storage == .amount:
            let op = random.pick([">=", "<", ">", "<="])
            let parameters = ruleSet.parameters.filter { $0.type == definition.type && $0.version(on: catalogue.date) != nil }
            if !parameters.isEmpty, random.chance(0.5) { return "\(name) \(op) \(random.pick(parameters).id)" }
            let thresholds = catalogue.thresholds[fact]
            let whole = thresholds.isEmpty ? random.int(1...50) : Int(random.pick(thresholds).scaled / Amount.scale)
            return "\(name) \(op) \(scalar.literal(Amount(whole)))"
        case .oneOf(let enumeration):
            let members = vocabulary.enumerations[enumeration].members.map(\.id)
            if random.chance(0.5) { return "\(name) = \(random.pick(members))" }
            return "\(name) in {" + random.sample(members, random.int(1...3)).joined(separator: ", ") + "}"
        case .setOf(let enumeration):
            let members = vocabulary.enumerations[enumeration].members.map(\.id)
            let sets = vocabulary.sets.filter { $0.enumeration == enumeration }.map(\.id)
            switch random.below(4) {
            case 0 where !sets.isEmpty: return "\(name) includes any of \(random.pick(sets))"
            case 1: return "\(name) includes \(random.pick(members))"
            case 2 where !sets.isEmpty: return "\(name) includes only \(random.pick(sets))"
            default: return "\(name) includes any of {" + random.sample(members, random.int(1...4)).joined(separator: ", ") + "}"
            }
        case .scalar:
            return name
        }
    }
}
