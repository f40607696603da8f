import WaarborgModel

/// GitHub Actions workflow commands, so findings land on the plan's lines in a pull
/// request (`::error file=…,line=…,col=…,title=…::…`), and a Markdown job summary.
public struct GitHubRenderer {
    public init() {}

    /// Workflow-command escaping: data escapes `%`, CR and LF; properties also `:` and `,`.
    static func escapeData(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D").replacingOccurrences(of: "\n", with: "%0A")
    }

    static func escapeProperty(_ text: String) -> String {
        escapeData(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }

    public func annotations(_ reports: [CheckReport], baseline: [String: BaselineStatus] = [:]) -> String {
        var lines: [String] = []
        for report in reports {
            for activity in report.activities where activity.verdict != .allowed {
                if baseline[activity.fingerprint] == .unchanged { continue }
                let command: String
                switch activity.verdict {
                case .prohibited: command = "error"
                case .needsAssessment: command = "warning"
                default: command = "notice"
                }
                let waived = !activity.waivers.isEmpty
                let rules = activity.deciding.isEmpty ? "" : " (\(activity.deciding.joined(separator: ", ")))"
                let clause = activity.clause.map { " [\($0)]" } ?? ""
                let title = "\(activity.id)\(clause): \(activity.verdict.label(report.language))\(rules)" + (waived ? " [waived]" : "")
                var message = activity.summary
                if let remedy = activity.remedies.first, activity.verdict > .allowedWithSafeguards {
                    let action = (remedy.changes.map(\.text) + remedy.add.map(\.label)).joined(separator: ", ")
                    message += (report.language == .nl ? "\nOm te voldoen: " : "\nTo comply: ") + action + " → " + remedy.reaches.label(report.language)
                }
                let properties = [
                    "file=\(GitHubRenderer.escapeProperty(activity.location.file))",
                    "line=\(activity.location.line)",
                    "col=\(activity.location.column)",
                    "title=\(GitHubRenderer.escapeProperty(title))",
                ]
                lines.append("::\(waived ? "notice" : command) \(properties.joined(separator: ","))::\(GitHubRenderer.escapeData(message))")
            }
        }
        return lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"
    }

    /// A Markdown summary for `$GITHUB_STEP_SUMMARY`: per plan a table of the activities.
    public func summary(_ reports: [CheckReport], baseline: [String: BaselineStatus] = [:]) -> String {
        var lines: [String] = []
        for report in reports {
            let nl = report.language == .nl
            lines.append("### Waarborg: \(report.planName)")
            lines.append("")
            lines.append((nl ? "Oordeel over het plan: **" : "Verdict on the plan: **") + report.verdict.label(report.language) + "** (`\(report.planFile)`, "
                + (nl ? "beoordeeld per " : "as of ") + "\(report.asOf))")
            lines.append("")
            lines.append(nl ? "| activiteit | oordeel | regels | regelnummer |" : "| activity | verdict | rules | line |")
            lines.append("|---|---|---|---|")
            for activity in report.activities {
                var verdict = activity.verdict.label(report.language)
                if !activity.waivers.isEmpty { verdict += nl ? " (waiver)" : " (waived)" }
                switch baseline[activity.fingerprint] {
                case .new?: verdict += nl ? " — nieuw" : " — new"
                case .changed?: verdict += nl ? " — gewijzigd" : " — changed"
                default: break
                }
                let title = ((activity.title.map { " — " + $0 } ?? "") + (activity.clause.map { " (\($0))" } ?? ""))
                    .replacingOccurrences(of: "|", with: "\\|")
                lines.append("| `\(activity.id)`\(title) | \(verdict) | \(activity.deciding.joined(separator: ", ")) | \(activity.location.line) |")
            }
            lines.append("")
        }
        return lines.joined(separator: "\n")
    }
}
