import Foundation
import Testing
import WaarborgModel
import WaarborgSyntax

/// `PlanChecker.parseAndCheck` (what `waarborg check` runs on a `.wbp` plan) must give
/// exactly what the two passes give: `PlanParser.parse`, then `PlanChecker.check` unless
/// parsing reported an error.
@Suite struct StreamedLoadingTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let realRules: RuleSet? = {
        let folder = root.appendingPathComponent("rules")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path))?.filter { $0.hasSuffix(".wbr") }.sorted() ?? []
        let parsed = names.compactMap { name -> (syntax: RuleFileSyntax, diagnostics: [Diagnostic])? in
            guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path) else { return nil }
            return RuleFileParser.parse(SourceFile(path: "rules/\(name)", bytes: [UInt8](data)))
        }
        guard !parsed.isEmpty, !parsed.flatMap(\.diagnostics).hasErrors else { return nil }
        return RuleSetChecker.check(parsed.map(\.syntax)).0
    }()

    func ruleSet() throws -> RuleSet { try #require(Self.realRules) }

    /// The two passes, with the CLI's rule: a parse error returns the parse diagnostics alone.
    func twoPass(_ file: SourceFile, ruleSet: RuleSet) -> (plan: Plan?, diagnostics: [Diagnostic]) {
        let (syntax, parseDiagnostics) = PlanParser.parse(file)
        guard !parseDiagnostics.hasErrors else { return (nil, parseDiagnostics) }
        let (plan, found) = PlanChecker.check(syntax, ruleSet: ruleSet)
        return (plan, parseDiagnostics + found)
    }

    /// Compares both ways on one file and returns the streamed result for further checks.
    @discardableResult
    func expectSame(_ file: SourceFile, ruleSet: RuleSet, sourceLocation: Testing.SourceLocation = #_sourceLocation)
        -> (plan: Plan?, diagnostics: [Diagnostic])
    {
        let streamed = PlanChecker.parseAndCheck(file, ruleSet: ruleSet)
        let expected = twoPass(file, ruleSet: ruleSet)
        #expect(streamed.diagnostics.map(describe) == expected.diagnostics.map(describe), "\(file.path)", sourceLocation: sourceLocation)
        #expect(streamed.diagnostics == expected.diagnostics, "\(file.path)", sourceLocation: sourceLocation)
        #expect(streamed.plan.map(PlanShape.init) == expected.plan.map(PlanShape.init), "\(file.path)", sourceLocation: sourceLocation)
        return streamed
    }

    @discardableResult
    func expectSame(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> (plan: Plan?, diagnostics: [Diagnostic]) {
        try expectSame(SourceFile(path: "p.wbp", text: text), ruleSet: ruleSet(), sourceLocation: sourceLocation)
    }

    func describe(_ diagnostic: Diagnostic) -> String {
        let notes = diagnostic.notes.map { " [note: \($0.message) at \($0.range.map { "\($0.location)" } ?? "-")]" }.joined()
        return "\(diagnostic.range.map { "\($0.location)" } ?? "-"): \(diagnostic.severity.rawValue) \(diagnostic.code): \(diagnostic.message)\(notes)"
    }

    func codes(_ diagnostics: [Diagnostic]) -> [String] { diagnostics.map(\.code) }

    static let header = """
        plan "P"
          date = 2026-03-01
          safeguards = antitrust_protocol

        """
    static let parties = """
        party a
          kind = gp_practice
          competes_with = b
          market_share_pct = 18%
        party b
          kind = gp_practice
          competes_with = a
          market_share_pct = 12%

        """
    static let benchmark = """
        activity bench
          kind = benchmarking
          parties = a, b
          data_kinds = {costs}
          recipient = independent_third_party
          waiver IX-03
            justification = "Assessed by counsel."
            owner = "A. Jansen"
            expires = 2027-01-01

        """
    static let purchasing = """
        activity buy
          kind = joint_purchasing
          parties = a, b
          joint_negotiation_with_suppliers = yes
          combined_purchasing_share_pct = 4%

        """

    @Test func everyExampleWithTheRealRules() throws {
        let ruleSet = try ruleSet()
        let folder = Self.root.appendingPathComponent("examples")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".wbp") }.sorted()
        #expect(names.count >= 10)
        var checked = 0
        for name in names {
            let data = try #require(FileManager.default.contents(atPath: folder.appendingPathComponent(name).path))
            let result = expectSame(SourceFile(path: "examples/\(name)", bytes: [UInt8](data)), ruleSet: ruleSet)
            if result.plan != nil { checked += 1 }
        }
        #expect(checked == names.count)
    }

    @Test func aWellFormedPlanWithWaivers() throws {
        let result = try expectSame(Self.header + Self.parties + Self.benchmark + Self.purchasing)
        let plan = try #require(result.plan)
        #expect(plan.activities.map(\.id) == ["bench", "buy"])
        #expect(plan.activities[0].waivers.count == 1)
        #expect(plan.parties.map(\.id) == ["a", "b"])
    }

    @Test func aPlanWithAParseError() throws {
        let text = Self.header + Self.parties + Self.benchmark + "activty typo\n  kind = benchmarking\n\n" + Self.purchasing
            + "activity later\n  kind benchmarking\n"
        let result = try expectSame(text)
        #expect(result.plan == nil)
        #expect(codes(result.diagnostics) == ["WB202", "WB109"])
    }

    @Test func aParseErrorAfterAMisplacedParty() throws {
        // A party after the activities would need the two passes, but a parse error
        // decides the answer first.
        let text = Self.header + Self.benchmark + Self.parties + "activty typo\n"
        let result = try expectSame(text)
        #expect(result.plan == nil)
        #expect(codes(result.diagnostics) == ["WB202"])
    }

    @Test func checkErrorsInSeveralActivities() throws {
        let text = Self.header + Self.parties
            + Self.benchmark.replacingOccurrences(of: "data_kinds", with: "data_kind")
            + Self.purchasing.replacingOccurrences(of: "parties = a, b", with: "parties = a, c")
            + Self.benchmark.replacingOccurrences(of: "activity bench", with: "activity third")
                .replacingOccurrences(of: "waiver IX-03", with: "waiver IX-99")
            + Self.benchmark.replacingOccurrences(of: "activity bench", with: "activity fourth")
                .replacingOccurrences(of: "    owner = \"A. Jansen\"\n", with: "")
            + Self.purchasing.replacingOccurrences(of: "activity buy", with: "activity fifth")
                .replacingOccurrences(of: "4%", with: "4")
        let result = try expectSame(text)
        #expect(result.plan == nil)
        #expect(codes(result.diagnostics) == ["WB408", "WB406", "WB432", "WB430", "WB401"])
    }

    /// `count` activities, alternately benchmarks and purchases, each with its own id;
    /// `change` may rewrite the n-th one.
    func many(_ count: Int, _ change: (Int, String) -> String = { $1 }) -> String {
        (0..<count).map { index in
            let text = (index % 2 == 0 ? Self.benchmark : Self.purchasing)
                .replacingOccurrences(of: index % 2 == 0 ? "activity bench" : "activity buy", with: "activity a\(index)")
            return change(index, text)
        }.joined()
    }

    /// Past the first batches the activities are checked on a thread of their own while the
    /// next ones are parsed: the same plan and the same diagnostics, in the same order.
    @Test func aLargePlanIsCheckedAsInTwoPasses() throws {
        let result = try expectSame(Self.header + Self.parties + many(300))
        #expect(result.plan?.activities.map(\.id) == (0..<300).map { "a\($0)" })
        let broken = try expectSame(Self.header + Self.parties + many(300) { index, text in
            index % 37 == 5 ? text.replacingOccurrences(of: "parties = a, b", with: "parties = a, z") : text
        })
        #expect(broken.plan == nil)
        #expect(codes(broken.diagnostics) == Array(repeating: "WB406", count: (0..<300).filter { $0 % 37 == 5 }.count))
        // Checked on the parsing thread (as when several plans load at once): the same.
        let text = Self.header + Self.parties + many(300) { index, text in
            index % 37 == 5 ? text.replacingOccurrences(of: "parties = a, b", with: "parties = a, z") : text
        }
        let inline = PlanChecker.parseAndCheck(SourceFile(path: "p.wbp", text: text), ruleSet: try ruleSet(), besideParsing: false)
        #expect(inline.diagnostics.map(describe) == broken.diagnostics.map(describe))
        let duplicate = try expectSame(Self.header + Self.parties + many(300) { index, text in
            index == 250 ? text.replacingOccurrences(of: "activity a250", with: "activity a3") : text
        })
        #expect(codes(duplicate.diagnostics) == ["WB414"])
    }

    /// A plan read whole (JSON, a Markdown draft) has its activities checked on every core:
    /// the same plan and the same diagnostics, in the same order, as one after the other.
    @Test func aWholePlanCheckedOnEveryCoreIsCheckedAsOneAfterTheOther() throws {
        let text = Self.header + Self.parties + many(300) { index, text in
            switch index {
            case 7, 150: text.replacingOccurrences(of: "parties = a, b", with: "parties = a, z")
            case 99: text.replacingOccurrences(of: "activity a99", with: "activity a3")
            case 201: text.replacingOccurrences(of: "kind = ", with: "colour = blue\n  kind = ")
            default: text
            }
        }
        let (syntax, parseDiagnostics) = PlanParser.parse(SourceFile(path: "p.wbp", text: text))
        #expect(!parseDiagnostics.hasErrors)
        let serial = PlanChecker.check(syntax, ruleSet: try ruleSet(), concurrently: false)
        let concurrent = PlanChecker.check(syntax, ruleSet: try ruleSet(), concurrently: true)
        #expect(codes(serial.diagnostics) == ["WB406", "WB414", "WB406", "WB408"])
        #expect(concurrent.diagnostics.map(describe) == serial.diagnostics.map(describe))
        #expect(concurrent.diagnostics == serial.diagnostics)
        #expect(concurrent.plan == nil && serial.plan == nil)
        // And a plan without errors: the same activities.
        let (clean, _) = PlanParser.parse(SourceFile(path: "p.wbp", text: Self.header + Self.parties + many(300)))
        let cleanSerial = PlanChecker.check(clean, ruleSet: try ruleSet(), concurrently: false)
        let cleanConcurrent = PlanChecker.check(clean, ruleSet: try ruleSet(), concurrently: true)
        #expect(cleanConcurrent.plan.map(PlanShape.init) == cleanSerial.plan.map(PlanShape.init))
        #expect(cleanConcurrent.plan?.activities.map(\.id) == (0..<300).map { "a\($0)" })
    }

    @Test func aLargePlanWithAParseErrorOrALateParty() throws {
        let parseError = try expectSame(Self.header + Self.parties + many(300) { index, text in
            index == 200 ? text.replacingOccurrences(of: "kind = ", with: "kind = = ") : text
        })
        #expect(parseError.plan == nil && parseError.diagnostics.hasErrors)
        let lateParty = try expectSame(Self.header + Self.parties + many(150) + "party c\n  kind = gp_practice\n" + many(150) { index, text in
            text.replacingOccurrences(of: "activity a\(index)", with: "activity b\(index)")
        })
        #expect(lateParty.plan?.parties.map(\.id) == ["a", "b", "c"], "\(lateParty.diagnostics.map(describe))")
        #expect(lateParty.plan?.activities.count == 300)
    }

    @Test func aPartyAfterTheActivities() throws {
        // `buy` names party `c`, declared at the end: the fallback checks it against all parties.
        let text = Self.header + Self.parties
            + Self.purchasing.replacingOccurrences(of: "parties = a, b", with: "parties = a, c")
            + Self.benchmark + "party c\n  kind = gp_practice\n"
        let result = try expectSame(text)
        let plan = try #require(result.plan, "\(result.diagnostics.map(describe))")
        #expect(plan.parties.map(\.id) == ["a", "b", "c"])
        #expect(plan.activities.map(\.id) == ["buy", "bench"])
    }

    @Test func theHeaderAfterAnActivity() throws {
        let result = try expectSame(Self.parties + Self.benchmark + Self.header + Self.purchasing)
        let plan = try #require(result.plan, "\(result.diagnostics.map(describe))")
        #expect(plan.name == "P")
        #expect(plan.activities.map(\.id) == ["bench", "buy"])
    }

    @Test func aPlanWithoutAHeader() throws {
        let result = try expectSame(Self.parties + Self.benchmark + Self.purchasing)
        #expect(result.plan == nil)
        #expect(codes(result.diagnostics) == ["WB410"])
    }

    @Test func aDuplicateActivityID() throws {
        let result = try expectSame(Self.header + Self.parties + Self.benchmark + Self.purchasing + Self.benchmark)
        #expect(result.plan == nil)
        #expect(codes(result.diagnostics) == ["WB414"])
    }

    @Test func aPlanWithoutActivities() throws {
        let result = try expectSame(Self.header + Self.parties)
        #expect(codes(result.diagnostics) == ["WB415"])
        #expect(result.plan?.activities.isEmpty == true)
    }

    @Test func anEmptyFileAndPartyErrors() throws {
        try expectSame("")
        try expectSame(Self.header + Self.parties.replacingOccurrences(of: "gp_practice", with: "gp_practise") + Self.benchmark)
        try expectSame(Self.header + Self.parties + Self.parties + Self.benchmark)
    }
}

