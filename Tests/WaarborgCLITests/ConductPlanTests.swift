import Foundation
import Testing

/// The plans of issue 20 that the rule set 2026.11 let through, with the verdicts and
/// deciding rules the conduct rules give them now (Tests/Fixtures/issue-20, read with the
/// project's rules/).
@Suite struct ConductPlanTests {
    /// Each activity's verdict line and deciding line of `check --lang en --plain`.
    func outcome(_ plan: String) -> (code: Int32, verdict: String, decidedBy: String, text: String) {
        let run = waarborg("check", "Tests/Fixtures/issue-20/\(plan)", "--lang", "en", "--plain")
        // The text is wrapped at 80 columns: a field's continuation lines are indented deeper.
        var lines: [String] = []
        for line in run.output.split(separator: "\n").map(String.init) {
            if line.hasPrefix("    "), let last = lines.last, last.hasPrefix("  "), !last.hasPrefix("    ") {
                lines[lines.count - 1] += " " + line.trimmingCharacters(in: .whitespaces)
            } else {
                lines.append(line)
            }
        }
        let verdict = lines.first { $0.hasPrefix("  Verdict: ") }.map { String($0.dropFirst("  Verdict: ".count)) } ?? ""
        let decided = lines.first { $0.hasPrefix("  Decided by: ") }.map { String($0.dropFirst("  Decided by: ".count)) } ?? ""
        return (run.code, verdict, decided, run.output)
    }

    /// The ids in a "Decided by" line ("HC-01 Price fixing …; HC-06 …" gives HC-01, HC-06).
    func ids(_ decidedBy: String) -> [String] {
        decidedBy.components(separatedBy: "; ").compactMap { $0.split(separator: " ").first.map(String.init) }
    }

    @Test func aHAPDecidingItsMembersTariffsIsTheirAgreement() {
        let result = outcome("hap-tariffs.wbp")
        #expect(result.verdict == "PROHIBITED", "\(result.text)")
        #expect(ids(result.decidedBy) == ["HC-01"])
        #expect(result.code == 1)
    }

    @Test func aHAPWhoseAssociationStatusIsOpenIsAskedNeverAllowed() {
        let result = outcome("hap-tariffs-unknown.wbp")
        #expect(result.verdict == "NEEDS ASSESSMENT", "\(result.text)")
        #expect(result.text.contains("Is a participating organisation (GP post, cooperative, care group,"), "\(result.text)")
        #expect(result.text.contains("hap_west.is_association_of_competitors"), "\(result.text)")
        #expect(!result.text.contains("ALLOWED"))
    }

    @Test func employersSharingPayDataCompeteForStaff() {
        let result = outcome("staff-data.wbp")
        #expect(result.verdict == "PROHIBITED", "\(result.text)")
        #expect(ids(result.decidedBy) == ["HC-05", "IX-02"])
    }

    @Test func sideAgreementsInARotaAreProhibitedWhateverTheKind() {
        let result = outcome("rota-side-agreements.wbp")
        #expect(result.verdict == "PROHIBITED", "\(result.text)")
        #expect(ids(result.decidedBy) == ["HC-01", "HC-06"])
    }

    @Test func theBagatelleLowersHardcoreConductToNeedsAssessmentAtMost() {
        let result = outcome("rota-side-agreements-small.wbp")
        #expect(result.verdict == "NEEDS ASSESSMENT", "\(result.text)")
        #expect(ids(result.decidedBy) == ["DM-04"])
    }

    @Test func excludingNewcomersFromASharedHealthRecordIsProhibited() {
        let result = outcome("health-record.wbp")
        #expect(result.verdict == "PROHIBITED", "\(result.text)")
        #expect(ids(result.decidedBy) == ["HC-08"])
        // The admission route is shown as what the parties could do, at needs assessment.
        #expect(result.text.contains("reaches: needs assessment"), "\(result.text)")
    }

    @Test func headerFactsConvertBothWays() throws {
        try withTemporaryFolder { folder in
            let json = folder.appendingPathComponent("plan.json")
            #expect(waarborg("convert", "Tests/Fixtures/issue-20/health-record.wbp", "--to", "json", "--output", json.path).code == 0)
            let data = try Data(contentsOf: json)
            let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            let header = try #require(object["plan"] as? [String: Any])
            #expect(header["no_hire_clause"] as? Bool == false)
            #expect(header["data_kinds"] as? [String] == [])
            let activity = try #require((object["activities"] as? [[String: Any]])?.first)
            #expect(activity["no_hire_clause"] == nil, "a header fact is written once, in the header")
            #expect(activity["exclusion_from_shared_facility"] as? Bool == true)
            let back = folder.appendingPathComponent("plan.wbp")
            #expect(waarborg("convert", json.path, "--to", "wbp", "--output", back.path).code == 0)
            let text = try String(contentsOf: back, encoding: .utf8)
            #expect(text.hasPrefix("plan \"Fysio EPD Haarlem\"\n  date = 2026-12-01\n  data_kinds = {}\n"), "\(text)")
            #expect(waarborg("check", back.path, "--lang", "en", "--plain").output.contains("Verdict: PROHIBITED"))
        }
    }

    @Test func theSchemaListsActivityFactsInThePlanHeader() throws {
        let run = waarborg("schema", "plan")
        #expect(run.code == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
        let properties = try #require(((object["properties"] as? [String: Any])?["plan"] as? [String: Any])?["properties"] as? [String: Any])
        #expect(properties["no_hire_clause"] != nil)
        #expect(properties["date"] != nil)
    }
}
