import WaarborgModel
import WaarborgSyntax

/// Writes a checked plan as JSON or as `.wbp` text (`waarborg convert`). Only what the
/// plan states is written: derived facts are derived again when the result is checked, so
/// a converted plan reaches the same verdicts.
public struct PlanExporter {
    public let ruleSet: RuleSet

    public init(ruleSet: RuleSet) { self.ruleSet = ruleSet }

    private var vocabulary: Vocabulary { ruleSet.vocabulary }

    /// The facts the activity states itself: those it holds from the plan header are
    /// written once, in the header.
    private func stated(_ activity: Activity, plan: Plan) -> [(FactDefinition, Value)] {
        vocabulary.facts.compactMap { definition in
            guard let fact = activity.facts[definition.index], case .stated = fact.origin else { return nil }
            if let header = plan.headerFacts[definition.index], header.origin == fact.origin { return nil }
            return (definition, fact.value)
        }
    }

    private func headerFacts(_ plan: Plan) -> [(FactDefinition, Value)] {
        plan.headerFacts.entries.map { (vocabulary.facts[$0.fact], $0.value.value) }
    }

    /// Attributes that differ from the party kind's defaults (or have no default).
    private func attributes(_ party: Party) -> [(FactDefinition, Value)] {
        let defaults = vocabulary.partyKinds[party.kind].defaults
        return vocabulary.attributes.compactMap { definition in
            guard let value = party.attributes[definition.index], defaults[definition.index] != value else { return nil }
            return (definition, value)
        }
    }

    private func planSafeguards(_ plan: Plan) -> [Int] {
        // Safeguards every activity inherits from the header are those whose recorded place
        // is the same in every activity and lies in the header.
        guard let first = plan.activities.first else { return [] }
        return first.safeguards.members.filter { safeguard in
            guard let range = first.safeguardRanges[safeguard], range.start < plan.range.end, range.start >= plan.range.start else { return false }
            return true
        }
    }

    // MARK: JSON

    func json(_ value: Value, type: ValueType) -> JSONValue {
        switch value {
        case .boolean(let flag): return .bool(flag)
        case .amount(let amount):
            guard let scalar = type.scalar, scalar.jsonSuffix != nil else { return .number(amount.description) }
            return .string(scalar.canonical(amount))
        case .date(let date): return .string(date.description)
        case .text(let text): return .string(text)
        case .member: return .string(vocabulary.canonical(value, type: type))
        case .members(let set):
            if case .setOf(let index) = type { return .strings(set.members.map { vocabulary.enumerations[index].members[$0].id }) }
            return .array([])
        }
    }

    public func json(_ plan: Plan) -> String {
        let header = planSafeguards(plan)
        var planFields: [(String, JSONValue)] = [("name", .string(plan.name)), ("date", .string(plan.date.description))]
        if let region = plan.region { planFields.append(("region", .string(region))) }
        if !header.isEmpty { planFields.append(("safeguards", .strings(header.map { vocabulary.safeguards[$0].id }))) }
        for (definition, value) in headerFacts(plan) { planFields.append((definition.id, json(value, type: definition.type))) }
        let parties: [JSONValue] = plan.parties.map { party in
            var fields: [(String, JSONValue)] = [("id", .string(party.id)), ("name", .string(party.name)), ("kind", .string(vocabulary.partyKinds[party.kind].term.id))]
            if let form = party.legalForm { fields.append(("legal_form", .string(vocabulary.legalForms[form].id))) }
            if let competes = party.competesWith {
                fields.append(("competes_with", .strings(competes.sorted().map { plan.parties[$0].id })))
            }
            if party.undertaking != party.id { fields.append(("undertaking", .string(party.undertaking))) }
            for (definition, value) in attributes(party) { fields.append((definition.id, json(value, type: definition.type))) }
            return .object(fields)
        }
        let activities: [JSONValue] = plan.activities.map { activity in
            var fields: [(String, JSONValue)] = [("id", .string(activity.id))]
            if let title = activity.title { fields.append(("title", .string(title))) }
            if let clause = activity.clause { fields.append(("clause", .string(clause))) }
            fields.append(("kind", .string(vocabulary.activityKinds[activity.kind].id)))
            if !activity.parties.isEmpty { fields.append(("parties", .strings(activity.parties.map { plan.parties[$0].id }))) }
            for (definition, value) in stated(activity, plan: plan) { fields.append((definition.id, json(value, type: definition.type))) }
            let own = activity.safeguards.members.filter { !header.contains($0) }
            if !own.isEmpty { fields.append(("safeguards", .strings(own.map { vocabulary.safeguards[$0].id }))) }
            if !activity.waivers.isEmpty {
                fields.append(("waivers", .array(activity.waivers.map { waiver in
                    .object([
                        ("rule", .string(ruleSet.rules[waiver.rule].id)), ("justification", .string(waiver.justification)),
                        ("owner", .string(waiver.owner)), ("expires", .string(waiver.expires.description)),
                    ])
                })))
            }
            return .object(fields)
        }
        return JSONValue.object([
            ("$schema", .string("https://waarborg.nl/schema/plan-1.json")),
            ("plan", .object(planFields)), ("parties", .array(parties)), ("activities", .array(activities)),
        ]).rendered()
    }

