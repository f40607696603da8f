import Foundation
import Testing
@testable import WaarborgCLI
import WaarborgEngine
import WaarborgModel
import WaarborgSyntax

/// The mini rule set (Tests/Fixtures/mini) checked once: the interview's pure parts are
/// tested on it, so their expectations do not move when the real rules change.
let interviewMiniRules: RuleSet = {
    let loader = Loader(environment: [:])
    return loader.loadRuleSet(repositoryRoot.appendingPathComponent(miniRules).path).0!
}()

/// What a typed reply means: the same text reads the same at a terminal and in a file.
@Suite struct InterviewReplyTests {
    let nl = ReplyReader(vocabulary: interviewMiniRules.vocabulary, language: .nl)
    let en = ReplyReader(vocabulary: interviewMiniRules.vocabulary, language: .en)

    @Test func amountsAsPeopleTypeThem() throws {
        #expect(try nl.value("1.350.000", type: .scalar(.money)).get() == .value("EUR 1_350_000"))
        #expect(try en.value("1,350,000", type: .scalar(.money)).get() == .value("EUR 1_350_000"))
        #expect(try en.value("EUR 700.000", type: .scalar(.money)).get() == .value("EUR 700_000"))
        #expect(try nl.value("€ 12,5", type: .scalar(.money)).get() == .value("EUR 12.5"))
        #expect(try nl.value("18%", type: .scalar(.percentage)).get() == .value("18%"))
        #expect(try en.value("2.5", type: .scalar(.percentage)).get() == .value("2.5%"))
        #expect(try nl.value("18", type: .scalar(.number)).get() == .value("18"))
        if case .success = nl.value("oud", type: .scalar(.number)) { Issue.record("a word is not a number") }
    }

    @Test func yesNoDatesAndDontKnow() throws {
        #expect(try nl.value("ja", type: .scalar(.boolean)).get() == .value("yes"))
        #expect(try en.value("N", type: .scalar(.boolean)).get() == .value("no"))
        #expect(try nl.value("weet niet", type: .scalar(.boolean)).get() == .dontKnow)
        #expect(try en.value("?", type: .scalar(.money)).get() == .dontKnow)
        if case .success = en.value("2026-02-29", type: .scalar(.date)) { Issue.record("2026 is no leap year") }
        #expect(try en.value("2028-02-29", type: .scalar(.date)).get() == .value("2028-02-29"))
    }

    @Test func choosingByNumberIdLabelOrSearch() throws {
        let vocabulary = interviewMiniRules.vocabulary
        let kinds = vocabulary.activityKinds.map { ReplyReader.option($0, .nl) }
        let exchange = try #require(kinds.firstIndex { $0.id == "exchange" })
        #expect(try nl.choose("\(exchange + 1)", from: kinds).get() == exchange)
        #expect(try nl.choose("exchange", from: kinds).get() == exchange)
        #expect(try nl.choose("Uitwisseling", from: kinds).get() == exchange)
        // The other language's label finds it too, and so does a part of a word.
        let english = vocabulary.activityKinds.map { ReplyReader.option($0, .en) }
        #expect(try en.choose("uitwisseling", from: english).get() == exchange)
        #expect(try en.choose("exch", from: english).get() == exchange)
        if case .success = nl.choose("zzz", from: kinds) { Issue.record("nothing should match") }
        // A search that matches several options names them instead of guessing.
        let twins = [InterviewOption(id: "a_one", label: "inkoop zorg", help: nil), InterviewOption(id: "a_two", label: "inkoop hulpmiddelen", help: nil)]
        #expect(nl.choose("inkoop", from: twins) == .failure(.ambiguous("inkoop", [0, 1])))
        #expect(try nl.chooseMany("{a_two, a_one}", from: twins).get() == [0, 1])
        #expect(try nl.chooseMany("geen", from: twins).get() == [])
        #expect(try nl.chooseMany("alle", from: twins).get() == [0, 1])
        // Parties are chosen by their own number, whatever their place in a list.
        let parties = [InterviewOption(id: "b", label: "B", help: nil, number: 2), InterviewOption(id: "c", label: "C", help: nil, number: 3)]
        #expect(try nl.chooseMany("3", from: parties).get() == [1])
        if case .success = nl.choose("1", from: parties) { Issue.record("party 1 is not in this list") }
    }

