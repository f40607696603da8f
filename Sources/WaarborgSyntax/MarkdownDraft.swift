/// A cooperation agreement drafted in Markdown, read for what Waarborg needs of it: the
/// fenced ```` ```waarborg ```` blocks that hold plan text, the clause (heading) each block
/// belongs to, and the annex section between two marker comments. Everything else is prose
/// and ignored.
///
/// The plan is parsed from a *masked* copy of the file, in which every line outside a
/// `waarborg` block is emptied but keeps its line end. Lines and columns therefore stay
/// those of the `.md` file, so diagnostics, SARIF results and GitHub annotations land on
/// the draft's own lines without any mapping.
public struct MarkdownDraft: Sendable {
    /// One fenced `waarborg` block.
    public struct PlanBlock: Sendable {
        /// Lines (1-based) of the block's content, without the fences.
        public let lines: ClosedRange<Int>
        /// The clause it belongs to: its `clause="…"` attribute, else the nearest heading
        /// above it, shortened ("Artikel 5 Benchmarking" → "art. 5 Benchmarking").
        public let clause: String?
        /// The opening fence line.
        public let fence: SourceRange
    }

    /// The annex section: the lines strictly between the two marker comments.
    public struct AnnexSection: Sendable {
        public let begin: SourceRange
        public let end: SourceRange
        /// Byte offsets of the section's content in the file (after the begin marker's line
        /// end, up to the start of the end marker's line).
        public let content: Range<Int>
        /// The level (1–6) of the heading the section stands under, 0 if none: the annex's
        /// own headings go one level deeper, so they fit the draft's outline.
        public let outlineLevel: Int
    }

    public static let annexBegin = "<!-- waarborg:annex:begin -->"
    public static let annexEnd = "<!-- waarborg:annex:end -->"
    static let infoAttributes = ["clause"]

    public let file: SourceFile
    public private(set) var blocks: [PlanBlock] = []
    public private(set) var annex: AnnexSection?
    public private(set) var diagnostics: [Diagnostic] = []

    /// Whether a path names a Markdown draft rather than a plan.
    public static func isDraft(_ path: String) -> Bool {
        let lowered = path.lowercased()
        return lowered.hasSuffix(".md") || lowered.hasSuffix(".markdown")
    }

    public init(_ file: SourceFile) {
        self.file = file
        if let bad = file.firstInvalidUTF8Offset() {
            diagnostics.append(.error(
                "WB001", "the file is not valid UTF-8; save it as UTF-8 text",
                nl: "het bestand is geen geldige UTF-8; sla het op als UTF-8-tekst", at: SourceRange(file: file, start: bad, end: bad + 1)))
            return
        }
        scan()
        if blocks.isEmpty, !diagnostics.hasErrors {
            diagnostics.append(.error(
                "WB223", "this Markdown file holds no ```waarborg block, so there is no plan to check",
                nl: "dit Markdown-bestand bevat geen ```waarborg-blok, dus er is geen plan om te controleren",
                at: SourceRange(file: file, start: 0, end: 0),
                notes: [DiagnosticNote(
                    "describe each activity in a fenced block next to its clause, opened with ```waarborg and closed with ```",
                    nl: "beschrijf elke activiteit in een afgebakend codeblok bij de bepaling waar zij bij hoort, geopend met ```waarborg en gesloten met ```")],
                suggestion: "```waarborg"))
        }
    }