/// The fields of a checked plan that the two ways must agree on, comparable.
struct PlanShape: Equatable {
    struct PartyShape: Equatable {
        let id: String
        let name: String
        let kind: Int
        let competesWith: Set<Int>?
        let undertaking: String
        let attributes: [Value?]
        let range: SourceRange

        init(_ party: Party) {
            id = party.id
            name = party.name
            kind = party.kind
            competesWith = party.competesWith
            undertaking = party.undertaking
            attributes = party.attributes
            range = party.range
        }
    }

    struct ActivityShape: Equatable {
        let id: String
        let title: String?
        let clause: String?
        let kind: Int
        let parties: [Int]
        let facts: FactTable
        let safeguards: MemberSet
        let safeguardRanges: [Int: SourceRange]
        let range: SourceRange
        let kindRange: SourceRange?
        let unknownDerivations: [Int: [UnknownAttribute]]
        let waivers: [Waiver]

        init(_ activity: Activity) {
            id = activity.id
            title = activity.title
            clause = activity.clause
            kind = activity.kind
            parties = activity.parties
            facts = activity.facts
            safeguards = activity.safeguards
            safeguardRanges = activity.safeguardRanges.all
            range = activity.range
            kindRange = activity.kindRange
            unknownDerivations = activity.unknownDerivations
            waivers = activity.waivers
        }
    }

    let name: String
    let date: DateValue
    let region: String?
    let range: SourceRange
    let parties: [PartyShape]
    let activities: [ActivityShape]

    init(_ plan: Plan) {
        name = plan.name
        date = plan.date
        region = plan.region
        range = plan.range
        parties = plan.parties.map(PartyShape.init)
        activities = plan.activities.map(ActivityShape.init)
    }
}
