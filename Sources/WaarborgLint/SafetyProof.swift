import WaarborgEngine
import WaarborgModel
import WaarborgSyntax

/// The safety proof of `waarborg lint` (legal digest XP-01): for every activity kind and
/// every fact declared `hardcore`, no plan that states the fact yes can reach `allowed` or
/// `allowed_with_safeguards`, except through a lowering route its precedence declares.
///
/// The proof follows the semantics of `Combination` and needs no SMT solver. A kind is safe
/// for a fact when one of its candidate rules is a *guard*:
/// - its `when` is never `no` while the fact is yes (shown by the satisfiability search over
///   every other fact: no assignment makes it fail), so it applies or may apply;
/// - every verdict it can reach is `needs_assessment` or `prohibited`, and it is valid on
///   every date;
/// - every rule that overrides it and could lower it below needs assessment is a declared
///   route of its group's precedence.
/// A guard that applies contributes at least needs assessment, and the worst verdict wins;
/// one that may apply leaves the outcome open, which is needs assessment; a conflict is
/// needs assessment too. So the verdict is at least needs assessment unless a route decides.
///
/// Where no guard exists, the proof searches for a counterexample: facts under which the
/// fact is yes, every rule that could keep the verdict at needs assessment or worse fails,
/// and a permitting rule applies; the activity is then evaluated for real, shrunk to the
/// facts it needs, and printed as a plan fragment.
public struct SafetyProof {
    public struct Finding: Sendable {
        public let kind: Int
        public let fact: Int
        /// The guard rule that proves it, or nil.
        public let guardRule: Int?
        /// The declared routes that may still lower a guard below needs assessment.
        public let routes: [Int]
        /// A plan fragment that reaches a permitting verdict with the fact yes, if found.
        public let counterexample: String?
        public let counterexampleVerdict: Verdict?
    }

    let ruleSet: RuleSet
    let date: DateValue

    public init(ruleSet: RuleSet, date: DateValue) {
        self.ruleSet = ruleSet
        self.date = date
    }

    public var hardcoreFacts: [Int] { ruleSet.vocabulary.facts.indices.filter { ruleSet.vocabulary.facts[$0].isHardcore } }

    public func run() -> [Finding] {
        var findings: [Finding] = []
        for fact in hardcoreFacts {
            for kind in ruleSet.vocabulary.activityKinds.indices {
                findings.append(prove(fact: fact, kind: kind))
            }
        }
        return findings
    }

    func prove(fact: Int, kind: Int) -> Finding {
        let candidates = ruleSet.rulesByKind[kind]
        let search = SatisfiabilitySearch(ruleSet: ruleSet, date: date)
        let stated = Condition.holds(fact: fact, range: ruleSet.vocabulary.facts[fact].range)
        for index in candidates {
            let rule = ruleSet.rules[index]
            guard rule.validFrom == nil, rule.validUntil == nil, keepsAssessment(rule, stated: stated, kind: kind, search: search) else { continue }
            guard let routes = routes(lowering: rule, kind: kind) else { continue }
            guard let condition = rule.condition else {
                return Finding(kind: kind, fact: fact, guardRule: index, routes: routes, counterexample: nil, counterexampleVerdict: nil)
            }
            guard condition.facts.contains(fact) else { continue }
            if case .impossible = search.find([stated, .not(condition)], kinds: [kind]) {
                return Finding(kind: kind, fact: fact, guardRule: index, routes: routes, counterexample: nil, counterexampleVerdict: nil)
            }
        }
        let (fragment, verdict) = counterexample(fact: fact, kind: kind, search: search, stated: stated)
        return Finding(kind: kind, fact: fact, guardRule: nil, routes: [], counterexample: fragment, counterexampleVerdict: verdict)
    }

