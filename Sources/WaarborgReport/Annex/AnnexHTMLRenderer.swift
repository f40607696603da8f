/// The annex as one self-contained HTML file: inline CSS, no scripts, no external
/// resources; landmarks (`header`, `main`, `footer`), headings in order (h1 title, h2
/// articles and sections, h3 activities), tables with captions and header cells, text
/// contrast of at least 7:1, hyphenation in the document's language, and print CSS for A4
/// with page numbers ("3 / 8") in the bottom margin.
public struct AnnexHTMLRenderer {
    public init() {}

    static let style = """
        :root { color-scheme: light; }
        body { font-family: Georgia, "Times New Roman", serif; font-size: 1.0625rem; line-height: 1.55; color: #1a1a1a; background: #ffffff; max-width: 48rem; margin: 2rem auto; padding: 0 1.25rem; hyphens: auto; }
        header { border-bottom: 3px solid #1f3a5f; margin-bottom: 1.5rem; padding-bottom: 0.75rem; }
        h1 { font-size: 1.75rem; line-height: 1.25; color: #1f3a5f; margin: 0 0 0.35rem; }
        .subtitle { font-size: 1.2rem; margin: 0; }
        .review { margin: 0.8rem 0 0; padding: 0.4rem 0.7rem; border-left: 4px solid #1f3a5f; background: #eef2f7; }
        h2 { font-size: 1.3rem; color: #1f3a5f; margin: 2.2rem 0 0.6rem; }
        h3 { font-size: 1.1rem; margin: 1.6rem 0 0.5rem; }
        .num { font-weight: bold; }
        h2 .num, h3 .num { display: inline-block; min-width: 2.6rem; }
        p { margin: 0 0 0.7rem; }
        p.clause { display: grid; grid-template-columns: 3.6rem 1fr; }
        ol.items { list-style: none; margin: 0 0 0.8rem 3.6rem; padding: 0; }
        ol.items li { display: grid; grid-template-columns: 2.2rem 1fr; margin-bottom: 0.4rem; }
        ul.sources { padding-left: 1.2rem; }
        ul.sources li { margin-bottom: 0.45rem; overflow-wrap: anywhere; }
        table { border-collapse: collapse; width: 100%; margin: 0.6rem 0 1.2rem; font-size: 0.95rem; }
        caption { text-align: left; font-weight: bold; padding-bottom: 0.3rem; }
        th, td { border: 1px solid #6b6b6b; padding: 0.35rem 0.5rem; text-align: left; vertical-align: top; }
        thead th { background: #e6ecf3; }
        tbody th { font-weight: normal; }
        table.signatures td, table.signatures tbody th { height: 3.6rem; }
        code { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 0.85em; background: #f1f3f5; padding: 0 0.2em; border-radius: 2px; }
        a { color: #0b4f8a; }
        a:focus { outline: 2px solid #0b4f8a; outline-offset: 2px; }
        sup.fn { line-height: 0; }
        section.footnotes { border-top: 1px solid #6b6b6b; margin-top: 2rem; font-size: 0.92rem; }
        section.footnotes h2 { font-size: 1.1rem; }
        footer { margin-top: 2.5rem; padding-top: 0.75rem; border-top: 1px solid #6b6b6b; font-size: 0.9rem; color: #3d3d3d; }
        @page { size: A4; margin: 2cm 2.2cm;
          @bottom-center { content: counter(page) " / " counter(pages); font: 9pt Georgia, "Times New Roman", serif; color: #3d3d3d; } }
        @media print {
          body { max-width: none; margin: 0; padding: 0; font-size: 11pt; }
          a { color: inherit; text-decoration: none; }
          h2, h3 { break-after: avoid; page-break-after: avoid; }
          p.clause, ol.items li, tr { break-inside: avoid; page-break-inside: avoid; }
          table.signatures { break-inside: avoid; page-break-inside: avoid; }
          thead { display: table-header-group; }
          a.back { display: none; }
        }
        """

    public func render(_ document: AnnexDocument) -> String {
        var out: [String] = []
        out.append("<!DOCTYPE html>")
        out.append("<html lang=\"\(document.language.rawValue)\">")
        out.append("<head>")
        out.append("<meta charset=\"utf-8\">")
        out.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        out.append("<title>\(escape(document.properties.title))</title>")
        out.append("<style>")
        out.append(Self.style)
        out.append("</style>")
        out.append("</head>")
        out.append("<body>")
        out.append("<header>")
        out.append("<h1>\(escape(document.title))</h1>")
        out.append("<p class=\"subtitle\">\(escape(document.subtitle))</p>")
        // The review note on the cover page, where it is read before anything is signed.
        out.append("<p class=\"review\">\(escape(document.footer))</p>")
        out.append("</header>")
        out.append("<main>")
        out += table(document.particulars, document: document)
        // Footnotes and the list of sources come before the signatures, so everything
        // the parties sign stands above their signatures.
        let signatures = document.body.firstIndex { if case .heading(let heading) = $0 { heading.anchor == "signatures" } else { false } }
        for (index, block) in document.body.enumerated() {
            if index == signatures { out += footnotes(document) }
            out += render(block, document: document)
        }
        if signatures == nil { out += footnotes(document) }
        out.append("</main>")
        out.append("<footer>")
        out.append("<p>Waarborg · \(escape(document.properties.title))</p>")
        out.append("</footer>")
        out.append("</body>")
        out.append("</html>")
        return out.joined(separator: "\n") + "\n"
    }

