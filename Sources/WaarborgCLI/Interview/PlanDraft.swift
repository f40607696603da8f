import Foundation
import WaarborgModel
import WaarborgReport
import WaarborgSyntax

/// The plan an interview is building, as `.wbp` text in the layout `waarborg convert --to
/// wbp` writes (one block per party and activity, one `key = value` line per statement).
/// Every step is checked by the plan checker itself, so the interview never holds a plan
/// that `waarborg check` would read differently; the answers it could not give ("don't
/// know") are kept apart and written as comments.
struct PlanDraft: Equatable {
    /// One `party` or `activity` block: its first line and its indented lines.
    struct Block: Equatable {
        var id: String
        var lines: [String]

        /// The text of `key = …` in the block, nil when the block does not state it.
        func value(_ key: String) -> String? {
            let prefix = "  \(key) = "
            return lines.first { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) }
        }

        /// States `key = value`, replacing an earlier statement; new statements go before
        /// the block's waivers (whose lines are indented further).
        mutating func set(_ key: String, _ value: String) {
            let prefix = "  \(key) = "
            if let index = lines.firstIndex(where: { $0.hasPrefix(prefix) }) {
                lines[index] = prefix + value
                return
            }
            let end = lines.firstIndex { $0.hasPrefix("  waiver ") } ?? lines.count
            lines.insert(prefix + value, at: end)
        }
    }

    var header: [String] = []
    var parties: [Block] = []
    var activities: [Block] = []
    /// Per activity id, the facts answered "don't know", in the order they were asked;
    /// those of the header's checklist under `PlanDraft.headerKey`.
    var open: [String: [String]] = [:]

    /// The key of the header's open questions in `open`; never an activity's id (`plan` is
    /// a word of the plan language).
    static let headerKey = "plan"

    /// The text of `key = …` in the header, nil when it does not state it.
    func headerValue(_ key: String) -> String? {
        Block(id: "", lines: Array(header.dropFirst())).value(key)
    }

    /// States a fact for every activity in the header, replacing an earlier statement.
    mutating func setHeader(_ key: String, _ value: String) {
        guard let first = header.first else { return }
        var block = Block(id: "", lines: Array(header.dropFirst()))
        block.set(key, value)
        header = [first] + block.lines
    }

    init() {}

    /// The draft of a checked plan (resuming an interview), from its exported text.
    init(plan: Plan, ruleSet: RuleSet) {
        let text = PlanExporter(ruleSet: ruleSet).wbp(plan)
        var blocks: [[String]] = [[]]
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.isEmpty { blocks.append([]) } else { blocks[blocks.count - 1].append(line) }
        }
        for block in blocks where !block.isEmpty {
            let words = block[0].split(separator: " ", maxSplits: 1).map(String.init)
            switch words.first {
            case "plan": header = block
            case "party": parties.append(Block(id: words.count > 1 ? words[1] : "", lines: Array(block.dropFirst())))
            case "activity": activities.append(Block(id: words.count > 1 ? words[1] : "", lines: Array(block.dropFirst())))
            default: break
            }
        }
    }

    /// The draft as plan text; with `comments`, each open question as a comment in its
    /// activity, in the run's language.
    func text(comments: InterviewTexts? = nil) -> String {
        var lines = header
        if let comments, let facts = open[PlanDraft.headerKey], !facts.isEmpty { lines += facts.map { "  # " + comments.openComment($0) } }
        for party in parties { lines += ["", "party \(party.id)"] + party.lines }
        for activity in activities {
            lines += ["", "activity \(activity.id)"]
            var body = activity.lines
            if let comments, let facts = open[activity.id], !facts.isEmpty {
                let end = body.firstIndex { $0.hasPrefix("  waiver ") } ?? body.count
                body.insert(contentsOf: facts.map { "  # " + comments.openComment($0) }, at: end)
            }
            lines += body
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The draft without its "don't know" notes: what the plan itself states.
    var withoutOpenQuestions: PlanDraft {
        var copy = self
        copy.open = [:]
        return copy
    }

    /// Checks the draft as the plan file `path` would be checked.
    func check(ruleSet: RuleSet, path: String) -> (plan: Plan?, diagnostics: [Diagnostic]) {
        PlanChecker.parseAndCheck(SourceFile(path: path, bytes: Array(text().utf8)), ruleSet: ruleSet)
    }

    /// The file to write: the checked plan in the exporter's layout, with a comment on
    /// every "don't know".
    func finished(_ plan: Plan, ruleSet: RuleSet, texts: InterviewTexts) -> String {
        var layout = PlanDraft(plan: plan, ruleSet: ruleSet)
        layout.open = open
        return layout.text(comments: texts)
    }

    /// An id for a new block from a name: lower case letters, digits and `_`, unique
    /// among `taken`.
    static func identifier(from name: String, taken: Set<String>, fallback: String) -> String {
        var id = ""
        for scalar in name.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                id.unicodeScalars.append(scalar)
            } else if !id.isEmpty, id.last != "_" {
                id.append("_")
            }
        }
        while id.hasSuffix("_") { id.removeLast() }
        // At most 32 characters, cut between words.
        while id.count > 32, let cut = id.lastIndex(of: "_") { id = String(id[..<cut]) }
        if id.count > 32 { id = String(id.prefix(32)) }
        if id.isEmpty || id.first!.isNumber { id = fallback + (id.isEmpty ? "" : "_" + id) }
        var candidate = id
        var number = 2
        while taken.contains(candidate) {
            candidate = "\(id)_\(number)"
            number += 1
        }
        return candidate
    }

    /// Quotes a text as the plan language writes it.
    static func quote(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(of: "\n", with: " ") + "\""
    }
}
