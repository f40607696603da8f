import WaarborgModel

/// JUnit XML for GitLab, Jenkins and Azure: one test suite per plan, one test case per
/// activity; a finding at or above the fail level is a failure, a waived one is skipped.
public struct JUnitRenderer {
    public let failLevel: Verdict

    public init(failLevel: Verdict) { self.failLevel = failLevel }

    static func escape(_ text: String) -> String { Markup.escape(text) }

    /// The body a reviewer acts on: where, the verdict and its rules, why, what to do, and
    /// the open questions with the verdict each answer gives.
    func details(_ activity: ActivityReport, report: CheckReport) -> String {
        let language = report.language
        let phrases = Phrases(language: language)
        var lines = [
            "\(activity.location): \(activity.verdict.label(language))" + (activity.deciding.isEmpty ? "" : " (\(activity.deciding.joined(separator: ", ")))"),
            activity.summary,
        ]
        let text = TextRenderer(style: TextStyle(plain: true, color: false))
        if activity.verdict > .allowedWithSafeguards, !activity.remedies.isEmpty {
            lines.append("\(phrases.toComply):")
            lines += activity.remedies.prefix(3).map { "- " + text.describe($0, phrases: phrases, language: language) }
        } else if let todo = text.todo(activity, phrases: phrases, language: language) {
            lines.append("\(phrases.whatToDo): \(todo)")
        }
        if !activity.questions.isEmpty {
            lines.append("\(phrases.questions):")
            for question in activity.questions {
                lines.append("- \(question.question) (\(question.typeLabel))")
                let leads = question.shownLeads(phrases, language: language)
                if !leads.isEmpty { lines.append("  " + leads.joined(separator: "; ")) }
            }
        }
        return lines.joined(separator: "\n")
    }

    /// The rules used, as the suite's properties (the header of the other formats).
    static func properties(_ rules: RulesUsed) -> String {
        let values = [("ruleset", rules.name), ("ruleset.version", rules.version), ("ruleset.rules", String(rules.count)), ("ruleset.digest", rules.digest)]
        return "    <properties>\n"
            + values.map { "      <property name=\"\($0.0)\" value=\"\(escape($0.1))\"/>\n" }.joined()
            + "    </properties>\n"
    }

    /// `time` is 0: Waarborg does not time its evaluations, so the same input gives the same
    /// bytes; `timestamp` is the date the plan is assessed as of.
    public func render(_ reports: [CheckReport], baseline: [String: BaselineStatus] = [:]) -> String {
        var suites: [String] = []
        var totalTests = 0
        var totalFailures = 0
        for report in reports {
            let phrases = Phrases(language: report.language)
            var cases: [String] = []
            var failures = 0
            var skipped = 0
            let shown = report.activities.filter { baseline[$0.fingerprint] != .unchanged }
            for activity in shown {
                let name = JUnitRenderer.escape("\(activity.id) (\(activity.kind))")
                let classname = JUnitRenderer.escape(report.planFile)
                var body = ""
                let details = JUnitRenderer.escape(self.details(activity, report: report))
                if !activity.waivers.isEmpty {
                    skipped += 1
                    let waiver = activity.waivers.map {
                        "\($0.rule): \($0.justification) (" + phrases.waiver(rule: $0.rule, owner: $0.owner, expires: $0.expires.description) + ")"
                    }.joined(separator: "; ")
                    body = "      <skipped message=\"\(JUnitRenderer.escape(phrases.waived + ": " + waiver))\"/>\n      <system-out>\(details)</system-out>\n"
                } else if activity.verdict >= failLevel {
                    failures += 1
                    body = "      <failure message=\"\(JUnitRenderer.escape("\(activity.verdict.label(report.language)): \(activity.summary)"))\" type=\"\(activity.verdict.id)\">\(details)</failure>\n"
                } else {
                    body = "      <system-out>\(details)</system-out>\n"
                }
                cases.append("    <testcase classname=\"\(classname)\" name=\"\(name)\" time=\"0\">\n\(body)    </testcase>")
            }
            totalTests += shown.count
            totalFailures += failures
            // The plan's warnings (a fact no rule reads, a rule that lapses soon) go with the
            // suite, where a CI system shows its log, as `file:line:column: warning: …`.
            let warnings = report.diagnostics.sortedForOutput().map { DiagnosticRenderer(language: report.language, showExcerpt: false).render($0) }.joined()
            let log = warnings.isEmpty ? "" : "    <system-err>\(JUnitRenderer.escape(warnings))</system-err>\n"
            suites.append(
                "  <testsuite name=\"\(JUnitRenderer.escape(report.planName))\" tests=\"\(shown.count)\" failures=\"\(failures)\" errors=\"0\" skipped=\"\(skipped)\" time=\"0\" timestamp=\"\(report.asOf)T00:00:00\" file=\"\(JUnitRenderer.escape(report.planFile))\">\n"
                    + JUnitRenderer.properties(report.rulesUsed)
                    + cases.joined(separator: "\n") + (cases.isEmpty ? "" : "\n") + log + "  </testsuite>")
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<testsuites name=\"waarborg\" tests=\"\(totalTests)\" failures=\"\(totalFailures)\" errors=\"0\" time=\"0\">\n"
            + suites.joined(separator: "\n") + (suites.isEmpty ? "" : "\n") + "</testsuites>\n"
    }
}
