import Foundation
import WaarborgModel

/// The plan's intake checklist (issue 20, point 10): the conduct that is prohibited
/// whatever an activity's kind, asked once for the whole plan right after the parties, in
/// the order a lawyer asks at intake. Which facts are conduct facts is the vocabulary's
/// word (`hardcore`); this type only groups them into the intake's topics. A hardcore
/// fact the topics do not name is asked under "other conduct", so a fact added to the
/// rules is never left out of the checklist.
///
/// An answer is about every activity: `no` is stated once in the plan's header (every
/// activity holds it, one that differs states its own); `yes` is not, because it is true
/// of some activities only, so each activity where it matters is asked; "don't know"
/// stays open for the whole plan. Strategic data are not a fact of their own (they follow
/// from `data_kinds`, which differ per activity): the checklist asks whether any activity
/// shares data at all, and only a `no` is stated in the header (`data_kinds = {}`).
struct ConductChecklist {
    /// The intake's topics, in the order they are asked.
    enum Subject: CaseIterable {
        case prices, areas, output, boycott, staff, data, newcomers, other
    }

    struct Topic {
        let subject: Subject
        let facts: [Int]
    }

    let topics: [Topic]
    /// The fact `data_kinds`, when the vocabulary has it as a set: asked as one yes/no.
    let dataKinds: Int?

    /// The intake's topics and the conduct facts each covers, in the order they are asked.
    static func facts(_ subject: Subject) -> [String] {
        switch subject {
        case .prices: return [
            "members_individual_tariffs_set_jointly", "minimum_indexation_advised", "price_increase_advised", "contract_form_advised", "bid_coordination",
        ]
        case .areas: return ["areas_or_clients_allocated", "patient_switching_restricted"]
        case .output: return ["output_limited", "service_levels_coordinated", "volume_advised"]
        case .boycott: return ["coordinated_non_signing", "supplier_boycott"]
        case .staff: return ["no_hire_clause", "wage_terms_aligned", "zzp_terms_agreed", "zzp_hire_limited"]
        case .newcomers: return ["exclusion_from_shared_facility", "fee_or_terms_discriminate"]
        // Not a fact of its own: whether data are shared at all, asked through `data_kinds`.
        case .data, .other: return []
        }
    }

    init(vocabulary: Vocabulary) {
        var placed = Set<Int>()
        var topics: [Topic] = []
        let data = vocabulary.factIndex["data_kinds"].flatMap { index -> Int? in
            if case .setOf = vocabulary.facts[index].type { return index }
            return nil
        }
        for subject in Subject.allCases where subject != .other {
            let facts = ConductChecklist.facts(subject).compactMap { vocabulary.factIndex[$0] }.filter { vocabulary.facts[$0].isHardcore }
            placed.formUnion(facts)
            if !facts.isEmpty || (subject == .data && data != nil) { topics.append(Topic(subject: subject, facts: facts)) }
        }
        let other = vocabulary.facts.indices.filter { vocabulary.facts[$0].isHardcore && !placed.contains($0) }
        if !other.isEmpty { topics.append(Topic(subject: .other, facts: other)) }
        // Without conduct facts there is no checklist, and the data question alone is not one.
        self.topics = topics.contains { !$0.facts.isEmpty } ? topics : []
        self.dataKinds = self.topics.isEmpty ? nil : data
    }

    var isEmpty: Bool { topics.isEmpty }
}
