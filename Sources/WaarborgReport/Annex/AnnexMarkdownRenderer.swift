import Foundation

/// The annex as GitHub-flavoured Markdown: one paragraph per clause, so a change of
/// wording shows as a one-line diff in a pull request; numbers written out, so they match
/// the Word document; sources as footnotes.
public struct AnnexMarkdownRenderer {
    /// Levels added to every heading: inside an agreement draft the annex stands under the
    /// draft's own heading ("## Bijlage 1"), so its title becomes `###`. Markdown stops at `######`.
    let headingOffset: Int

    public init(headingOffset: Int = 0) {
        self.headingOffset = max(0, min(headingOffset, 3))
    }

    func heading(_ level: Int) -> String { String(repeating: "#", count: min(6, level + headingOffset)) }

    public func render(_ document: AnnexDocument) -> String {
        var out: [String] = []
        out.append(heading(1) + " " + escape(document.title))
        out.append("")
        out.append("**" + escape(document.subtitle) + "**")
        out.append("")
        // The review note on the cover page, where it is read before anything is signed.
        out.append("> " + escape(document.footer))
        out.append("")
        out += table(document.particulars)
        for block in document.body {
            out.append("")
            switch block {
            case .heading(let heading):
                let number = heading.number.map { AnnexNumbering.heading($0) + " " } ?? ""
                out.append(self.heading(heading.level + 1) + " " + number + escape(heading.text))
            case .paragraph(let text):
                out.append(startOfLine(inline(text)))
            case .clause(let number, let text):
                out.append("**" + AnnexNumbering.clause(number) + "** " + inline(text))
            case .items(let items):
                out += items.enumerated().map { "- (" + AnnexNumbering.letter($0.offset) + ") " + inline($0.element) }
            case .list(let items):
                out += items.map { "- " + inline($0) }
            case .table(let table):
                out += self.table(table)
            }
        }
        if !document.footnotes.isEmpty {
            out.append("")
            for (index, note) in document.footnotes.enumerated() {
                out.append("[^\(Self.footnoteLabel(index + 1))]: " + inline(note))
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// Footnote labels carry a prefix: the annex may sit inside an agreement draft whose own
    /// footnotes are `[^1]`, `[^2]`, …; Markdown viewers number them in order either way.
    static func footnoteLabel(_ number: Int) -> String { "wb-\(number)" }

    func table(_ table: AnnexTable) -> [String] {
        var lines = ["| " + table.header.map(escape).joined(separator: " | ") + " |"]
        lines.append("|" + String(repeating: "---|", count: table.header.count))
        for row in table.rows {
            let cells = row.map { cell in cell.isEmpty ? " " : inline(cell) }
            lines.append("| " + cells.joined(separator: " | ") + " |")
        }
        return lines
    }

    func inline(_ text: AnnexText) -> String {
        text.spans.enumerated().map { index, span in
            switch span {
            case .text(let text): escape(text)
            case .emphasis(let text): "*" + escape(text) + "*"
            case .strong(let text): "**" + escape(text) + "**"
            case .code(let text): code(text)
            // Adjacent references are separated, so that ¹ ² never reads as 12.
            case .footnote(let number): (text.followsFootnote(index) ? "," : "") + "[^\(Self.footnoteLabel(number))]"
            case .link(let url): "<" + url.replacingOccurrences(of: ">", with: "%3E").replacingOccurrences(of: " ", with: "%20") + ">"
            // Markdown viewers make their own heading anchors: the number stays plain text.
            case .reference(let number, _): escape(number)
            }
        }.joined()
    }

    func code(_ text: String) -> String {
        text.contains("`") ? "`` " + text + " ``" : "`" + text + "`"
    }

    /// Backslash-escapes what Markdown would read as markup inside running text.
    func escape(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "\\", "`", "*", "_", "[", "]", "<", ">", "|": result += "\\" + String(character)
            case "\n": result += " "
            default: result.append(character)
            }
        }
        return result
    }

    /// A paragraph must not start like a heading, list item, quote or numbered item.
    func startOfLine(_ line: String) -> String {
        guard let first = line.first else { return line }
        if "#+-=".contains(first) { return "\\" + line }
        let digits = line.prefix { $0.isNumber }
        if !digits.isEmpty, let next = line.dropFirst(digits.count).first, next == "." || next == ")" {
            return digits + "\\" + line.dropFirst(digits.count)
        }
        return line
    }
}
