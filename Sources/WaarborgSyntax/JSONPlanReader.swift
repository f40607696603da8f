/// Reads a plan written as JSON (for tools that generate plans) into the same syntax tree
/// as a `.wbp` file, so both go through the same checks and every value keeps its line
/// and column in the JSON file.
///
///     { "plan": { "name": "…", "date": "2026-03-01", "region": "…", "safeguards": [ … ] },
///       "parties": [ { "id": "…", "kind": "…", "competes_with": [ … ], … } ],
///       "activities": [ { "id": "…", "kind": "…", "parties": [ … ], "safeguards": [ … ],
///                         "waivers": [ { "rule": "…", "justification": "…", "owner": "…", "expires": "…" } ],
///                         …facts… } ] }
public enum JSONPlanReader {
    static let topLevelKeys = ["plan", "parties", "activities", "$schema"]
    /// Keys whose JSON strings are texts.
    static let textKeys: Set<String> = ["name", "title", "clause", "region", "justification", "owner"]
    /// Keys whose JSON strings are ids.
    static let idKeys: Set<String> = ["kind", "legal_form", "undertaking"]
    /// Keys whose JSON arrays of strings are lists of ids.
    static let listKeys: Set<String> = ["parties", "safeguards", "competes_with"]
    static let dateKeys: Set<String> = ["date", "expires"]

    public static func parse(_ file: SourceFile) -> (syntax: PlanSyntax, diagnostics: [Diagnostic]) {
        var plan = PlanSyntax(file: file)
        let (node, diagnostics) = JSONReader.parse(file)
        guard let node else { return (plan, diagnostics) }
        var problems: [Diagnostic] = []
        guard case .object(let members) = node.kind else {
            return (plan, [.error(
                "WB212", "a JSON plan is an object with `plan`, `parties` and `activities`",
                nl: "een JSON-plan is een object met `plan`, `parties` en `activities`", at: node.range)])
        }
        for member in members where !topLevelKeys.contains(member.key) {
            let suggestion = Suggestions.closest(to: member.key, in: topLevelKeys)
            problems.append(.error(
                "WB212", "unknown key \"\(member.key)\" in a JSON plan" + (suggestion.map { "; did you mean \"\($0)\"?" } ?? "; a plan has plan, parties and activities"),
                nl: "onbekende sleutel \"\(member.key)\" in een JSON-plan" + (suggestion.map { "; bedoelde je \"\($0)\"?" } ?? "; een plan heeft plan, parties en activities"),
                at: member.keyRange, suggestion: suggestion))
        }
        if let header = node["plan"] {
            guard case .object(let fields) = header.kind else {
                problems.append(.error(
                    "WB212", "\"plan\" is an object with name, date, region and safeguards",
                    nl: "\"plan\" is een object met name, date, region en safeguards", at: header.range))
                return (plan, problems)
            }
            guard let name = fields.first(where: { $0.key == "name" }), case .string(let text) = name.value.kind else {
                problems.append(.error(
                    "WB212", "\"plan\" needs a \"name\" (a string)",
                    nl: "\"plan\" heeft een \"name\" nodig (een tekst tussen aanhalingstekens)", at: header.range))
                return (plan, problems)
            }
            var entry = PlanEntrySyntax(id: Name(text, name.value.range), range: header.range)
            entry.assignments = fields.filter { $0.key != "name" }.map(assignment)
            plan.header = entry
        }
        plan.parties = entries(node["parties"], what: "parties", problems: &problems)
        plan.activities = entries(node["activities"], what: "activities", problems: &problems)
        return (plan, problems)
    }

