/// Parses a plan (`.wbp`): a `plan` header, `party` blocks and `activity` blocks, each
/// with `name = value` lines. What the names mean is checked by the model stage.
public enum PlanParser {
    public static let declarationKeywords = ["plan", "party", "activity"]

    public static func parse(_ file: SourceFile) -> (syntax: PlanSyntax, diagnostics: [Diagnostic]) {
        // One block at a time: a large plan never holds all its tokens at once.
        var reader = BlockReader(file)
        var support = ParserSupport()
        var plan = PlanSyntax(file: file)
        while let block = reader.next(&support) {
            let head = block.head
            var cursor = TokenCursor(block: block, skip: 1)
            switch head.kind == .identifier ? head.text : "" {
            case "plan":
                guard let name = support.expectString(&cursor, what: "the plan's name", after: "plan") else { continue }
                support.expectEnd(&cursor, after: "the plan's name")
                if let existing = plan.header {
                    support.diagnostics.append(.error(
                        "WB201", "a plan file has one `plan` header; this is a second one", at: head.range,
                        notes: [DiagnosticNote("the first is here", at: existing.range)]))
                    continue
                }
                var entry = PlanEntrySyntax(id: Name(name.text, name.range), range: block.range)
                entry.assignments = assignments(block, owner: "the plan", support: &support)
                plan.header = entry
            case "party", "activity":
                guard let id = support.expectName(&cursor, what: "an id for the \(head.text)", after: head.text) else { continue }
                support.expectEnd(&cursor, after: "the id")
                var entry = PlanEntrySyntax(id: id, range: block.range)
                let owner = "\(head.text) `\(id.text)`"
                for child in block.children {
                    if head.text == "activity", child.keyword == "waiver", child.tokens.count > 1 || !child.children.isEmpty {
                        if let waiver = waiver(child, owner: owner, support: &support) { entry.waivers.append(waiver) }
                    } else if let assignment = support.assignment(child, owner: owner) {
                        entry.assignments.append(assignment)
                    }
                }
                if head.text == "party" { plan.parties.append(entry) } else { plan.activities.append(entry) }
            default:
                let suggestion = head.kind == .identifier ? Suggestions.closest(to: head.text, in: declarationKeywords) : nil
                var message = "expected `plan`, `party` or `activity` at the start of a block, found \(ParserSupport.found(head))"
                if let suggestion { message += "; did you mean `\(suggestion)`?" }
                if head.indent > 0, plan.header == nil, plan.parties.isEmpty, plan.activities.isEmpty {
                    message += " (blocks start at the left margin)"
                }
                support.diagnostics.append(.error("WB202", message, at: head.range, suggestion: suggestion))
            }
        }
        return (plan, support.diagnostics)
    }

    private static func waiver(_ block: Block, owner: String, support: inout ParserSupport) -> WaiverSyntax? {
        var cursor = TokenCursor(block: block, skip: 1)
        guard let rule = support.expectName(&cursor, what: "the id of the rule waived", after: "waiver") else { return nil }
        support.expectEnd(&cursor, after: "the rule's id")
        var waiver = WaiverSyntax(rule: rule, range: block.range)
        waiver.assignments = block.children.compactMap { support.assignment($0, owner: "the waiver of \(rule.text) in \(owner)") }
        return waiver
    }

    private static func assignments(_ block: Block, owner: String, support: inout ParserSupport) -> [AssignmentSyntax] {
        block.children.compactMap { support.assignment($0, owner: owner) }
    }
}
