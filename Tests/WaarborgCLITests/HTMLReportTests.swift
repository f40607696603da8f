import Foundation
import Testing

/// `check --format html`: the page lawyers read (CI renders it in Chromium as well).
@Suite struct HTMLReportTests {
    @Test func onePageWithOverviewThenDetailsInTheChosenLanguage() throws {
        for (lang, verdict, todo) in [("nl", "verboden", "Te doen"), ("en", "prohibited", "To do")] {
            let run = waarborg("check", miniPlan, "--rules", miniRules, "--format", "html", "--lang", lang)
            #expect(run.code == 1, "the exit code follows the fail level as for every format")
            let page = run.output
            #expect(page.hasPrefix("<!DOCTYPE html>\n<html lang=\"\(lang)\">"))
            #expect(page.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"))
            #expect(!page.contains("<script") && !page.contains(" src="))
            #expect(page.contains("counter(page)"), "page numbers when printed")
            // The overview comes before the details, one row and one section per activity.
            let overview = try #require(page.range(of: "<th scope=\"col\">\(todo)</th>"))
            let firstSection = try #require(page.range(of: "<section class=\"activity"))
            #expect(overview.lowerBound < firstSection.lowerBound)
            #expect(page.components(separatedBy: "<section class=\"activity").count - 1 == 4)
            #expect(page.components(separatedBy: "filterable\"><td>").count - 1 == 4)
            #expect(page.contains("<span class=\"verdict v-prohibited\">\(verdict)</span>"))
            // Worst first in the overview; each row links to its section.
            #expect(page.contains("<a href=\"#p1-prices_now\">prices_now</a>"))
            #expect(page.contains("id=\"p1-prices_now\""))
            for id in ["f-prohibited", "f-needs_assessment", "f-allowed_with_safeguards", "f-allowed"] {
                #expect(page.contains("<input type=\"checkbox\" id=\"\(id)\" checked>"))
            }
        }
    }

    @Test func userTextIsEscapedAndOnlyWebLinksAreLinks() throws {
        try withTemporaryFolder { folder in
            let plan = folder.appendingPathComponent("plan.wbp")
            write(read(miniPlan).replacingOccurrences(of: "title = \"Prijzen delen\"", with: "title = \"<script>alert(1)</script> & \\\"x\\\"\""), to: plan)
            let page = waarborg("check", plan.path, "--rules", miniRules, "--format", "html").output
            #expect(!page.contains("<script>"))
            #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;"))
            for match in page.components(separatedBy: "href=\"").dropFirst() {
                let target = match.prefix { $0 != "\"" }
                #expect(target.hasPrefix("#") || target.hasPrefix("https://") || target.hasPrefix("http://"), "\(target)")
            }
        }
    }

    @Test func severalPlansShareOnePageWithDistinctAnchors() {
        let page = waarborg("check", miniPlan, miniPlan, "--rules", miniRules, "--format", "html").output
        #expect(page.contains("id=\"p1-prices_now\"") && page.contains("id=\"p2-prices_now\""))
        #expect(page.components(separatedBy: "<article class=\"plan\"").count - 1 == 2)
        #expect(page == waarborg("check", miniPlan, miniPlan, "--rules", miniRules, "--format", "html").output, "same input, same bytes")
    }
}
