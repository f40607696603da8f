import Foundation
import Testing

/// Every report header names the rules it was made with, digest included (issue 18): two
/// rule folders that differ in one byte never print the same header, in any format, and
/// the same rules copied elsewhere print the same one.
@Suite struct RulesDigestTests {
    static let goldenRules = "Tests/Fixtures/golden/rules"
    static let plan = "Tests/Fixtures/golden/plans/zorghub-noord.wbp"
    static let draft = "Tests/Fixtures/golden/plans/samenwerkingsovereenkomst-zorghub-noord.md"

    /// A copy of a rules folder at `destination`, with `edit` applied to its `groups.wbr`.
    func copy(_ rules: String, to destination: URL, edit: (String) -> String = { $0 }) throws -> String {
        try FileManager.default.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent(rules), to: destination)
        let names = try FileManager.default.contentsOfDirectory(atPath: destination.path).filter { $0.hasSuffix(".wbr") }.sorted()
        let edited = destination.appendingPathComponent(names.contains("groups.wbr") ? "groups.wbr" : names[0])
        let text = try String(contentsOf: edited, encoding: .utf8)
        let changed = edit(text)
        if changed != text { try changed.write(to: edited, atomically: true, encoding: .utf8) }
        return destination.path
    }

    /// The digest a JSON report gives its rules.
    func digest(_ rules: String, plan: String = Self.plan, environment: [String: String] = [:]) throws -> String {
        let run = waarborg(["check", plan, "--rules", rules, "--format", "json"], environment: environment)
        let document = try #require(reportDocument(run.output), "\(run.errors)")
        let ruleset = try #require(document["ruleset"] as? [String: Any])
        return try #require(ruleset["digest"] as? String)
    }

    /// A JSON object's members as `key=value`, sorted (a dictionary has no order).
    func sorted(_ value: Any?) -> String {
        guard let object = value as? [String: Any] else { return "(not an object)" }
        return object.keys.sorted().map { "\($0)=\(object[$0]!)" }.joined(separator: ", ")
    }

    /// What each output shows of the rules used, one entry per format and command.
    func headers(_ rules: String, folder: URL) throws -> [String: String] {
        var shown: [String: String] = [:]
        func first(_ text: String, _ marker: String) -> String {
            text.split(separator: "\n").first { $0.contains(marker) }.map(String.init) ?? "(no line with \(marker))"
        }
        let text = waarborg("check", Self.plan, "--rules", rules, "--plain", "--lang", "en").output
        // The header's rules line wraps: the header is everything before the first blank line.
        shown["text"] = String(text.components(separatedBy: "\n\n")[0].split(separator: "\n").dropFirst().joined(separator: "\n"))
        let json = try #require(reportDocument(waarborg("check", Self.plan, "--rules", rules, "--format", "json").output))
        shown["json"] = sorted(json["ruleset"])
        let sarif = try #require(try JSONSerialization.jsonObject(with: Data(waarborg("check", Self.plan, "--rules", rules, "--format", "sarif").output.utf8)) as? [String: Any])
        let run = try #require((sarif["runs"] as? [[String: Any]])?.first)
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        shown["sarif"] = sorted(driver["properties"])
        let junit = waarborg("check", Self.plan, "--rules", rules, "--format", "junit").output
        shown["junit"] = first(junit, "ruleset.digest")
        let summary = folder.appendingPathComponent("summary-\(UUID().uuidString).md")
        _ = waarborg(["check", Self.plan, "--rules", rules, "--format", "github", "--lang", "en"], environment: ["GITHUB_STEP_SUMMARY": summary.path])
        shown["github summary"] = first((try? String(contentsOf: summary, encoding: .utf8)) ?? "", "Rules: ")
        let html = waarborg("check", Self.plan, "--rules", rules, "--format", "html", "--lang", "en").output
        shown["html"] = first(html, "class=\"meta\"")
        shown["questions"] = first(waarborg("questions", Self.plan, "--rules", rules, "--lang", "en").output, "Rules: ")
        shown["questions json"] = first(waarborg("questions", Self.plan, "--rules", rules, "--format", "json").output, "\"digest\"")
        shown["explain"] = first(waarborg("explain", Self.plan, "--rules", rules, "--lang", "en").output, "Rules: ")
        shown["explain json"] = first(waarborg("explain", Self.plan, "--rules", rules, "--format", "json").output, "\"digest\"")
        shown["annex"] = first(waarborg("annex", Self.draft, "--rules", rules, "--lang", "en").output, "| Rule set |")
        return shown
    }

    @Test func oneByteOfTheRulesChangesEveryHeaderAndACopyChangesNone() throws {
        try withTemporaryFolder { folder in
            let original = try copy(Self.goldenRules, to: folder.appendingPathComponent("a/rules"))
            let elsewhere = try copy(Self.goldenRules, to: folder.appendingPathComponent("b/deeper/other-name"))
            // One byte more: a comment at the end of a rule file, which changes no verdict.
            let edited = try copy(Self.goldenRules, to: folder.appendingPathComponent("c/rules")) { $0 + "#\n" }

            let digest = try digest(original)
            #expect(digest.count == 12 && digest.allSatisfy { $0.isHexDigit && !$0.isUppercase }, "\(digest)")
            #expect(try self.digest(elsewhere) == digest, "the folder's place does not count")
            #expect(try self.digest(original, environment: ["WAARBORG_CACHE": "off"]) == digest, "nor the cache")
            let other = try self.digest(edited)
            #expect(other != digest)

            let a = try headers(original, folder: folder)
            let b = try headers(elsewhere, folder: folder)
            let c = try headers(edited, folder: folder)
            #expect(a.count == 11)
            for (format, header) in a.sorted(by: { $0.key < $1.key }) {
                #expect(header.contains(digest), "\(format): \(header)")
                #expect(b[format] == header, "\(format): a copy of the rules elsewhere prints the same header")
                #expect(c[format] != header, "\(format): other rules, another header")
                #expect(c[format]?.contains(other) == true, "\(format): \(c[format] ?? "")")
            }
        }
    }

    /// `lint --format json` names the rules too; the mini rules lint fast.
    @Test func lintJSONNamesTheRules() throws {
        try withTemporaryFolder { folder in
            let original = try copy(miniRules, to: folder.appendingPathComponent("rules"))
            let edited = try copy(miniRules, to: folder.appendingPathComponent("edited")) { $0 + "#\n" }
            func ruleset(_ rules: String) throws -> [String: Any] {
                let run = waarborg("lint", rules, "--format", "json", "--min-coverage", "0")
                let object = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any], "\(run.errors)")
                return try #require(object["ruleset"] as? [String: Any])
            }
            let before = try ruleset(original)
            let after = try ruleset(edited)
            #expect(before["name"] as? String == "Mini" && before["rules"] as? Int == 8)
            #expect((before["digest"] as? String)?.count == 12)
            #expect(before["digest"] as? String != after["digest"] as? String)
            #expect(try digest(original, plan: miniPlan) == before["digest"] as? String, "lint and check agree")
        }
    }

    /// The same rules at a git revision have the digest of the same files in the working
    /// tree: the names count relative to the rules folder, not as `REV:folder/name`.
    @Test func aRevisionsRulesHaveTheDigestOfTheSameFiles() throws {
        try withTemporaryFolder { folder in
            let rules = try copy(miniRules, to: folder.appendingPathComponent("rules"))
            func git(_ arguments: String...) throws -> Int32 {
                let process = Process()
                process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
                process.arguments = ["git", "-C", rules, "-c", "user.name=T", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false"] + arguments
                process.standardOutput = FileHandle.nullDevice
                process.standardError = FileHandle.nullDevice
                try process.run()
                process.waitUntilExit()
                return process.terminationStatus
            }
            guard (try? git("init", "-q")) == 0 else { return }  // no git on this machine
            #expect(try git("add", "-A") == 0 && git("commit", "-q", "-m", "rules") == 0)
            func sides() throws -> (base: String, head: String) {
                let run = waarborg("impact", miniPlan, "--rules", rules, "--base", "HEAD", "--format", "json")
                #expect(run.code == 0, "\(run.errors)")
                let object = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
                let base = try #require((object["base_ruleset"] as? [String: Any])?["digest"] as? String)
                let head = try #require((object["head_ruleset"] as? [String: Any])?["digest"] as? String)
                return (base, head)
            }
            let same = try sides()
            #expect(same.base == same.head, "HEAD's rules are the working tree's")
            #expect(same.head == (try digest(rules, plan: miniPlan)))
            // A comment added in the working tree: no verdict changes, but the digests differ.
            let file = URL(fileURLWithPath: rules).appendingPathComponent("rules.wbr")
            try (try String(contentsOf: file, encoding: .utf8) + "#\n").write(to: file, atomically: true, encoding: .utf8)
            let changed = try sides()
            #expect(changed.base == same.base && changed.head != same.head)
            let text = waarborg("impact", miniPlan, "--rules", rules, "--base", "HEAD", "--lang", "en").output
            #expect(text.contains("Rules: Mini 0.1 (8 rules, digest \(changed.base)) → Mini 0.1 (8 rules, digest \(changed.head))"), "\(text)")
        }
    }
}
