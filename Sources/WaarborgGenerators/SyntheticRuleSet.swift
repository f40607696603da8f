import WaarborgModel
import WaarborgSyntax

/// Synthetic rule sets for differential tests: one `.wbr` text per seed, with a fixed
/// vocabulary that has a fact of every type, and generated rules whose conditions use
/// every construct of the language (yes/no facts, comparisons with literals and with
/// dated parameters, `in`, every `includes`, named sets, `safeguards`, `kind`,
/// `rule X applies`, `group G applies`, named conditions, `not`, `and`, `or`), with
/// exceptions, overrides (of rules, groups, all, with and without `if`), note rules,
/// rules valid for a period, conduct rules (`applies to any activity`) and recommendations.
/// The same seed gives the same text on every machine.
public enum SyntheticRuleSet {
    /// The activity kinds, safeguards, values and dates the vocabulary declares.
    public static let kinds = ["k0", "k1", "k2"]
    static let safeguards = ["s0", "s1", "s2", "s3", "s4"]
    static let members = ["a", "b", "c", "d"]
    /// Evaluation dates that fall in each period of the parameters and rules: before any,
    /// in the first and second version, after every version has lapsed.
    public static let dates = [
        DateValue(year: 2019, month: 6, day: 1)!, DateValue(year: 2026, month: 1, day: 1)!,
        DateValue(year: 2026, month: 9, day: 1)!, DateValue(year: 2029, month: 3, day: 1)!,
    ]

    static let vocabulary = """
        ruleset "Synthetic"
          version "1"
          date 2026-01-01

        source SRC
          title "Synthetic source"
          issuer "Test"
          status verified

        group base
          label nl "basis" en "base"
        group area
          label nl "gebied" en "area"
        group hardcore
          label nl "kern" en "hardcore"

        activity k0
          label nl "soort 0" en "kind 0"
        activity k1
          label nl "soort 1" en "kind 1"
        activity k2
          label nl "soort 2" en "kind 2"

        safeguard s0
          label nl "w0" en "s0"
        safeguard s1
          label nl "w1" en "s1"
        safeguard s2
          label nl "w2" en "s2"
        safeguard s3
          label nl "w3" en "s3"
        safeguard s4
          label nl "w4" en "s4"
        safeguard advice
          recommended only
          label nl "advies" en "advice"

        values e
          label nl "waarden" en "values"
          value a nl "a" en "a"
          value b nl "b" en "b"
          value c nl "c" en "c"
          value d nl "d" en "d"

        set ab of e
          label nl "ab" en "ab"
          members a, b

        fact f0
          type boolean
          label nl "f0" en "f0"
          question nl "f0?" en "f0?"
        fact f1
          type boolean
          label nl "f1" en "f1"
          question nl "f1?" en "f1?"
        fact f2
          type boolean
          label nl "f2" en "f2"
          question nl "f2?" en "f2?"
        fact n0
          type number
          label nl "n0" en "n0"
          question nl "n0?" en "n0?"
        fact m0
          type money
          label nl "m0" en "m0"
          question nl "m0?" en "m0?"
        fact p0
          type percentage
          label nl "p0" en "p0"
          question nl "p0?" en "p0?"
        fact d0
          type date
          label nl "d0" en "d0"
          question nl "d0?" en "d0?"
        fact t0
          type text
          label nl "t0" en "t0"
          question nl "t0?" en "t0?"
        fact o0
          type one of e
          label nl "o0" en "o0"
          question nl "o0?" en "o0?"
        fact x0
          type set of e
          label nl "x0" en "x0"
          question nl "x0?" en "x0?"

        parameter PN
          title nl "pn" en "pn"
          type number
          value 10 from 2020-01-01 until 2026-06-01 source SRC "p1"
          value 20 from 2026-06-01 until 2028-01-01 source SRC "p2"
        parameter PM
          title nl "pm" en "pm"
          type money
          value EUR 1_000 from 2020-01-01 source SRC "p3"
        parameter PP
          title nl "pp" en "pp"
          type percentage
          value 15% until 2026-06-01 source SRC "p4"
          value 30% from 2026-06-01 source SRC "p5"

        condition nc0
          label nl "nc0" en "nc0"
          when f0 and n0 >= 5

        """

    /// The rule set's text for `seed`: the vocabulary above and `rules` generated rules.
    public static func text(seed: UInt64, rules count: Int = 14) -> String {
        var random = SplitMix64(seed: seed)
        var generator = Generator()
        var text = "# Generated from seed \(seed); do not edit.\n" + vocabulary
        for index in 0..<count { text += generator.rule(index, &random) }
        return text
    }

    /// Writes one rule at a time; remembers which rules exist, for references to them.
    struct Generator {
        /// Ids and groups of the rules written so far. Only rules outside group base test
        /// whether other rules apply, and only rules of group base (`rule X applies`,
        /// `group base applies`), so rules never depend on each other in a circle.
        var written: [(id: String, group: String, note: Bool)] = []

