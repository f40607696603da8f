import Foundation
import Testing

/// Activities of the same content (kind, facts, safeguards) share their evaluation and
/// details in a run (`DetailWork`); what each shows of the plan must still be its own: the
/// lines its facts are stated on.
@Suite struct RepeatedActivityTests {
    static let plan = """
        plan "Twice"
          date = 2026-06-01

        party a
          kind = practice
          competes_with = b

        party b
          kind = practice
          competes_with = a

        activity first
          kind = exchange
          parties = a, b
          data_kinds = {prices}
          age_months = 2

        activity second
          kind = exchange
          parties = a, b

          data_kinds = {prices}


          age_months = 2

        """

    @Test func eachActivityShowsTheLinesOfItsOwnFacts() throws {
        try withTemporaryFolder { folder in
            let path = folder.appendingPathComponent("twice.wbp")
            write(Self.plan, to: path)
            let run = waarborg("check", path.path, "--rules", miniRules, "--format", "json", "--trace")
            #expect(run.code == 1)
            let document = try #require(reportDocument(run.output))
            let activities = try #require(document["activities"] as? [[String: Any]])
            #expect(activities.count == 2)
            let lines = activities.map { Self.statedLines($0["trace"]) }
            // data_kinds and age_months: lines 15 and 16 of the first, 22 and 25 of the second.
            #expect(lines[0] == [15, 16])
            #expect(lines[1] == [22, 25])
            // Everything else of the two traces is the same.
            #expect(Self.withoutLines(activities[0]["trace"]) == Self.withoutLines(activities[1]["trace"]))
            #expect(activities[0]["verdict"] as? String == activities[1]["verdict"] as? String)
        }
    }

    /// The distinct lines of every `stated_at` in a trace, in ascending order.
    static func statedLines(_ node: Any?) -> [Int] {
        var lines: Set<Int> = []
        func visit(_ node: Any?) {
            if let object = node as? [String: Any] {
                if let stated = object["stated_at"] as? [String: Any], let line = stated["line"] as? Int { lines.insert(line) }
                object.values.forEach(visit)
            } else if let array = node as? [Any] {
                array.forEach(visit)
            }
        }
        visit(node)
        return lines.sorted()
    }

    /// The trace as JSON text with every `stated_at` left out.
    static func withoutLines(_ node: Any?) -> String {
        func strip(_ node: Any) -> Any {
            if let object = node as? [String: Any] { return object.filter { $0.key != "stated_at" }.mapValues(strip) }
            if let array = node as? [Any] { return array.map(strip) }
            return node
        }
        guard let node, let data = try? JSONSerialization.data(withJSONObject: strip(node), options: [.sortedKeys]) else { return "" }
        return String(decoding: data, as: UTF8.self)
    }
}
