/// Parses conditions:
///
///     condition := term ("or" term)*
///     term      := factor ("and" factor)*
///     factor    := "not" factor | "(" condition ")" | test
///     test      := "safeguard" NAME | "safeguards" NAME ("," NAME)*
///                | "rule" RULE-ID "applies" | "group" NAME "applies"
///                | "kind" ("=" | "in") …                  -- the activity's kind
///                | NAME                                   -- a yes/no fact holds
///                | NAME ("=" | "!=" | "<" | "<=" | ">" | ">=") VALUE
///                | NAME ["not"] "in" SET
///                | NAME "includes" ["any of" | "all of" | "only"] SET | NAME "includes" NAME
///     SET       := "{" NAME ("," NAME)* "}" | NAME        -- a literal or a declared set
///
/// `and` binds tighter than `or`, as in ordinary legal drafting ("A and B, or C");
/// parentheses make any other reading explicit.
public struct ExpressionParser {
    /// Deeper nesting than this is reported instead of recursed into.
    public static let maxDepth = 64

    private var support: ParserSupport
    private var cursor: TokenCursor
    private var depth = 0

    /// The condition on the rest of the line; a condition that cannot be read is an
    /// `.invalid` node (reported here, or, for prose, by the checker, which knows the facts).
    public static func parse(_ cursor: inout TokenCursor, support: inout ParserSupport) -> ExpressionSyntax {
        let whole = cursor.rest()
        let startRange = whole.first?.range ?? cursor.endRange
        let fullRange = whole.last.map { startRange.union($0.range) } ?? startRange
        var parser = ExpressionParser(support: support, cursor: TokenCursor(whole, endRange: cursor.endRange))
        let result = parser.condition()
        // Words one after another with no operator between them ("the parties are
        // competitors") are a sentence, not a condition: the checker, which knows the
        // facts, says so and names some. Anything else that does not parse is reported here.
        if result == nil || parser.cursor.peek != nil, let prose = proseWords(whole) { return .invalid(fullRange, prose: prose) }
        support = parser.support
        guard let result else {
            // A condition that failed has been reported; what is left of it would only be
            // reported again, as something unexpected after the condition.
            return .invalid(fullRange, prose: [])
        }
        // Something left after a whole condition: the condition as written is not this one.
        if let left = parser.cursor.peek {
            let found = ParserSupport.found(left)
            support.error(
                "WB103", "unexpected \(found.en) after the condition; join it with `and` or `or`, or put it on a line of its own",
                nl: "onverwacht: \(found.nl) na de voorwaarde; verbind het met `and` of `or`, of zet het op een eigen regel",
                at: left.range)
            return .invalid(fullRange, prose: [])
        }
        return result
    }

    /// The words of a condition that reads as prose: three or more words in a row that no
    /// operator, keyword or symbol joins, or a line of words only with no known keyword.
    static func proseWords(_ tokens: [Token]) -> [Name]? {
        guard !tokens.contains(where: { $0.kind == .string || $0.isSymbol("(") || $0.isSymbol(")") || $0.isSymbol("{") }) else { return nil }
        let keywords: Set<String> = ["and", "or", "not", "in", "includes", "any", "all", "of", "only", "safeguard", "safeguards", "rule", "group", "applies", "kind"]
        var run = 0
        var longest = 0
        for token in tokens {
            if token.kind == .identifier, !keywords.contains(token.text) {
                run += 1
                longest = max(longest, run)
            } else {
                run = 0
            }
        }
        guard longest >= 3 else { return nil }
        return tokens.filter { $0.kind == .identifier && !keywords.contains($0.text) }.map { Name($0.text, $0.range) }
    }

    private init(support: ParserSupport, cursor: TokenCursor) {
        self.support = support
        self.cursor = cursor
    }

    private mutating func condition() -> ExpressionSyntax? {
        guard var first = term() else { return nil }
        var parts = [first]
        while cursor.skipWord("or") {
            guard let next = term() else { return nil }
            parts.append(next)
        }
        if parts.count > 1 { first = .any(parts, parts[0].range.union(parts[parts.count - 1].range)) }
        return first
    }

    private mutating func term() -> ExpressionSyntax? {
        guard var first = factor() else { return nil }
        var parts = [first]
        while cursor.skipWord("and") {
            guard let next = factor() else { return nil }
            parts.append(next)
        }
        if parts.count > 1 { first = .all(parts, parts[0].range.union(parts[parts.count - 1].range)) }
        return first
    }