        mutating func rule(_ index: Int, _ random: inout SplitMix64) -> String {
            let id = "R\(index)"
            let note = index > 0 && random.chance(0.1)
            let group = note ? "area" : random.pick(["base", "base", "area", "area", "hardcore"])
            let verdict = note ? "note" : random.pick(["allowed", "allowed_with_safeguards", "needs_assessment", "needs_assessment", "prohibited"])
            var text = "\nrule \(id)\n"
            text += "  title nl \"Regel \(index)\" en \"Rule \(index)\"\n"
            text += "  group \(group)\n"
            if random.chance(0.15) {
                text += "  applies to any activity\n"
            } else {
                text += "  applies to " + random.sample(SyntheticRuleSet.kinds, random.int(1...2)).sorted().joined(separator: ", ") + "\n"
            }
            let permits = verdict == "allowed" || verdict == "allowed_with_safeguards"
            if random.chance(0.9) {
                text += "  when " + condition(depth: 0, group: group, permits: permits, &random) + "\n"
            }
            text += "  then \(verdict)\n"
            text += "  because nl \"Reden \(index).\" en \"Reason \(index).\"\n"
            if !note {
                for exception in 0..<random.int(0...2) {
                    let conclusion = random.pick(["allowed", "allowed_with_safeguards", "needs_assessment", "prohibited"])
                    let permitting = conclusion == "allowed" || conclusion == "allowed_with_safeguards"
                    text += "  unless " + condition(depth: 1, group: group, permits: permitting, &random) + "\n"
                    text += "    then \(conclusion)\n"
                    text += "    because nl \"Uitzondering \(exception).\" en \"Exception \(exception).\"\n"
                }
                let others = written.filter { !$0.note }
                if !others.isEmpty, random.chance(0.35) {
                    var targets: [String] = []
                    switch random.below(4) {
                    case 0: targets = ["all"]
                    case 1: targets = ["group " + random.pick(["base", "area", "hardcore"])]
                    default: targets = random.sample(others.map(\.id), random.int(1...2))
                    }
                    var line = "  overrides " + targets.joined(separator: ", ")
                    if random.chance(0.4) {
                        line += " if " + random.sample(["allowed", "allowed_with_safeguards", "needs_assessment", "prohibited"], random.int(1...2)).joined(separator: ", ")
                    }
                    text += line + "\n"
                }
                if random.chance(0.25) { text += "  recommend " + random.pick(["advice", "s0", "s3"]) + "\n" }
            }
            if random.chance(0.15) {
                text += random.pick(["  valid from 2026-03-01\n", "  valid until 2026-03-01\n", "  valid from 2020-01-01 until 2027-01-01\n"])
            }
            text += "  source SRC \"r\(index)\"\n"
            written.append((id, group, note))
            return text
        }

        /// A condition; `permits`: it leads to a permission, so it tests no open norm and no
        /// safeguard that is recommended only (the vocabulary has no open norm; `advice` is
        /// never tested).
        func condition(depth: Int, group: String, permits: Bool, _ random: inout SplitMix64) -> String {
            if depth < 2, random.chance(depth == 0 ? 0.7 : 0.35) {
                let parts = (0..<random.int(2...3)).map { _ in condition(depth: depth + 1, group: group, permits: permits, &random) }
                let joined = parts.joined(separator: random.chance(0.5) ? " and " : " or ")
                return random.chance(0.2) ? "not (\(joined))" : "(\(joined))"
            }
            let test = self.test(group: group, &random)
            return random.chance(0.12) ? "not \(test)" : test
        }

        /// One elementary test.
        func test(group: String, _ random: inout SplitMix64) -> String {
            let members = SyntheticRuleSet.members
            func literalSet() -> String { "{" + random.sample(members, random.int(1...3)).joined(separator: ", ") + "}" }
            switch random.below(22) {
            case 0, 1: return random.pick(["f0", "f1", "f2"])
            case 2: return random.pick(["f0", "f1", "f2"]) + random.pick([" = yes", " = no", " != yes"])
            case 3: return "n0 " + random.pick(["<", "<=", ">", ">=", "=", "!="]) + " " + random.pick(["0", "5", "10", "15", "20"])
            case 4: return "n0 " + random.pick(["<", "<=", ">", ">="]) + " PN"
            case 5: return "m0 " + random.pick(["<", ">=", "="]) + " " + random.pick(["PM", "EUR 500", "EUR 1_000"])
            case 6: return "p0 " + random.pick(["<", "<=", ">", ">="]) + " " + random.pick(["PP", "20%", "15%"])
            case 7: return "d0 " + random.pick(["<", ">=", "=", "!="]) + " 2026-01-01"
            case 8: return "t0 " + random.pick(["!= \"\"", "= \"x\""])
            case 9: return "o0 = " + random.pick(members)
            case 10: return "o0 " + random.pick(["in", "not in"]) + " " + literalSet()
            case 11: return "x0 includes " + random.pick(members)
            case 12: return "x0 includes any of " + random.pick(["ab", literalSet()])
            case 13: return "x0 includes all of " + random.pick(["ab", literalSet()])
            case 14: return "x0 includes only " + random.pick(["ab", literalSet()])
            case 15, 16:
                let chosen = random.sample(SyntheticRuleSet.safeguards, random.int(1...2))
                return (chosen.count == 1 ? "safeguard " : "safeguards ") + chosen.joined(separator: ", ")
            case 17: return random.chance(0.5) ? "kind = " + random.pick(SyntheticRuleSet.kinds) : "kind in {k0, k2}"
            case 18:
                let base = written.filter { $0.group == "base" }.map(\.id)
                return group == "base" || base.isEmpty ? "f0" : "rule \(random.pick(base)) applies"
            case 19: return group == "base" || !written.contains { $0.group == "base" } ? "f1" : "group base applies"
            case 20: return "nc0"
            default: return random.pick(["f0", "n0 >= PN"])
            }
        }
    }
}