    /// The plan text: the file with every line outside a `waarborg` block emptied.
    public func maskedPlanFile() -> SourceFile {
        var kept = Set<Int>()
        for block in blocks { kept.formUnion(block.lines) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(file.bytes.count)
        for line in 1...file.lineStarts.count {
            let (start, contentEnd, end) = bounds(line)
            bytes += kept.contains(line) ? file.bytes[start..<end] : file.bytes[contentEnd..<end]
        }
        return SourceFile(path: file.path, bytes: bytes)
    }

    /// The block whose content holds a line, for the clause of the activity written there.
    public func block(containing line: Int) -> PlanBlock? {
        blocks.first { $0.lines.contains(line) }
    }

    // MARK: Scanning

    private struct OpenFence {
        let marker: UInt8
        let length: Int
        let line: Int
        let isPlan: Bool
        let clause: String?
        let range: SourceRange
    }

    private mutating func scan() {
        var open: OpenFence?
        var heading: String?
        var headingLevel = 0
        var previous: (text: String, isParagraph: Bool)?
        var annexBegin: (range: SourceRange, contentStart: Int, outlineLevel: Int)?
        var insideAnnex = false
        for line in 1...file.lineStarts.count {
            let (start, contentEnd, end) = bounds(line)
            let text = String(decoding: file.bytes[start..<contentEnd], as: UTF8.self)
            let range = SourceRange(file: file, start: start, end: contentEnd)
            if let fence = open {
                if Self.closes(text, fence) {
                    if fence.isPlan, fence.line + 1 <= line - 1 {
                        blocks.append(PlanBlock(lines: (fence.line + 1)...(line - 1), clause: fence.clause ?? heading, fence: fence.range))
                    }
                    open = nil
                    continue
                }
                // A ```waarborg line inside a waarborg block is the next block's opening: the
                // block above lacks its closing fence. Reporting that once, and not reading the
                // block (it may run on into prose), beats a hundred errors about the prose.
                guard fence.isPlan, Self.opensPlanBlock(text) else { continue }
                diagnostics.append(.error(
                    "WB220", "this ```waarborg block is never closed", nl: "dit ```waarborg-blok wordt nergens gesloten", at: fence.range,
                    notes: [DiagnosticNote(
                        "the next ```waarborg block opens here, before this one is closed",
                        nl: "hier opent het volgende ```waarborg-blok, voordat dit blok gesloten is", at: range)],
                    suggestion: String(repeating: Character(UnicodeScalar(fence.marker)), count: fence.length)))
                open = nil
            }
            let trimmed = text.trimmingSpaces()
            if trimmed == Self.annexBegin || trimmed == Self.annexEnd {
                annexMarker(
                    trimmed == Self.annexBegin, range: range, lineEnd: end, outlineLevel: headingLevel, begin: &annexBegin, inside: &insideAnnex)
                previous = nil
                continue
            }
            if let fence = fenceOpening(text, line: line, range: range, insideAnnex: insideAnnex) {
                open = fence
                previous = nil
                continue
            }
            if !insideAnnex {
                if let atx = Self.atxHeading(text) {
                    heading = Self.clauseName(atx)
                    headingLevel = text.drop { $0 == " " }.prefix { $0 == "#" }.count
                } else if let previous, previous.isParagraph, Self.isSetextUnderline(text) {
                    heading = Self.clauseName(previous.text)
                    headingLevel = text.trimmingSpaces().first == "=" ? 1 : 2
                }
            }
            previous = trimmed.isEmpty ? nil : (text, Self.isParagraphLine(text))
        }
        if let open {
            diagnostics.append(.error(
                "WB220", open.isPlan ? "this ```waarborg block is never closed" : "this fenced code block is never closed, so the rest of the file is read as code",
                nl: open.isPlan
                    ? "dit ```waarborg-blok wordt nergens gesloten"
                    : "dit afgebakende codeblok wordt nergens gesloten, dus de rest van het bestand wordt als code gelezen",
                at: open.range,
                notes: [DiagnosticNote(
                    "the file ends here", nl: "hier eindigt het bestand",
                    at: SourceRange(file: file, start: file.bytes.count, end: file.bytes.count))],
                suggestion: String(repeating: Character(UnicodeScalar(open.marker)), count: open.length)))
        }
        if let annexBegin, annex == nil {
            diagnostics.append(.error(
                "WB224", "the annex section begun here has no end marker",
                nl: "het bijlagedeel dat hier begint heeft geen eindmarkering", at: annexBegin.range,
                notes: [DiagnosticNote("close it with \(Self.annexEnd) on a line of its own", nl: "sluit het af met \(Self.annexEnd) op een eigen regel")],
                suggestion: Self.annexEnd))
        }
    }

    private mutating func annexMarker(
        _ isBegin: Bool, range: SourceRange, lineEnd: Int, outlineLevel: Int,
        begin: inout (range: SourceRange, contentStart: Int, outlineLevel: Int)?, inside: inout Bool
    ) {
        if let existing = annex {
            diagnostics.append(.error(
                "WB224", "a draft has one annex section; this is a second marker",
                nl: "een concept heeft één bijlagedeel; dit is een tweede markering", at: range,
                notes: [DiagnosticNote("the section is already marked here", nl: "het bijlagedeel is hier al gemarkeerd", at: existing.begin)]))
        } else if isBegin {
            if let open = begin {
                diagnostics.append(.error(
                    "WB224", "a second annex begin marker before the end marker",
                    nl: "een tweede beginmarkering van de bijlage vóór de eindmarkering", at: range,
                    notes: [DiagnosticNote("the section begins here", nl: "hier begint het bijlagedeel", at: open.range)], suggestion: Self.annexEnd))
            } else {
                begin = (range, lineEnd, outlineLevel)
                inside = true
            }
        } else if let open = begin {
            annex = AnnexSection(begin: open.range, end: range, content: open.contentStart..<range.start, outlineLevel: open.outlineLevel)
            begin = nil
            inside = false
        } else {
            diagnostics.append(.error(
                "WB224", "an annex end marker without a begin marker above it",
                nl: "een eindmarkering van de bijlage zonder beginmarkering erboven", at: range,
                notes: [DiagnosticNote("mark where the annex starts with \(Self.annexBegin)", nl: "markeer met \(Self.annexBegin) waar de bijlage begint")],
                suggestion: Self.annexBegin))
        }
    }

    /// A fence opening (three or more backticks or tildes, indented at most three spaces),
    /// with its info string read when it names `waarborg`.
    private mutating func fenceOpening(_ text: String, line: Int, range: SourceRange, insideAnnex: Bool) -> OpenFence? {
        let bytes = Array(text.utf8)
        var index = 0
        while index < bytes.count, index < 4, bytes[index] == 0x20 { index += 1 }
        guard index < 4, index < bytes.count, bytes[index] == 0x60 || bytes[index] == 0x7E else { return nil }
        let marker = bytes[index]
        let indent = index
        while index < bytes.count, bytes[index] == marker { index += 1 }
        let length = index - indent
        guard length >= 3 else { return nil }
        let info = String(decoding: bytes[index...], as: UTF8.self).trimmingSpaces()
        // CommonMark: a backtick fence's info string may not contain a backtick.
        if marker == 0x60, info.contains("`") { return nil }
        let words = info.split(separator: " ", omittingEmptySubsequences: true)
        guard words.first?.lowercased() == "waarborg" else {
            return OpenFence(marker: marker, length: length, line: line, isPlan: false, clause: nil, range: range)
        }
        if indent > 0 {
            diagnostics.append(.error(
                "WB221", "a ```waarborg fence starts at the left margin, so that the plan's blocks line up; remove the \(indent) leading space\(indent == 1 ? "" : "s")",
                nl: "een openingsregel ```waarborg begint helemaal links, zodat de blokken van het plan op één lijn staan; verwijder de \(indent) \(indent == 1 ? "spatie" : "spaties") vooraan",
                at: range, suggestion: text.trimmingSpaces()))
        }
        if insideAnnex {
            diagnostics.append(.error(
                "WB224", "a ```waarborg block inside the annex section would be overwritten by `waarborg annex --update`; move it above the begin marker",
                nl: "een ```waarborg-blok in het bijlagedeel zou worden overschreven door `waarborg annex --update`; verplaats het naar boven de beginmarkering",
                at: range))
        }
        let attributes = info.dropFirst("waarborg".count)
        let clause = clauseAttribute(String(attributes), range: range)
        return OpenFence(marker: marker, length: length, line: line, isPlan: indent == 0 && !insideAnnex, clause: clause, range: range)
    }

    /// `clause="art. 5 Benchmarking"` (or unquoted for one word): the only attribute.
    private mutating func clauseAttribute(_ text: String, range: SourceRange) -> String? {
        var rest = Substring(text).drop { $0 == " " }
        var clause: String?
        while !rest.isEmpty {
            let key = rest.prefix { $0 != "=" && $0 != " " }
            rest = rest.dropFirst(key.count)
            guard rest.first == "=", Self.infoAttributes.contains(String(key)) else {
                let suggestion = Suggestions.closest(to: String(key), in: Self.infoAttributes)
                diagnostics.append(.error(
                    "WB222",
                    Bilingual("a ```waarborg fence takes one attribute, `clause=\"…\"`; `\(key)` is not one", nl: "een openingsregel ```waarborg kent één kenmerk, `clause=\"…\"`; `\(key)` is dat niet") + Suggestions.didYouMean(suggestion),
                    at: range, suggestion: "```waarborg clause=\"art. 5 Benchmarking\""))
                return clause
            }
            rest = rest.dropFirst()
            var value: Substring
            if rest.first == "\"" {
                rest = rest.dropFirst()
                guard let close = rest.firstIndex(of: "\"") else {
                    diagnostics.append(.error(
                        "WB222", "the `clause` attribute's quoted text is never closed",
                        nl: "de tekst tussen aanhalingstekens van het kenmerk `clause` wordt nergens gesloten", at: range,
                        suggestion: "```waarborg clause=\"art. 5 Benchmarking\""))
                    return clause
                }
                value = rest[..<close]
                rest = rest[rest.index(after: close)...]
            } else {
                value = rest.prefix { $0 != " " }
                rest = rest.dropFirst(value.count)
            }
            let trimmed = String(value).trimmingSpaces()
            if trimmed.isEmpty {
                diagnostics.append(.error(
                    "WB222", "the `clause` attribute is empty; name the clause, or leave it out to use the nearest heading",
                    nl: "het kenmerk `clause` is leeg; geef de naam van de bepaling, of laat het weg om het dichtstbijzijnde kopje erboven te gebruiken",
                    at: range))
            } else {
                clause = trimmed
            }
            rest = rest.drop { $0 == " " }
        }
        return clause
    }

    /// Start of a line, end of its text, and end including the line end.
    private func bounds(_ line: Int) -> (start: Int, contentEnd: Int, end: Int) {
        let start = file.lineStarts[line - 1]
        let end = line < file.lineStarts.count ? file.lineStarts[line] : file.bytes.count
        var contentEnd = end
        while contentEnd > start, file.bytes[contentEnd - 1] == 0x0A || file.bytes[contentEnd - 1] == 0x0D { contentEnd -= 1 }
        return (start, contentEnd, end)
    }

    /// Whether a line opens a ```waarborg block (at most three spaces in, any fence length).
    private static func opensPlanBlock(_ text: String) -> Bool {
        let trimmed = text.drop { $0 == " " }
        guard let marker = trimmed.first, marker == "`" || marker == "~" else { return false }
        let fence = trimmed.prefix { $0 == marker }
        return fence.count >= 3 && String(trimmed.dropFirst(fence.count)).trimmingSpaces().lowercased().split(separator: " ").first == "waarborg"
    }

    private static func closes(_ text: String, _ fence: OpenFence) -> Bool {
        let bytes = Array(text.utf8)
        var index = 0
        while index < bytes.count, index < 4, bytes[index] == 0x20 { index += 1 }
        guard index < 4 else { return false }
        var count = 0
        while index < bytes.count, bytes[index] == fence.marker {
            count += 1
            index += 1
        }
        return count >= fence.length && bytes[index...].allSatisfy { $0 == 0x20 || $0 == 0x09 }
    }

    // MARK: Headings and clause names

    /// The text of an ATX heading (`## Artikel 5 Benchmarking ##`), if the line is one.
    static func atxHeading(_ text: String) -> String? {
        var rest = Substring(text)
        let indent = rest.prefix { $0 == " " }.count
        guard indent < 4 else { return nil }
        rest = rest.dropFirst(indent)
        let level = rest.prefix { $0 == "#" }.count
        guard (1...6).contains(level) else { return nil }
        rest = rest.dropFirst(level)
        guard rest.isEmpty || rest.first == " " || rest.first == "\t" else { return nil }
        var content = String(rest).trimmingSpaces()
        // An optional closing sequence of #s, preceded by a space.
        if let last = content.lastIndex(where: { $0 != "#" }), content[content.index(after: last)...].count > 0, content[last] == " " {
            content = String(content[...last]).trimmingSpaces()
        } else if content.allSatisfy({ $0 == "#" }) {
            content = ""
        }
        return content
    }

    static func isSetextUnderline(_ text: String) -> Bool {
        let trimmed = text.trimmingSpaces()
        guard let first = trimmed.first, first == "=" || first == "-", text.prefix(while: { $0 == " " }).count < 4 else { return false }
        return trimmed.allSatisfy { $0 == first }
    }

    /// A line that can be the text of a setext heading: not a list item, quote, table row or HTML.
    static func isParagraphLine(_ text: String) -> Bool {
        let trimmed = text.trimmingSpaces()
        guard let first = trimmed.first, text.prefix(while: { $0 == " " }).count < 4 else { return false }
        if "-*+>|<".contains(first) { return false }
        if first.isNumber, let marker = trimmed.drop(while: \.isNumber).first, marker == "." || marker == ")" { return false }
        return atxHeading(text) == nil
    }

    /// The clause a heading names, as cited beside an activity: inline markup removed and
    /// "Artikel 5." / "Article 5 —" shortened to "art. 5".
    public static func clauseName(_ heading: String) -> String? {
        let plain = heading.filter { $0 != "*" && $0 != "`" }
            .split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
            .trimmed(of: "_ ")
        guard !plain.isEmpty else { return nil }
        let words = plain.split(separator: " ", maxSplits: 2).map(String.init)
        let articleWords = ["artikel", "article", "art.", "art"]
        guard words.count >= 2, articleWords.contains(words[0].lowercased()), words[1].first?.isNumber == true else { return plain }
        var number = words[1]
        while let last = number.last, ".:—–-".contains(last) { number.removeLast() }
        var title = words.count > 2 ? Substring(words[2]) : ""
        title = title.drop { "—–-: ".contains($0) }
        return "art. \(number)" + (title.isEmpty ? "" : " \(title)")
    }
}

extension String {
    func trimmingSpaces() -> String { trimmed(of: " \t") }

    func trimmed(of set: String) -> String {
        let scalars = Substring(self)
        guard let first = scalars.firstIndex(where: { !set.contains($0) }),
            let last = scalars.lastIndex(where: { !set.contains($0) })
        else { return "" }
        return String(scalars[first...last])
    }
}
