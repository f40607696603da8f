import WaarborgModel
import WaarborgSyntax

/// GitHub Actions workflow commands, so findings land on the plan's lines in a pull
/// request (`::error file=…,line=…,endLine=…,title=…::…`), and a Markdown job summary.
///
/// GitHub shows at most 10 annotations of each type (error, warning, notice) per step and
/// drops the rest silently, so the annotations come worst first, are capped there, and one
/// notice says how many more there are and where they are (the job summary).
public struct GitHubRenderer {
    /// GitHub's limit per annotation type and step.
    public static let limitPerType = 10

    /// Where the summary links a plan's lines: `GITHUB_SERVER_URL`, `GITHUB_REPOSITORY`
    /// and `GITHUB_SHA` of the run.
    public struct Links: Sendable {
        public let server: String
        public let repository: String
        public let commit: String

        public init?(environment: [String: String]) {
            guard let server = environment["GITHUB_SERVER_URL"], let repository = environment["GITHUB_REPOSITORY"],
                let commit = environment["GITHUB_SHA"], !server.isEmpty, !repository.isEmpty, !commit.isEmpty
            else { return nil }
            self.server = server
            self.repository = repository
            self.commit = commit
        }

        func url(_ file: String, line: Int) -> String {
            "\(server)/\(repository)/blob/\(commit)/\(SARIFRenderer.uri(file))#L\(line)"
        }
    }

    public init() {}

