import Foundation
import Testing

/// The diagnostic catalogue documents every code the sources can emit.
@Suite struct DocumentationTests {
    @Test func everyDiagnosticCodeIsDocumented() throws {
        let catalogue = read("docs/diagnostics.md")
        let sources = repositoryRoot.appendingPathComponent("Sources")
        let enumerator = try #require(FileManager.default.enumerator(atPath: sources.path))
        var codes = Set<String>()
        let pattern = try Regex(#""(WB[0-9]{3})""#)
        while let path = enumerator.nextObject() as? String {
            guard path.hasSuffix(".swift") else { continue }
            let text = try String(contentsOf: sources.appendingPathComponent(path), encoding: .utf8)
            for match in text.matches(of: pattern) {
                codes.insert(String(text[match.range].dropFirst().dropLast()))
            }
        }
        #expect(codes.count > 50)
        for code in codes.sorted() {
            let documented = catalogue.contains("| \(code) |") || catalogue.contains("| \(code),") || catalogue.contains(", \(code)")
                || rangeDocumented(code, in: catalogue)
            #expect(documented, "\(code) is not in docs/diagnostics.md")
        }
    }

    /// `WB312–WB315` documents the codes in between.
    func rangeDocumented(_ code: String, in catalogue: String) -> Bool {
        guard let number = Int(code.dropFirst(2)) else { return false }
        let pattern = try! Regex(#"WB([0-9]{3})–WB([0-9]{3})"#)
        for match in catalogue.matches(of: pattern) {
            let text = catalogue[match.range]
            let parts = text.split(separator: "–").compactMap { Int($0.dropFirst(2)) }
            if parts.count == 2, parts[0] <= number, number <= parts[1] { return true }
        }
        return false
    }

    @Test func readmeLeadsWithTheTwoCommands() {
        let readme = read("README.md")
        let lines = readme.split(separator: "\n").map(String.init)
        let firstCommands = lines.filter { $0.hasPrefix("swift ") }.prefix(2)
        #expect(firstCommands.first?.hasPrefix("swift run waarborg check examples/") == true)
        #expect(firstCommands.last?.hasPrefix("swift test") == true)
        // The example the README runs exists.
        if let command = firstCommands.first, let path = command.split(separator: " ").first(where: { $0.hasPrefix("examples/") }) {
            #expect(FileManager.default.fileExists(atPath: repositoryRoot.appendingPathComponent(String(path)).path))
        }
    }

    /// docs/extending.md names the files a new type, verdict or construct touches; a file
    /// renamed or split must be renamed there too, and the types it names must exist.
    @Test func theExtensionGuideNamesFilesThatExist() throws {
        let guide = read("docs/extending.md")
        let paths = guide.split(whereSeparator: { " |()`,".contains($0) || $0.isNewline })
            .map(String.init).filter { ($0.hasPrefix("Sources/") || $0.hasPrefix("Tests/") || $0.hasPrefix("rules/")) && $0.contains(".") }
        #expect(paths.count >= 8, "\(paths)")
        for path in paths {
            #expect(FileManager.default.fileExists(atPath: repositoryRoot.appendingPathComponent(path).path), "docs/extending.md names \(path)")
        }
        let scalarTypes = read("Sources/WaarborgModel/ScalarType.swift")
        #expect(scalarTypes.contains("public enum ScalarType"))
        #expect(read("Sources/WaarborgReport/Phrases.swift").contains("public struct TypeWords"))
    }
}

@Suite struct GeneratedDocumentationTests {
    @Test func theRuleCatalogueIsUpToDate() {
        let run = waarborg("docs", "rules", "--output", "docs/rules.md", "--check")
        #expect(run.code == 0, "docs/rules.md is out of date: run `swift run waarborg docs rules --output docs/rules.md`")
        let catalogue = read("docs/rules.md")
        for id in ["IX-03", "JP-01", "IN-01", "HC-01", "SC-01"] {
            #expect(catalogue.contains("### \(id)"))
        }
    }

    @Test func lintCommandReportsCoverage() throws {
        let run = waarborg("lint", miniRules, "--lang", "en")
        #expect(run.code == 0, "\(run.output)")
        #expect(run.output.contains("  total: 10/10 branches (100%)"))
        #expect(run.output.hasSuffix("10 examples pass; 0 errors, 23 warnings; branch coverage 100%; safety proof: no hardcore facts declared\n"))
        // 13 of them: the mini rule set's source texts have no English (WB750).
        #expect(run.output.components(separatedBy: "[WB750]").count - 1 == 13)
        #expect(waarborg("lint", miniRules, "--min-coverage", "101").code == 2)
        let json = waarborg("lint", miniRules, "--format", "json")
        let object = try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any]
        #expect((object?["coverage"] as? [String: Any])?["percent"] as? Int == 100)
    }

    @Test func lapsingParametersAreAnnounced() {
        let run = waarborg("check", miniPlan, "--rules", miniRules, "--as-of", "2026-11-15", "--lang", "en")
        #expect(run.errors.contains("warning: parameter P-AGE, which activity `prices_now` relies on, changes on 2027-01-01 (in 47 days); check the verdict with --as-of 2027-01-01 [WB502]"))
        let early = waarborg("check", miniPlan, "--rules", miniRules)
        #expect(!early.errors.contains("WB502"))
    }

    /// A new period that keeps the value (only its source changes) cannot change a verdict,
    /// so it is not announced; the same rule set with a different next value is.
    @Test func aNewPeriodWithTheSameValueIsNotAnnounced() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("wb502-\(UUID().uuidString)")
        try FileManager.default.copyItem(atPath: miniRules, toPath: folder.path)
        defer { try? FileManager.default.removeItem(at: folder) }
        let vocabulary = folder.appendingPathComponent("vocabulary.wbr")
        let text = try String(contentsOf: vocabulary, encoding: .utf8)
        try text.replacingOccurrences(of: "value 24 from 2027-01-01 source SRC-A \"para 2\"", with: "value 12 from 2027-01-01 source SRC-A \"para 2\"")
            .write(to: vocabulary, atomically: true, encoding: .utf8)
        let run = waarborg("check", miniPlan, "--rules", folder.path, "--as-of", "2026-11-15")
        #expect(!run.errors.contains("WB502"), "\(run.errors)")
    }
}
