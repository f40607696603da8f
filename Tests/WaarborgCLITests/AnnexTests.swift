import Foundation
import Testing
import WaarborgReport
#if canImport(FoundationXML)
import FoundationXML
#endif

/// `waarborg annex`: golden files of the Markdown and HTML of every example, the structure
/// of the Word document (ZIP entries, content types, every XML part well-formed,
/// footnotes, numbering, relationships), determinism, options, and the diagnostics for
/// missing annex texts.
@Suite struct AnnexTests {
    /// The frozen fixture plans and rules (see `GoldenTests`): these tests check the annex's
    /// format, which a change of the live rules must not disturb.
    static let examples = GoldenTests.fixtures
    static let zorghub = "\(GoldenTests.fixturePlans)/zorghub-noord.wbp"
    static let rules = GoldenTests.fixtureRules

    /// The first group of every match of `pattern` in `text`.
    func captures(_ pattern: String, in text: String) -> [String] {
        guard let regex = try? Regex(pattern) else {
            Issue.record("bad pattern \(pattern)")
            return []
        }
        return text.matches(of: regex).compactMap { match in match.output.count > 1 ? match.output[1].substring.map(String.init) : nil }
    }

    // MARK: Golden files

    @Test(arguments: examples)
    func markdownInBothLanguagesAndHTML(_ example: String) {
        let stem = GoldenTests.stem(example)
        for language in ["nl", "en"] {
            let run = GoldenTests.fixture("annex", example, "--format", "md", "--lang", language)
            #expect(run.code == 0, "\(run.errors)")
            GoldenTests.compare(run.output, golden: "\(stem).annex.\(language).md")
        }
        let html = GoldenTests.fixture("annex", example, "--format", "html", "--lang", "nl")
        #expect(html.code == 0, "\(html.errors)")
        GoldenTests.compare(html.output, golden: "\(stem).annex.nl.html")
    }