    private mutating func factor() -> ExpressionSyntax? {
        guard let token = cursor.peek else {
            support.error(
                "WB120", "expected a condition, found the end of the line",
                nl: "verwacht: een voorwaarde, gevonden: het einde van de regel", at: cursor.here)
            return nil
        }
        depth += 1
        defer { depth -= 1 }
        if depth > ExpressionParser.maxDepth {
            support.error(
                "WB121", "this condition is nested more than \(ExpressionParser.maxDepth) levels deep; split it into simpler rules",
                nl: "deze voorwaarde is meer dan \(ExpressionParser.maxDepth) niveaus diep genest; splits haar op in eenvoudiger regels",
                at: token.range)
            _ = cursor.rest()
            return nil
        }
        if token.isWord("not") {
            cursor.next()
            guard let inner = factor() else { return nil }
            return .not(inner, token.range.union(inner.range))
        }
        if token.isSymbol("(") {
            cursor.next()
            guard let inner = condition() else { return nil }
            guard cursor.skipSymbol(")") else {
                let opened = token.range.location
                let found = ParserSupport.found(cursor.peek)
                support.error(
                    "WB122",
                    "expected `)` to close the `(` of line \(opened.line), column \(opened.column), found \(found.en); add the `)` where the group ends",
                    nl: "verwacht: `)` om de `(` van regel \(opened.line), kolom \(opened.column) te sluiten, gevonden: \(found.nl); zet de `)` waar de groep eindigt",
                    at: cursor.here, notes: [DiagnosticNote("the `(` is here", nl: "hier staat de `(`", at: token.range)])
                return nil
            }
            return inner
        }
        guard token.kind == .identifier else {
            let found = ParserSupport.found(token)
            support.error(
                "WB123", "expected a fact name or `safeguard`, found \(found.en)",
                nl: "verwacht: de naam van een feit of `safeguard`, gevonden: \(found.nl)", at: token.range)
            return nil
        }
        if (token.text == "rule" || token.text == "group"), let name = cursor.peek(1), name.kind == .identifier,
            cursor.peek(2)?.isWord("applies") == true
        {
            cursor.next(); cursor.next()
            let end = cursor.next()!
            let range = token.range.union(end.range)
            let target = Name(name.text, name.range)
            return token.text == "rule" ? .ruleApplies(target, range) : .groupApplies(target, range)
        }
        if token.text == "safeguard" || token.text == "safeguards" {
            cursor.next()
            var names: [Name] = []
            repeat {
                guard let name = support.expectName(&cursor, what: Bilingual("a safeguard", nl: "een waarborg"), after: names.isEmpty ? token.text : ",") else {
                    return nil
                }
                names.append(name)
            } while cursor.skipSymbol(",")
            return .safeguards(names, token.range.union(names[names.count - 1].range))
        }
        cursor.next()
        let fact = Name(token.text, token.range)
        guard let next = cursor.peek else { return .holds(fact) }
        if next.kind == .symbol, let op = ComparisonOperator(rawValue: next.text) {
            cursor.next()
            guard let value = support.value(&cursor, after: next.text, allowBareList: false) else { return nil }
            return .compare(fact, op, value, fact.range.union(value.range))
        }
        if next.isWord("in") || (next.isWord("not") && cursor.peek(1)?.isWord("in") == true) {
            let negated = next.isWord("not")
            cursor.next()
            if negated { cursor.next() }
            guard let set = setOperand() else { return nil }
            let test = ExpressionSyntax.member(fact, .isIn, set, fact.range.union(set.range))
            return negated ? .not(test, test.range) : test
        }
        if next.isWord("includes") {
            cursor.next()
            var relation = SetRelation.includesAny
            if cursor.peek?.isWord("any") == true, cursor.peek(1)?.isWord("of") == true {
                cursor.next(); cursor.next()
            } else if cursor.peek?.isWord("all") == true, cursor.peek(1)?.isWord("of") == true {
                cursor.next(); cursor.next()
                relation = .includesAll
            } else if cursor.skipWord("only") {
                relation = .includesOnly
            } else if let single = cursor.peek, single.kind == .identifier {
                // `includes costs`: one member.
                cursor.next()
                let set = SetOperand.literal([Name(single.text, single.range)], single.range)
                return .member(fact, .includesAny, set, fact.range.union(single.range))
            }
            guard let set = setOperand() else { return nil }
            return .member(fact, relation, set, fact.range.union(set.range))
        }
        return .holds(fact)
    }

    private mutating func setOperand() -> SetOperand? {
        guard let token = cursor.peek else {
            support.error(
                "WB124", "expected a set `{a, b}` or the name of a set, found the end of the line",
                nl: "verwacht: een verzameling `{a, b}` of de naam van een verzameling, gevonden: het einde van de regel",
                at: cursor.here)
            return nil
        }
        if token.isSymbol("{") {
            let (names, range) = support.braceList(&cursor, what: Bilingual("a value", nl: "een waarde"))
            return .literal(names, range)
        }
        if token.kind == .identifier {
            cursor.next()
            return .named(Name(token.text, token.range))
        }
        let found = ParserSupport.found(token)
        support.error(
            "WB124", "expected a set `{a, b}` or the name of a set, found \(found.en)",
            nl: "verwacht: een verzameling `{a, b}` of de naam van een verzameling, gevonden: \(found.nl)", at: token.range)
        return nil
    }
}
