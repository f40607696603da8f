import Foundation
import Testing
import WaarborgModel
import WaarborgReport
import WaarborgSyntax

/// The rule-set cache: a shortcut that must never change an answer.
@Suite struct RuleSetCacheTests {
    let plan = "examples/zorghub-noord.wbp"

    func entries(in folder: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".wbcache") }.sorted()
    }

    @Test func aCachedRuleSetGivesTheSameBytesAsRulesCheckedFromText() {
        withTemporaryFolder { folder in
            let environment = ["WAARBORG_CACHE_DIR": folder.path]
            let uncached = waarborg(["check", plan, "--format", "json"], environment: ["WAARBORG_CACHE": "off"])
            let first = waarborg(["check", plan, "--format", "json"], environment: environment)
            #expect(entries(in: folder).count == 1, "the first run stores the checked rule set")
            func inode() -> Int? {
                guard let name = entries(in: folder).first else { return nil }
                return (try? FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent(name).path))?[.systemFileNumber] as? Int
            }
            let stored = inode()
            let second = waarborg(["check", plan, "--format", "json"], environment: environment)
            #expect(entries(in: folder).count == 1)
            #expect(stored != nil && inode() == stored, "the second run reads the entry and does not write it again")
            for run in [first, second] {
                #expect(run.code == uncached.code)
                #expect(run.output == uncached.output)
                #expect(run.errors == uncached.errors)
            }
            // The rules' own examples, run from the cached rule set.
            let tested = waarborg(["test"], environment: environment)
            #expect(tested.code == 0, "\(tested.errors)")
            #expect(tested.output == waarborg(["test"]).output)
        }
    }

    @Test func offOrUnwritableMeansNoCacheAndTheSameAnswer() throws {
        try withTemporaryFolder { folder in
            let reference = waarborg(["check", plan, "--plain"])
            let off = waarborg(["check", plan, "--plain"], environment: ["WAARBORG_CACHE": "off", "WAARBORG_CACHE_DIR": folder.path])
            #expect(entries(in: folder).isEmpty)
            #expect(off.output == reference.output)
            // A file where the cache folder should be: nothing can be stored, nothing fails.
            let blocked = folder.appendingPathComponent("blocked")
            try Data("x".utf8).write(to: blocked)
            let run = waarborg(["check", plan, "--plain"], environment: ["WAARBORG_CACHE_DIR": blocked.path + "/cache"])
            #expect(run.output == reference.output)
            #expect(run.errors == reference.errors)
        }
    }

    @Test func aDamagedEntryIsIgnoredAndReplaced() throws {
        try withTemporaryFolder { folder in
            let environment = ["WAARBORG_CACHE_DIR": folder.path]
            let reference = waarborg(["check", plan, "--format", "json"], environment: environment)
            let entry = folder.appendingPathComponent(try #require(entries(in: folder).first))
            let stored = try Data(contentsOf: entry)
            // Truncated, one payload byte flipped, and garbage: each reads as a miss.
            var flipped = [UInt8](stored)
            flipped[flipped.count - 100] ^= 0x5A
            for damaged in [stored.prefix(stored.count / 2), Data(flipped), Data("not an archive".utf8)] {
                try damaged.write(to: entry)
                let run = waarborg(["check", plan, "--format", "json"], environment: environment)
                #expect(run.output == reference.output)
                #expect(run.errors == reference.errors)
                // Written again: dictionaries may be stored in another order, never at another size.
                let rewritten = try Data(contentsOf: entry)
                #expect(rewritten != damaged && rewritten.count == stored.count, "the damaged entry is written again")
            }
        }
    }

    @Test func anEditedRuleIsCheckedAgainNotReadFromTheCache() throws {
        try withTemporaryFolder { folder in
            let rules = folder.appendingPathComponent("rules")
            try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent(miniRules), to: rules)
            let cache = folder.appendingPathComponent("cache")
            let environment = ["WAARBORG_CACHE_DIR": cache.path]
            let arguments = ["check", miniPlan, "--rules", rules.path, "--plain", "--lang", "en"]
            let before = waarborg(arguments, environment: environment)
            #expect(entries(in: cache).count == 1)

            // A lawyer rewords a rationale: the next run must show the new text.
            let ruleFile = try #require(try FileManager.default.contentsOfDirectory(atPath: rules.path).sorted().first {
                (try? String(contentsOf: rules.appendingPathComponent($0), encoding: .utf8))?.contains("because") == true
            })
            let url = rules.appendingPathComponent(ruleFile)
            let text = try String(contentsOf: url, encoding: .utf8)
            let because = try #require(text.range(of: "because"))
            let english = try #require(text.range(of: #"en ""#, range: because.upperBound..<text.endIndex))
            let edited = text.replacingCharacters(in: english.upperBound..<english.upperBound, with: "EDITED ")
            try edited.write(to: url, atomically: true, encoding: .utf8)
            let after = waarborg(arguments, environment: environment)
            #expect(entries(in: cache).count == 2)
            #expect(!before.output.contains("EDITED"))
            #expect(after.output.contains("EDITED"), "\(after.output)")

            // A rule set with an error is reported, whatever the cache holds.
            try (edited + "\nrule BROKEN\n").write(to: url, atomically: true, encoding: .utf8)
            let broken = waarborg(arguments, environment: environment)
            #expect(broken.code == 2)
            #expect(broken.errors.contains("error:"))
        }
    }

    /// The rules folder is listed with readdir: files in subfolders count, in path order,
    /// other files do not, and a link to a folder is not followed (no loops).
    @Test func ruleFilesInSubfoldersAreFoundAndLinksToFoldersAreNotFollowed() throws {
        try withTemporaryFolder { folder in
            let rules = folder.appendingPathComponent("rules")
            let nested = rules.appendingPathComponent("a/b")
            try FileManager.default.createDirectory(at: nested, withIntermediateDirectories: true)
            let mini = repositoryRoot.appendingPathComponent(miniRules)
            try FileManager.default.copyItem(at: mini.appendingPathComponent("vocabulary.wbr"), to: rules.appendingPathComponent("vocabulary.wbr"))
            try FileManager.default.copyItem(at: mini.appendingPathComponent("rules.wbr"), to: nested.appendingPathComponent("rules.wbr"))
            try Data("not a rule file".utf8).write(to: nested.appendingPathComponent("notes.txt"))
            try FileManager.default.createSymbolicLink(at: nested.appendingPathComponent("loop"), withDestinationURL: rules)
            let flat = waarborg(["test", miniRules], environment: ["WAARBORG_CACHE": "off"])
            let run = waarborg(["test", rules.path], environment: ["WAARBORG_CACHE": "off"])
            #expect(run.code == 0, "\(run.errors)")
            #expect(run.output.hasSuffix(flat.output.components(separatedBy: "\n").suffix(2).joined(separator: "\n")), "\(run.output)")
        }
    }

    /// The archive keeps every part of the rule set that an output shows: the rule
    /// catalogue (titles, texts, conditions quoted from their ranges, sources, parameters,
    /// examples) comes out byte for byte the same.
    @Test func theArchiveRoundTripsTheRealRuleSet() throws {
        let paths = try FileManager.default.contentsOfDirectory(atPath: repositoryRoot.appendingPathComponent("rules").path)
            .filter { $0.hasSuffix(".wbr") }.sorted().map { "rules/" + $0 }
        let files = try paths.map { SourceFile(path: $0, bytes: [UInt8](try Data(contentsOf: repositoryRoot.appendingPathComponent($0)))) }
        let (ruleSet, diagnostics) = RuleSetChecker.check(files.map { RuleFileParser.parse($0).syntax })
        #expect(diagnostics.isEmpty)
        let checked = try #require(ruleSet)
        let key = RuleSetArchive.key(files: files, program: "test")
        let archive = RuleSetArchive.archive(checked, files: files, key: key)
        let restored = try #require(RuleSetArchive.unarchive(archive, files: files, key: key))
        #expect(RuleCatalogue(ruleSet: restored).markdown() == RuleCatalogue(ruleSet: checked).markdown())
        #expect(restored.rules.map(\.id) == checked.rules.map(\.id))
        #expect(restored.rules.map(\.examples.count) == checked.rules.map(\.examples.count))
        // Another key (other rules, another build) never reads this archive.
        #expect(RuleSetArchive.unarchive(archive, files: files, key: RuleSetArchive.key(files: files, program: "other")) == nil)
        #expect(RuleSetArchive.key(files: files, program: "test") == key, "the key is deterministic")
        let edited = files.enumerated().map { $0.offset == 0 ? SourceFile(path: $0.element.path, bytes: $0.element.bytes + [0x0A]) : $0.element }
        #expect(RuleSetArchive.key(files: edited, program: "test") != key)
    }
}