    /// Whether every verdict `rule` can reach while the fact is stated yes is needs assessment
    /// or worse. An exception that would lower it does not count when an exception nested in
    /// it always holds (or may) with the fact yes and itself keeps needs assessment or worse:
    /// the innermost exception wins ("unless imposed by law, except what goes beyond the law"),
    /// and one that may apply and raises leaves the outcome open.
    func keepsAssessment(_ rule: Rule, stated: Condition, kind: Int, search: SatisfiabilitySearch) -> Bool {
        func keeps(_ exception: Int?) -> Bool {
            let children = rule.exceptions.filter { $0.parent == exception }
            let own = exception.map { rule.exceptions[$0].conclusion } ?? rule.conclusion
            let guarded = children.contains { child in
                guard keeps(child.index) else { return false }
                if case .impossible = search.find([stated, .not(child.condition)], kinds: [kind]) { return true }
                return false
            }
            if exception != nil && guarded { return true }
            return own >= .needsAssessment && children.allSatisfy { keeps($0.index) }
        }
        return rule.hasNestedExceptions ? keeps(nil) : rule.reachableVerdicts.allSatisfy { $0 >= .needsAssessment }
    }

    /// The overriders of `rule` among the kind's candidates that could lower it below needs
    /// assessment, when each is a declared route; nil when one is not.
    private func routes(lowering rule: Rule, kind: Int) -> [Int]? {
        let precedence = ruleSet.precedences.first { $0.group == rule.group }
        let possible = Set(rule.reachableVerdicts)
        var routes: [Int] = []
        for entry in ruleSet.overriddenBy[rule.index] where ruleSet.rulesByKind[kind].contains(entry.rule) {
            if let verdicts = entry.verdicts, verdicts.isDisjoint(with: possible) { continue }
            let overrider = ruleSet.rules[entry.rule]
            guard (overrider.reachableVerdicts.min() ?? overrider.conclusion) < .needsAssessment else { continue }
            guard let precedence, precedence.route(for: overrider) != nil else { return nil }
            routes.append(entry.rule)
        }
        return routes
    }

    private func counterexample(fact: Int, kind: Int, search: SatisfiabilitySearch, stated: Condition) -> (String?, Verdict?) {
        var failing: [Condition] = [stated]
        var permitting: [Condition] = []
        for index in ruleSet.rulesByKind[kind] {
            let rule = ruleSet.rules[index]
            let condition = rule.condition ?? .all([])
            if rule.reachableVerdicts.allSatisfy({ $0 >= .needsAssessment }) {
                failing.append(.not(condition))
            } else {
                permitting.append(condition)
            }
        }
        var tries: [[Condition]] = []
        if !permitting.isEmpty { tries.append(failing + [.any(permitting)]) }
        tries.append([stated] + [.any(permitting.isEmpty ? [.all([])] : permitting)])
        let evaluator = Evaluator(ruleSet: ruleSet)
        func verdict(_ facts: [Int: Value], _ safeguards: [Int]) -> Verdict {
            evaluator.evaluate(activity(kind: kind, facts: facts, safeguards: safeguards), on: date).verdict
        }
        var starts: [(facts: [Int: Value], safeguards: [Int])] = []
        for conditions in tries {
            guard case .satisfiable(let witness) = search.find(conditions, kinds: [kind]) else { continue }
            starts.append((witness.facts, witness.safeguards))
        }
        starts.append(([:], []))
        for start in starts {
            var facts = start.facts
            facts[fact] = .boolean(true)
            var safeguards = start.safeguards
            if !verdict(facts, safeguards).permits {
                // Answer the open questions the way that lowers the verdict most, as an
                // adversary filling in a plan would, until it permits or nothing is left.
                guard let lowered = adversary(kind: kind, fact: fact, facts: facts, safeguards: safeguards, evaluator: evaluator) else { continue }
                facts = lowered
            }
            guard verdict(facts, safeguards).permits else { continue }
            // Shrink: drop what the permitting verdict does not need.
            for other in facts.keys.sorted() where other != fact {
                var fewer = facts
                fewer[other] = nil
                if verdict(fewer, safeguards).permits { facts = fewer }
            }
            for safeguard in safeguards {
                let fewer = safeguards.filter { $0 != safeguard }
                if verdict(facts, fewer).permits { safeguards = fewer }
            }
            return (fragment(kind: kind, facts: facts, safeguards: safeguards), verdict(facts, safeguards))
        }
        return (nil, nil)
    }

