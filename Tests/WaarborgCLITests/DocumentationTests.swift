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
}