    /// Every activity of the plan appears in the annex under its id, once cleared, pending,
    /// excluded or waived; every footnote reference has its note.
    @Test(arguments: examples)
    func everyActivityAndFootnoteIsThere(_ example: String) throws {
        let markdown = GoldenTests.fixture("annex", example, "--lang", "en").output
        let check = GoldenTests.fixture("check", example, "--format", "json", "--lang", "en").output
        let object = try #require(reportDocument(check))
        for activity in (object["activities"] as? [[String: Any]]) ?? [] {
            let id = try #require(activity["id"] as? String)
            #expect(markdown.contains("(in the plan: `\(id)`)"), "\(id) is missing from the annex")
        }
        let references = Set(captures(#"\[\^([0-9]+)\](?!:)"#, in: markdown))
        let notes = Set(captures(#"\n\[\^([0-9]+)\]: "#, in: markdown))
        #expect(references == notes)
    }

    /// A remedy that needs a change of the activity and safeguards is one clause naming all
    /// its parts: no clause of the activity offers its safeguards alone (which would read as
    /// if they lifted the verdict without the change). Every example's JSON remedies are the
    /// reference; the fixtures hold at least one such remedy.
    @Test func aRemedyOfSeveralPartsIsOneClause() throws {
        var combined = 0
        for example in Self.examples {
            let check = GoldenTests.fixture("check", example, "--format", "json", "--lang", "en").output
            let markdown = GoldenTests.fixture("annex", example, "--format", "md", "--lang", "en").output
            let object = try #require(reportDocument(check))
            for activity in (object["activities"] as? [[String: Any]]) ?? [] {
                let id = try #require(activity["id"] as? String)
                let remedies = (activity["remedies"] as? [[String: Any]]) ?? []
                let several = remedies.filter {
                    !(($0["add_safeguards"] as? [String]) ?? []).isEmpty && !(($0["change_facts"] as? [[String: Any]]) ?? []).isEmpty
                }
                guard !several.isEmpty else { continue }
                let safeguardsOnly = remedies.filter { (($0["change_facts"] as? [[String: Any]]) ?? []).isEmpty }.count
                // The activity's section: from its "(in the plan: `id`)" to the next activity heading.
                let start = try #require(markdown.range(of: "(in the plan: `\(id)`)"))
                let rest = markdown[start.upperBound...]
                let section = rest.range(of: "\n##").map { rest[..<$0.lowerBound] } ?? rest
                let clauses = section.split(separator: "\n").filter { $0.hasPrefix("**") }
                for remedy in several {
                    combined += 1
                    let changes = ((remedy["change_facts"] as? [[String: Any]]) ?? []).compactMap { $0["text"] as? String }
                    let holding = clauses.filter { clause in changes.allSatisfy { clause.contains($0) } }
                    #expect(holding.count == 1, "\(example) \(id): one clause names the changes \(changes)")
                    #expect(holding.first?.contains("the following additional safeguards are added") == true, "\(example) \(id): that clause also names the safeguards")
                    #expect(holding.first?.contains("The safeguards alone do not suffice.") == true)
                }
                let offered = clauses.filter { $0.contains("With the following additional safeguards the assessment would be") }
                #expect(offered.count == safeguardsOnly, "\(example) \(id): only remedies of safeguards alone offer safeguards alone")
            }
        }
        #expect(combined > 0, "the fixtures hold a remedy of a change and safeguards")
    }

    @Test func htmlIsSelfContainedAccessibleAndPrintable() throws {
        let html = waarborg("annex", Self.zorghub, "--rules", Self.rules, "--format", "html", "--lang", "en").output
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
        for landmark in ["<header>", "</header>", "<main>", "</main>", "<footer>", "</footer>", "<title>"] {
            #expect(html.contains(landmark), "\(landmark)")
        }
        // No scripts and nothing loaded from elsewhere: the only addresses are the sources' links.
        #expect(!html.contains("<script"))
        #expect(!html.contains("<link"))
        #expect(!html.contains(" src="))
        #expect(!html.contains("@import"))
        #expect(!html.contains("url("))
        #expect(html.contains("@media print"))
        #expect(html.contains("@page"))
        // Headings: one h1, and never a level skipped.
        let levels = captures(#"<h([1-6])[ >]"#, in: html).compactMap { Int($0) }
        #expect(levels.first == 1)
        #expect(levels.filter { $0 == 1 }.count == 1)
        for (previous, next) in zip(levels, levels.dropFirst()) {
            #expect(next <= previous + 1, "heading h\(next) after h\(previous)")
        }
        // Every table has a caption and column headers.
        let tables = html.components(separatedBy: "<table").count - 1
        #expect(tables >= 4)
        #expect(html.components(separatedBy: "<caption>").count - 1 == tables)
        #expect(html.components(separatedBy: "<thead><tr><th scope=\"col\">").count - 1 == tables)
        // Footnote references link to their notes and back.
        #expect(html.contains("<a href=\"#fn-1\" id=\"fnref-1\" aria-label=\"footnote 1\">1</a>"))
        #expect(html.contains("<li id=\"fn-1\">"))
    }

    // MARK: The Word document

    static let docxParts = [
        "[Content_Types].xml", "_rels/.rels", "docProps/app.xml", "docProps/core.xml", "word/_rels/document.xml.rels",
        "word/document.xml", "word/footer1.xml", "word/footnotes.xml", "word/numbering.xml", "word/settings.xml",
        "word/styles.xml",
    ]

    func docx(_ plan: String, _ extra: [String] = [], in folder: URL) throws -> (bytes: [UInt8], parts: [String: String]) {
        let output = folder.appendingPathComponent("annex.docx").path
        let run = waarborg(["annex", plan, "--rules", Self.rules, "--format", "docx", "--output", output] + extra)
        #expect(run.code == 0, "\(run.errors)")
        #expect(run.output.isEmpty)
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: output)))
        let entries = try ZIPArchive.entries(of: bytes)
        var parts: [String: String] = [:]
        for entry in entries { parts[entry.name] = String(decoding: entry.bytes, as: UTF8.self) }
        #expect(entries.map(\.name) == Self.docxParts, "entries, sorted, [Content_Types].xml first")
        return (bytes, parts)
    }

    func xml(_ text: String?) throws -> XMLDocument {
        try XMLDocument(data: Data((text ?? "").utf8))
    }

    /// An attribute's value (FoundationXML's `attribute(forName:)` misses them on Linux
    /// when the element has a default namespace).
    func attribute(_ name: String, of element: XMLElement) -> String? {
        element.attributes?.first { ($0.localName ?? $0.name) == name }?.stringValue
    }

    /// Every element with this local name, in document order.
    func elements(_ localName: String, in document: XMLDocument) -> [XMLElement] {
        var found: [XMLElement] = []
        func walk(_ node: XMLNode) {
            if let element = node as? XMLElement, (element.localName ?? element.name) == localName { found.append(element) }
            for child in node.children ?? [] { walk(child) }
        }
        if let root = document.rootElement() { walk(root) }
        return found
    }

    @Test(arguments: examples)
    func docxIsAWellFormedWordPackage(_ example: String) throws {
        try withTemporaryFolder { folder in
            let (bytes, parts) = try docx("\(GoldenTests.fixturePlans)/\(example)", in: folder)
            #expect(Array(bytes.prefix(4)) == [0x50, 0x4B, 0x03, 0x04])
            // Every part parses with FoundationXML.
            for (name, text) in parts {
                do { _ = try xml(text) } catch { Issue.record("\(name) is not well-formed XML: \(error)") }
            }
            // Content types: the defaults, and an override with the right type for every part.
            let types = try xml(parts["[Content_Types].xml"])
            let overrides = elements("Override", in: types)
            var byPart: [String: String] = [:]
            for element in overrides {
                byPart[attribute("PartName", of: element) ?? ""] = attribute("ContentType", of: element)
            }
            let wordprocessing = "application/vnd.openxmlformats-officedocument.wordprocessingml."
            #expect(byPart["/word/document.xml"] == wordprocessing + "document.main+xml")
            #expect(byPart["/word/styles.xml"] == wordprocessing + "styles+xml")
            #expect(byPart["/word/numbering.xml"] == wordprocessing + "numbering+xml")
            #expect(byPart["/word/footnotes.xml"] == wordprocessing + "footnotes+xml")
            #expect(byPart["/word/settings.xml"] == wordprocessing + "settings+xml")
            #expect(byPart["/word/footer1.xml"] == wordprocessing + "footer+xml")
            #expect(byPart["/docProps/core.xml"] == "application/vnd.openxmlformats-package.core-properties+xml")
            #expect(byPart["/docProps/app.xml"] == "application/vnd.openxmlformats-officedocument.extended-properties+xml")
            for part in Self.docxParts where !part.hasSuffix(".rels") && part != "[Content_Types].xml" {
                #expect(byPart["/" + part] != nil, "\(part) has a content type")
            }
            #expect(parts["[Content_Types].xml"]!.contains("<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"))

            // Relationships point at parts that exist (or, for links, outside the package).
            let packageRelationships = elements("Relationship", in: try xml(parts["_rels/.rels"]))
            #expect(Set(packageRelationships.compactMap { attribute("Target", of: $0) }) == ["word/document.xml", "docProps/core.xml", "docProps/app.xml"])
            let documentRelationships = elements("Relationship", in: try xml(parts["word/_rels/document.xml.rels"]))
            var relationshipIDs = Set<String>()
            for relationship in documentRelationships {
                relationshipIDs.insert(attribute("Id", of: relationship) ?? "")
                let target = attribute("Target", of: relationship) ?? ""
                if attribute("TargetMode", of: relationship) == "External" {
                    #expect(target.hasPrefix("https://") || target.hasPrefix("http://"))
                } else {
                    #expect(parts["word/" + target] != nil, "word/\(target) exists")
                }
            }
            let document = parts["word/document.xml"]!
            for id in captures(#"r:id="([^"]+)""#, in: document) {
                #expect(relationshipIDs.contains(id), "relationship \(id)")
            }

            // The text: the plan's name and every activity id.
            let check = GoldenTests.fixture("check", example, "--format", "json").output
            let report = try #require(reportDocument(check))
            let text = try xml(document).rootElement()?.stringValue ?? ""
            #expect(text.contains(try #require(report["plan"] as? [String: Any])["name"] as? String ?? "?"))
            for activity in (report["activities"] as? [[String: Any]]) ?? [] {
                #expect(text.contains(activity["id"] as? String ?? "?"))
            }

            // Footnotes: one note per reference, numbered 1…n, after the two separators.
            let references = captures(#"<w:footnoteReference w:id="([0-9]+)"/>"#, in: document).compactMap { Int($0) }
            let notes = captures(#"<w:footnote w:id="([0-9]+)">"#, in: parts["word/footnotes.xml"]!).compactMap { Int($0) }
            #expect(!references.isEmpty)
            #expect(references == Array(1...references.count))
            #expect(notes == references)
            #expect(parts["word/footnotes.xml"]!.contains("<w:footnote w:type=\"separator\" w:id=\"-1\">"))

            // Numbering: every list a paragraph uses is defined; styles the text uses exist.
            let numbering = parts["word/numbering.xml"]!
            let defined = Set(captures(#"<w:num w:numId="([0-9]+)">"#, in: numbering))
            // numId 0 is OOXML's "no numbering" (an unnumbered heading of a numbered style).
            for id in captures(#"<w:numId w:val="([0-9]+)"/>"#, in: document) where id != "0" {
                #expect(defined.contains(id), "numId \(id)")
            }
            // The article and activity levels are linked to the heading styles, both ways.
            #expect(numbering.contains("<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/><w:pStyle w:val=\"Heading1\"/>"))
            #expect(numbering.contains("<w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/><w:pStyle w:val=\"Heading2\"/>"))
            #expect(parts["word/styles.xml"]!.contains("w:styleId=\"Heading1\"") && parts["word/styles.xml"]!.contains("<w:numPr><w:numId w:val=\"1\"/></w:numPr>"))
            #expect(parts["word/settings.xml"]!.contains("<w:autoHyphenation/>"))
            // Cross-references are REF fields to bookmarks on the numbered articles.
            let bookmarks = Set(captures(#"<w:bookmarkStart w:id="[0-9]+" w:name="([^"]+)"/>"#, in: document))
            let crossReferences = captures(#"<w:instrText xml:space="preserve"> REF ([^ ]+) \\n \\h </w:instrText>"#, in: document)
            #expect(bookmarks.contains("_RefArt1"))
            for reference in crossReferences { #expect(bookmarks.contains(reference), "REF \(reference) has its bookmark") }
            // The review note stands on the cover page: after the subtitle, before the particulars.
            let note = try #require(document.range(of: "<w:pStyle w:val=\"ReviewNote\"/>"))
            let subtitle = try #require(document.range(of: "<w:pStyle w:val=\"Subtitle\"/>"))
            let firstTable = try #require(document.range(of: "<w:tbl>"))
            #expect(subtitle.lowerBound < note.lowerBound && note.lowerBound < firstTable.lowerBound)
            #expect(numbering.contains("<w:lvlText w:val=\"%1.%2.%3\"/>"))
            #expect(numbering.contains("<w:numFmt w:val=\"lowerLetter\"/><w:lvlText w:val=\"(%1)\"/>"))
            let styles = parts["word/styles.xml"]!
            let styleIDs = Set(captures(#"w:styleId="([^"]+)""#, in: styles))
            for required in ["Normal", "Title", "Subtitle", "Heading1", "Heading2", "Clause", "FootnoteText", "FootnoteReference"] {
                #expect(styleIDs.contains(required), "style \(required)")
            }
            for id in captures(#"<w:(?:p|r)Style w:val="([^"]+)"/>"#, in: document + parts["word/footnotes.xml"]! + parts["word/footer1.xml"]!) {
                #expect(styleIDs.contains(id), "style \(id) is defined")
            }

            // Properties: fixed dates (the as-of date), so the bytes follow from the input.
            let asOf = report["as_of"] as? String ?? "?"
            #expect(parts["docProps/core.xml"]!.contains("<dcterms:created xsi:type=\"dcterms:W3CDTF\">\(asOf)T00:00:00Z</dcterms:created>"))
            #expect(parts["docProps/core.xml"]!.contains("<dc:language>nl-NL</dc:language>"))
        }
    }

    @Test func aPartysCapacityIsItsLegalFormWhereThePlanGivesOneElseItsKind() throws {
        let plan = "\(GoldenTests.fixturePlans)/apothekers-haaglanden.wbp"
        let dutch = waarborg("annex", plan, "--rules", Self.rules).output
        #expect(dutch.contains("| Coöperatie Haagse Apothekers U.A. | coöperatie U.A. | `cooperatie_apothekers` |"), "\(dutch)")
        #expect(dutch.contains("| Apotheek Scheveningen | apotheek | `apotheek_scheveningen` |"))
        let english = waarborg("annex", plan, "--rules", Self.rules, "--lang", "en").output
        #expect(english.contains("| Coöperatie Haagse Apothekers U.A. | cooperative with excluded liability (coöperatie U.A.) | `cooperatie_apothekers` |"))
        // `convert` keeps it, in both directions.
        let json = waarborg("convert", plan, "--rules", Self.rules, "--to", "json").output
        #expect(json.contains(#""legal_form": "cooperative_ua""#))
        #expect(waarborg("convert", plan, "--rules", Self.rules, "--to", "wbp").output.contains("\n  legal_form = cooperative_ua\n"))
        #expect(waarborg("schema", "plan", "--rules", Self.rules).output.contains(#""legal_form""#))
    }

    @Test func sameInputSameBytes() throws {
        try withTemporaryFolder { folder in
            let first = try docx(Self.zorghub, ["--lang", "en"], in: folder).bytes
            let second = try docx(Self.zorghub, ["--lang", "en"], in: folder).bytes
            #expect(first == second)
            let nl = try docx(Self.zorghub, ["--lang", "nl"], in: folder).bytes
            #expect(first != nl)
            for format in ["md", "html"] {
                let a = waarborg("annex", Self.zorghub, "--rules", Self.rules, "--format", format).output
                let b = waarborg("annex", Self.zorghub, "--rules", Self.rules, "--format", format).output
                #expect(a == b)
            }
        }
    }

    // MARK: Options

    @Test func docxNeedsAnOutputFileAndTheFormatFollowsTheExtension() throws {
        let stdout = waarborg("annex", Self.zorghub, "--rules", Self.rules, "--format", "docx", "--lang", "en")
        #expect(stdout.code == 2)
        #expect(stdout.errors.contains("`--format docx` writes a Word document, which is not text; name the file with `--output FILE.docx`"))
        #expect(stdout.output.isEmpty)
        try withTemporaryFolder { folder in
            let html = folder.appendingPathComponent("annex.html")
            #expect(waarborg("annex", Self.zorghub, "--rules", Self.rules, "--output", html.path).code == 0)
            #expect(try String(contentsOf: html, encoding: .utf8).hasPrefix("<!DOCTYPE html>"))
            let word = folder.appendingPathComponent("annex.docx")
            #expect(waarborg("annex", Self.zorghub, "--rules", Self.rules, "--output", word.path).code == 0)
            #expect(try Data(contentsOf: word).prefix(2) == Data("PK".utf8))
            // No temporary file is left next to the output.
            let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            #expect(Set(names) == ["annex.html", "annex.docx"])
        }
        #expect(waarborg("annex").code == 2)
        #expect(waarborg("annex", Self.zorghub, "--rules", Self.rules, Self.zorghub).code == 2)
        #expect(waarborg("annex", Self.zorghub, "--rules", Self.rules, "--format", "pdf", "--lang", "en").errors.contains("`--format` must be one of md, html, docx"))
        let help = waarborg("annex", "--help", "--lang", "en")
        #expect(help.code == 0)
        #expect(help.output.hasPrefix("USAGE: waarborg annex PLAN"))
        #expect(waarborg("--help", "--lang", "en").output.contains("  annex     Write the safeguards annex"))
        #expect(waarborg("annex", "--help").output.hasPrefix("GEBRUIK: waarborg annex PLAN"))
        #expect(waarborg("--help").output.contains("  annex     Schrijf de bijlage met waarborgen"))
    }

    @Test func answersClearAnActivity() throws {
        try withTemporaryFolder { folder in
            let answers = folder.appendingPathComponent("answers.wba")
            write("activity productiebenchmark_fysio\n  data_age_months = 14\n", to: answers)
            let before = waarborg("annex", Self.zorghub, "--rules", Self.rules, "--lang", "en").output
            let after = waarborg("annex", Self.zorghub, "--rules", Self.rules, "--lang", "en", "--answers", answers.path).output
            func section(_ text: String, of id: String) -> String? {
                guard let range = text.range(of: "(in the plan: `\(id)`)") else { return nil }
                return text[..<range.lowerBound].components(separatedBy: "\n## ").last.map { String($0.prefix { $0 != "\n" }) }
            }
            #expect(section(before, of: "productiebenchmark_fysio")?.hasSuffix("Activities not yet cleared") == true)
            #expect(section(after, of: "productiebenchmark_fysio")?.hasSuffix("Permitted activities and safeguards") == true)
        }
    }

    // MARK: Missing texts

    /// The mini fixture's rules with the project's annex phrases, edited by `edit`.
    func miniRulesWithAnnex(in folder: URL, edit: (String) -> String = { $0 }) -> String {
        let rules = folder.appendingPathComponent("rules")
        for name in ["rules.wbr", "vocabulary.wbr"] {
            write(read("\(miniRules)/\(name)"), to: rules.appendingPathComponent(name))
        }
        write(edit(read("\(Self.rules)/annex.wbr")), to: rules.appendingPathComponent("annex.wbr"))
        return rules.path
    }

    @Test func aMissingPhraseStopsTheAnnexAtTheAnnexDeclaration() throws {
        try withTemporaryFolder { folder in
            let rules = miniRulesWithAnnex(in: folder) { text in
                text.replacingOccurrences(of: "  phrase heading_excluded nl \"Uitgesloten activiteiten\" en \"Excluded activities\"\n", with: "")
            }
            let annexLine = read("\(Self.rules)/annex.wbr").split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0 == "annex" }.map { $0 + 1 }
            let run = waarborg("annex", miniPlan, "--rules", rules, "--lang", "en")
            #expect(run.code == 2)
            #expect(run.output.isEmpty)
            #expect(run.errors.contains("\(rules)/annex.wbr:\(annexLine ?? 0):1: error: the annex needs the phrase `heading_excluded`, which the `annex` declaration does not give [WB302]"))
        }
        let none = waarborg("annex", miniPlan, "--rules", miniRules, "--lang", "en")
        #expect(none.code == 2)
        #expect(none.errors.contains("error: the rule set has no `annex` declaration"))
    }

    @Test func aMissingUndertakingFallsBackToTheDefinitionWithAWarning() throws {
        try withTemporaryFolder { folder in
            let rules = miniRulesWithAnnex(in: folder)
            let run = waarborg("annex", miniPlan, "--rules", rules, "--lang", "en")
            #expect(run.code == 0, "\(run.errors)")
            #expect(run.errors.contains("warning: safeguard `third_party` has no `undertaking`; the annex states its definition as the obligation instead [WB730]"))
            #expect(run.errors.contains("has no `permits` text; the annex says only that the parties may carry out the activity as the plan describes it [WB731]"))
            // With an undertaking, the annex states it and no longer warns.
            let vocabulary = URL(fileURLWithPath: rules).appendingPathComponent("vocabulary.wbr")
            let text = try String(contentsOf: vocabulary, encoding: .utf8).replacingOccurrences(
                of: "safeguard third_party\n  label nl \"derde\" en \"third party\"\n",
                with: "safeguard third_party\n  label nl \"derde\" en \"third party\"\n  undertaking nl \"Partijen delen alleen via een derde.\" en \"The parties share only through a third party, data at least {P-AGE} months old (P-AGE).\"\n")
            write(text, to: vocabulary)
            let worded = waarborg("annex", miniPlan, "--rules", rules, "--lang", "en")
            #expect(worded.code == 0, "\(worded.errors)")
            #expect(!worded.errors.contains("`third_party` has no `undertaking`"))
            // `{P-AGE}` is the value in force; a bare `P-AGE` keeps its name and shows the value.
            #expect(worded.output.contains("- (a) *Third party.* The parties share only through a third party, data at least 12 months old (P-AGE (12))."))
        }
    }

    @Test func theFourPartsAndWaivedFindings() throws {
        try withTemporaryFolder { folder in
            let rules = miniRulesWithAnnex(in: folder)
            let plan = folder.appendingPathComponent("plan.wbp")
            write(read(miniPlan).replacingOccurrences(of: "  age_months = 2\n", with: """
                  age_months = 2
                  waiver EX-1
                    justification = "Beoordeeld door mr. Jansen; zie memo 2026-04."
                    owner = "mr. A. Jansen"
                    expires = 2026-12-31

                """), to: plan)
            let plain = waarborg("annex", miniPlan, "--rules", rules, "--lang", "en")
            #expect(plain.output.contains("## 2. Permitted activities and safeguards"))
            #expect(plain.output.contains("## 3. Activities not yet cleared"))
            #expect(plain.output.contains("## 4. Excluded activities"))
            #expect(plain.output.contains("## 5. Compliance, meetings and review"))
            #expect(plain.output.contains("No rule of the rule set covers this activity."))
            let waived = waarborg("annex", plan.path, "--rules", rules, "--lang", "en", "--as-of", "2026-12-31")
            #expect(waived.code == 0, "\(waived.errors)")
            #expect(!waived.output.contains("## 4. Excluded activities"))
            #expect(waived.output.contains("## 4. Activities with an accepted risk"))
            #expect(waived.output.contains("Finding: prohibited."))
            #expect(waived.output.contains("The risk of the finding under rule EX-1 has been accepted by mr. A. Jansen, up to and including 31 December 2026. Reasons: Beoordeeld door mr. Jansen; zie memo 2026-04."))
            #expect(waived.output.contains("## 5. Compliance, meetings and review"))
            // The safeguards the activity has are what the acceptance relies on: they bind.
            let without = try #require(waived.output.components(separatedBy: "## 4. Activities with an accepted risk").last?.components(separatedBy: "## 5.").first)
            #expect(!without.contains("The Parties undertake to observe and maintain the following safeguards"))
            write(try String(contentsOf: plan, encoding: .utf8).replacingOccurrences(of: "  age_months = 2\n", with: "  age_months = 2\n  safeguards = third_party\n"), to: plan)
            let relied = waarborg("annex", plan.path, "--rules", rules, "--lang", "en", "--as-of", "2026-12-31")
            let article = try #require(relied.output.components(separatedBy: "## 4. Activities with an accepted risk").last?.components(separatedBy: "## 5.").first)
            #expect(article.contains("The Parties undertake to observe and maintain the following safeguards for as long as they carry out this activity:\n\n- (a) *Third party.*"))
        }
    }
}
