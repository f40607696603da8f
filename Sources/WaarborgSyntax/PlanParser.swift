/// Parses a plan (`.wbp`): a `plan` header, `party` blocks and `activity` blocks, each
/// with `name = value` lines. What the names mean is checked by the model stage.
public enum PlanParser {
    public static let declarationKeywords = ["plan", "party", "activity"]

    /// One declaration of a plan file.
    public enum Entry: Sendable {
        case header(PlanEntrySyntax)
        case party(PlanEntrySyntax)
        case activity(PlanEntrySyntax)
    }

    /// The declarations of a plan file in file order, each parsed when asked for. A caller
    /// that handles an entry and lets go of it holds the syntax of one block at a time,
    /// not of the whole plan: that is how a large plan is checked while it is read
    /// (`PlanChecker.parseAndCheck`). `parse` collects the same entries into a tree, so
    /// both ways give the same entries and diagnostics.
    public struct Entries: IteratorProtocol {
        private var reader: BlockReader
        private var support = ParserSupport()
        /// The first header, which a second one's error points to.
        private var header: SourceRange?
        /// Whether an entry was handed out (a misplaced first block gets a hint).
        private var sawEntry = false
        private var scanned = 0

        /// Whether a diagnostic so far is an error.
        public private(set) var hasErrors = false

        /// The lexer's and the parser's diagnostics so far, in the order found.
        public var diagnostics: [Diagnostic] { support.diagnostics }

        public init(_ file: SourceFile) {
            reader = BlockReader(file)
        }

        /// The next entry, or nil after the last block; blocks that are not entries only
        /// add diagnostics.
        public mutating func next() -> Entry? {
            defer { noteErrors() }
            while let block = reader.next(&support) {
                if let entry = entry(block) {
                    if case .header(let syntax) = entry { header = syntax.range }
                    sawEntry = true
                    return entry
                }
            }
            return nil
        }

        private mutating func noteErrors() {
            let diagnostics = support.diagnostics
            if !hasErrors { hasErrors = diagnostics[scanned...].contains { $0.severity == .error } }
            scanned = diagnostics.count
        }

        private mutating func entry(_ block: Block) -> Entry? {
            let head = block.head
            var cursor = TokenCursor(block: block, skip: 1)
            switch head.kind == .identifier ? head.text : "" {
            case "plan":
                let planName = Bilingual("the plan's name", nl: "de naam van het plan")
                guard let name = support.expectString(&cursor, what: planName, after: "plan") else { return nil }
                support.expectEnd(&cursor, after: planName)
                if let header {
                    support.diagnostics.append(.error(
                        "WB201", "a plan file has one `plan` header; this is a second one",
                        nl: "een planbestand heeft één kop van het plan, `plan`; dit is een tweede kop", at: head.range,
                        notes: [DiagnosticNote("the first is here", nl: "de eerste staat hier", at: header)]))
                    return nil
                }
                var entry = PlanEntrySyntax(id: Name(name.text, name.range), range: block.range)
                entry.assignments = block.children.compactMap { support.assignment($0, owner: Bilingual("the plan", nl: "het plan")) }
                return .header(entry)
            case "party", "activity":
                let dutch = head.text == "party" ? "partij" : "activiteit"
                guard let id = support.expectName(
                    &cursor, what: Bilingual("an id for the \(head.text)", nl: "een id voor de \(dutch)"), after: head.text)
                else { return nil }
                support.expectEnd(&cursor, after: Bilingual("the id", nl: "het id"))
                var entry = PlanEntrySyntax(id: id, range: block.range)
                // Spelled out only for a message (`assignment` takes it as an autoclosure).
                let owner = { Bilingual("\(head.text) `\(id.text)`", nl: "\(dutch) `\(id.text)`") }
                for child in block.children {
                    if head.text == "activity", child.keyword == "waiver", child.tokens.count > 1 || !child.children.isEmpty {
                        if let waiver = PlanParser.waiver(child, owner: owner(), support: &support) { entry.waivers.append(waiver) }
                    } else if head.text == "activity", child.keyword == "override", child.tokens.count > 2, child.tokens[1].kind == .identifier {
                        let line = Block(tokens: Array(child.tokens.dropFirst()), children: child.children)
                        if let assignment = support.assignment(line, owner: owner()) { entry.overrides.append(assignment) }
                    } else if let assignment = support.assignment(child, owner: owner()) {
                        entry.assignments.append(assignment)
                    }
                }
                return head.text == "party" ? .party(entry) : .activity(entry)
            default:
                let suggestion = head.kind == .identifier ? Suggestions.closest(to: head.text, in: declarationKeywords) : nil
                let found = ParserSupport.found(head)
                var message = "expected `plan`, `party` or `activity` at the start of a block, found \(found.en)"
                var dutch = "verwacht: `plan`, `party` of `activity` aan het begin van een blok, gevonden: \(found.nl)"
                if let suggestion {
                    message += "; did you mean `\(suggestion)`?"
                    dutch += "; bedoelde je `\(suggestion)`?"
                }
                if head.indent > 0, !sawEntry {
                    message += " (blocks start at the left margin)"
                    dutch += " (een blok begint helemaal links, zonder inspringing)"
                }
                support.diagnostics.append(.error("WB202", message, nl: dutch, at: head.range, suggestion: suggestion))
                return nil
            }
        }
    }

    /// The whole plan as a tree: the entries of `Entries`, collected.
    public static func parse(_ file: SourceFile) -> (syntax: PlanSyntax, diagnostics: [Diagnostic]) {
        var entries = Entries(file)
        var plan = PlanSyntax(file: file)
        while let entry = entries.next() {
            switch entry {
            case .header(let header): plan.header = header
            case .party(let party): plan.parties.append(party)
            case .activity(let activity): plan.activities.append(activity)
            }
        }
        return (plan, entries.diagnostics)
    }

    private static func waiver(_ block: Block, owner: Bilingual, support: inout ParserSupport) -> WaiverSyntax? {
        var cursor = TokenCursor(block: block, skip: 1)
        guard let rule = support.expectName(
            &cursor, what: Bilingual("the id of the rule waived", nl: "het id van de regel waarvoor de waiver geldt"), after: "waiver")
        else { return nil }
        support.expectEnd(&cursor, after: Bilingual("the rule's id", nl: "het id van de regel"))
        var waiver = WaiverSyntax(rule: rule, range: block.range)
        let waiverOwner = Bilingual("the waiver of \(rule.text) in \(owner.en)", nl: "de waiver van \(rule.text) in \(owner.nl)")
        waiver.assignments = block.children.compactMap { support.assignment($0, owner: waiverOwner) }
        return waiver
    }
}
