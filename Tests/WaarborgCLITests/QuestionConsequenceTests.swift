import Foundation
import Testing

/// Every question in a report is of consequence: on every fixture plan, a question whose
/// answers all lead to the activity's current verdict is asked only for a lowering route,
/// names that route in the JSON, and says so in the text instead of "any value → …".
@Suite struct QuestionConsequenceTests {
    @Test(arguments: GoldenTests.fixtures)
    func aQuestionOfTheSameVerdictEverywhereNamesItsRoute(_ example: String) throws {
        let check = GoldenTests.fixture("check", example, "--format", "json", "--lang", "en").output
        // The text wraps its lines: compare with runs of white space as one space.
        let text = GoldenTests.fixture("check", example, "--plain", "--lang", "en").output
            .split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        let object = try #require(reportDocument(check))
        for activity in (object["activities"] as? [[String: Any]]) ?? [] {
            let verdict = try #require(activity["verdict"] as? String)
            for question in (activity["questions"] as? [[String: Any]]) ?? [] {
                let fact = question["fact"] as? String ?? "?"
                let answers = (question["answers"] as? [[String: Any]]) ?? []
                let verdicts = Set(answers.compactMap { $0["verdict"] as? String })
                let routes = (question["routes"] as? [String]) ?? []
                if verdicts.count == 1, verdicts.first == verdict {
                    #expect(!routes.isEmpty, "\(example): \(fact) has the same verdict for every answer and opens no route")
                } else if verdicts.count > 1 {
                    #expect(routes.isEmpty, "\(example): \(fact) leads to different verdicts; no route is named")
                }
                if !routes.isEmpty {
                    #expect(text.contains("the answer does decide whether \(routes.joined(separator: ", ")) can still lower this verdict"), "\(example): \(fact)")
                }
            }
        }
    }
}
