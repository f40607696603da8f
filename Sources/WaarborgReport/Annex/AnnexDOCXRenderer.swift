/// The annex as a Word document (WordprocessingML, ECMA-376): styles (Title, Subtitle,
/// Heading1, Heading2, Normal, clause and table styles), clause numbers from
/// `word/numbering.xml` (1., 1.1, 2.1.1 and lettered items), sources as real footnotes,
/// a page footer with page numbers, and document properties dated by the as-of date.
/// Packed by `ZIPArchive`, so the same document always gives the same bytes.
public struct AnnexDOCXRenderer {
    public init() {}

    static let wordNamespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    static let relationshipNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"

    /// A4 with margins of 2.5 cm: the text is 9070 twips (16 cm) wide.
    static let textWidth = 9070
    /// Where clause text starts, after its number (1.25 cm).
    static let clauseIndent = 709

    public func render(_ document: AnnexDocument) throws(ZIPArchive.Failure) -> [UInt8] {
        try ZIPArchive.archive(parts(document))
    }

    /// Every part of the package, by name.
    public func parts(_ document: AnnexDocument) -> [ZIPArchive.Entry] {
        var body = DOCXBody(document: document)
        let documentXML = body.documentXML()
        return [
            ZIPArchive.Entry(name: "[Content_Types].xml", text: DOCXParts.contentTypes),
            ZIPArchive.Entry(name: "_rels/.rels", text: DOCXParts.packageRelationships),
            ZIPArchive.Entry(name: "docProps/app.xml", text: DOCXParts.app),
            ZIPArchive.Entry(name: "docProps/core.xml", text: DOCXParts.core(document.properties, language: document.languageTag)),
            ZIPArchive.Entry(name: "word/_rels/document.xml.rels", text: body.relationshipsXML()),
            ZIPArchive.Entry(name: "word/document.xml", text: documentXML),
            ZIPArchive.Entry(name: "word/footer1.xml", text: body.footerXML()),
            ZIPArchive.Entry(name: "word/footnotes.xml", text: body.footnotesXML()),
            ZIPArchive.Entry(name: "word/numbering.xml", text: DOCXParts.numbering(letterLists: body.letterLists)),
            ZIPArchive.Entry(name: "word/settings.xml", text: DOCXParts.settings(language: document.languageTag)),
            ZIPArchive.Entry(name: "word/styles.xml", text: DOCXParts.styles(language: document.languageTag)),
        ]
    }
}

/// Writes `word/document.xml` and collects what other parts refer to: hyperlinks (with
/// their relationship ids) and the lettered lists (each its own `w:num`, restarting at a).
struct DOCXBody {
    let document: AnnexDocument
    /// Web addresses in order of first use; relationship id `rIdLink<N>`.
    var links: [String] = []
    /// How many lettered lists the document has; list K uses numId K + 1.
    var letterLists = 0
    /// Indentation of paragraphs and tables that follow a numbered article heading.
    var indent = 0
    /// How many bookmarks (numbered articles) the document has; ids 1…n.
    var bookmarks = 0

    init(document: AnnexDocument) {
        self.document = document
    }

    mutating func documentXML() -> String {
        var xml = AnnexDOCXRenderer.declaration
        xml += "<w:document xmlns:w=\"\(AnnexDOCXRenderer.wordNamespace)\" xmlns:r=\"\(AnnexDOCXRenderer.relationshipNamespace)\"><w:body>"
        xml += paragraph(style: "Title", runs: run(document.title))
        xml += paragraph(style: "Subtitle", runs: run(document.subtitle))
        // The review note on the cover page, where it is read before anything is signed.
        xml += paragraph(style: "ReviewNote", runs: run(document.footer))
        xml += table(document.particulars)
        for block in document.body {
            xml += self.block(block)
        }
        xml += "<w:sectPr><w:footerReference w:type=\"default\" r:id=\"rIdFooter\"/>"
        xml += "<w:footnotePr><w:numFmt w:val=\"decimal\"/></w:footnotePr>"
        xml += "<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"
        xml += "<w:pgMar w:top=\"1418\" w:right=\"1418\" w:bottom=\"1418\" w:left=\"1418\" w:header=\"709\" w:footer=\"709\" w:gutter=\"0\"/>"
        xml += "<w:cols w:space=\"708\"/></w:sectPr>"
        xml += "</w:body></w:document>"
        return xml
    }