    @Test func setsReadAsThePlanLanguageWritesThem() throws {
        let dataKinds = try #require(interviewMiniRules.vocabulary.factIndex["data_kinds"])
        let type = interviewMiniRules.vocabulary.facts[dataKinds].type
        #expect(try nl.value("kosten, prijzen", type: type).get() == .value("{prices, costs}"))
        #expect(try en.value("{costs}", type: type).get() == .value("{costs}"))
        #expect(try en.value("none", type: type).get() == .value("{}"))
    }

    @Test func identifiersFromNames() {
        #expect(PlanDraft.identifier(from: "Coöperatie Zorghub Noord U.A.", taken: [], fallback: "party") == "cooperatie_zorghub_noord_u_a")
        #expect(PlanDraft.identifier(from: "Praktijk A", taken: ["praktijk_a"], fallback: "party") == "praktijk_a_2")
        #expect(PlanDraft.identifier(from: "123", taken: [], fallback: "party") == "party_123")
        let long = PlanDraft.identifier(from: "Benchmark behandelduur en wachttijden fysiotherapie", taken: [], fallback: "activity")
        #expect(long.count <= 32 && !long.hasSuffix("_"))
    }
}

/// The dialogue of one activity, on the mini rules.
@Suite struct ActivityDialogueTests {
    static let plan = """
        plan "Dialoog"
          date = 2026-06-01

        party a
          name = "A"
          kind = practice
          competes_with = b

        party b
          name = "B"
          kind = practice
          competes_with = a

        activity x
          kind = exchange
          parties = a, b

        """

    func dialogue() throws -> ActivityDialogue {
        let file = SourceFile(path: "dialoog.wbp", bytes: Array(Self.plan.utf8))
        let plan = try #require(PlanChecker.parseAndCheck(file, ruleSet: interviewMiniRules).plan)
        return ActivityDialogue(ruleSet: interviewMiniRules, activityID: "x", draft: PlanDraft(plan: plan, ruleSet: interviewMiniRules), path: "dialoog.wbp")
    }

    func fact(_ id: String) -> Int { interviewMiniRules.vocabulary.factIndex[id]! }

    @Test func asksTheMostDecisiveFactFirstAndStopsWhenSettled() throws {
        var dialogue = try dialogue()
        var state = try #require(dialogue.state())
        guard case .fact(let first) = dialogue.next(state) else {
            Issue.record("an activity with no facts has open questions")
            return
        }
        // The engine's questions come ranked: no later question leads to more verdicts.
        let distinct = state.remaining.map { Set($0.outcomes.map(\.verdict)).count }
        #expect(distinct == distinct.sorted(by: >))
        #expect(first.fact == state.remaining[0].fact)
        // Answering with an answer the outcomes say settles it ends the dialogue there.
        let protocols = try #require(first.outcomes.first { $0.verdict == .allowed })
        guard case .value(let value) = protocols.answer else {
            Issue.record("the first question is not a list")
            return
        }
        let text = interviewMiniRules.vocabulary.canonical(value, type: interviewMiniRules.vocabulary.facts[first.fact].type)
        #expect(dialogue.answer(fact: first.fact, .value(text.hasPrefix("{") ? text : "{\(text)}")).isEmpty)
        state = try #require(dialogue.state())
        #expect(state.evaluation.verdict == .allowed)
        guard case .settled = dialogue.next(state) else {
            Issue.record("the verdict is settled: nothing more to ask")
            return
        }
        #expect(dialogue.questionsAsked == 1)
    }

    @Test func dontKnowKeepsTheFactUnknownAndIsNotAskedAgain() throws {
        var dialogue = try dialogue()
        #expect(dialogue.answer(fact: fact("data_kinds"), .value("{costs}")).isEmpty)
        var state = try #require(dialogue.state())
        guard case .fact(let question) = dialogue.next(state), question.fact == fact("age_months") else {
            Issue.record("with costs shared, the age of the data decides")
            return
        }
        #expect(Set(question.outcomes.map(\.verdict)).count > 1)
        #expect(dialogue.answer(fact: fact("age_months"), .dontKnow).isEmpty)
        state = try #require(dialogue.state())
        #expect(state.evaluation.activity.facts[fact("age_months")] == nil)
        #expect(state.evaluation.verdict == .needsAssessment)
        #expect(!state.remaining.contains { $0.fact == fact("age_months") })
        #expect(dialogue.draft.open["x"] == ["age_months"])
        #expect(dialogue.draft.text(comments: InterviewTexts(language: .en, plain: true)).contains("# Open question: age_months"))
    }

