import Dispatch
import WaarborgSyntax

/// Checks a plan one activity at a time: the header and the parties first, then each
/// activity as it is handed over, then the plan as a whole. A loader can so check every
/// activity as soon as it is parsed and drop its syntax (`PlanChecker.parseAndCheck`);
/// `PlanChecker.check` feeds it a whole tree, so both give the same plan and diagnostics.
public struct PlanCheckSession: Sendable {
    /// What the checks found so far, in the order found.
    public private(set) var diagnostics: [Diagnostic] = []

    private let file: SourceFile
    private let header: PlanEntrySyntax?
    private let ruleSet: RuleSet?
    /// Nil without a header: a plan without one is not checked further.
    private let checker: ActivityChecker?
    private var date: DateValue?
    private var region: String?
    private var planSafeguards = MemberSet()
    private var planSafeguardRanges: [Int: SourceRange] = [:]
    /// Activity facts stated once in the header for every activity.
    private var headerFacts = FactTable()
    private var parties: [Party] = []
    private var partiesFailed = false
    private var activities: [Activity] = []
    private var activityIDs: [String: SourceRange] = [:]
    private var activitiesFailed = false
    private var sawActivity = false

    /// Checks the header and all the parties (their ids first, so `competes_with` may
    /// name a party declared later): every activity may name any of them.
    public init(
        file: SourceFile, header: PlanEntrySyntax?, parties partySyntax: [PlanEntrySyntax], vocabulary: Vocabulary,
        ruleSet: RuleSet? = nil
    ) {
        self.file = file
        self.header = header
        self.ruleSet = ruleSet
        guard let header else {
            diagnostics.append(.error(
                "WB410", "the plan has no `plan \"…\"` header; begin the plan with the consortium's name and date",
                nl: "het plan heeft geen kop `plan \"…\"`; begin het plan met de naam van het samenwerkingsverband en de datum",
                at: SourceRange(file: file, start: 0, end: 0), suggestion: "plan \"Zorghub …\"\n  date = 2026-01-01"))
            checker = nil
            return
        }

        // Header.
        for assignment in header.assignments {
            switch assignment.key.text {
            case "date":
                if case .date(let value) = assignment.value.kind { date = value } else {
                    diagnostics.append(.error(
                        "WB401", "the plan's `date` is a date such as 2026-03-01", nl: "de `date` van het plan is een datum, zoals 2026-03-01",
                        at: assignment.value.range, suggestion: "date = 2026-03-01"))
                }
            case "region":
                if case .string(let text) = assignment.value.kind { region = text } else {
                    diagnostics.append(.error(
                        "WB401", "the plan's `region` is a text in double quotes",
                        nl: "de `region` van het plan is een tekst tussen dubbele aanhalingstekens", at: assignment.value.range))
                }
            case "safeguards":
                for (index, range) in vocabulary.resolveSafeguards(assignment.value, diagnostics: &diagnostics).found {
                    planSafeguards.insert(index)
                    planSafeguardRanges[index] = range
                }
            case let key where vocabulary.fact(named: key) != nil:
                let (index, deprecated) = vocabulary.fact(named: key)!
                if deprecated {
                    diagnostics.append(DeprecatedName.warning(key, new: vocabulary.facts[index].id, what: Bilingual("fact", nl: "het feit"), at: assignment.key.range))
                }
                if headerFacts[index] != nil {
                    diagnostics.append(.error(
                        "WB403", "`\(key)` is stated twice in the plan header; keep one", nl: "`\(key)` staat twee keer in de kop van het plan; houd er één",
                        at: assignment.key.range))
                } else if let value = ValueChecker(vocabulary: vocabulary).check(
                    assignment.value, as: vocabulary.facts[index].type, subject: Bilingual(verbatim: "`\(key)`"), diagnostics: &diagnostics)
                {
                    headerFacts[index] = FactValue(value: value, origin: .stated(assignment.range))
                }
            default:
                let suggestion = Suggestions.closest(to: assignment.key.text, in: PlanChecker.headerKeys + vocabulary.facts.map(\.id))
                diagnostics.append(.error(
                    "WB411",
                    "unknown key `\(assignment.key.text)` in the plan header" + (suggestion.map { "; did you mean `\($0)`?" } ?? "; the header takes \(PlanChecker.headerKeys.joined(separator: ", ")) and activity facts that hold for every activity"),
                    nl: "onbekende sleutel `\(assignment.key.text)` in de kop van het plan"
                        + (suggestion.map { "; bedoelde je `\($0)`?" }
                            ?? "; de kop bevat \(PlanChecker.headerKeys.joined(separator: ", ")) en feiten van activiteiten die voor elke activiteit gelden"),
                    at: assignment.key.range, suggestion: suggestion))
            }
        }
        if date == nil, !header.assignments.contains(where: { $0.key.text == "date" }) {
            diagnostics.append(.error(
                "WB412", "the plan has no `date`; give the date the cooperation starts (it decides which law applies)",
                nl: "het plan heeft geen `date`; geef de datum waarop de samenwerking begint (die bepaalt welk recht van toepassing is)",
                at: header.id.range, suggestion: "date = 2026-01-01"))
        }

        // Parties: first their ids, so `competes_with` may name a party declared later.
        var partyIndex: [String: Int] = [:]
        var partyEntries: [PlanEntrySyntax] = []
        for entry in partySyntax {
            if let first = partyIndex[entry.id.text] {
                diagnostics.append(.error(
                    "WB413", "party `\(entry.id.text)` is declared twice", nl: "partij `\(entry.id.text)` is twee keer gedeclareerd", at: entry.id.range,
                    notes: [DiagnosticNote("first declared here", nl: "hier voor het eerst gedeclareerd", at: partyEntries[first].id.range)]))
                continue
            }
            partyIndex[entry.id.text] = partyEntries.count
            partyEntries.append(entry)
        }
        for entry in partyEntries {
            if let party = PlanChecker.checkParty(entry, vocabulary: vocabulary, partyIndex: partyIndex, diagnostics: &diagnostics) {
                parties.append(party)
            } else {
                partiesFailed = true
            }
        }
        checker = ActivityChecker(vocabulary: vocabulary, parties: parties, partyIndex: partyIndex, allowsParties: true)
    }