    // MARK: .wbp text

    func text(_ value: Value, type: ValueType) -> String {
        switch value {
        case .boolean(let flag): return flag ? "yes" : "no"
        case .amount(let amount): return (type.scalar ?? .number).literal(amount)
        case .date(let date): return date.description
        case .text(let text): return quote(text)
        case .member, .members: return vocabulary.canonical(value, type: type)
        }
    }

    func quote(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(of: "\n", with: "\\n") + "\""
    }

    public func wbp(_ plan: Plan) -> String {
        let header = planSafeguards(plan)
        var lines = ["plan \(quote(plan.name))", "  date = \(plan.date)"]
        if let region = plan.region { lines.append("  region = \(quote(region))") }
        if !header.isEmpty { lines.append("  safeguards = " + header.map { vocabulary.safeguards[$0].id }.joined(separator: ", ")) }
        for (definition, value) in headerFacts(plan) { lines.append("  \(definition.id) = \(text(value, type: definition.type))") }
        for party in plan.parties {
            lines += ["", "party \(party.id)", "  name = \(quote(party.name))", "  kind = \(vocabulary.partyKinds[party.kind].term.id)"]
            if let form = party.legalForm { lines.append("  legal_form = \(vocabulary.legalForms[form].id)") }
            if let competes = party.competesWith {
                lines.append("  competes_with = " + (competes.isEmpty ? "none" : competes.sorted().map { plan.parties[$0].id }.joined(separator: ", ")))
            }
            if party.undertaking != party.id { lines.append("  undertaking = \(party.undertaking)") }
            for (definition, value) in attributes(party) { lines.append("  \(definition.id) = \(text(value, type: definition.type))") }
        }
        for activity in plan.activities {
            lines += ["", "activity \(activity.id)"]
            if let title = activity.title { lines.append("  title = \(quote(title))") }
            if let clause = activity.clause { lines.append("  clause = \(quote(clause))") }
            lines.append("  kind = \(vocabulary.activityKinds[activity.kind].id)")
            if !activity.parties.isEmpty { lines.append("  parties = " + activity.parties.map { plan.parties[$0].id }.joined(separator: ", ")) }
            for (definition, value) in stated(activity, plan: plan) { lines.append("  \(definition.id) = \(text(value, type: definition.type))") }
            let own = activity.safeguards.members.filter { !header.contains($0) }
            if !own.isEmpty { lines.append("  safeguards = " + own.map { vocabulary.safeguards[$0].id }.joined(separator: ", ")) }
            for waiver in activity.waivers {
                lines += [
                    "  waiver \(ruleSet.rules[waiver.rule].id)", "    justification = \(quote(waiver.justification))",
                    "    owner = \(quote(waiver.owner))", "    expires = \(waiver.expires)",
                ]
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
