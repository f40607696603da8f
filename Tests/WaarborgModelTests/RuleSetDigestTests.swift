import Testing
import WaarborgModel
import WaarborgSyntax

/// The rules' digest every report header shows, against its documented definition
/// (docs/ci.md, "The rules used, in every header").
@Suite struct RuleSetDigestTests {
    static func files(in folder: String, _ contents: [(String, String)]) -> [SourceFile] {
        contents.map { SourceFile(path: folder + "/" + $0.0, bytes: Array($0.1.utf8)) }
    }

    static let contents = [("sub/b.wbr", "rule B\n"), ("a.wbr", "ruleset X\n"), ("Z.wbr", "")]

    /// The value Python's hashlib gives for the documented byte stream (names sorted by
    /// their UTF-8 bytes: `Z.wbr`, `a.wbr`, `sub/b.wbr`; each name, LF, length, LF, bytes).
    @Test func followsTheDocumentedDefinition() {
        let digest = RuleSetDigest(files: Self.files(in: "rules", Self.contents), folder: "rules")
        #expect(digest.hex == "fa17ed8d2c773c8a3495c8bd61aa5c5ec4de7a2bd51e76766b9f45f22318c125")
        #expect(digest.short == "fa17ed8d2c77")
    }

    @Test func onlyWhatIsInsideTheRulesFolderCounts() {
        let here = RuleSetDigest(files: Self.files(in: "rules", Self.contents), folder: "rules")
        // Another place, a trailing slash, another order: the same rules.
        #expect(RuleSetDigest(files: Self.files(in: "/srv/other/place", Self.contents), folder: "/srv/other/place/") == here)
        #expect(RuleSetDigest(files: Self.files(in: "rules", Self.contents.reversed()), folder: "rules") == here)
        // One byte more, a file renamed or moved, a file less: other rules.
        var edited = Self.contents
        edited[1].1 += " "
        #expect(RuleSetDigest(files: Self.files(in: "rules", edited), folder: "rules") != here)
        var renamed = Self.contents
        renamed[0].0 = "b.wbr"
        #expect(RuleSetDigest(files: Self.files(in: "rules", renamed), folder: "rules") != here)
        #expect(RuleSetDigest(files: Self.files(in: "rules", Array(Self.contents.dropLast())), folder: "rules") != here)
        // Bytes moved from the end of one file to the start of the next: the lengths tell.
        let split = [("a.wbr", "ab"), ("b.wbr", "c")]
        let moved = [("a.wbr", "a"), ("b.wbr", "bc")]
        #expect(RuleSetDigest(files: Self.files(in: "r", split), folder: "r") != RuleSetDigest(files: Self.files(in: "r", moved), folder: "r"))
    }

    @Test func aCheckedRuleSetCarriesItsDigest() throws {
        let files = [SourceFile(path: "/tmp/somewhere/rules/base.wbr", text: baseVocabulary)]
        let (ruleSet, diagnostics) = RuleSetChecker.check(files.map { RuleFileParser.parse($0).syntax }, folder: "/tmp/somewhere/rules")
        let checked = try #require(ruleSet, "\(diagnostics)")
        #expect(checked.digest == RuleSetDigest(files: [SourceFile(path: "base.wbr", text: baseVocabulary)], folder: nil))
        #expect(checked.digest.short.count == RuleSetDigest.shownDigits)
    }
}