    private static func entries(_ node: JSONNode?, what: String, problems: inout [Diagnostic]) -> [PlanEntrySyntax] {
        guard let node else { return [] }
        guard case .array(let items) = node.kind else {
            problems.append(.error(
                "WB212", "\"\(what)\" is an array of objects", nl: "\"\(what)\" is een lijst (array) van objecten", at: node.range))
            return []
        }
        var result: [PlanEntrySyntax] = []
        for item in items {
            guard case .object(let fields) = item.kind else {
                problems.append(.error(
                    "WB212", "each of \"\(what)\" is an object with an \"id\"",
                    nl: "elk element van \"\(what)\" is een object met een \"id\"", at: item.range))
                continue
            }
            guard let id = fields.first(where: { $0.key == "id" }), case .string(let text) = id.value.kind, !text.isEmpty else {
                problems.append(.error(
                    "WB212", "each of \"\(what)\" needs an \"id\" (a string)",
                    nl: "elk element van \"\(what)\" heeft een \"id\" nodig (een tekst tussen aanhalingstekens)", at: item.range))
                continue
            }
            guard Lexer.isName(text) else {
                problems.append(.error(
                    "WB213",
                    "the id \(JSONPlanReader.quoted(text)) cannot be written in a .wbp plan; an id is letters (a–z, A–Z), digits and `_`, starting with a letter or `_`, with single `-` between them (for example \"huisarts_a\" or \"IX-03\")",
                    nl: "het id \(JSONPlanReader.quoted(text)) kan niet in een .wbp-plan worden geschreven; een id bestaat uit letters (a–z, A–Z), cijfers en `_`, begint met een letter of `_`, en heeft alleen losse `-` daartussen (bijvoorbeeld \"huisarts_a\" of \"IX-03\")",
                    at: id.value.range))
                continue
            }
            var entry = PlanEntrySyntax(id: Name(text, id.value.range), range: item.range)
            for field in fields where field.key != "id" {
                if field.key == "waivers", what == "activities" {
                    entry.waivers += waivers(field.value, problems: &problems)
                } else {
                    entry.assignments.append(assignment(field))
                }
            }
            result.append(entry)
        }
        return result
    }

    private static func waivers(_ node: JSONNode, problems: inout [Diagnostic]) -> [WaiverSyntax] {
        guard case .array(let items) = node.kind else {
            problems.append(.error(
                "WB212", "\"waivers\" is an array of objects with rule, justification, owner and expires",
                nl: "\"waivers\" is een lijst (array) van objecten met rule, justification, owner en expires", at: node.range))
            return []
        }
        var result: [WaiverSyntax] = []
        for item in items {
            guard case .object(let fields) = item.kind,
                let rule = fields.first(where: { $0.key == "rule" }), case .string(let text) = rule.value.kind
            else {
                problems.append(.error(
                    "WB212", "a waiver is an object with a \"rule\" (a rule id)",
                    nl: "een waiver is een object met een \"rule\" (een regel-id)", at: item.range))
                continue
            }
            var waiver = WaiverSyntax(rule: Name(text, rule.value.range), range: item.range)
            waiver.assignments = fields.filter { $0.key != "rule" }.map(assignment)
            result.append(waiver)
        }
        return result
    }

    /// A JSON member as `name = value`: texts, ids, lists and dates take their `.wbp` form;
    /// everything else waits for its type.
    private static func assignment(_ member: JSONMember) -> AssignmentSyntax {
        let key = Name(member.key, member.keyRange)
        let node = member.value
        let kind: ValueKind
        switch node.kind {
        case .string(let text) where textKeys.contains(member.key):
            kind = .string(text)
        case .string(let text) where idKeys.contains(member.key):
            kind = .name(text)
        case .string(let text) where dateKeys.contains(member.key):
            kind = DateValue(iso: text).map(ValueKind.date) ?? .json(node)
        case .array(let items) where listKeys.contains(member.key) && items.allSatisfy({ if case .string = $0.kind { true } else { false } }):
            kind = .list(items.compactMap { item in
                if case .string(let text) = item.kind { return Name(text, item.range) }
                return nil
            })
        default:
            kind = .json(node)
        }
        return AssignmentSyntax(key: key, value: ValueSyntax(kind, node.range))
    }

    /// A text as JSON would quote it, so a newline or a quote in an id shows as written.
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16)
                    result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}