    /// Answers, one by one, the question whose best answer lowers the verdict most (never the
    /// hardcore fact itself), until the activity reaches a permitting verdict; nil if it does not.
    private func adversary(kind: Int, fact: Int, facts start: [Int: Value], safeguards: [Int], evaluator: Evaluator) -> [Int: Value]? {
        var facts = start
        for _ in 0..<(ruleSet.vocabulary.facts.count) {
            let (evaluation, detail) = evaluator.evaluateInDetail(activity(kind: kind, facts: facts, safeguards: safeguards), on: date)
            if evaluation.verdict.permits { return facts }
            var best: (fact: Int, value: Value, verdict: Verdict)?
            for question in detail.questions where question.fact != fact && facts[question.fact] == nil {
                for outcome in question.outcomes {
                    let value: Value
                    switch outcome.answer {
                    case .value(let answer): value = answer
                    case .range(let lower, let upper):
                        guard let bound = lower ?? upper else { continue }
                        value = .amount(bound)
                    }
                    if best == nil || outcome.verdict < best!.verdict { best = (question.fact, value, outcome.verdict) }
                }
            }
            guard let best else { return nil }
            facts[best.fact] = best.value
        }
        return nil
    }

    private func activity(kind: Int, facts: [Int: Value], safeguards: [Int]) -> Activity {
        var values = FactTable()
        for (fact, value) in facts { values[fact] = FactValue(value: value, origin: .supposed) }
        let range = SourceRange(file: SourceFile(path: "lint", text: ""), start: 0, end: 0)
        return Activity(
            id: "counterexample", title: nil, kind: kind, parties: [], facts: values, safeguards: MemberSet(safeguards),
            safeguardRanges: [:], range: range, kindRange: nil)
    }

    /// The activity as a plan would state it.
    private func fragment(kind: Int, facts: [Int: Value], safeguards: [Int]) -> String {
        let vocabulary = ruleSet.vocabulary
        var lines = ["activity counterexample", "  kind = \(vocabulary.activityKinds[kind].id)"]
        for (fact, value) in facts.sorted(by: { vocabulary.facts[$0.key].id < vocabulary.facts[$1.key].id }) {
            lines.append("  \(vocabulary.facts[fact].id) = \(vocabulary.canonical(value, type: vocabulary.facts[fact].type))")
        }
        if !safeguards.isEmpty {
            lines.append("  safeguards = " + safeguards.map { vocabulary.safeguards[$0].id }.sorted().joined(separator: ", "))
        }
        return lines.joined(separator: "\n")
    }
}

extension Linter {
    /// The safety proof's failures as errors (WB740), each with its counterexample.
    func safety() -> (diagnostics: [Diagnostic], findings: [SafetyProof.Finding]) {
        let findings = SafetyProof(ruleSet: ruleSet, date: date).run()
        var diagnostics: [Diagnostic] = []
        for finding in findings where finding.guardRule == nil {
            let fact = ruleSet.vocabulary.facts[finding.fact]
            let kind = ruleSet.vocabulary.activityKinds[finding.kind]
            var message = "hardcore fact `\(fact.id)` is not safe for activity kind `\(kind.id)`: no rule keeps an activity that states it yes at needs_assessment or worse"
            var messageNL = "hardcore-feit `\(fact.id)` is niet veilig voor activiteitsoort `\(kind.id)`: geen enkele regel houdt een activiteit die het feit als `yes` vermeldt op `needs_assessment` of strenger"
            if let counterexample = finding.counterexample, let verdict = finding.counterexampleVerdict {
                message += "; this activity reaches \(verdict.id):\n" + counterexample
                messageNL += "; deze activiteit komt uit op `\(verdict.id)`:\n" + counterexample
            } else {
                message += " (no counterexample found; add a rule that applies to every activity stating it, such as `applies to any activity`)"
                messageNL += " (geen tegenvoorbeeld gevonden; voeg een regel toe die van toepassing is op elke activiteit die het feit vermeldt, zoals `applies to any activity`)"
            }
            diagnostics.append(.error("WB740", message, nl: messageNL, at: fact.range))
        }
        return (diagnostics, findings)
    }
}
