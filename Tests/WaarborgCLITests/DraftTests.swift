import Foundation
import Testing

/// Markdown agreement drafts: the plan in ```waarborg blocks beside the clauses, located
/// in the draft's own lines, and an annex section that `annex --check` keeps honest.
@Suite struct DraftTests {
    /// The fixture copy of zorghub-noord.wbp (checked under the frozen fixture rules, see
    /// `GoldenTests`) spread over the articles of a draft: the header and the
    /// parties under "Artikel 1 Partijen", then one article per activity.
    static let zorghub: (text: String, clauses: [String: String]) = {
        let plan = read("\(GoldenTests.fixturePlans)/zorghub-noord.wbp")
        let chunks = plan.components(separatedBy: "\nactivity ")
        var text = "# Samenwerkingsovereenkomst Zorghub Noord\n\nDe ondergetekenden komen het volgende overeen.\n\n"
        text += "## Artikel 1 Partijen\n\n```waarborg\n" + chunks[0].trimmingCharacters(in: .newlines) + "\n```\n\n"
        var clauses: [String: String] = [:]
        for (offset, chunk) in chunks.dropFirst().enumerated() {
            let id = String(chunk.prefix { $0 != "\n" })
            let number = offset + 2
            text += "## Artikel \(number). Activiteit \(id)\n\nPartijen voeren deze activiteit uit zoals hieronder beschreven.\n\n"
            text += "```waarborg\nactivity " + chunk.trimmingCharacters(in: .newlines) + "\n```\n\n"
            clauses[id] = "art. \(number) Activiteit \(id)"
        }
        text += "## Bijlage 1\n\n<!-- waarborg:annex:begin -->\n<!-- waarborg:annex:end -->\n\nSlotbepaling.\n"
        return (text, clauses)
    }()