    /// Checks one activity, with its waivers; the session keeps only the result.
    public mutating func add(_ entry: PlanEntrySyntax) {
        guard checker != nil else { return }
        add(entry, precomputed: nil)
    }

    /// Checks the activities as `add` does one after the other, with the same activities and
    /// diagnostics in the same order; the activities themselves are checked on every core
    /// (`concurrently`; a caller that checks several plans at once, a core each, passes
    /// false). For a plan read whole (JSON, a Markdown draft), where nothing else runs
    /// beside the check.
    public mutating func add(contentsOf entries: [PlanEntrySyntax], concurrently: Bool) {
        guard checker != nil else { return }
        guard concurrently, entries.count >= Self.concurrentThreshold else {
            for entry in entries { add(entry) }
            return
        }
        // What `checked` gives depends on the entry and on the header and parties alone, so
        // it may be computed before, and beside, the checks of the entries before it.
        let results = Results(count: entries.count)
        let chunks = (entries.count + Self.chunkSize - 1) / Self.chunkSize
        let session = self
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            for index in chunk * Self.chunkSize..<min((chunk + 1) * Self.chunkSize, entries.count) {
                results.set(index, session.checked(entries[index]))
            }
        }
        for index in entries.indices { add(entries[index], precomputed: results.take(index)) }
    }

    static let concurrentThreshold = 128
    static let chunkSize = 32

    /// An activity's check: the activity, or nil when it failed, and what was found.
    private typealias Checked = (activity: Activity?, diagnostics: [Diagnostic])

    /// The check of one activity with its waivers, on its own: the header's safeguards and
    /// facts and the parties are the session's, nothing else of it is read.
    private func checked(_ entry: PlanEntrySyntax) -> Checked {
        guard let checker else { return (nil, []) }
        var found: [Diagnostic] = []
        guard let result = checker.check(
            id: entry.id.text, range: entry.id.range, assignments: entry.assignments, defaultKind: nil, defaultClause: entry.clause,
            inherited: (planSafeguards, planSafeguardRanges), inheritedFacts: headerFacts, allowsDate: false,
            owner: Bilingual("activity `\(entry.id.text)`", nl: "activiteit `\(entry.id.text)`"), diagnostics: &found)
        else { return (nil, found) }
        var activity = result.activity
        activity.waivers = PlanChecker.checkWaivers(entry.waivers, ruleSet: ruleSet, activity: activity, diagnostics: &found)
        return (activity, found)
    }

    /// What the plan as a whole says of the entry (a second declaration, an `override`),
    /// then its own check (`precomputed`, or made here), taken only when it counts.
    private mutating func add(_ entry: PlanEntrySyntax, precomputed: Checked?) {
        sawActivity = true
        if let first = activityIDs[entry.id.text] {
            diagnostics.append(.error(
                "WB414", "activity `\(entry.id.text)` is declared twice; give each activity its own id",
                nl: "activiteit `\(entry.id.text)` is twee keer gedeclareerd; geef elke activiteit een eigen id", at: entry.id.range,
                notes: [DiagnosticNote("first declared here", nl: "hier voor het eerst gedeclareerd", at: first)]))
            activitiesFailed = true
            return
        }
        activityIDs[entry.id.text] = entry.id.range
        for override in entry.overrides {
            diagnostics.append(.error(
                "WB427", "`override` belongs in an answers file (`--answers`); in the plan, state the fact: `\(override.key.text) = …`",
                nl: "`override` hoort in een antwoordbestand (`--answers`); vermeld in het plan het feit zelf: `\(override.key.text) = …`",
                at: override.range))
            activitiesFailed = true
        }
        guard !partiesFailed else { return }
        let (activity, found) = precomputed ?? checked(entry)
        diagnostics += found
        if let activity { activities.append(activity) } else { activitiesFailed = true }
    }

    /// The checks' results, written by several threads, each to its own slots, and read
    /// once they are all done.
    private final class Results: @unchecked Sendable {
        private let slots: UnsafeMutableBufferPointer<Checked?>
        init(count: Int) {
            slots = .allocate(capacity: count)
            slots.initialize(repeating: nil)
        }
        deinit {
            slots.baseAddress!.deinitialize(count: slots.count)
            slots.deallocate()
        }
        func set(_ index: Int, _ value: Checked) { slots[index] = value }
        /// The result, let go of once taken (a large plan's are not held twice).
        func take(_ index: Int) -> Checked {
            defer { slots[index] = nil }
            return slots[index]!
        }
    }

    /// The checked plan, or nil when a check failed, and every diagnostic of the session.
    public consuming func finish() -> (plan: Plan?, diagnostics: [Diagnostic]) {
        guard let header else { return (nil, diagnostics) }
        if !sawActivity {
            diagnostics.append(.warning(
                "WB415", "the plan has no activities; there is nothing to check", nl: "het plan heeft geen activiteiten; er is niets te controleren",
                at: header.id.range))
        }
        guard let date, !partiesFailed, !activitiesFailed, !diagnostics.hasErrors else { return (nil, diagnostics) }
        var plan = Plan(
            name: header.id.text, file: file, date: date, region: region, parties: parties,
            activities: activities, range: header.range)
        plan.headerFacts = headerFacts
        return (plan, diagnostics)
    }
}