    @Test func safeguardsAreAskedWhenTheyWouldChangeTheVerdict() throws {
        var dialogue = try dialogue()
        #expect(dialogue.answer(fact: fact("data_kinds"), .value("{costs}")).isEmpty)
        #expect(dialogue.answer(fact: fact("age_months"), .value("18")).isEmpty)
        var state = try #require(dialogue.state())
        guard case .safeguards(let offered) = dialogue.next(state) else {
            Issue.record("historic costs without safeguards: the safeguards are asked")
            return
        }
        let before = state.evaluation.verdict
        dialogue.answer(safeguards: offered, offered: offered)
        state = try #require(dialogue.state())
        #expect(state.evaluation.verdict != before)
        guard case .settled = dialogue.next(state) else {
            Issue.record("asked once")
            return
        }
    }

    @Test func anAnswerTheCheckerRefusesIsNotKept() throws {
        var dialogue = try dialogue()
        let before = dialogue.draft
        #expect(!dialogue.answer(fact: fact("age_months"), .value("-3")).isEmpty)
        #expect(dialogue.draft == before)
        #expect(dialogue.questionsAsked == 0)
    }
}

/// Interviews without a terminal: answers from a file, the transcript on standard output.
@Suite struct InterviewTests {
    @Test func withoutATerminalOrAnswersItSaysHowToPassThem() throws {
        let binary = repositoryRoot.appendingPathComponent(".build/debug/waarborg")
        try #require(FileManager.default.isExecutableFile(atPath: binary.path), "build the executable first (swift build)")
        try withTemporaryFolder { folder in
            let process = Process()
            process.executableURL = binary
            process.arguments = ["interview", folder.appendingPathComponent("plan.wbp").path, "--lang", "en"]
            process.currentDirectoryURL = repositoryRoot
            process.standardInput = FileHandle.nullDevice
            let errors = Pipe()
            process.standardError = errors
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus == 2)
            #expect(message.contains("--answers"))
            #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("plan.wbp").path))
        }
    }

    @Test func answersFromStandardInput() throws {
        let binary = repositoryRoot.appendingPathComponent(".build/debug/waarborg")
        try #require(FileManager.default.isExecutableFile(atPath: binary.path), "build the executable first (swift build)")
        try withTemporaryFolder { folder in
            let plan = folder.appendingPathComponent("stdin.wbp")
            let process = Process()
            process.executableURL = binary
            process.arguments = ["interview", plan.path, "--rules", miniRules, "--answers", "-", "--lang", "en"]
            process.currentDirectoryURL = repositoryRoot
            let input = Pipe()
            process.standardInput = input
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            input.fileHandleForWriting.write(Data(read("Tests/Fixtures/interview/mini-en.answers").utf8))
            try input.fileHandleForWriting.close()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
            let check = waarborg("check", plan.path, "--rules", miniRules, "--format", "json")
            #expect(check.code != 2, "\(check.errors)")
            #expect(check.output.contains("\"cost_benchmark\""))
        }
    }

    @Test func theWrittenPlanChecksAndKeepsTheOpenQuestions() throws {
        try withTemporaryFolder { folder in
            let plan = folder.appendingPathComponent("mini.wbp").path
            let run = waarborg("interview", plan, "--rules", miniRules, "--answers", "Tests/Fixtures/interview/mini-en.answers", "--lang", "en")
            #expect(run.code == 0, "\(run.errors)")
            // The verdicts the closing note gives are those `check` reaches on the file.
            let json = waarborg("check", plan, "--rules", miniRules, "--format", "json").output
            let object = reportDocument(json)
            let activities = (object?["activities"] as? [[String: Any]]) ?? []
            #expect(activities.count == 2)
            for activity in activities {
                let id = try #require(activity["id"] as? String)
                let verdict = try #require((activity["verdict"] as? String).flatMap(Verdict.init(id:)))
                #expect(run.output.contains("\n  \(id): \(verdict.label(.en))\n"), "\(id)")
            }
            let text = try String(contentsOfFile: plan, encoding: .utf8)
            #expect(text.contains("# Open question: data_kinds"))
            // "Don't know" stays unknown: the questions command asks it again.
            let questions = waarborg("questions", plan, "--rules", miniRules, "--lang", "en")
            #expect(questions.code == 1)
            #expect(questions.output.contains("`data_kinds`"))
            // The layout is the exporter's: converting the written plan changes only the comments.
            let converted = waarborg("convert", plan, "--rules", miniRules, "--to", "wbp")
            #expect(converted.output == text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("  #") }.joined(separator: "\n"))
        }
    }

    @Test func resumingAsksOnlyWhatIsOpen() throws {
        try withTemporaryFolder { folder in
            let plan = folder.appendingPathComponent("resume.wbp")
            let first = waarborg("interview", plan.path, "--rules", miniRules, "--answers", "Tests/Fixtures/interview/mini-en.answers", "--lang", "en")
            #expect(first.code == 0, "\(first.errors)")
            let answers = folder.appendingPathComponent("more.answers")
            write("activity.joint_purchasing.data_kinds = costs\n", to: answers)
            let second = waarborg("interview", plan.path, "--rules", miniRules, "--answers", answers.path, "--lang", "en")
            #expect(second.code == 0, "\(second.errors)")
            let asked = second.output.split(separator: "\n").filter { $0.hasPrefix("Question ") }
            // Only the open activity is asked, starting with its open question.
            #expect(asked.first?.contains("activity.2.data_kinds") == true, "\(asked)")
            #expect(!second.output.contains("activity.1."))
            #expect(!second.output.contains("What is the name of the cooperation"))
            let text = try String(contentsOf: plan, encoding: .utf8)
            #expect(text.contains("data_kinds = {costs}"))
            #expect(!text.contains("# Open question: data_kinds"))
        }
    }

    @Test func aBadAnswerPointsAtItsLineAndWritesNothing() throws {
        try withTemporaryFolder { folder in
            let plan = folder.appendingPathComponent("bad.wbp")
            let answers = folder.appendingPathComponent("bad.answers")
            write(read("Tests/Fixtures/interview/mini-en.answers").replacingOccurrences(of: "age_months = 18", with: "age_months = old"), to: answers)
            let run = waarborg("interview", plan.path, "--rules", miniRules, "--answers", answers.path, "--lang", "en")
            #expect(run.code == 2)
            #expect(run.errors.contains("bad.answers:22:1: error:"), "\(run.errors)")
            #expect(run.errors.contains("WB453"))
            #expect(!FileManager.default.fileExists(atPath: plan.path))
            // An existing plan stays byte for byte as it was.
            write("activity.unknown_age.age_months = old\n", to: answers)
            let existing = folder.appendingPathComponent("existing.wbp")
            write(read(miniPlan), to: existing)
            let resumed = waarborg("interview", existing.path, "--rules", miniRules, "--answers", answers.path)
            #expect(resumed.code == 2)
            let after = try String(contentsOf: existing, encoding: .utf8)
            #expect(after == read(miniPlan))
        }
    }

    @Test func aResumedPlanWithNothingNewIsLeftAsItWas() throws {
        try withTemporaryFolder { folder in
            let existing = folder.appendingPathComponent("existing.wbp")
            write(read(miniPlan), to: existing)
            let answers = folder.appendingPathComponent("none.answers")
            write("activity.unknown_age.age_months = ?\n", to: answers)
            let run = waarborg("interview", existing.path, "--rules", miniRules, "--answers", answers.path, "--lang", "en")
            #expect(run.code == 0, "\(run.errors)")
            #expect(run.output.contains("Question 1 about unknown_age [activity.3.age_months]"))
            let after = try String(contentsOf: existing, encoding: .utf8)
            #expect(after == read(miniPlan), "nothing was answered: the file keeps its own layout and comments")
        }
    }

    @Test func unknownKeysAreErrorsWithASuggestion() throws {
        try withTemporaryFolder { folder in
            let answers = folder.appendingPathComponent("typo.answers")
            write("plan.name = X\nactivity.1.age_month = 3\nnot a key\n", to: answers)
            let run = waarborg("interview", folder.appendingPathComponent("x.wbp").path, "--rules", miniRules, "--answers", answers.path, "--lang", "en")
            #expect(run.code == 2)
            #expect(run.errors.contains("typo.answers:2:1: error: unknown activity question `age_month` in `activity.1.age_month`; did you mean `age_months`?"), "\(run.errors)")
            #expect(run.errors.contains("typo.answers:3:1: error:"))
        }
    }

    @Test func aRequiredAnswerMissingFromTheFileIsAnError() throws {
        try withTemporaryFolder { folder in
            let answers = folder.appendingPathComponent("short.answers")
            write("plan.name = X\nparty.1.name = A\n", to: answers)
            let run = waarborg("interview", folder.appendingPathComponent("x.wbp").path, "--rules", miniRules, "--answers", answers.path, "--lang", "en")
            #expect(run.code == 2)
            #expect(run.errors.contains("`party.1.kind`"), "\(run.errors)")
        }
    }

    @Test func everyLineFitsEightyColumns() throws {
        try withTemporaryFolder { folder in
            for language in ["nl", "en"] {
                let run = waarborg(
                    "interview", folder.appendingPathComponent("w-\(language).wbp").path, "--answers", "Tests/Fixtures/interview/mini-\(language).answers",
                    "--rules", miniRules, "--lang", language)
                #expect(run.code == 0, "\(run.errors)")
                // Answers echoed after a prompt are the user's, and commands naming the
                // plan are never broken (so they can be copied); everything else is wrapped.
                for line in run.output.split(separator: "\n") where !line.contains("> ") && !line.contains(folder.path) {
                    #expect(line.count <= 80, "\(line)")
                }
            }
        }
    }

    /// Done when: from answers alone, the interview reaches the verdicts `waarborg check`
    /// gives for examples/zorghub-noord.wbp, asking fewer questions than the plan states facts.
    @Test func reproducesZorghubNoordWithFewerQuestions() throws {
        try withTemporaryFolder { folder in
            let (answers, stated, available) = InterviewTests.answers(fromPlan: read("examples/zorghub-noord.wbp"))
            let file = folder.appendingPathComponent("zorghub.answers")
            write(answers, to: file)
            let plan = folder.appendingPathComponent("zorghub.wbp").path
            let run = waarborg("interview", plan, "--answers", file.path, "--lang", "en")
            #expect(run.code == 0, "\(run.errors)")
            func verdicts(_ path: String) -> [String] {
                let output = waarborg("check", path, "--format", "json").output
                let object = reportDocument(output)
                return ((object?["activities"] as? [[String: Any]]) ?? []).compactMap { $0["verdict"] as? String }
            }
            let expected = verdicts("examples/zorghub-noord.wbp")
            #expect(expected.count == 7)
            #expect(verdicts(plan) == expected)
            // The checklist's answers are stated once, in the header, as the example states them.
            let header = try String(contentsOfFile: plan, encoding: .utf8).components(separatedBy: "\n\nparty")[0]
            for fact in ["members_individual_tariffs_set_jointly", "areas_or_clients_allocated", "output_limited", "supplier_boycott", "no_hire_clause", "exclusion_from_shared_facility"] {
                #expect(header.contains("\n  \(fact) = no"), "\(fact)")
            }
            // The closing note gives both counts.
            let asked = try #require(run.output.firstMatch(of: /(\d+) questions about facts and safeguards asked/).map { Int($0.1)! })
            #expect(run.output.contains("The answers file had \(available) answers about facts and safeguards"), "\(run.output)")
            #expect(asked < stated, "asked \(asked), the plan states \(stated)")
            print("zorghub-noord: \(asked) questions asked; the plan states \(stated) facts and safeguards (header facts once)")
        }
    }

    /// An answers file holding everything a `.wbp` plan states, keyed as the interview asks
    /// (parties by number), and how many facts and safeguards the plan states (a header
    /// fact once, as the plan writes it) and how many answers about them the file has.
    static func answers(fromPlan text: String) -> (answers: String, stated: Int, available: Int) {
        var blocks: [(head: String, lines: [(String, String)])] = []
        for line in text.split(separator: "\n") where !line.trimmingCharacters(in: .whitespaces).hasPrefix("#") {
            if !line.hasPrefix(" ") {
                blocks.append((String(line), []))
            } else if let equals = line.range(of: " = ") {
                blocks[blocks.count - 1].lines.append((line[..<equals.lowerBound].trimmingCharacters(in: .whitespaces), String(line[equals.upperBound...])))
            }
        }
        func unquoted(_ value: String) -> String { value.hasPrefix("\"") ? String(value.dropFirst().dropLast()) : value }
        let parties = blocks.filter { $0.head.hasPrefix("party ") }
        let activities = blocks.filter { $0.head.hasPrefix("activity ") }
        let ids = parties.map { String($0.head.dropFirst("party ".count)) }
        func numbers(_ list: String) -> String {
            list == "none" ? "none" : list.split(separator: ",").map { String(ids.firstIndex(of: $0.trimmingCharacters(in: .whitespaces))! + 1) }.joined(separator: ", ")
        }
        var lines: [String] = []
        var headerSafeguards: [String] = []
        // Header facts an activity still needs stated itself: the checklist states a fact in
        // the header only when no activity does it (`no`; for the data, `{}` everywhere).
        var inherited: [(String, String)] = []
        var stated = 0
        for block in blocks where block.head.hasPrefix("plan ") {
            lines.append("plan.name = " + unquoted(String(block.head.dropFirst("plan ".count))))
            for (key, value) in block.lines {
                switch key {
                case "safeguards": headerSafeguards = [value]
                case "date", "region": lines.append("plan.\(key) = \(unquoted(value))")
                default:
                    stated += 1
                    let none = key == "data_kinds" ? "{}" : "no"
                    let everywhere = value == none && activities.allSatisfy { activity in activity.lines.allSatisfy { $0.0 != key || $0.1 == none } }
                    lines.append("plan.\(key) = " + (everywhere ? "no" : "yes"))
                    if !everywhere { inherited.append((key, value)) }
                }
            }
        }
        for (number, party) in parties.enumerated() {
            for (key, value) in party.lines {
                switch key {
                case "competes_with": lines.append("party.\(number + 1).competes_with = \(numbers(value))")
                case "undertaking":
                    // The interview asks whether a party belongs to an earlier one's undertaking.
                    if let earlier = parties.prefix(number).firstIndex(where: { $0.lines.contains { $0 == ("undertaking", value) } }) {
                        lines.append("party.\(number + 1).undertaking = \(earlier + 1)")
                    }
                // The interview does not ask the legal form (it decides no verdict; the
                // annex names it), so the rebuilt plan leaves it out.
                case "legal_form": break
                default: lines.append("party.\(number + 1).\(key) = \(unquoted(value))")
                }
            }
        }
        var available = stated
        for (number, activity) in activities.enumerated() {
            for (key, value) in activity.lines {
                switch key {
                case "parties": lines.append("activity.\(number + 1).parties = \(numbers(value))")
                case "safeguards":
                    stated += 1
                    available += 1
                    lines.append("activity.\(number + 1).safeguards = " + (headerSafeguards + [value]).joined(separator: ", "))
                case "title", "kind": lines.append("activity.\(number + 1).\(key) = \(unquoted(value))")
                default:
                    stated += 1
                    available += 1
                    lines.append("activity.\(number + 1).\(key) = \(value)")
                }
            }
            for (key, value) in inherited where !activity.lines.contains(where: { $0.0 == key }) {
                available += 1
                lines.append("activity.\(number + 1).\(key) = \(value)")
            }
        }
        return (lines.joined(separator: "\n") + "\n", stated, available)
    }
}

