import Foundation
import WaarborgModel
import WaarborgSyntax

/// One thing to choose in a list: a party kind, an activity kind, a value, a party.
struct InterviewOption: Equatable {
    let id: String
    let label: String
    /// The vocabulary's explanation, when it has one.
    let help: String?
    /// The number it is chosen by, when not its place in the list: a party keeps its
    /// number in every list of parties.
    var number: Int? = nil
    /// More words it is found by: the label in the other language.
    var also: [String] = []
}

/// What a typed reply means, or why it cannot be read. Pure: the same text always reads
/// the same, whether it was typed at a terminal or came from an answers file.
enum InterviewReply: Equatable {
    /// A value in plan syntax (`yes`, `EUR 1_200_000`, `{costs, prices}`, an id).
    case value(String)
    /// The fact stays unknown and becomes an open question.
    case dontKnow
}

enum ReplyProblem: Error, Equatable {
    /// Nothing matches; the options are shown again.
    case noMatch(String)
    /// A search matched several options: these, by position.
    case ambiguous(String, [Int])
    /// The text is not a value of the type (the message names the type).
    case notA(ValueType, String)
}

struct ReplyReader {
    let vocabulary: Vocabulary
    let language: Language

    static let dontKnowWords: Set<String> = ["?", "weet niet", "weet ik niet", "onbekend", "don't know", "dont know", "unknown", "dk"]
    static let noneWords: Set<String> = ["none", "geen", "-", "", "niets", "nothing"]
    static let allWords: Set<String> = ["all", "alle", "allemaal"]

    static func normal(_ text: String) -> String {
        text.trimmingCharacters(in: .whitespaces).folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
    }

    static func isDontKnow(_ text: String) -> Bool { dontKnowWords.contains(normal(text)) }

    /// One option by number, id, label, or a search that matches only one.
    func choose(_ text: String, from options: [InterviewOption]) -> Result<Int, ReplyProblem> {
        let wanted = ReplyReader.normal(text)
        if let number = Int(wanted) {
            if options.contains(where: { $0.number != nil }) {
                if let index = options.firstIndex(where: { $0.number == number }) { return .success(index) }
            } else if options.indices.contains(number - 1) {
                return .success(number - 1)
            }
        }
        if let exact = options.firstIndex(where: { option in ([option.id, option.label] + option.also).contains { ReplyReader.normal($0) == wanted } }) {
            return .success(exact)
        }
        guard !wanted.isEmpty else { return .failure(.noMatch(text)) }
        let found = options.indices.filter { index in
            let option = options[index]
            return ([option.id, option.label, option.help ?? ""] + option.also).contains { ReplyReader.normal($0).contains(wanted) }
                || ReplyReader.normal(option.id.replacingOccurrences(of: "_", with: " ")).contains(wanted)
        }
        switch found.count {
        case 0: return .failure(.noMatch(text))
        case 1: return .success(found[0])
        default: return .failure(.ambiguous(text, found))
        }
    }

    /// Several options, separated by commas; `none` for none, `all` for all.
    func chooseMany(_ text: String, from options: [InterviewOption]) -> Result<[Int], ReplyProblem> {
        // A set as the plan language writes it, `{costs, prices}`, reads too.
        var text = text.trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("{"), text.hasSuffix("}") { text = String(text.dropFirst().dropLast()) }
        let wanted = ReplyReader.normal(text)
        if ReplyReader.noneWords.contains(wanted) { return .success([]) }
        if ReplyReader.allWords.contains(wanted) { return .success(Array(options.indices)) }
        var chosen: [Int] = []
        let parts = text.split(whereSeparator: { $0 == "," || $0 == ";" }).map { String($0) }
        // "1 3 4" reads as three numbers too.
        let pieces = parts.count == 1 && parts[0].split(separator: " ").allSatisfy({ Int($0) != nil })
            ? parts[0].split(separator: " ").map(String.init) : parts
        for piece in pieces where !piece.trimmingCharacters(in: .whitespaces).isEmpty {
            switch choose(piece, from: options) {
            case .success(let index): if !chosen.contains(index) { chosen.append(index) }
            case .failure(let problem): return .failure(problem)
            }
        }
        return chosen.isEmpty ? .failure(.noMatch(text)) : .success(chosen.sorted())
    }

