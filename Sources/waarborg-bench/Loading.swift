import Foundation
import WaarborgModel
import WaarborgSyntax

/// Reads rule folders and plans through the library, as the CLI does (which keeps its own
/// loader internal): parse every `.wbr`, check the set; parse and check a plan, streamed.
enum Loading {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    static func ruleFiles(in directory: String) throws -> [String] {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory)
        return names.filter { $0.hasSuffix(".wbr") }.sorted().map { directory + "/" + $0 }
    }

    static func readBytes(_ path: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else { throw Failure(description: "cannot read \(path)") }
        return [UInt8](data)
    }

    /// Files already in memory, so that timing the load measures parsing and checking only.
    static func readRuleFolder(_ directory: String) throws -> [(path: String, bytes: [UInt8])] {
        try ruleFiles(in: directory).map { ($0, try readBytes($0)) }
    }

    static func checkRuleSet(_ files: [(path: String, bytes: [UInt8])]) throws -> RuleSet {
        var syntax: [RuleFileSyntax] = []
        var diagnostics: [Diagnostic] = []
        for file in files {
            let (parsed, found) = RuleFileParser.parse(SourceFile(path: file.path, bytes: file.bytes))
            syntax.append(parsed)
            diagnostics += found
        }
        guard !diagnostics.hasErrors else { throw Failure(description: describe(diagnostics)) }
        let (ruleSet, found) = RuleSetChecker.check(syntax)
        guard let ruleSet else { throw Failure(description: describe(found)) }
        return ruleSet
    }

    static func loadRuleSet(_ directory: String) throws -> RuleSet {
        try checkRuleSet(readRuleFolder(directory))
    }

    /// Parsing alone: the plan's entries read one at a time (`PlanParser.Entries`) and each
    /// dropped at once, so no syntax tree is built; the parse's share of `loadPlan`.
    static func parsePlanEntries(_ path: String, bytes: [UInt8]) -> (entries: Int, diagnostics: [Diagnostic]) {
        var entries = PlanParser.Entries(SourceFile(path: path, bytes: bytes))
        var count = 0
        while entries.next() != nil { count += 1 }
        return (count, entries.diagnostics)
    }

    /// A plan loaded as `waarborg check` loads a `.wbp` file: each activity checked as soon
    /// as it is parsed (`PlanChecker.parseAndCheck`), so only the checked plan is kept.
    static func loadPlan(_ path: String, bytes: [UInt8], ruleSet: RuleSet) throws -> Plan {
        let (plan, diagnostics) = PlanChecker.parseAndCheck(SourceFile(path: path, bytes: bytes), ruleSet: ruleSet)
        guard let plan else { throw Failure(description: describe(diagnostics)) }
        return plan
    }

    static func loadPlan(_ path: String, ruleSet: RuleSet) throws -> Plan {
        try loadPlan(path, bytes: readBytes(path), ruleSet: ruleSet)
    }

    static func describe(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.filter { $0.severity == .error }.prefix(8).map { diagnostic in
            let place = diagnostic.range.map { "\($0.location): " } ?? ""
            return "\(place)error: \(diagnostic.message) [\(diagnostic.code)]"
        }.joined(separator: "\n")
    }

    /// Writes text, creating the folder.
    static func write(_ text: String, to path: String) throws {
        let folder = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }
}
