import Foundation
import WaarborgModel
import WaarborgSyntax

/// Reads rule folders and plans through the library, as the CLI does (which keeps its own
/// loader internal): parse every `.wbr`, check the set; parse and check a plan.
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

    static func parsePlan(_ path: String, bytes: [UInt8]) -> (PlanSyntax, [Diagnostic]) {
        PlanParser.parse(SourceFile(path: path, bytes: bytes))
    }

    static func checkPlan(_ syntax: PlanSyntax, diagnostics: [Diagnostic], ruleSet: RuleSet) throws -> Plan {
        guard !diagnostics.hasErrors else { throw Failure(description: describe(diagnostics)) }
        let (plan, found) = PlanChecker.check(syntax, vocabulary: ruleSet.vocabulary)
        guard let plan else { throw Failure(description: describe(found)) }
        return plan
    }

    static func loadPlan(_ path: String, ruleSet: RuleSet) throws -> Plan {
        let bytes = try readBytes(path)
        let (syntax, diagnostics) = parsePlan(path, bytes: bytes)
        return try checkPlan(syntax, diagnostics: diagnostics, ruleSet: ruleSet)
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