    /// Workflow-command escaping: data escapes `%`, CR and LF; properties also `:` and `,`.
    /// Other control characters are written `\u{1B}` first, so none reaches the log.
    static func escapeData(_ text: String) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { TerminalText.escaped(String($0)) }
        return lines.joined(separator: "\n").replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\n", with: "%0A")
    }

    /// A property (a title, a file) is one line: line breaks become spaces.
    static func escapeProperty(_ text: String) -> String {
        let line = text.replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\r", with: " ")
        return escapeData(line).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }

    enum Kind: Int, CaseIterable {
        case error, warning, notice
        var command: String {
            switch self {
            case .error: "error"
            case .warning: "warning"
            case .notice: "notice"
            }
        }
    }

    struct Annotation {
        let kind: Kind
        let line: String
    }

    /// `summaryWritten`: whether the job summary holds every finding (GITHUB_STEP_SUMMARY
    /// was set); the notice about omitted annotations then points there.
    public func annotations(_ reports: [CheckReport], baseline: [String: BaselineStatus] = [:], summaryWritten: Bool = false) -> String {
        var all: [Annotation] = []
        for report in reports {
            for activity in report.activities where activity.verdict != .allowed {
                if baseline[activity.fingerprint] == .unchanged { continue }
                all.append(annotation(activity, report: report))
            }
            // The plan's warnings land on their lines too (a fact no rule reads: WB520).
            for diagnostic in report.diagnostics.sortedForOutput() {
                guard let location = diagnostic.location else { continue }
                let kind: Kind
                switch diagnostic.severity {
                case .error: kind = .error
                case .warning: kind = .warning
                case .note: kind = .notice
                }
                let properties = [
                    "file=\(GitHubRenderer.escapeProperty(location.file))", "line=\(location.line)", "col=\(location.column)",
                    "title=\(GitHubRenderer.escapeProperty(diagnostic.code))",
                ]
                all.append(Annotation(kind: kind, line: "::\(kind.command) \(properties.joined(separator: ","))::\(GitHubRenderer.escapeData(diagnostic.text[report.language]))"))
            }
        }
        // Worst first; within a type, plan order (stable sort).
        let sorted = Kind.allCases.flatMap { kind in all.filter { $0.kind == kind } }
        let over = Kind.allCases.contains { kind in sorted.filter { $0.kind == kind }.count > GitHubRenderer.limitPerType }
        var shown: [Annotation] = []
        var omitted: [Kind: Int] = [:]
        for kind in Kind.allCases {
            // The notice about the omitted ones takes one of the notices' places.
            let limit = over && kind == .notice ? GitHubRenderer.limitPerType - 1 : GitHubRenderer.limitPerType
            let ofKind = sorted.filter { $0.kind == kind }
            shown += ofKind.prefix(limit)
            omitted[kind] = max(0, ofKind.count - limit)
        }
        var lines = shown.map(\.line)
        let language = reports.first?.language ?? .nl
        if omitted.values.contains(where: { $0 > 0 }) {
            let nl = language == .nl
            let parts = Kind.allCases.compactMap { kind -> String? in
                guard let count = omitted[kind], count > 0 else { return nil }
                switch kind {
                case .error: return nl ? "\(count) fouten (verboden)" : "\(count) errors (prohibited)"
                case .warning: return nl ? "\(count) waarschuwingen (nadere beoordeling nodig)" : "\(count) warnings (needs assessment)"
                case .notice: return nl ? "\(count) meldingen" : "\(count) notices"
                }
            }
            let total = omitted.values.reduce(0, +)
            let title = nl ? "Nog \(total) bevindingen niet als annotatie getoond" : "\(total) more findings not shown as annotations"
            let whereText = summaryWritten
                ? (nl ? "Ze staan alle in de samenvatting van de job." : "All are in the job summary.")
                : (nl ? "Zie ze alle met `waarborg check --format text`." : "See them all with `waarborg check --format text`.")
            let message = (nl ? "GitHub toont per stap ten hoogste \(GitHubRenderer.limitPerType) annotaties van elk type; niet getoond: " : "GitHub shows at most \(GitHubRenderer.limitPerType) annotations of each type per step; not shown: ")
                + parts.joined(separator: ", ") + ". " + whereText
            lines.append("::notice title=\(GitHubRenderer.escapeProperty(title))::\(GitHubRenderer.escapeData(message))")
        }
        return lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"
    }

    func annotation(_ activity: ActivityReport, report: CheckReport) -> Annotation {
        let nl = report.language == .nl
        let waived = !activity.waivers.isEmpty
        let kind = activity.verdict.annotationKind(waived: waived)
        let rules = activity.deciding.isEmpty ? "" : " (\(activity.deciding.joined(separator: ", ")))"
        let clause = activity.clause.map { " [\($0)]" } ?? ""
        let title = "\(activity.id)\(clause): \(activity.verdict.label(report.language))\(rules)" + (waived ? (nl ? " [risico aanvaard]" : " [waived]") : "")
        var message = activity.summary
        if let remedy = activity.remedies.first, activity.verdict > .allowedWithSafeguards {
            let action = (remedy.changes.map(\.text) + remedy.add.map(\.label)).joined(separator: ", ")
            message += (nl ? "\nOm te voldoen: " : "\nTo comply: ") + action + " → " + remedy.reaches.label(report.language)
        }
        if activity.determination == .undetermined, !activity.questions.isEmpty {
            message += (nl ? "\nOpen vragen: " : "\nOpen questions: ") + activity.questions.map(\.question).joined(separator: " ")
        }
        var properties = [
            "file=\(GitHubRenderer.escapeProperty(activity.location.file))",
            "line=\(activity.location.line)",
        ]
        if activity.endLocation.line > activity.location.line {
            properties.append("endLine=\(activity.endLocation.line)")
        } else {
            properties.append("col=\(activity.location.column)")
        }
        properties.append("title=\(GitHubRenderer.escapeProperty(title))")
        return Annotation(kind: kind, line: "::\(kind.command) \(properties.joined(separator: ","))::\(GitHubRenderer.escapeData(message))")
    }

    /// Text for a Markdown table cell (GitHub's job summary renders Markdown and HTML): one
    /// line, HTML escaped, every Markdown punctuation character backslash-escaped, control
    /// characters written `\u{1B}`.
    static func cell(_ text: String) -> String {
        let line = text.replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\r", with: " ")
        var result = ""
        for character in TerminalText.escaped(line) {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            // Inline syntax only: a cell holds no blocks, so `-` or `#` cannot start a list or a heading.
            case "\\", "`", "*", "_", "[", "]", "|", "~", "@", "$": result += "\\" + String(character)
            default: result.append(character)
            }
        }
        return result
    }

    /// A Markdown summary for `$GITHUB_STEP_SUMMARY`: per plan its verdict, the counts per
    /// verdict, and a table of the activities, worst first, each linked to its line.
    public func summary(_ reports: [CheckReport], baseline: [String: BaselineStatus] = [:], links: Links? = nil) -> String {
        var lines: [String] = []
        for report in reports {
            let nl = report.language == .nl
            let phrases = Phrases(language: report.language)
            lines.append("### Waarborg: \(GitHubRenderer.cell(report.planName))")
            lines.append("")
            lines.append((nl ? "Oordeel over het plan: **" : "Verdict on the plan: **") + report.verdict.label(report.language) + "** ("
                + GitHubRenderer.cell(report.planFile) + ", " + (nl ? "beoordeeld per " : "as of ") + "\(report.asOf))")
            lines.append("")
            lines.append("\(phrases.rules): " + GitHubRenderer.cell(report.rulesUsed.text(report.language)))
            lines.append("")
            lines.append(nl ? "| oordeel | activiteiten |" : "| verdict | activities |")
            lines.append("|---|---:|")
            for (verdict, count) in report.counts.reversed() {
                lines.append("| \(verdict.label(report.language)) | \(count) |")
            }
            lines.append("")
            lines.append(nl ? "| activiteit | oordeel | regels | te doen | regel in het plan |" : "| activity | verdict | rules | to do | plan line |")
            lines.append("|---|---|---|---|---|")
            let ordered = report.activities.enumerated().sorted {
                $0.element.verdict != $1.element.verdict ? $0.element.verdict > $1.element.verdict : $0.offset < $1.offset
            }
            for (_, activity) in ordered {
                var verdict = activity.verdict.label(report.language)
                if !activity.waivers.isEmpty { verdict += nl ? " (risico aanvaard)" : " (waived)" }
                switch baseline[activity.fingerprint] {
                case .new?: verdict += nl ? " — nieuw" : " — new"
                case .changed?: verdict += nl ? " — gewijzigd" : " — changed"
                case .unchanged?, nil: break
                }
                let title = (activity.title.map { " — " + $0 } ?? "") + (activity.clause.map { " (\($0))" } ?? "")
                let todo = TextRenderer(style: TextStyle(plain: true, color: false)).todo(activity, phrases: phrases, language: report.language) ?? ""
                let line = links.map { "[\(activity.location.line)](\($0.url(activity.location.file, line: activity.location.line)))" } ?? String(activity.location.line)
                lines.append("| \(GitHubRenderer.cell(activity.id + title)) | \(verdict) | \(GitHubRenderer.cell(activity.deciding.joined(separator: ", "))) | \(GitHubRenderer.cell(todo)) | \(line) |")
            }
            lines.append("")
        }
        return lines.joined(separator: "\n")
    }
}