    func options(_ enumeration: Int) -> [InterviewOption] {
        vocabulary.enumerations[enumeration].members.map { ReplyReader.option($0, language) }
    }

    /// A term of the vocabulary as an option: its label and definition in the run's
    /// language, found by its label in the other language too.
    static func option(_ term: Term, _ language: Language) -> InterviewOption {
        InterviewOption(id: term.id, label: term.label[language], help: term.definition?[language], also: [term.label[language == .nl ? .en : .nl]])
    }

    /// A typed value of a fact or attribute, in plan syntax.
    func value(_ text: String, type: ValueType) -> Result<InterviewReply, ReplyProblem> {
        if ReplyReader.isDontKnow(text) { return .success(.dontKnow) }
        let wanted = ReplyReader.normal(text)
        switch type {
        case .scalar(let scalar):
            switch scalar.storage {
            case .boolean:
                if ["ja", "j", "yes", "y"].contains(wanted) { return .success(.value("yes")) }
                if ["nee", "n", "no"].contains(wanted) { return .success(.value("no")) }
                return .failure(.notA(type, text))
            case .amount:
                guard let amount = ReplyReader.amount(text, language: language) else { return .failure(.notA(type, text)) }
                return .success(.value(scalar.literal(amount)))
            case .date:
                guard let date = DateValue(iso: text.trimmingCharacters(in: .whitespaces)) else { return .failure(.notA(type, text)) }
                return .success(.value(date.description))
            case .text:
                let trimmed = text.trimmingCharacters(in: .whitespaces)
                return trimmed.isEmpty ? .failure(.notA(type, text)) : .success(.value(PlanDraft.quote(trimmed)))
            }
        case .oneOf(let enumeration):
            return choose(text, from: options(enumeration)).map { .value(vocabulary.enumerations[enumeration].members[$0].id) }
        case .setOf(let enumeration):
            let members = vocabulary.enumerations[enumeration].members
            return chooseMany(text, from: options(enumeration)).map { .value("{" + $0.map { members[$0].id }.joined(separator: ", ") + "}") }
        }
    }

    /// A number as people type it: `1.350.000` or `1,5` in Dutch, `1,350,000` or `1.5` in
    /// English, with or without `EUR`, `€`, `%` and spaces.
    static func amount(_ text: String, language: Language) -> Amount? {
        var digits = text.trimmingCharacters(in: .whitespaces)
        for noise in ["EUR", "eur", "€", "%", " ", "_"] { digits = digits.replacingOccurrences(of: noise, with: "") }
        var (group, decimal): (Character, Character) = language == .nl ? (".", ",") : (",", ".")
        let marks = digits.filter { $0 == "." || $0 == "," }
        if let last = marks.last, marks.contains(where: { $0 != last }) {
            // Both marks: the last one is the decimal mark, whatever the language.
            (group, decimal) = last == "." ? (",", ".") : (".", ",")
        } else if let mark = marks.first {
            // One kind of mark: repeated, or followed by exactly three digits, it groups thousands.
            let afterLast = digits.split(separator: mark, omittingEmptySubsequences: false).last ?? ""
            if marks.count > 1 || afterLast.count == 3 { (group, decimal) = (mark, mark == "." ? "," : ".") } else { (group, decimal) = (mark == "." ? "," : ".", mark) }
        }
        digits = String(digits.filter { $0 != group })
        if decimal == "," { digits = digits.replacingOccurrences(of: ",", with: ".") }
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }) else { return nil }
        return Amount.parse(Substring(digits))
    }
}
