import WaarborgSyntax

/// The fixed parts of the annex's Word package: content types, relationships, document
/// properties, settings, styles and numbering definitions. Layout only; every word of the
/// document comes from the `AnnexDocument`.
enum DOCXParts {
    static let declaration = AnnexDOCXRenderer.declaration
    static let w = AnnexDOCXRenderer.wordNamespace

    static let contentTypes = declaration + """
        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
        <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
        <Default Extension="xml" ContentType="application/xml"/>\
        <Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>\
        <Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>\
        <Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>\
        <Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>\
        <Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>\
        <Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>\
        <Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>\
        <Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>\
        </Types>
        """

    static let packageRelationships = declaration + """
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>\
        <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>\
        <Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>\
        </Relationships>
        """

    static let app = declaration + """
        <Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" \
        xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">\
        <Application>Waarborg</Application><DocSecurity>0</DocSecurity>\
        </Properties>
        """

    /// Created and modified on the as-of date at midnight UTC: fixed by the evaluation,
    /// so two runs give the same bytes.
    static func core(_ properties: AnnexProperties, language: String) -> String {
        let date = properties.date.description + "T00:00:00Z"
        return declaration + """
            <cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" \
            xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" \
            xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\
            <dc:title>\(escape(properties.title))</dc:title>\
            <dc:subject>\(escape(properties.subject))</dc:subject>\
            <dc:creator>Waarborg</dc:creator>\
            <cp:keywords>\(escape(properties.keywords))</cp:keywords>\
            <dc:language>\(language)</dc:language>\
            <dcterms:created xsi:type="dcterms:W3CDTF">\(date)</dcterms:created>\
            <dcterms:modified xsi:type="dcterms:W3CDTF">\(date)</dcterms:modified>\
            </cp:coreProperties>
            """
    }

    static func settings(language: String) -> String {
        declaration + """
            <w:settings xmlns:w="\(w)">\
            <w:zoom w:percent="100"/>\
            <w:defaultTabStop w:val="709"/>\
            <w:autoHyphenation/>\
            <w:characterSpacingControl w:val="doNotCompress"/>\
            <w:footnotePr><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>\
            <w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>\
            <w:themeFontLang w:val="\(language)"/>\
            <w:decimalSymbol w:val="\(language.hasPrefix("nl") ? "," : ".")"/>\
            <w:listSeparator w:val=";"/>\
            </w:settings>
            """
    }

    /// Numbering: list 1 numbers articles (1.), activities and clauses (2.1), and clauses
    /// of activities (2.1.1), each level restarting under the one above; every lettered
    /// list ((a), (b), …) is its own `w:num` on abstract list 1, starting again at a.
    static func numbering(letterLists: Int) -> String {
        var xml = declaration + "<w:numbering xmlns:w=\"\(w)\">"
        xml += "<w:abstractNum w:abstractNumId=\"0\"><w:multiLevelType w:val=\"multilevel\"/>"
        for level in 0..<9 {
            let text = level == 0 ? "%1." : (1...(level + 1)).map { "%\($0)" }.joined(separator: ".")
            let bold = level > 0 ? "<w:rPr><w:b/><w:bCs/></w:rPr>" : ""
            // Articles and activities are the Heading 1 and Heading 2 levels: Word's outline,
            // its "Numbering" button and a new heading typed by the lawyer number on their own.
            let linked = level == 0 ? "<w:pStyle w:val=\"Heading1\"/>" : level == 1 ? "<w:pStyle w:val=\"Heading2\"/>" : ""
            xml += "<w:lvl w:ilvl=\"\(level)\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/>\(linked)<w:lvlText w:val=\"\(text)\"/>"
            xml += "<w:lvlJc w:val=\"left\"/><w:pPr><w:tabs><w:tab w:val=\"num\" w:pos=\"709\"/></w:tabs><w:ind w:left=\"709\" w:hanging=\"709\"/></w:pPr>\(bold)</w:lvl>"
        }
        xml += "</w:abstractNum>"
        xml += "<w:abstractNum w:abstractNumId=\"1\"><w:multiLevelType w:val=\"singleLevel\"/>"
        xml += "<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"lowerLetter\"/><w:lvlText w:val=\"(%1)\"/><w:lvlJc w:val=\"left\"/>"
        xml += "<w:pPr><w:tabs><w:tab w:val=\"num\" w:pos=\"1276\"/></w:tabs><w:ind w:left=\"1276\" w:hanging=\"567\"/></w:pPr></w:lvl>"
        xml += "</w:abstractNum>"
        xml += "<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>"
        for list in 0..<letterLists {
            xml += "<w:num w:numId=\"\(list + 2)\"><w:abstractNumId w:val=\"1\"/><w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"1\"/></w:lvlOverride></w:num>"
        }
        return xml + "</w:numbering>"
    }

