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

    /// A cache folder and, apart from it, the folder of the secret, both inside `folder`.
    func cacheEnvironment(_ folder: URL) -> (environment: [String: String], cache: URL, state: URL) {
        let cache = folder.appendingPathComponent("cache")
        let state = folder.appendingPathComponent("state")
        return (["WAARBORG_CACHE_DIR": cache.path, "WAARBORG_CACHE_SECRET_DIR": state.path], cache, state)
    }

    /// The scene of a forgery: a copy of the mini rules, whose plan is prohibited, checked
    /// once with the cache (which stores the genuine entry) and once without it.
    struct Scene {
        let environment: [String: String]
        let cache: URL
        let state: URL
        let arguments: [String]
        let genuine: Run
        /// The rule files, and the forger's: the prohibition of rule EX-1 reads `allowed`, at the same length.
        let files: [SourceFile]
        let forgedFiles: [SourceFile]
        let forgedSet: RuleSet
        /// The genuine entry's file name and key.
        let entryName: String
        var key: String { String(entryName.dropFirst("rules-".count).dropLast(".wbcache".count)) }
    }

    func scene(in folder: URL) throws -> Scene {
        let rules = try copyOfMiniRules(in: folder)
        let (environment, cache, state) = cacheEnvironment(folder)
        let arguments = ["check", miniPlan, "--rules", rules.path, "--format", "json"]
        let genuine = waarborg(arguments, environment: ["WAARBORG_CACHE": "off"])
        #expect(genuine.output.contains("\"verdict\": \"prohibited\""))
        #expect(waarborg(arguments, environment: environment).output == genuine.output)
        let paths = try FileManager.default.contentsOfDirectory(atPath: rules.path).filter { $0.hasSuffix(".wbr") }.sorted().map { rules.path + "/" + $0 }
        let files = try paths.map { SourceFile(path: $0, bytes: [UInt8](try Data(contentsOf: URL(fileURLWithPath: $0)))) }
        let forgedFiles = files.map { file in
            SourceFile(path: file.path, text: String(decoding: file.bytes, as: UTF8.self).replacingOccurrences(of: "  then prohibited\n", with: "  then allowed   \n"))
        }
        #expect(forgedFiles.map(\.bytes.count) == files.map(\.bytes.count))
        let forgedSet = try #require(RuleSetChecker.check(forgedFiles.map { RuleFileParser.parse($0).syntax }).ruleSet)
        let entryName = try #require(entries(in: cache).first)
        return Scene(
            environment: environment, cache: cache, state: state, arguments: arguments, genuine: genuine, files: files,
            forgedFiles: forgedFiles, forgedSet: forgedSet, entryName: entryName)
    }

    /// The forger's entry for the genuine rules' key, authenticated with `secret`.
    func forgedEntry(_ scene: Scene, secret: [UInt8]) -> [UInt8] {
        RuleSetArchive.archive(scene.forgedSet, files: scene.forgedFiles, digest: RuleSetArchive.digest(files: scene.files), key: scene.key, secret: secret)
    }

    @Test func aCachedRuleSetGivesTheSameBytesAsRulesCheckedFromText() {
        withTemporaryFolder { folder in
            let (environment, cache, _) = cacheEnvironment(folder)
            let uncached = waarborg(["check", plan, "--format", "json"], environment: ["WAARBORG_CACHE": "off"])
            let first = waarborg(["check", plan, "--format", "json"], environment: environment)
            #expect(entries(in: cache).count == 1, "the first run stores the checked rule set")
            func inode() -> Int? {
                guard let name = entries(in: cache).first else { return nil }
                return (try? FileManager.default.attributesOfItem(atPath: cache.appendingPathComponent(name).path))?[.systemFileNumber] as? Int
            }
            let stored = inode()
            let second = waarborg(["check", plan, "--format", "json"], environment: environment)
            #expect(entries(in: cache).count == 1)
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
            let run = waarborg(
                ["check", plan, "--plain"],
                environment: ["WAARBORG_CACHE_DIR": blocked.path + "/cache", "WAARBORG_CACHE_SECRET_DIR": folder.appendingPathComponent("state").path])
            #expect(run.output == reference.output)
            #expect(run.errors == reference.errors)
        }
    }

    @Test func aDamagedEntryIsIgnoredAndReplaced() throws {
        try withTemporaryFolder { folder in
            let (environment, cache, _) = cacheEnvironment(folder)
            let reference = waarborg(["check", plan, "--format", "json"], environment: environment)
            let entry = cache.appendingPathComponent(try #require(entries(in: cache).first))
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
            let (environment, cache, _) = cacheEnvironment(folder)
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
    /// other files do not; a link in it is an error, never followed or skipped in silence.
    @Test func ruleFilesInSubfoldersAreFoundAndLinksAreErrors() throws {
        try withTemporaryFolder { folder in
            let rules = folder.appendingPathComponent("rules")
            let nested = rules.appendingPathComponent("a/b")
            try FileManager.default.createDirectory(at: nested, withIntermediateDirectories: true)
            let mini = repositoryRoot.appendingPathComponent(miniRules)
            try FileManager.default.copyItem(at: mini.appendingPathComponent("vocabulary.wbr"), to: rules.appendingPathComponent("vocabulary.wbr"))
            try FileManager.default.copyItem(at: mini.appendingPathComponent("rules.wbr"), to: nested.appendingPathComponent("rules.wbr"))
            try Data("not a rule file".utf8).write(to: nested.appendingPathComponent("notes.txt"))
            let flat = waarborg(["test", miniRules], environment: ["WAARBORG_CACHE": "off"])
            let run = waarborg(["test", rules.path], environment: ["WAARBORG_CACHE": "off"])
            #expect(run.code == 0, "\(run.errors)")
            #expect(run.output.hasSuffix(flat.output.components(separatedBy: "\n").suffix(2).joined(separator: "\n")), "\(run.output)")

            let loop = nested.appendingPathComponent("loop")
            try FileManager.default.createSymbolicLink(at: loop, withDestinationURL: rules)
            let linked = waarborg(["test", rules.path, "--lang", "en"], environment: ["WAARBORG_CACHE": "off"])
            #expect(linked.code == 2)
            #expect(linked.errors.hasPrefix("\(loop.path): error: this is a symbolic link; the rules folder must hold its rule files and folders themselves"), "\(linked.errors)")
            #expect(linked.output.isEmpty)
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
        let secret = [UInt8](repeating: 7, count: 32)
        let archive = RuleSetArchive.archive(checked, files: files, key: key, secret: secret)
        let restored = try #require(RuleSetArchive.unarchive(archive, files: files, key: key, secret: secret))
        #expect(RuleCatalogue(ruleSet: restored).markdown() == RuleCatalogue(ruleSet: checked).markdown())
        #expect(restored.rules.map(\.id) == checked.rules.map(\.id))
        #expect(restored.rules.map(\.examples.count) == checked.rules.map(\.examples.count))
        // Another key (other rules, another build) never reads this archive.
        #expect(RuleSetArchive.unarchive(archive, files: files, key: RuleSetArchive.key(files: files, program: "other"), secret: secret) == nil)
        // Another user's secret never reads it either.
        #expect(RuleSetArchive.unarchive(archive, files: files, key: key, secret: [UInt8](repeating: 8, count: 32)) == nil)
        #expect(RuleSetArchive.key(files: files, program: "test") == key, "the key is deterministic")
        let edited = files.enumerated().map { $0.offset == 0 ? SourceFile(path: $0.element.path, bytes: $0.element.bytes + [0x0A]) : $0.element }
        #expect(RuleSetArchive.key(files: edited, program: "test") != key)
        // The key names the files' paths and lengths; an edit that keeps the length has the
        // same key, and its bytes, bound by the MAC, keep it from reading the old entry.
        let sameLength = files.enumerated().map { item -> SourceFile in
            guard item.offset == 0 else { return item.element }
            var bytes = item.element.bytes
            bytes[bytes.count - 2] = bytes[bytes.count - 2] == 0x61 ? 0x62 : 0x61
            return SourceFile(path: item.element.path, bytes: bytes)
        }
        #expect(RuleSetArchive.key(files: sameLength, program: "test") == key)
        #expect(RuleSetArchive.unarchive(archive, files: sameLength, key: key, secret: secret) == nil)
        // A damaged payload is refused, whoever computed its hash.
        var damaged = archive
        damaged[damaged.count - 1] ^= 0x01
        #expect(RuleSetArchive.unarchive(damaged, files: files, key: key, secret: secret) == nil)
    }
    /// The attack from issue 18: another user plants an entry under the key of the real
    /// rules, made from rules where a prohibition reads `allowed`. Without the user's secret
    /// the MAC cannot be made, so the entry is ignored; with the secret it would be taken
    /// (which shows the test can fail); and a folder, secret or entry that another user owns
    /// or can write is not used at all, whatever its MAC.
    @Test func aForgedEntryNeverChangesAVerdict() throws {
        try withTemporaryFolder { folder in
            let scene = try scene(in: folder)
            let (environment, cache, state, arguments, genuine) = (scene.environment, scene.cache, scene.state, scene.arguments, scene.genuine)
            var status = stat()
            #expect(stat(cache.path, &status) == 0 && status.st_mode & 0o777 == 0o700, "the folder is created 0700")
            #expect(stat(state.path, &status) == 0 && status.st_mode & 0o777 == 0o700, "the secret's folder is created 0700")
            #expect(!FileManager.default.fileExists(atPath: cache.appendingPathComponent("cache-secret").path), "the secret is not kept with the entries")
            let secretPath = state.appendingPathComponent("cache-secret").path
            #expect(stat(secretPath, &status) == 0 && status.st_mode & 0o777 == 0o600, "the secret is created 0600")
            let secret = try [UInt8](Data(contentsOf: URL(fileURLWithPath: secretPath)))
            #expect(secret.count == 32)
            let entry = cache.appendingPathComponent(scene.entryName)
            func plant(secret: [UInt8]) throws {
                try Data(forgedEntry(scene, secret: secret)).write(to: entry)
                chmod(entry.path, 0o600)
            }

            // Without the secret (the header's key rewritten, any MAC): ignored, and replaced.
            try plant(secret: [UInt8](repeating: 0, count: 32))
            let attacked = waarborg(arguments, environment: environment)
            #expect(attacked.output == genuine.output)
            #expect(attacked.code == genuine.code)

            // With the secret, the same entry would be read: the MAC is what stops the forgery.
            try plant(secret: secret)
            let withSecret = waarborg(arguments, environment: environment)
            #expect(withSecret.output != genuine.output, "a correctly authenticated entry is used")

            // Others can write the folder: the cache is not used.
            try plant(secret: secret)
            chmod(cache.path, 0o777)
            #expect(waarborg(arguments, environment: environment).output == genuine.output)
            chmod(cache.path, 0o700)

            // The secret is readable by others: not a secret, not used.
            chmod(secretPath, 0o644)
            #expect(waarborg(arguments, environment: environment).output == genuine.output)
            chmod(secretPath, 0o600)

            // The entry is writable by others, or (as root) owned by another user: ignored.
            try plant(secret: secret)
            chmod(entry.path, 0o666)
            #expect(waarborg(arguments, environment: environment).output == genuine.output)
            if getuid() == 0 {
                try plant(secret: secret)
                chown(entry.path, 4321, 4321)
                #expect(waarborg(arguments, environment: environment).output == genuine.output)
            }
        }
    }

    /// A cache folder saved by one CI job and restored in another (a cache shared between
    /// branches, say) is the forger's whole folder: entries and any secret beside them. The
    /// secret is never read from there, and a secret folder set inside the cache folder
    /// turns the cache off; so the forged entry changes no verdict.
    @Test func aRestoredCacheFolderBringsNoSecretThatIsTrusted() throws {
        try withTemporaryFolder { folder in
            let scene = try scene(in: folder)
            let (environment, cache, arguments, genuine) = (scene.environment, scene.cache, scene.arguments, scene.genuine)
            // The forger's folder: an entry for rules where the prohibition reads `allowed`,
            // authenticated with a secret of the forger's that comes along in the folder.
            let forgersSecret = [UInt8](repeating: 0x42, count: 32)
            let forged = forgedEntry(scene, secret: forgersSecret)
            for secretName in ["secret", "cache-secret"] {
                let planted = cache.appendingPathComponent(secretName)
                try Data(forgersSecret).write(to: planted)
                chmod(planted.path, 0o600)
            }
            let entry = cache.appendingPathComponent(scene.entryName)
            try Data(forged).write(to: entry)
            chmod(entry.path, 0o600)
            #expect(waarborg(arguments, environment: environment).output == genuine.output, "this user's secret is not the forger's")
            // Were the forger's secret the user's, the entry would be read (so the test can fail).
            let forgersState = folder.appendingPathComponent("forger")
            _ = mkdir(forgersState.path, 0o700)
            try Data(forgersSecret).write(to: forgersState.appendingPathComponent("cache-secret"))
            chmod(forgersState.appendingPathComponent("cache-secret").path, 0o600)
            try Data(forged).write(to: entry)
            chmod(entry.path, 0o600)
            var forgers = environment
            forgers["WAARBORG_CACHE_SECRET_DIR"] = forgersState.path
            #expect(waarborg(arguments, environment: forgers).output != genuine.output, "the forged entry is well made")

            // Told to keep the secret inside the cache folder: no cache at all, not the forger's entry.
            try Data(forged).write(to: entry)
            chmod(entry.path, 0o600)
            var inside = environment
            inside["WAARBORG_CACHE_SECRET_DIR"] = cache.path
            #expect(waarborg(arguments, environment: inside).output == genuine.output)
            inside["WAARBORG_CACHE_SECRET_DIR"] = cache.appendingPathComponent("state").path
            #expect(waarborg(arguments, environment: inside).output == genuine.output)
            #expect(try Data(contentsOf: entry) == Data(forged), "with the secret inside the cache folder, nothing is written either")
        }
    }
}