    func render(_ block: AnnexBlock, document: AnnexDocument) -> [String] {
        switch block {
        case .heading(let heading):
            let tag = "h\(heading.level + 1)"
            let number = heading.number.map { "<span class=\"num\">\(AnnexNumbering.heading($0))</span> " } ?? ""
            return ["<\(tag) id=\"\(heading.anchor)\">\(number)\(escape(heading.text))</\(tag)>"]
        case .paragraph(let text):
            return ["<p>\(inline(text, document: document))</p>"]
        case .clause(let number, let text):
            let label = AnnexNumbering.clause(number)
            return ["<p class=\"clause\" id=\"c-\(number.map(String.init).joined(separator: "-"))\"><span class=\"num\">\(label)</span> <span>\(inline(text, document: document))</span></p>"]
        case .items(let items):
            var lines = ["<ol class=\"items\">"]
            for (index, item) in items.enumerated() {
                lines.append("<li><span class=\"letter\">(\(AnnexNumbering.letter(index)))</span> <span>\(inline(item, document: document))</span></li>")
            }
            return lines + ["</ol>"]
        case .list(let items):
            return ["<ul class=\"sources\">"] + items.map { "<li>\(inline($0, document: document))</li>" } + ["</ul>"]
        case .table(let table):
            return self.table(table, document: document)
        }
    }

    func table(_ table: AnnexTable, document: AnnexDocument) -> [String] {
        var lines = ["<table\(table.kind == .signatures ? " class=\"signatures\"" : "")>", "<caption>\(escape(table.caption))</caption>"]
        let total = max(1, table.weights.reduce(0, +))
        lines.append("<colgroup>" + table.weights.map { "<col style=\"width: \($0 * 100 / total)%\">" }.joined() + "</colgroup>")
        lines.append("<thead><tr>" + table.header.map { "<th scope=\"col\">\(escape($0))</th>" }.joined() + "</tr></thead>")
        lines.append("<tbody>")
        for row in table.rows {
            var cells = ""
            for (index, cell) in row.enumerated() {
                if index == 0, table.rowHeaders {
                    cells += "<th scope=\"row\">\(inline(cell, document: document))</th>"
                } else {
                    cells += "<td>\(inline(cell, document: document))</td>"
                }
            }
            lines.append("<tr>\(cells)</tr>")
        }
        lines.append("</tbody>")
        lines.append("</table>")
        return lines
    }

    func footnotes(_ document: AnnexDocument) -> [String] {
        guard !document.footnotes.isEmpty else { return [] }
        var lines = ["<section class=\"footnotes\" aria-labelledby=\"notes\">", "<h2 id=\"notes\">\(escape(document.notesHeading))</h2>", "<ol>"]
        for (index, note) in document.footnotes.enumerated() {
            let number = index + 1
            lines.append(
                "<li id=\"fn-\(number)\">\(inline(note, document: document)) <a class=\"back\" href=\"#fnref-\(number)\" aria-label=\"\(escape(document.backToText))\">↩</a></li>")
        }
        return lines + ["</ol>", "</section>"]
    }

    func inline(_ text: AnnexText, document: AnnexDocument) -> String {
        text.spans.enumerated().map { index, span in
            switch span {
            case .text(let text): escape(text)
            case .emphasis(let text): "<em>\(escape(text))</em>"
            case .strong(let text): "<strong>\(escape(text))</strong>"
            case .code(let text): "<code>\(escape(text))</code>"
            case .footnote(let number):
                (text.followsFootnote(index) ? "<sup class=\"fn\">,</sup>" : "") + "<sup class=\"fn\"><a href=\"#fn-\(number)\" id=\"fnref-\(number)\" aria-label=\"\(escape(label(number, document)))\">\(number)</a></sup>"
            case .link(let url): "<a href=\"\(escape(url))\">\(escape(url))</a>"
            case .reference(let number, let anchor): "<a href=\"#\(escape(anchor))\">\(escape(number))</a>"
            }
        }.joined()
    }

    func label(_ number: Int, _ document: AnnexDocument) -> String {
        document.footnoteLabel.map { piece in
            switch piece {
            case .text(let text): text
            case .placeholder: String(number)
            }
        }.joined()
    }

    func escape(_ text: String) -> String { Markup.escape(text, apostrophe: "&#39;") }
}