    static func styles(language: String) -> String {
        let heading = "1F3A5F"
        var xml = declaration + "<w:styles xmlns:w=\"\(w)\">"
        xml += "<w:docDefaults><w:rPrDefault><w:rPr>"
        xml += "<w:rFonts w:ascii=\"Calibri\" w:hAnsi=\"Calibri\" w:eastAsia=\"Calibri\" w:cs=\"Calibri\"/>"
        xml += "<w:sz w:val=\"22\"/><w:szCs w:val=\"22\"/><w:lang w:val=\"\(language)\" w:eastAsia=\"en-US\" w:bidi=\"ar-SA\"/>"
        xml += "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after=\"120\" w:line=\"276\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault></w:docDefaults>"
        func style(
            _ type: String, _ id: String, _ name: String, basedOn: String? = nil, next: String? = nil, isDefault: Bool = false,
            quick: Bool = false, pPr: String = "", rPr: String = ""
        ) -> String {
            var style = "<w:style w:type=\"\(type)\"\(isDefault ? " w:default=\"1\"" : "") w:styleId=\"\(id)\"><w:name w:val=\"\(name)\"/>"
            if let basedOn { style += "<w:basedOn w:val=\"\(basedOn)\"/>" }
            if let next { style += "<w:next w:val=\"\(next)\"/>" }
            if quick { style += "<w:qFormat/>" }
            if !pPr.isEmpty { style += "<w:pPr>\(pPr)</w:pPr>" }
            if !rPr.isEmpty { style += "<w:rPr>\(rPr)</w:rPr>" }
            return style + "</w:style>"
        }
        xml += style("paragraph", "Normal", "Normal", isDefault: true, quick: true)
        xml += style("character", "DefaultParagraphFont", "Default Paragraph Font", isDefault: true)
        xml += style(
            "paragraph", "Title", "Title", basedOn: "Normal", next: "Subtitle", quick: true,
            pPr: "<w:keepNext/><w:spacing w:after=\"80\" w:line=\"240\" w:lineRule=\"auto\"/>",
            rPr: "<w:b/><w:bCs/><w:color w:val=\"\(heading)\"/><w:kern w:val=\"28\"/><w:sz w:val=\"40\"/><w:szCs w:val=\"40\"/>")
        xml += style(
            "paragraph", "Subtitle", "Subtitle", basedOn: "Normal", next: "Normal", quick: true,
            pPr: "<w:pBdr><w:bottom w:val=\"single\" w:sz=\"12\" w:space=\"6\" w:color=\"\(heading)\"/></w:pBdr><w:spacing w:after=\"360\"/>",
            rPr: "<w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/>")
        xml += style(
            "paragraph", "Heading1", "heading 1", basedOn: "Normal", next: "Normal", quick: true,
            pPr: "<w:keepNext/><w:keepLines/><w:numPr><w:numId w:val=\"1\"/></w:numPr><w:spacing w:before=\"360\" w:after=\"120\"/><w:outlineLvl w:val=\"0\"/>",
            rPr: "<w:b/><w:bCs/><w:color w:val=\"\(heading)\"/><w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/>")
        xml += style(
            "paragraph", "Heading2", "heading 2", basedOn: "Normal", next: "Normal", quick: true,
            pPr: "<w:keepNext/><w:keepLines/><w:numPr><w:ilvl w:val=\"1\"/><w:numId w:val=\"1\"/></w:numPr><w:spacing w:before=\"240\" w:after=\"80\"/><w:outlineLvl w:val=\"1\"/>",
            rPr: "<w:b/><w:bCs/><w:sz w:val=\"24\"/><w:szCs w:val=\"24\"/>")
        xml += style("paragraph", "BodyText", "Body Text", basedOn: "Normal", quick: true, pPr: "<w:jc w:val=\"both\"/>")
        xml += style("paragraph", "Clause", "Clause", basedOn: "Normal", quick: true, pPr: "<w:jc w:val=\"both\"/>")
        xml += style("paragraph", "ClauseItem", "Clause Item", basedOn: "Clause", pPr: "<w:spacing w:after=\"80\"/>")
        xml += style(
            "paragraph", "TableText", "Table Text", basedOn: "Normal",
            pPr: "<w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/>", rPr: "<w:sz w:val=\"20\"/><w:szCs w:val=\"20\"/>")
        xml += style(
            "paragraph", "TableSpacer", "Table Spacer", basedOn: "Normal",
            pPr: "<w:spacing w:after=\"120\" w:line=\"120\" w:lineRule=\"exact\"/>", rPr: "<w:sz w:val=\"12\"/><w:szCs w:val=\"12\"/>")
        xml += style(
            "paragraph", "SourceEntry", "Source Entry", basedOn: "Normal",
            pPr: "<w:spacing w:after=\"80\" w:line=\"252\" w:lineRule=\"auto\"/><w:ind w:left=\"425\" w:hanging=\"425\"/>",
            rPr: "<w:sz w:val=\"20\"/><w:szCs w:val=\"20\"/>")
        xml += style(
            "paragraph", "ReviewNote", "Review Note", basedOn: "Normal",
            pPr: "<w:pBdr><w:left w:val=\"single\" w:sz=\"24\" w:space=\"8\" w:color=\"1F3A5F\"/></w:pBdr><w:spacing w:before=\"240\" w:after=\"360\"/><w:ind w:left=\"170\"/>",
            rPr: "<w:i/><w:iCs/><w:color w:val=\"1A1A1A\"/>")
        xml += style(
            "paragraph", "FootnoteText", "footnote text", basedOn: "Normal",
            pPr: "<w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/>", rPr: "<w:sz w:val=\"18\"/><w:szCs w:val=\"18\"/>")
        xml += style("character", "FootnoteReference", "footnote reference", rPr: "<w:vertAlign w:val=\"superscript\"/>")
        xml += style(
            "paragraph", "Footer", "footer", basedOn: "Normal",
            pPr: "<w:tabs><w:tab w:val=\"right\" w:pos=\"9070\"/></w:tabs><w:spacing w:after=\"0\"/>",
            rPr: "<w:color w:val=\"3D3D3D\"/><w:sz w:val=\"16\"/><w:szCs w:val=\"16\"/>")
        xml += style("character", "Hyperlink", "Hyperlink", rPr: "<w:color w:val=\"0B4F8A\"/><w:u w:val=\"single\"/>")
        xml += style(
            "character", "PlanReference", "Plan Reference",
            rPr: "<w:rFonts w:ascii=\"Consolas\" w:hAnsi=\"Consolas\" w:cs=\"Consolas\"/><w:sz w:val=\"19\"/><w:szCs w:val=\"19\"/>")
        return xml + "</w:styles>"
    }

    /// Text for XML: the five markup characters escaped, line breaks as spaces, and
    /// characters XML 1.0 forbids left out.
    static func escape(_ text: String) -> String { Markup.escape(text, lineBreaksAsSpaces: true) }
}
