import Foundation
import Testing
import WaarborgCLI

/// The repository's root, found from this file's path; `WAARBORG_TEST_ROOT` names another
/// copy of the project instead (`.ci/rule-change.sh` runs the suite on a copy whose rules a
/// lawyer changed, to show that no file under Tests/ has to change with them).
let repositoryRoot = ProcessInfo.processInfo.environment["WAARBORG_TEST_ROOT"].map { URL(fileURLWithPath: $0) }
    ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

struct Run {
    let code: Int32
    let output: String
    let errors: String
}

/// Runs the CLI in-process from the repository root, as a user would from a checkout.
func waarborg(_ arguments: String..., environment: [String: String] = [:], terminal: Bool = false) -> Run {
    waarborg(arguments, environment: environment, terminal: terminal)
}

func waarborg(_ arguments: [String], environment: [String: String] = [:], terminal: Bool = false) -> Run {
    FileManager.default.changeCurrentDirectoryPath(repositoryRoot.path)
    let console = CapturingConsole(terminal: terminal)
    // On a copy of the project (WAARBORG_TEST_ROOT) the default rules are the copy's, as
    // they are for a waarborg built in that copy; the test binary was built in the original.
    var environment = environment
    if ProcessInfo.processInfo.environment["WAARBORG_TEST_ROOT"] != nil, environment["WAARBORG_RULES"] == nil {
        environment["WAARBORG_RULES"] = repositoryRoot.appendingPathComponent("rules").path
    }
    let code = WaarborgCLI.run(arguments, environment: environment, console: console)
    return Run(code: code, output: console.output, errors: console.errors)
}

/// A fresh folder for one test, removed when the test's closure ends.
func withTemporaryFolder<T>(_ body: (URL) throws -> T) rethrows -> T {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("waarborg-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    return try body(folder)
}

func write(_ text: String, to url: URL) {
    try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try? text.write(to: url, atomically: true, encoding: .utf8)
}

func read(_ path: String) -> String {
    (try? String(contentsOf: repositoryRoot.appendingPathComponent(path), encoding: .utf8)) ?? ""
}

let miniRules = "Tests/Fixtures/mini"
let miniPlan = "Tests/Fixtures/mini/plan.wbp"

/// Text with every run of white space (line breaks of wrapped paragraphs included) as one
/// space: for asserting on sentences of the text report whatever its wrapping.
func collapsed(_ text: String) -> String { text.split(whereSeparator: \.isWhitespace).joined(separator: " ") }

/// The document of the one plan in a `check --format json` report (always an array of
/// documents, one per plan); nil unless the report is an array of exactly one document.
func reportDocument(_ text: String) -> [String: Any]? {
    guard let array = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]], array.count == 1 else { return nil }
    return array[0]
}
