import WaarborgModel

/// JUnit XML for GitLab, Jenkins and Azure: one test suite per plan, one test case per
/// activity; a finding at or above the fail level is a failure, a waived one is skipped.
public struct JUnitRenderer {
    public let failLevel: Verdict

    public init(failLevel: Verdict) { self.failLevel = failLevel }

    static func escape(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            case "\n", "\r", "\t": result.unicodeScalars.append(scalar)
            default:
                // XML 1.0 has no other control characters.
                if scalar.value >= 0x20 { result.unicodeScalars.append(scalar) }
            }
        }
        return result
    }

    public func render(_ reports: [CheckReport], baseline: [String: BaselineStatus] = [:]) -> String {
        var suites: [String] = []
        var totalTests = 0
        var totalFailures = 0
        var totalSkipped = 0
        for report in reports {
            var cases: [String] = []
            var failures = 0
            var skipped = 0
            let shown = report.activities.filter { baseline[$0.fingerprint] != .unchanged }
            for activity in shown {
                let name = JUnitRenderer.escape("\(activity.id) (\(activity.kind))")
                let classname = JUnitRenderer.escape(report.planFile)
                var body = ""
                let details = JUnitRenderer.escape(
                    "\(activity.location): \(activity.verdict.label(report.language))"
                        + (activity.deciding.isEmpty ? "" : " (\(activity.deciding.joined(separator: ", ")))") + "\n\(activity.summary)")
                if !activity.waivers.isEmpty {
                    skipped += 1
                    let waiver = activity.waivers.map { "\($0.rule): \($0.justification) (\($0.owner), until \($0.expires))" }.joined(separator: "; ")
                    body = "      <skipped message=\"\(JUnitRenderer.escape("waived: " + waiver))\"/>\n"
                } else if activity.verdict >= failLevel {
                    failures += 1
                    body = "      <failure message=\"\(JUnitRenderer.escape("\(activity.verdict.label(report.language)): \(activity.summary)"))\" type=\"\(activity.verdict.id)\">\(details)</failure>\n"
                } else {
                    body = "      <system-out>\(details)</system-out>\n"
                }
                cases.append("    <testcase classname=\"\(classname)\" name=\"\(name)\" file=\"\(JUnitRenderer.escape(activity.location.file))\" line=\"\(activity.location.line)\">\n\(body)    </testcase>")
            }
            totalTests += shown.count
            totalFailures += failures
            totalSkipped += skipped
            suites.append(
                "  <testsuite name=\"\(JUnitRenderer.escape(report.planName))\" tests=\"\(shown.count)\" failures=\"\(failures)\" errors=\"0\" skipped=\"\(skipped)\">\n"
                    + cases.joined(separator: "\n") + (cases.isEmpty ? "" : "\n") + "  </testsuite>")
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<testsuites name=\"waarborg\" tests=\"\(totalTests)\" failures=\"\(totalFailures)\" errors=\"0\" skipped=\"\(totalSkipped)\">\n"
            + suites.joined(separator: "\n") + (suites.isEmpty ? "" : "\n") + "</testsuites>\n"
    }
}