    mutating func block(_ block: AnnexBlock) -> String {
        switch block {
        case .heading(let heading):
            indent = heading.level == 1 ? (heading.number == nil ? 0 : AnnexDOCXRenderer.clauseIndent) : indent
            let style = heading.level == 1 ? "Heading1" : "Heading2"
            // The heading styles carry the numbering; an unnumbered heading (the parties, the
            // signatures) turns it off with numId 0.
            let numbering = heading.number.map { (numId: 1, level: $0.count - 1) } ?? (numId: 0, level: 0)
            // Numbered articles carry a bookmark, the target of cross-references to them.
            guard heading.number != nil, heading.level == 1 else { return paragraph(style: style, numbering: numbering, runs: run(heading.text)) }
            bookmarks += 1
            let marked = "<w:bookmarkStart w:id=\"\(bookmarks)\" w:name=\"\(DOCXBody.bookmark(heading.anchor))\"/>" + run(heading.text) + "<w:bookmarkEnd w:id=\"\(bookmarks)\"/>"
            return paragraph(style: style, numbering: numbering, runs: marked)
        case .paragraph(let text):
            return paragraph(style: "BodyText", indent: indent, runs: runs(text))
        case .clause(let number, let text):
            return paragraph(style: "Clause", numbering: (numId: 1, level: number.count - 1), runs: runs(text))
        case .items(let items):
            letterLists += 1
            let numId = letterLists + 1
            return items.map { paragraph(style: "ClauseItem", numbering: (numId: numId, level: 0), runs: runs($0)) }.joined()
        case .list(let items):
            return items.map { paragraph(style: "SourceEntry", runs: runs($0)) }.joined()
        case .table(let table):
            return self.table(table)
        }
    }

    func paragraph(style: String, numbering: (numId: Int, level: Int)? = nil, indent: Int = 0, runs: String) -> String {
        var properties = "<w:pStyle w:val=\"\(style)\"/>"
        if let numbering {
            properties += "<w:numPr><w:ilvl w:val=\"\(numbering.level)\"/><w:numId w:val=\"\(numbering.numId)\"/></w:numPr>"
        }
        if indent > 0 { properties += "<w:ind w:left=\"\(indent)\"/>" }
        return "<w:p><w:pPr>\(properties)</w:pPr>\(runs)</w:p>"
    }

    func run(_ text: String, properties: String = "") -> String {
        guard !text.isEmpty else { return "" }
        let rPr = properties.isEmpty ? "" : "<w:rPr>\(properties)</w:rPr>"
        return "<w:r>\(rPr)<w:t xml:space=\"preserve\">\(DOCXParts.escape(text))</w:t></w:r>"
    }

    func rPr(_ properties: String) -> String { properties.isEmpty ? "" : "<w:rPr>\(properties)</w:rPr>" }

    /// The bookmark of a heading, from its anchor ("art-5" → "_RefArt5"): hidden in Word's
    /// list of bookmarks (a leading underscore), letters and digits only.
    static func bookmark(_ anchor: String) -> String {
        "_Ref" + anchor.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined().filter(\.isASCII)
    }

    mutating func runs(_ text: AnnexText, bold: Bool = false) -> String {
        let base = bold ? "<w:b/><w:bCs/>" : ""
        var xml = ""
        for (index, span) in text.spans.enumerated() {
            switch span {
            case .text(let text): xml += run(text, properties: base)
            case .emphasis(let text): xml += run(text, properties: base + "<w:i/><w:iCs/>")
            case .strong(let text): xml += run(text, properties: "<w:b/><w:bCs/>")
            case .code(let text): xml += run(text, properties: "<w:rStyle w:val=\"PlanReference\"/>" + base)
            case .footnote(let number):
                if text.followsFootnote(index) { xml += run(",", properties: "<w:rStyle w:val=\"FootnoteReference\"/>") }
                xml += "<w:r><w:rPr><w:rStyle w:val=\"FootnoteReference\"/></w:rPr><w:footnoteReference w:id=\"\(number)\"/></w:r>"
            case .link(let url):
                if !links.contains(url) { links.append(url) }
                let id = links.firstIndex(of: url)! + 1
                xml += "<w:hyperlink r:id=\"rIdLink\(id)\" w:history=\"1\">" + run(url, properties: "<w:rStyle w:val=\"Hyperlink\"/>") + "</w:hyperlink>"
            case .reference(let number, let anchor):
                // REF with \n: the heading's number without its trailing period ("5", not
                // "5."); \h: a link to it. The cached result is the number as generated.
                xml += "<w:r>\(rPr(base))<w:fldChar w:fldCharType=\"begin\"/></w:r>"
                xml += "<w:r>\(rPr(base))<w:instrText xml:space=\"preserve\"> REF \(DOCXBody.bookmark(anchor)) \\n \\h </w:instrText></w:r>"
                xml += "<w:r>\(rPr(base))<w:fldChar w:fldCharType=\"separate\"/></w:r>"
                xml += run(number, properties: base)
                xml += "<w:r>\(rPr(base))<w:fldChar w:fldCharType=\"end\"/></w:r>"
            }
        }
        return xml
    }