/// The plan's conduct checklist (issue 20, point 10), on the real rules: every hardcore
/// fact once, in the intake's topics; a `no` in the header, a `yes` asked per activity.
@Suite struct ConductChecklistTests {
    @Test func everyHardcoreFactOnceInTheIntakesTopics() throws {
        let ruleSet = try #require(Loader(environment: [:]).loadRuleSet(repositoryRoot.appendingPathComponent("rules").path).0)
        let vocabulary = ruleSet.vocabulary
        let checklist = ConductChecklist(vocabulary: vocabulary)
        let asked = checklist.topics.flatMap(\.facts)
        let hardcore = vocabulary.facts.indices.filter { vocabulary.facts[$0].isHardcore }
        #expect(!hardcore.isEmpty)
        #expect(asked.sorted() == hardcore, "every hardcore fact, none twice")
        #expect(Set(asked).count == asked.count)
        // The topics in the order a lawyer asks them; nothing is left over for "other".
        #expect(checklist.topics.map(\.subject) == [.prices, .areas, .output, .boycott, .staff, .data, .newcomers])
        #expect(checklist.dataKinds == vocabulary.factIndex["data_kinds"])
        // The mini rules declare no conduct facts: no checklist.
        #expect(ConductChecklist(vocabulary: interviewMiniRules.vocabulary).isEmpty)
    }

