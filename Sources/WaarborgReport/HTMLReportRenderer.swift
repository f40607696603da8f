import WaarborgModel
import WaarborgSyntax

/// The check report as one self-contained HTML page for the lawyers and board members
/// who read it in a browser, a mail or on paper: no script, no request to any server (a
/// content security policy forbids them), inline CSS, A4 with page numbers when printed.
///
/// First the plan's verdict and an overview (one row per activity: verdict, id, title, what
/// to do), then per activity the reason, the deciding rules with their sources (linked
/// where the source has a web address), the facts with their plan lines, the safeguards in
/// place against those required and recommended, the open questions with the verdict each
/// answer gives, and the remedies. Check boxes filter by verdict (CSS `:has()`, no script).
/// Headings, landmarks and table headers are there for screen readers; colours pass WCAG AA.
public struct HTMLReportRenderer {
    public let toolVersion: String

    public init(toolVersion: String) { self.toolVersion = toolVersion }

    static func e(_ text: String) -> String { Markup.escape(text, apostrophe: "&#39;") }

    /// A fragment identifier from an id (ids are letters, digits, `_` and `-` already;
    /// anything else is replaced, so the page never holds a broken or unsafe reference).
    static func anchor(_ plan: Int, _ id: String) -> String {
        "p\(plan + 1)-" + String(id.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") ? $0 : "-" })
    }

    static let style = """
        :root { color-scheme: light; --ink: #1b1b1b; --muted: #4a4a4a; --line: #c8c8c8; }
        body { font: 11pt/1.45 "DejaVu Sans", Arial, sans-serif; color: var(--ink); max-width: 60rem; margin: 0 auto; padding: 1rem 1.5rem; hyphens: auto; }
        h1 { font-size: 1.6rem; margin: 0.2rem 0; } h2 { font-size: 1.25rem; margin-top: 2rem; border-bottom: 1px solid var(--line); }
        h3 { font-size: 1.02rem; margin: 1rem 0 0.3rem; }
        .meta, .muted { color: var(--muted); }
        table { border-collapse: collapse; width: 100%; margin: 0.3rem 0 0.8rem; }
        th, td { text-align: left; vertical-align: top; border-bottom: 1px solid var(--line); padding: 0.25rem 0.4rem; }
        th { background: #f0f0f0; }
        .verdict { display: inline-block; font-weight: bold; padding: 0.05rem 0.45rem; border-radius: 0.2rem; border: 1px solid; }
        .v-prohibited .verdict, .verdict.v-prohibited { color: #8a0000; background: #fde8e8; }
        .v-needs_assessment .verdict, .verdict.v-needs_assessment { color: #6b4a00; background: #fff4d6; }
        .v-allowed_with_safeguards .verdict, .verdict.v-allowed_with_safeguards { color: #004f5c; background: #e0f4f7; }
        .v-allowed .verdict, .verdict.v-allowed { color: #135e1b; background: #e6f5e7; }
        .plan-verdict { font-size: 1.3rem; }
        fieldset.filters { border: 1px solid var(--line); margin: 0.5rem 0; }
        fieldset.filters label { margin-right: 1rem; white-space: nowrap; }
        a { color: #0b4f9c; } a:focus, input:focus { outline: 3px solid #0b4f9c; outline-offset: 2px; }
        .skip { position: absolute; left: -999px; } .skip:focus { left: 1rem; top: 1rem; background: #fff; }
        .disclaimer { border-left: 4px solid #6b4a00; padding: 0.3rem 0.8rem; background: #fff8e6; }
        body:has(#f-prohibited:not(:checked)) .v-prohibited.filterable,
        body:has(#f-needs_assessment:not(:checked)) .v-needs_assessment.filterable,
        body:has(#f-allowed_with_safeguards:not(:checked)) .v-allowed_with_safeguards.filterable,
        body:has(#f-allowed:not(:checked)) .v-allowed.filterable { display: none; }
        @page { size: A4; margin: 2cm 1.8cm 2.2cm;
          @bottom-center { content: counter(page) " / " counter(pages); font: 9pt "DejaVu Sans", Arial, sans-serif; color: #4a4a4a; } }
        @media print {
          body { max-width: none; padding: 0; font-size: 10pt; }
          fieldset.filters, .skip { display: none; }
          h2, h3 { break-after: avoid; } tr, li { break-inside: avoid; }
          a { color: inherit; } a[href^="http"]::after { content: " (" attr(href) ")"; font-size: 0.85em; }
        }
        """

    public func render(_ reports: [CheckReport], language: Language) -> String {
        let phrases = Phrases(language: language)
        let nl = language == .nl
        var html = ""
        func line(_ text: String) { html += text + "\n" }
        let title = reports.count == 1 ? "Waarborg: \(reports[0].planName)" : "Waarborg: " + phrases.summaryOfPlans(reports.count)
        line("<!DOCTYPE html>")
        line("<html lang=\"\(language.rawValue)\">")
        line("<head>")
        line("<meta charset=\"utf-8\">")
        line("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        line("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">")
        line("<meta name=\"generator\" content=\"Waarborg \(HTMLReportRenderer.e(toolVersion))\">")
        line("<title>\(HTMLReportRenderer.e(title))</title>")
        line("<style>\n\(HTMLReportRenderer.style)\n</style>")
        line("</head>")
        line("<body>")
        line("<a class=\"skip\" href=\"#main\">\(nl ? "Naar de inhoud" : "Skip to content")</a>")
        line("<header>")
        line("<p class=\"meta\">Waarborg \(HTMLReportRenderer.e(toolVersion))" + (reports.first.map { " · " + HTMLReportRenderer.e($0.rulesUsed.text($0.language)) } ?? "") + "</p>")
        line("<h1>\(HTMLReportRenderer.e(title))</h1>")
        line("<p class=\"disclaimer\">\(HTMLReportRenderer.e(phrases.notLegalAdvice))</p>")
        line("</header>")
        line("<main id=\"main\">")
        // One set of filters for the whole page.
        var totals = Verdict.allCases.map { ($0, 0) }
        for report in reports { for (index, count) in report.counts.enumerated() { totals[index].1 += count.1 } }
        line("<fieldset class=\"filters\"><legend>\(nl ? "Toon activiteiten met het oordeel" : "Show activities with the verdict")</legend>")
        for (verdict, count) in totals.reversed() {
            line("<label><input type=\"checkbox\" id=\"f-\(verdict.id)\" checked> \(HTMLReportRenderer.e(verdict.label(language))) (\(count))</label>")
        }
        line("</fieldset>")
        for (index, report) in reports.enumerated() { plan(report, index: index, phrases: phrases, into: &html) }
        line("</main>")
        line("<footer>")
        line("<p class=\"muted\">" + HTMLReportRenderer.e(nl ? "Gemaakt door Waarborg \(toolVersion); zelfde plan en regels geven dezelfde pagina." : "Made by Waarborg \(toolVersion); the same plan and rules give the same page.") + "</p>")
        line("</footer>")
        line("</body>")
        line("</html>")
        return html
    }

    func plan(_ report: CheckReport, index: Int, phrases: Phrases, into html: inout String) {
        let e = HTMLReportRenderer.e
        let language = report.language
        let nl = language == .nl
        func line(_ text: String) { html += text + "\n" }
        let planID = "p\(index + 1)"
        line("<article class=\"plan\" aria-labelledby=\"\(planID)-h\">")
        line("<h2 id=\"\(planID)-h\">\(e(report.planName))</h2>")
        var context = ["\(phrases.date) \(report.planDate)"]
        if let region = report.region { context.append("\(phrases.region) \(region)") }
        context.append("\(phrases.asOf) \(report.asOf)")
        line("<p class=\"meta\">\(e(report.planFile)) · \(e(context.joined(separator: " · ")))</p>")
        line("<p class=\"plan-verdict\">\(e(phrases.planVerdict)): <span class=\"verdict v-\(report.verdict.id)\">\(e(report.verdict.label(language)))</span></p>")
        if report.unwaivedVerdict != report.verdict {
            line("<p>\(e(phrases.withoutWaived(report.unwaivedVerdict.label(language))))</p>")
        }
        line("<p>\(e(phrases.activityCount(report.counts)))</p>")

        let text = TextRenderer(style: TextStyle(plain: true, color: false))
        let ordered = report.activities.enumerated().sorted {
            $0.element.verdict != $1.element.verdict ? $0.element.verdict > $1.element.verdict : $0.offset < $1.offset
        }.map(\.element)
        line("<section aria-labelledby=\"\(planID)-overview\">")
        line("<h3 id=\"\(planID)-overview\">\(e(phrases.overview))</h3>")
        line("<table>")
        line("<thead><tr><th scope=\"col\">\(e(phrases.verdict))</th><th scope=\"col\">\(nl ? "Activiteit" : "Activity")</th><th scope=\"col\">\(nl ? "Titel" : "Title")</th><th scope=\"col\">\(e(phrases.whatToDo))</th></tr></thead>")
        line("<tbody>")
        for activity in ordered {
            let anchor = HTMLReportRenderer.anchor(index, activity.id)
            let todo = text.todo(activity, phrases: phrases, language: language) ?? "—"
            let waived = activity.waivers.isEmpty ? "" : " (\(e(phrases.waived)))"
            line("<tr class=\"v-\(activity.verdict.id) filterable\"><td><span class=\"verdict\">\(e(activity.verdict.label(language)))</span>\(waived)</td><td><a href=\"#\(anchor)\">\(e(activity.id))</a></td><td>\(e(activity.title ?? ""))</td><td>\(e(todo))</td></tr>")
        }
        line("</tbody>")
        line("</table>")
        line("</section>")
        for activity in ordered { self.activity(activity, report: report, index: index, phrases: phrases, into: &html) }
        line("</article>")
    }

    func sourceItem(_ source: SourceReference, language: Language) -> String {
        let e = HTMLReportRenderer.e
        let name = SARIFRenderer.absoluteURL(source.url ?? "").map { "<a href=\"\(e($0))\">\(e(source.id))</a>" } ?? e(source.id)
        let status = source.status == "verified" ? "" : " <span class=\"muted\">(\(e(language == .nl ? "status: \(source.status)" : "status: \(source.status)")))</span>"
        return "<li>\(name) \(e(source.pinpoint)) — <cite>\(e(source.title))</cite>\(status)</li>"
    }

    func activity(_ activity: ActivityReport, report: CheckReport, index: Int, phrases: Phrases, into html: inout String) {
        let e = HTMLReportRenderer.e
        let language = report.language
        let nl = language == .nl
        func line(_ text: String) { html += text + "\n" }
        let anchor = HTMLReportRenderer.anchor(index, activity.id)
        line("<section class=\"activity v-\(activity.verdict.id) filterable\" id=\"\(anchor)\" aria-labelledby=\"\(anchor)-h\">")
        line("<h3 id=\"\(anchor)-h\">\(e(activity.id))" + (activity.title.map { " — " + e($0) } ?? "") + "</h3>")
        let place = (activity.clause.map { $0 + ", " } ?? "") + activity.location.description
        line("<p class=\"meta\">\(e(activity.kindLabel)) · \(e(place))</p>")
        line("<p>\(e(phrases.verdict)): <span class=\"verdict\">\(e(activity.verdict.label(language)))</span></p>")
        line("<p><strong>\(e(phrases.why)):</strong> \(e(activity.summary))</p>")
        for waiver in activity.waivers {
            line("<p class=\"disclaimer\">\(e(phrases.waiver(rule: waiver.rule, owner: waiver.owner, expires: waiver.expires.description))): \(e(waiver.justification))</p>")
        }
        if !activity.reasons.isEmpty {
            line("<h4>\(e(activity.determination == .undetermined ? phrases.mayDecide : phrases.decidedBy))</h4>")
            line("<ul>")
            for reason in activity.reasons {
                line("<li><strong>\(e(reason.rule))</strong> \(e(reason.ruleTitle)) → \(e(reason.verdict.label(language)))<br>\(e(reason.text))")
                if !reason.sources.isEmpty {
                    line("<ul class=\"sources\" aria-label=\"\(e(phrases.sources))\">")
                    for source in reason.sources { line(sourceItem(source, language: language)) }
                    line("</ul>")
                }
                line("</li>")
            }
            line("</ul>")
        }
        if !activity.facts.isEmpty {
            line("<h4>\(e(phrases.basedOn))</h4>")
            line("<table><thead><tr><th scope=\"col\">\(nl ? "Gegeven" : "Fact")</th><th scope=\"col\">\(nl ? "Waarde" : "Value")</th><th scope=\"col\">\(nl ? "Herkomst" : "Source in the plan")</th></tr></thead><tbody>")
            for fact in activity.facts {
                let origin = fact.location.map { phrases.stated(at: $0, planFile: report.planFile) } ?? fact.derivation.map(phrases.derived) ?? ""
                line("<tr><td>\(e(fact.label))</td><td>\(e(fact.value))</td><td>\(e(origin))</td></tr>")
            }
            line("</tbody></table>")
        }
        let all = (activity.safeguardsInPlace + activity.requiredSafeguards + activity.recommendedSafeguards).reduce(into: [SafeguardReport]()) {
            if !$0.contains($1) { $0.append($1) }
        }
        if !all.isEmpty {
            line("<h4>\(nl ? "Waarborgen" : "Safeguards")</h4>")
            line("<table><thead><tr><th scope=\"col\">\(nl ? "Waarborg" : "Safeguard")</th><th scope=\"col\">\(nl ? "Aanwezig" : "In place")</th><th scope=\"col\">\(nl ? "Nodig voor dit oordeel" : "Needed for this verdict")</th></tr></thead><tbody>")
            for safeguard in all {
                let present = activity.safeguardsInPlace.contains(safeguard)
                let need = activity.requiredSafeguards.contains(safeguard) ? (nl ? "vereist" : "required") : activity.recommendedSafeguards.contains(safeguard) ? (nl ? "aanbevolen" : "recommended") : "—"
                line("<tr><td>\(e(safeguard.label))</td><td>\(present ? phrases.yes : phrases.no)</td><td>\(need)</td></tr>")
            }
            line("</tbody></table>")
        }
        if !activity.questions.isEmpty {
            line("<h4>\(e(phrases.questions))</h4>")
            line("<ul>")
            for question in activity.questions {
                line("<li>\(e(question.question)) <span class=\"muted\">(\(e(question.typeLabel)))</span>")
                let leads = question.shownAnswersByVerdict
                if let verdict = question.routeVerdict, !question.routes.isEmpty {
                    line("<p>\(e(phrases.routeOnly(verdict, routes: question.routes)))</p>")
                } else if !leads.isEmpty {
                    line("<table><thead><tr><th scope=\"col\">\(nl ? "Antwoord" : "Answer")</th><th scope=\"col\">\(e(phrases.verdict))</th></tr></thead><tbody>")
                    for lead in leads {
                        line("<tr class=\"v-\(lead.verdict.id)\"><td>\(e(lead.answers.joined(separator: ", ")))</td><td><span class=\"verdict\">\(e(lead.verdict.label(language)))</span></td></tr>")
                    }
                    line("</tbody></table>")
                }
                if !question.unknownAttributes.isEmpty { line("<p class=\"muted\">\(e(phrases.notStated(question.unknownAttributes.joined(separator: ", "))))</p>") }
                line("</li>")
            }
            line("</ul>")
        }
        if activity.verdict > .allowedWithSafeguards {
            line("<h4>\(e(phrases.toComply))</h4>")
            if activity.remedies.isEmpty {
                line("<p>\(e(activity.verdict == .prohibited ? phrases.noRemedy : phrases.haveAssessed))</p>")
            } else {
                let text = TextRenderer(style: TextStyle(plain: true, color: false))
                line("<ol>")
                for remedy in activity.remedies.prefix(3) { line("<li>\(e(text.describe(remedy, phrases: phrases, language: language)))</li>") }
                line("</ol>")
            }
        }
        if !activity.parameters.isEmpty {
            line("<h4>\(e(phrases.parameters))</h4>")
            line("<ul>")
            for parameter in activity.parameters {
                var detail: [String] = []
                if let from = parameter.from { detail.append(phrases.since(from.description)) }
                if let until = parameter.until { detail.append(phrases.until(until.description)) }
                if let source = parameter.source { detail.append("\(source.id) \(source.pinpoint)") }
                line("<li>\(e(parameter.title)): <strong>\(e(parameter.value))</strong>" + (detail.isEmpty ? "" : " <span class=\"muted\">(\(e(detail.joined(separator: "; "))))</span>") + "</li>")
            }
            line("</ul>")
        }
        for note in activity.notes {
            line("<p><strong>\(e(note.certain ? phrases.note : phrases.mayNote)):</strong> \(e(note.text)) <span class=\"muted\">(\(e(note.rule)))</span></p>")
        }
        line("</section>")
    }
}