    mutating func table(_ table: AnnexTable) -> String {
        let width = AnnexDOCXRenderer.textWidth - indent
        let total = max(1, table.weights.reduce(0, +))
        var widths = table.weights.map { $0 * width / total }
        if let last = widths.indices.last { widths[last] += width - widths.reduce(0, +) }
        var xml = "<w:tbl><w:tblPr><w:tblW w:w=\"\(width)\" w:type=\"dxa\"/>"
        if indent > 0 { xml += "<w:tblInd w:w=\"\(indent)\" w:type=\"dxa\"/>" }
        xml += "<w:tblBorders>"
        for edge in ["top", "left", "bottom", "right", "insideH", "insideV"] {
            xml += "<w:\(edge) w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"6B6B6B\"/>"
        }
        xml += "</w:tblBorders><w:tblLayout w:type=\"fixed\"/>"
        xml += "<w:tblCellMar><w:top w:w=\"57\" w:type=\"dxa\"/><w:left w:w=\"85\" w:type=\"dxa\"/><w:bottom w:w=\"57\" w:type=\"dxa\"/><w:right w:w=\"85\" w:type=\"dxa\"/></w:tblCellMar>"
        xml += "<w:tblCaption w:val=\"\(DOCXParts.escape(table.caption))\"/>"
        xml += "</w:tblPr><w:tblGrid>" + widths.map { "<w:gridCol w:w=\"\($0)\"/>" }.joined() + "</w:tblGrid>"
        // The header row repeats on every page and never splits.
        xml += "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"
        for (index, header) in table.header.enumerated() {
            xml += cell(width: widths[index], shaded: true, content: run(header, properties: "<w:b/><w:bCs/>"))
        }
        xml += "</w:tr>"
        for row in table.rows {
            xml += "<w:tr><w:trPr><w:cantSplit/>"
            if table.kind == .signatures { xml += "<w:trHeight w:val=\"1080\" w:hRule=\"atLeast\"/>" }
            xml += "</w:trPr>"
            for (index, value) in row.enumerated() where index < widths.count {
                xml += cell(width: widths[index], shaded: false, content: runs(value))
            }
            xml += "</w:tr>"
        }
        xml += "</w:tbl>"
        // A table directly followed by another table would merge with it; an empty
        // paragraph also gives the space after the table.
        xml += "<w:p><w:pPr><w:pStyle w:val=\"TableSpacer\"/></w:pPr></w:p>"
        return xml
    }

    func cell(width: Int, shaded: Bool, content: String) -> String {
        var xml = "<w:tc><w:tcPr><w:tcW w:w=\"\(width)\" w:type=\"dxa\"/>"
        if shaded { xml += "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"E6ECF3\"/>" }
        xml += "</w:tcPr><w:p><w:pPr><w:pStyle w:val=\"TableText\"/></w:pPr>\(content)</w:p></w:tc>"
        return xml
    }

    mutating func footnotesXML() -> String {
        var xml = AnnexDOCXRenderer.declaration
        xml += "<w:footnotes xmlns:w=\"\(AnnexDOCXRenderer.wordNamespace)\" xmlns:r=\"\(AnnexDOCXRenderer.relationshipNamespace)\">"
        xml += "<w:footnote w:type=\"separator\" w:id=\"-1\"><w:p><w:pPr><w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>"
        xml += "<w:footnote w:type=\"continuationSeparator\" w:id=\"0\"><w:p><w:pPr><w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>"
        for (index, note) in document.footnotes.enumerated() {
            xml += "<w:footnote w:id=\"\(index + 1)\"><w:p><w:pPr><w:pStyle w:val=\"FootnoteText\"/></w:pPr>"
            xml += "<w:r><w:rPr><w:rStyle w:val=\"FootnoteReference\"/></w:rPr><w:footnoteRef/></w:r>"
            xml += run(" ") + runs(note) + "</w:p></w:footnote>"
        }
        return xml + "</w:footnotes>"
    }

    func footerXML() -> String {
        var xml = AnnexDOCXRenderer.declaration
        xml += "<w:ftr xmlns:w=\"\(AnnexDOCXRenderer.wordNamespace)\" xmlns:r=\"\(AnnexDOCXRenderer.relationshipNamespace)\">"
        xml += "<w:p><w:pPr><w:pStyle w:val=\"Footer\"/></w:pPr>"
        xml += run(document.title + " — " + document.properties.subject)
        xml += "<w:r><w:tab/></w:r>"
        for piece in document.pageNumber {
            switch piece {
            case .text(let text): xml += run(text)
            case .placeholder(let name):
                let field = name == "pages" ? "NUMPAGES" : "PAGE"
                xml += "<w:fldSimple w:instr=\" \(field) \"><w:r><w:t>1</w:t></w:r></w:fldSimple>"
            }
        }
        return xml + "</w:p></w:ftr>"
    }

    func relationshipsXML() -> String {
        var xml = AnnexDOCXRenderer.declaration
        xml += "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        let office = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
        for (id, type, target) in [
            ("rIdStyles", "styles", "styles.xml"), ("rIdNumbering", "numbering", "numbering.xml"),
            ("rIdFootnotes", "footnotes", "footnotes.xml"), ("rIdSettings", "settings", "settings.xml"),
            ("rIdFooter", "footer", "footer1.xml"),
        ] {
            xml += "<Relationship Id=\"\(id)\" Type=\"\(office)\(type)\" Target=\"\(target)\"/>"
        }
        for (index, url) in links.enumerated() {
            xml += "<Relationship Id=\"rIdLink\(index + 1)\" Type=\"\(office)hyperlink\" Target=\"\(DOCXParts.escape(url))\" TargetMode=\"External\"/>"
        }
        return xml + "</Relationships>"
    }
}