    /// A short plan: the checklist's answers land in the header (`no`), stay open (`?`,
    /// a comment in the header) or are asked per activity (`yes`); resuming asks only
    /// what the plan states nowhere.
    @Test func answersLandInTheHeaderAndResumingAsksWhatIsLeft() throws {
        try withTemporaryFolder { folder in
            let answers = folder.appendingPathComponent("checklist.answers")
            write("""
                plan.name = Waarneming Noord
                plan.date = 2026-03-01
                party.1.name = Praktijk A
                party.1.kind = gp_practice
                party.1.turnover_eur_prev_year = 900.000
                party.1.market_share_pct = 10%
                party.2.name = Praktijk B
                party.2.kind = gp_practice
                party.2.turnover_eur_prev_year = 800.000
                party.2.market_share_pct = 9%
                party.1.competes_with = 2
                plan.members_individual_tariffs_set_jointly = yes
                plan.no_hire_clause = ?
                plan.data_kinds = no
                plan.exclusion_from_shared_facility = no
                activity.1.title = Waarneming
                activity.1.kind = out_of_hours_rota
                activity.1.parties = all
                activity.1.members_individual_tariffs_set_jointly = yes

                """, to: answers)
            let plan = folder.appendingPathComponent("checklist.wbp")
            let run = waarborg("interview", plan.path, "--answers", answers.path, "--lang", "en", "--plain")
            #expect(run.code == 0, "\(run.errors)")
            #expect(run.output.contains("Conduct in the whole cooperation"))
            #expect(run.output.contains("Staff and pay"))
            #expect(run.output.contains("[plan.no_hire_clause]"))
            let text = try String(contentsOf: plan, encoding: .utf8)
            let header = text.components(separatedBy: "\n\nparty")[0]
            #expect(header.contains("  exclusion_from_shared_facility = no"))
            #expect(header.contains("  data_kinds = {}"))
            #expect(header.contains("# Open question: no_hire_clause"), "\(header)")
            #expect(!header.contains("members_individual_tariffs_set_jointly"), "a yes is about some activities only")
            // The yes is asked for the activity, and decides it; the open fact is not asked again.
            #expect(run.output.contains("[activity.1.members_individual_tariffs_set_jointly]"))
            #expect(!run.output.contains("[activity.1.no_hire_clause]"))
            #expect(run.output.contains("  waarneming: prohibited"), "\(run.output)")
            // Resuming: only what the plan states nowhere is asked, no_hire_clause among it.
            let more = folder.appendingPathComponent("more.answers")
            write("plan.no_hire_clause = no\n", to: more)
            let resumed = waarborg("interview", plan.path, "--answers", more.path, "--lang", "en", "--plain")
            #expect(resumed.code == 0, "\(resumed.errors)")
            #expect(resumed.output.contains("[plan.no_hire_clause]"))
            #expect(!resumed.output.contains("[plan.exclusion_from_shared_facility]"))
            #expect(!resumed.output.contains("[plan.members_individual_tariffs_set_jointly]"))
            #expect(!resumed.output.contains("[plan.data_kinds]"))
            let after = try String(contentsOf: plan, encoding: .utf8)
            #expect(after.contains("  no_hire_clause = no"))
            #expect(!after.contains("# Open question: no_hire_clause"))
        }
    }
}

/// The transcript of one interview per language, from an answers file: what a user reads.
@Suite struct InterviewGoldenTests {
    static let goldenFiles: Set<String> = ["interview.nl.txt", "interview.en.txt"]

    @Test(arguments: ["nl", "en"])
    func transcript(_ language: String) throws {
        try withTemporaryFolder { folder in
            let plan = folder.appendingPathComponent("interview.wbp").path
            let run = waarborg(
                "interview", plan, "--rules", miniRules, "--answers", "Tests/Fixtures/interview/mini-\(language).answers", "--lang", language, "--plain")
            #expect(run.code == 0, "\(run.errors)")
            #expect(run.errors.isEmpty)
            let written = try String(contentsOfFile: plan, encoding: .utf8)
            let transcript = (run.output + "\n=== interview.wbp ===\n" + written).replacingOccurrences(of: folder.path + "/", with: "")
            GoldenTests.compare(transcript, golden: "interview.\(language).txt")
        }
    }
}