    /// The line of `activity ID` in a text.
    static func line(of activity: String, in text: String) -> Int? {
        text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0 == "activity \(activity)" }.map { $0 + 1 }
    }

    func json(_ output: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
    }

    func report(_ output: String) throws -> [String: Any] {
        try #require(reportDocument(output))
    }

    @Test func theDraftReachesThePlansVerdictsOnItsOwnLines() throws {
        try withTemporaryFolder { folder in
            let draft = folder.appendingPathComponent("overeenkomst.md")
            write(Self.zorghub.text, to: draft)
            let fromDraft = waarborg("check", draft.path, "--rules", GoldenTests.fixtureRules, "--format", "json")
            let fromPlan = waarborg("check", "\(GoldenTests.fixturePlans)/zorghub-noord.wbp", "--rules", GoldenTests.fixtureRules, "--format", "json")
            #expect(fromDraft.code == fromPlan.code, "\(fromDraft.errors)")
            let draftActivities = try #require(try report(fromDraft.output)["activities"] as? [[String: Any]])
            let planActivities = try #require(try report(fromPlan.output)["activities"] as? [[String: Any]])
            #expect(draftActivities.count == planActivities.count)
            #expect(draftActivities.count >= 5)
            for (inDraft, inPlan) in zip(draftActivities, planActivities) {
                let id = try #require(inDraft["id"] as? String)
                #expect(id == inPlan["id"] as? String)
                #expect(inDraft["verdict"] as? String == inPlan["verdict"] as? String)
                #expect(inDraft["clause"] as? String == Self.zorghub.clauses[id])
                #expect(inPlan["clause"] is NSNull)
                let location = try #require(inDraft["location"] as? [String: Any])
                #expect(location["file"] as? String == draft.path)
                #expect(location["line"] as? Int == Self.line(of: id, in: Self.zorghub.text))
                #expect(location["column"] as? Int == 10)
            }
        }
    }

    @Test func textSARIFAndGitHubCiteTheClause() throws {
        try withTemporaryFolder { folder in
            let draft = folder.appendingPathComponent("overeenkomst.md")
            write(Self.zorghub.text, to: draft)
            let benchmarkLine = try #require(Self.line(of: "kostenbenchmark", in: Self.zorghub.text))
            let text = waarborg("check", draft.path, "--rules", GoldenTests.fixtureRules, "--plain")
            #expect(collapsed(text.output).contains(" benchmark, art. 2 Activiteit kostenbenchmark, \(draft.path):\(benchmarkLine):10 "))

            let sarif = try json(waarborg("check", draft.path, "--rules", GoldenTests.fixtureRules, "--format", "sarif").output)
            let runs = try #require(sarif["runs"] as? [[String: Any]])
            let results = try #require(runs.first?["results"] as? [[String: Any]])
            let benchmark = try #require(results.first { ($0["properties"] as? [String: Any])?["activity"] as? String == "kostenbenchmark" })
            #expect((benchmark["properties"] as? [String: Any])?["clause"] as? String == "art. 2 Activiteit kostenbenchmark")
            let region = (((benchmark["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?["region"] as? [String: Any])
            #expect(region?["startLine"] as? Int == benchmarkLine)
            let message = try #require((benchmark["message"] as? [String: Any])?["text"] as? String)
            #expect(message.hasPrefix("kostenbenchmark (art. 2 Activiteit kostenbenchmark): "))

            let github = waarborg("check", draft.path, "--rules", GoldenTests.fixtureRules, "--format", "github").output
            #expect(github.contains("line=\(benchmarkLine),col=10,title=kostenbenchmark [art. 2 Activiteit kostenbenchmark]%3A "))
        }
    }

    @Test func aMistakeInABlockIsReportedOnTheDraftsLine() throws {
        try withTemporaryFolder { folder in
            let draft = folder.appendingPathComponent("overeenkomst.md")
            write(Self.zorghub.text.replacingOccurrences(of: "  data_age_months = 18", with: "  data_age_monts = 18"), to: draft)
            let line = try #require(Self.zorghub.text.split(separator: "\n", omittingEmptySubsequences: false)
                .firstIndex { $0 == "  data_age_months = 18" }) + 1
            let run = waarborg("check", draft.path, "--rules", GoldenTests.fixtureRules, "--lang", "en")
            #expect(run.code == 2)
            #expect(run.output.isEmpty)
            #expect(run.errors.hasPrefix("\(draft.path):\(line):3: error: unknown fact `data_age_monts` in activity `kostenbenchmark`; did you mean `data_age_months`?"))
        }
    }

    @Test func thereAreTwoExampleDrafts() {
        #expect(GoldenTests.drafts.count >= 2)
    }

    /// Each example draft's annex section is what its blocks generate today, and every
    /// activity cites a clause.
    @Test(arguments: GoldenTests.drafts)
    func exampleDraftsAreUpToDate(_ draft: String) throws {
        let check = waarborg("annex", "examples/\(draft)", "--check")
        #expect(check.code == 0, "\(check.output)\(check.errors)")
        #expect(check.output.isEmpty)
        let report = try self.report(waarborg("check", "examples/\(draft)", "--format", "json").output)
        let activities = try #require(report["activities"] as? [[String: Any]])
        #expect(activities.count >= 3)
        for activity in activities {
            let clause = activity["clause"] as? String
            #expect(clause?.hasPrefix("art. ") == true, "\(activity["id"] ?? "?") cites \(clause ?? "no clause")")
        }
    }

    @Test func aDraftWithoutHeaderOrActivitiesSaysSo() throws {
        try withTemporaryFolder { folder in
            let headless = folder.appendingPathComponent("a.md")
            write("# Overeenkomst\n\n## Artikel 3 Benchmark\n\n```waarborg\nactivity a\n  kind = benchmarking\n```\n", to: headless)
            let run = waarborg("check", headless.path, "--lang", "en")
            #expect(run.code == 2)
            #expect(run.errors.hasPrefix("\(headless.path):1:1: error: the plan has no `plan \"…\"` header"))

            let empty = folder.appendingPathComponent("b.md")
            write("# Overeenkomst\n\n```waarborg\nplan \"X\"\n  date = 2026-01-01\n```\n", to: empty)
            let check = waarborg("check", empty.path, "--plain", "--lang", "en")
            #expect(check.code == 0)
            #expect(check.errors.contains("\(empty.path):4:6: warning: the plan has no activities; there is nothing to check [WB415]"))
            #expect(check.output.contains("Verdict on the plan: NEEDS ASSESSMENT\n  no activities\n"))
        }
    }

    // MARK: The annex section

    @Test func updateFillsTheSectionAndLeavesTheRestAsItWas() throws {
        try withTemporaryFolder { folder in
            let draft = folder.appendingPathComponent("overeenkomst.md")
            write(Self.zorghub.text, to: draft)
            let before = try #require(try? Data(contentsOf: draft))
            let stale = waarborg("annex", draft.path, "--rules", GoldenTests.fixtureRules, "--check")
            #expect(stale.code == 1)
            #expect(stale.errors.contains("[WB801]"))

            let update = waarborg("annex", draft.path, "--rules", GoldenTests.fixtureRules, "--update")
            #expect(update.code == 0, "\(update.errors)")
            #expect(update.output.isEmpty)
            #expect(update.errors.contains(": bijlage bijgewerkt (") && update.errors.contains(" toegevoegd)"), "\(update.errors)")
            let after = try #require(try? Data(contentsOf: draft))
            let marker = Data("<!-- waarborg:annex:begin -->\n".utf8)
            let end = Data("<!-- waarborg:annex:end -->\n\nSlotbepaling.\n".utf8)
            let head = try #require(before.range(of: marker)).upperBound
            #expect(after.prefix(head) == before.prefix(head))
            #expect(after.suffix(end.count) == end)
            // The section holds the annex `annex --format md` writes, its headings one level
            // below the draft's "## Bijlage 1".
            let annex = waarborg("annex", draft.path, "--rules", GoldenTests.fixtureRules).output.split(separator: "\n", omittingEmptySubsequences: false)
                .map { $0.hasPrefix("#") ? "##" + $0 : String($0) }.joined(separator: "\n")
            #expect(annex.hasPrefix("### Bijlage mededingingsrechtelijke waarborgen\n"))
            #expect(String(decoding: after, as: UTF8.self) == Self.zorghub.text.replacingOccurrences(
                of: "<!-- waarborg:annex:begin -->\n", with: "<!-- waarborg:annex:begin -->\n" + annex))
            #expect(annex.contains("\n##### 2.1 Benchmark praktijkkosten huisartsen via Praktijkdata Analyse B.V. — art. 2 Activiteit kostenbenchmark\n"))

            let check = waarborg("annex", draft.path, "--rules", GoldenTests.fixtureRules, "--check")
            #expect(check.code == 0)
            #expect(check.output.isEmpty)
            #expect(check.errors.contains("de bijlage (vanaf regel ") && check.errors.contains(") is actueel"), "\(check.errors)")
            // Nothing changed: --update leaves the file alone.
            #expect(waarborg("annex", draft.path, "--rules", GoldenTests.fixtureRules, "--update").code == 0)
            #expect((try? Data(contentsOf: draft)) == after)
            // One run speaks one language: the English annex is confirmed in English.
            let english = waarborg("annex", draft.path, "--rules", GoldenTests.fixtureRules, "--lang", "en", "--update")
            #expect(english.code == 0)
            #expect(english.errors.contains(": annex section updated (") && !english.errors.contains("bijgewerkt"), "\(english.errors)")
            let englishCheck = waarborg("annex", draft.path, "--rules", GoldenTests.fixtureRules, "--lang", "en", "--check")
            #expect(englishCheck.errors.contains(") is up to date"), "\(englishCheck.errors)")
        }
    }

    @Test func checkShowsWhatDriftedAsAUnifiedDiff() throws {
        try withTemporaryFolder { folder in
            let draft = folder.appendingPathComponent("overeenkomst.md")
            write(Self.zorghub.text, to: draft)
            #expect(waarborg("annex", draft.path, "--rules", GoldenTests.fixtureRules, "--update").code == 0)
            let current = try #require(try? String(contentsOf: draft, encoding: .utf8))
            // Drop a safeguard from the protocol article's block and rename a clause.
            let edited = current
                .replacingOccurrences(of: "  safeguards = no_tariff_topics, freedom_to_contract_individually", with: "  safeguards = no_tariff_topics")
                .replacingOccurrences(of: "## Artikel 3. Activiteit protocollen", with: "## Artikel 3. Protocollen en zorgpaden")
            #expect(edited != current)
            write(edited, to: draft)
            let check = waarborg("annex", draft.path, "--rules", GoldenTests.fixtureRules, "--check")
            #expect(check.code == 1)
            #expect(check.output.hasPrefix("--- \(draft.path) (bijlagesectie zoals geschreven)\n+++ \(draft.path) (bijlage zoals nu gegenereerd)\n@@ -"), "\(check.output)")
            #expect(check.output.contains("\n-##### 2.2 Uitwisseling zorgprotocollen en zorgpaden (COPD, diabetes, valpreventie) — art. 3 Activiteit protocollen\n"))
            #expect(check.output.contains("\n+##### 2.2 Uitwisseling zorgprotocollen en zorgpaden (COPD, diabetes, valpreventie) — art. 3 Protocollen en zorgpaden\n"))
            // Under the frozen fixture rules IN-01 depends on three safeguards; the one dropped is the third.
            #expect(check.output.contains("\n-- (c) *Vrijheid om individueel te contracteren.*"), "\(check.output)")
            let beginLine = try #require(edited.split(separator: "\n", omittingEmptySubsequences: false)
                .firstIndex { $0 == "<!-- waarborg:annex:begin -->" }) + 1
            // The annex is Dutch, and so are the run's diagnostics.
            #expect(check.errors.hasPrefix("\(draft.path):\(beginLine):1: error: de bijlagesectie wijkt af van de bijlage die uit de waarborg-blokken van het concept is gegenereerd"), "\(check.errors)")
            #expect(check.errors.contains("voer dan `waarborg annex \(draft.path) --update --rules \(GoldenTests.fixtureRules)` uit"), "\(check.errors)")
            // The suggested command keeps the options that shape the annex.
            let english = waarborg("annex", draft.path, "--rules", GoldenTests.fixtureRules, "--check", "--lang", "en", "--as-of", "2026-03-01")
            #expect(english.code == 1)
            #expect(english.output.hasPrefix("--- \(draft.path) (annex section as written)\n+++ \(draft.path) (annex as generated now)\n@@ -"))
            #expect(english.errors.contains("run `waarborg annex \(draft.path) --update --lang en --rules \(GoldenTests.fixtureRules) --as-of 2026-03-01`"))
            // --check never writes.
            #expect((try? String(contentsOf: draft, encoding: .utf8)) == edited)
        }
    }

    @Test func aDraftWithoutMarkersIsAnInputError() throws {
        try withTemporaryFolder { folder in
            let draft = folder.appendingPathComponent("overeenkomst.md")
            let text = Self.zorghub.text.replacingOccurrences(of: "<!-- waarborg:annex:begin -->\n<!-- waarborg:annex:end -->\n", with: "")
            write(text, to: draft)
            for flag in ["--check", "--update"] {
                let run = waarborg("annex", draft.path, "--rules", GoldenTests.fixtureRules, flag, "--lang", "en")
                #expect(run.code == 2)
                #expect(run.errors.hasPrefix("\(draft.path):1:1: error: the draft has no annex section"))
                #expect(run.errors.contains("<!-- waarborg:annex:begin -->"))
            }
            #expect((try? String(contentsOf: draft, encoding: .utf8)) == text)
        }
    }

    /// `--update` rewrites the draft on purpose, but not a read-only draft, and not one
    /// whose hard links or owner a rename would lose: it says why and leaves it untouched.
    @Test func anUpdateThatCannotKeepTheDraftAsItIsLeavesItUntouched() throws {
        try withTemporaryFolder { folder in
            let draft = folder.appendingPathComponent("overeenkomst.md")
            write(Self.zorghub.text, to: draft)
            chmod(draft.path, 0o444)
            let readOnly = waarborg("annex", draft.path, "--rules", GoldenTests.fixtureRules, "--update", "--lang", "en")
            #expect(readOnly.code == 2)
            #expect(readOnly.errors.contains("\(draft.path): error: the file is read-only; make it writable (chmod u+w) or write elsewhere [WB611]"), "\(readOnly.errors)")
            #expect((try? String(contentsOf: draft, encoding: .utf8)) == Self.zorghub.text)

            chmod(draft.path, 0o640)
            let link = folder.appendingPathComponent("kopie.md")
            #expect(Glibc.link(draft.path, link.path) == 0)
            let linked = waarborg("annex", draft.path, "--update", "--lang", "en")
            #expect(linked.code == 2)
            #expect(linked.errors.contains("has 2 hard links"), "\(linked.errors)")
            #expect((try? String(contentsOf: draft, encoding: .utf8)) == Self.zorghub.text)
            #expect((try? FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()) == ["kopie.md", "overeenkomst.md"])
            unlink(link.path)

            // As root, the draft of another user stays that user's, with its mode.
            if getuid() == 0 { chown(draft.path, 4321, 4321) }
            let updated = waarborg("annex", draft.path, "--update")
            #expect(updated.code == 0, "\(updated.errors)")
            var status = stat()
            #expect(stat(draft.path, &status) == 0)
            #expect(status.st_mode & 0o777 == 0o640)
            if getuid() == 0 { #expect(status.st_uid == 4321 && status.st_gid == 4321) }
            #expect((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) == ["overeenkomst.md"])
        }
    }

    @Test(arguments: [
        (["annex", "examples/zorghub-noord.wbp", "--check", "--lang", "en"], "works on the annex section of a Markdown agreement draft"),
        (["annex", "x.md", "--check", "--update", "--lang", "en"], "exclude each other"),
        (["annex", "x.md", "--update", "--output", "y.md", "--lang", "en"], "leave out `--output`"),
        (["annex", "x.md", "--check", "--format", "html", "--lang", "en"], "leave out `--format html`"),
    ])
    func misusedFlagsAreUsageErrors(_ arguments: [String], _ message: String) {
        let run = waarborg(arguments)
        #expect(run.code == 2)
        #expect(run.errors.hasPrefix("error: "))
        #expect(run.errors.contains(message))
    }
}
