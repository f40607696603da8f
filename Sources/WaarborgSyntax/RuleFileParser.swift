/// Parses a rule file (`.wbr`): vocabulary, sources, parameters and rules.
/// See `docs/language.md` for the syntax this accepts.
public struct RuleFileParser {
    private var support = ParserSupport()
    private let file: SourceFile

    public static let declarationKeywords = [
        "ruleset", "source", "group", "activity", "party", "legal_form", "safeguard", "values", "set", "fact", "attribute",
        "parameter", "condition", "rule", "annex", "precedence",
    ]
    static let ruleClauses = [
        "title", "group", "applies", "valid", "version", "when", "then", "because", "unless", "source",
        "overrides", "recommend", "permits", "intended", "example",
    ]

    public static func parse(_ file: SourceFile) -> (syntax: RuleFileSyntax, diagnostics: [Diagnostic]) {
        var parser = RuleFileParser(file: file)
        var reader = BlockReader(file)
        parser.support = ParserSupport()
        var declarations: [DeclarationSyntax] = []
        while let block = reader.next(&parser.support) {
            if let declaration = parser.declaration(block) { declarations.append(declaration) }
        }
        return (RuleFileSyntax(file: file, declarations: declarations), parser.support.diagnostics)
    }

    private init(file: SourceFile) { self.file = file }

    private mutating func unknownClause(_ block: Block, in owner: String, allowed: [String]) {
        let word = block.head.text
        let suggestion = Suggestions.closest(to: word, in: allowed)
        support.error(
            "WB111",
            "unknown clause `\(word)` in \(owner)" + (suggestion.map { "; did you mean `\($0)`?" } ?? "; expected one of: \(allowed.joined(separator: ", "))"),
            at: block.head.range, suggestion: suggestion)
    }

    private mutating func declaration(_ block: Block) -> DeclarationSyntax? {
        let head = block.head
        guard head.kind == .identifier else {
            support.error(
                "WB112",
                "expected a declaration (\(RuleFileParser.declarationKeywords.joined(separator: ", "))), found \(ParserSupport.found(head))",
                at: head.range)
            return nil
        }
        var cursor = TokenCursor(block: block, skip: 1)
        switch head.text {
        case "ruleset": return ruleset(block, &cursor).map(DeclarationSyntax.ruleset)
        case "source": return source(block, &cursor).map(DeclarationSyntax.source)
        case "group": return term(.group, block, &cursor).map(DeclarationSyntax.term)
        case "activity": return term(.activity, block, &cursor).map(DeclarationSyntax.term)
        case "party": return term(.party, block, &cursor).map(DeclarationSyntax.term)
        case "legal_form": return term(.legalForm, block, &cursor).map(DeclarationSyntax.term)
        case "safeguard": return term(.safeguard, block, &cursor).map(DeclarationSyntax.term)
        case "values": return enumeration(block, &cursor).map(DeclarationSyntax.enumeration)
        case "set": return namedSet(block, &cursor).map(DeclarationSyntax.namedSet)
        case "fact": return fact(block, &cursor, isAttribute: false).map(DeclarationSyntax.fact)
        case "attribute": return fact(block, &cursor, isAttribute: true).map(DeclarationSyntax.fact)
        case "parameter": return parameter(block, &cursor).map(DeclarationSyntax.parameter)
        case "rule": return rule(block, &cursor).map(DeclarationSyntax.rule)
        case "condition": return namedCondition(block, &cursor).map(DeclarationSyntax.condition)
        case "annex": return annex(block, &cursor).map(DeclarationSyntax.annex)
        case "precedence": return precedence(block, &cursor).map(DeclarationSyntax.precedence)
        default:
            let suggestion = Suggestions.closest(to: head.text, in: RuleFileParser.declarationKeywords)
            var message = "unknown declaration `\(head.text)`"
            if let suggestion { message += "; did you mean `\(suggestion)`?" } else {
                message += "; a rule file declares: \(RuleFileParser.declarationKeywords.joined(separator: ", "))"
            }
            if head.indent > 0 { message += " (declarations start at the left margin)" }
            support.error("WB112", message, at: head.range, suggestion: suggestion)
            return nil
        }
    }

    // MARK: Small declarations

    private mutating func precedence(_ block: Block, _ cursor: inout TokenCursor) -> PrecedenceSyntax? {
        guard let group = support.expectName(&cursor, what: "the group it protects", after: "precedence") else { return nil }
        support.expectEnd(&cursor, after: "the group")
        var syntax = PrecedenceSyntax(group: group, range: block.range)
        let form = "lowered by group NAME to VERDICT, or lowered by rule ID to VERDICT"
        for child in block.children {
            guard child.keyword == "lowered" else {
                unknownClause(child, in: "precedence `\(group.text)`", allowed: ["lowered"])
                continue
            }
            var line = TokenCursor(block: child, skip: 1)
            guard line.skipWord("by") else {
                support.error("WB141", "expected `by` after `lowered`: \(form)", at: child.head.range)
                continue
            }
            let kind = line.peek
            guard let kind, kind.isWord("group") || kind.isWord("rule") else {
                support.error("WB141", "expected `group` or `rule` after `lowered by`: \(form)", at: kind?.range ?? child.head.range)
                continue
            }
            line.next()
            guard let name = support.expectName(&line, what: kind.text == "group" ? "a group" : "a rule id", after: kind.text) else { continue }
            guard line.skipWord("to") else {
                support.error("WB141", "expected `to VERDICT` after `\(name.text)`: \(form)", at: name.range)
                continue
            }
            guard let floor = support.expectName(&line, what: "the verdict it may lower to", after: "to") else { continue }
            support.expectEnd(&line, after: "the verdict")
            let by: LoweringRouteSyntax.By = kind.text == "group" ? .group(name) : .rule(name)
            syntax.routes.append(LoweringRouteSyntax(by: by, floor: floor, range: child.range))
        }
        return syntax
    }

    private mutating func ruleset(_ block: Block, _ cursor: inout TokenCursor) -> RulesetSyntax? {
        guard let name = support.expectString(&cursor, what: "the name of the rule set", after: "ruleset") else { return nil }
        support.expectEnd(&cursor, after: "the rule set's name")
        var syntax = RulesetSyntax(name: name.text, range: block.range)
        for child in block.children {
            var line = TokenCursor(block: child, skip: 1)
            switch child.keyword {
            case "version":
                syntax.version = support.expectString(&line, what: "the version", after: "version")?.text
                support.expectEnd(&line, after: "the version")
            case "date":
                syntax.date = support.value(&line, after: "date", allowBareList: false)
                support.expectEnd(&line, after: "the date")
            case "description":
                syntax.description = support.text(&line, children: child.children, keyword: child.head)
            case "examples":
                guard line.skipWord("assume") else {
                    support.error("WB119", "expected `assume` after `examples`", at: line.here, suggestion: "examples assume")
                    continue
                }
                support.expectEnd(&line, after: "`examples assume`")
                for assumption in child.children {
                    if let assignment = support.assignment(assumption, owner: "`examples assume`") {
                        syntax.exampleAssumptions.append(assignment)
                    }
                }
            default:
                unknownClause(child, in: "the rule set", allowed: ["version", "date", "description", "examples"])
            }
        }
        return syntax
    }

    private mutating func source(_ block: Block, _ cursor: inout TokenCursor) -> SourceDeclarationSyntax? {
        guard let id = support.expectName(&cursor, what: "a source id such as `MW-6`", after: "source") else { return nil }
        support.expectEnd(&cursor, after: "the source id")
        var syntax = SourceDeclarationSyntax(id: id, range: block.range)
        let fields = ["title", "issuer", "date", "url", "status"]
        for child in block.children {
            var line = TokenCursor(block: child, skip: 1)
            let keyword = child.keyword
            switch keyword {
            case "url":
                syntax.url = support.expectString(&line, what: "the url", after: keyword)?.text
            case "title", "issuer", "date":
                let value = support.sourceText(&line, children: child.children, after: keyword)
                if value == nil { _ = support.expectString(&line, what: "the \(keyword)", after: keyword) }
                switch keyword {
                case "title": syntax.title = value
                case "issuer": syntax.issuer = value
                default: syntax.date = value
                }
            case "status":
                syntax.status = support.expectName(&line, what: "verified, partly_verified or unverified", after: "status")
            default:
                unknownClause(child, in: "source `\(id.text)`", allowed: fields)
                continue
            }
            support.expectEnd(&line, after: "the \(keyword)")
        }
        return syntax
    }

    private mutating func term(_ kind: TermSyntax.Kind, _ block: Block, _ cursor: inout TokenCursor) -> TermSyntax? {
        guard let id = support.expectName(&cursor, what: "an id", after: kind.rawValue) else { return nil }
        support.expectEnd(&cursor, after: "the id")
        var syntax = TermSyntax(kind: kind, id: id, range: block.range)
        var allowed = ["label"]
        if kind == .safeguard || kind == .group { allowed.append("definition") }
        if kind == .safeguard { allowed += ["undertaking", "recommended"] }
        if kind == .group { allowed.append("waivable") }
        if kind == .party { allowed.append("default") }
        if kind == .activity { allowed.append("alias") }
        for child in block.children {
            var line = TokenCursor(block: child, skip: 1)
            switch child.keyword {
            case "label":
                syntax.label = support.text(&line, children: child.children, keyword: child.head)
            case "definition" where allowed.contains("definition"):
                syntax.definition = support.text(&line, children: child.children, keyword: child.head)
            case "waivable" where kind == .group:
                syntax.waivable = support.expectName(&line, what: "yes or no", after: "waivable")
                support.expectEnd(&line, after: "`waivable`")
            case "recommended" where kind == .safeguard:
                if line.skipWord("only") {
                    syntax.recommendedOnly = child.range
                } else {
                    support.error("WB142", "write `recommended only` to mark a safeguard no source requires", at: child.head.range, suggestion: "recommended only")
                }
                support.expectEnd(&line, after: "`recommended only`")
            case "undertaking" where kind == .safeguard:
                syntax.undertaking = support.text(&line, children: child.children, keyword: child.head)
            case "alias" where kind == .activity:
                syntax.aliases += support.nameList(&line, what: "a former name", after: "alias")
                support.expectEnd(&line, after: "the former names")
            case "default" where kind == .party:
                let rest = Block(tokens: Array(child.tokens.dropFirst()), children: child.children)
                guard !rest.tokens.isEmpty else {
                    support.error("WB113", "expected `attribute = value` after `default`", at: line.endRange)
                    continue
                }
                if let assignment = support.assignment(rest, owner: "a party default") { syntax.defaults.append(assignment) }
            default:
                unknownClause(child, in: "\(kind.rawValue) `\(id.text)`", allowed: allowed)
            }
        }
        return syntax
    }

    private mutating func enumeration(_ block: Block, _ cursor: inout TokenCursor) -> EnumerationSyntax? {
        guard let id = support.expectName(&cursor, what: "the name of the list of values", after: "values") else { return nil }
        support.expectEnd(&cursor, after: "the name")
        var syntax = EnumerationSyntax(id: id, range: block.range)
        for child in block.children {
            var line = TokenCursor(block: child, skip: 1)
            switch child.keyword {
            case "label":
                syntax.label = support.text(&line, children: child.children, keyword: child.head)
            case "value":
                guard let name = support.expectName(&line, what: "the value's id", after: "value") else { continue }
                // `value new alias old nl "…" en "…"`: a former id, written before the labels.
                var aliases: [Name] = []
                while line.skipWord("alias") {
                    if let alias = support.expectName(&line, what: "the value's former id", after: "alias") { aliases.append(alias) }
                }
                let label = support.text(&line, children: child.children, keyword: child.head)
                var member = EnumerationMemberSyntax(name: name, label: label)
                member.aliases = aliases
                syntax.members.append(member)
            default:
                unknownClause(child, in: "values `\(id.text)`", allowed: ["label", "value"])
            }
        }
        return syntax
    }

    private mutating func namedSet(_ block: Block, _ cursor: inout TokenCursor) -> NamedSetSyntax? {
        guard let id = support.expectName(&cursor, what: "the set's name", after: "set") else { return nil }
        var of: Name?
        if cursor.skipWord("of") {
            of = support.expectName(&cursor, what: "the name of a list of values", after: "of")
        } else {
            support.error("WB114", "expected `of` and the list of values the set draws from", at: cursor.here, suggestion: "set \(id.text) of …")
        }
        support.expectEnd(&cursor, after: "the set's header")
        var syntax = NamedSetSyntax(id: id, of: of, range: block.range)
        for child in block.children {
            var line = TokenCursor(block: child, skip: 1)
            switch child.keyword {
            case "label":
                syntax.label = support.text(&line, children: child.children, keyword: child.head)
            case "members":
                if line.peek?.isSymbol("{") == true {
                    syntax.members += support.braceList(&line, what: "a value").0
                } else {
                    syntax.members += support.nameList(&line, what: "a value", after: "members")
                }
                support.expectEnd(&line, after: "the members")
            default:
                unknownClause(child, in: "set `\(id.text)`", allowed: ["label", "members"])
            }
        }
        return syntax
    }

    private mutating func type(_ cursor: inout TokenCursor, after: String) -> TypeSyntax? {
        guard let word = support.expectName(&cursor, what: "a type", after: after) else { return nil }
        switch word.text {
        case "one", "set":
            guard cursor.skipWord("of") else {
                support.error("WB115", "expected `of` after `\(word.text)`", at: cursor.here, suggestion: "\(word.text) of …")
                return nil
            }
            guard let values = support.expectName(&cursor, what: "the name of a list of values", after: "of") else { return nil }
            return word.text == "one" ? .oneOf(values) : .setOf(values)
        default:
            return .scalar(word)
        }
    }

    private mutating func fact(_ block: Block, _ cursor: inout TokenCursor, isAttribute: Bool) -> FactSyntax? {
        let keyword = isAttribute ? "attribute" : "fact"
        guard let id = support.expectName(&cursor, what: "the \(keyword)'s id", after: keyword) else { return nil }
        support.expectEnd(&cursor, after: "the id")
        var syntax = FactSyntax(isAttribute: isAttribute, id: id, range: block.range)
        let allowed = isAttribute ? ["type", "label"] : ["type", "label", "question", "derived", "alias", "open", "hardcore", "fixed"]
        for child in block.children {
            var line = TokenCursor(block: child, skip: 1)
            switch child.keyword {
            case "type":
                syntax.type = type(&line, after: "type")
                support.expectEnd(&line, after: "the type")
            case "label":
                syntax.label = support.text(&line, children: child.children, keyword: child.head)
            case "fixed" where !isAttribute:
                syntax.fixed = child.range
                support.expectEnd(&line, after: "`fixed`")
            case "hardcore" where !isAttribute:
                syntax.hardcore = child.range
                support.expectEnd(&line, after: "`hardcore`")
            case "open" where !isAttribute:
                if line.skipWord("norm") {
                    syntax.openNorm = child.range
                } else {
                    support.error("WB143", "write `open norm` to mark the fact as an open norm the consortium only asserts", at: child.head.range, suggestion: "open norm")
                }
                support.expectEnd(&line, after: "`open norm`")
            case "question" where !isAttribute:
                syntax.question = support.text(&line, children: child.children, keyword: child.head)
            case "alias" where !isAttribute:
                syntax.aliases += support.nameList(&line, what: "a former name", after: "alias")
                support.expectEnd(&line, after: "the former names")
            case "derived" where !isAttribute:
                guard let function = support.expectName(&line, what: "how the fact is derived", after: "derived") else { continue }
                var argument: Name?
                var filter: Name?
                if let next = line.peek, next.kind == .identifier, !next.isWord("where") {
                    argument = Name(next.text, next.range)
                    line.next()
                }
                if line.skipWord("where") {
                    filter = support.expectName(&line, what: "a yes/no attribute of parties", after: "where")
                }
                support.expectEnd(&line, after: "the derivation")
                syntax.derived = DerivationSyntax(function: function, argument: argument, filter: filter, range: child.range)
            default:
                unknownClause(child, in: "\(keyword) `\(id.text)`", allowed: allowed)
            }
        }
        return syntax
    }

    /// `source ID "pinpoint"`, with the pinpoint's English text and indented lines as
    /// `SourceTextSyntax` reads them.
    private mutating func citation(_ cursor: inout TokenCursor, keyword: Token, children: [Block]) -> CitationSyntax? {
        guard let id = support.expectName(&cursor, what: "a source id such as `MW-6`", after: "source") else { return nil }
        let pinpoint = support.sourceText(&cursor, children: children, after: "source")
        var range = keyword.range.union(id.range)
        if let pinpoint { range = range.union(pinpoint.range) }
        return CitationSyntax(source: id, pinpoint: pinpoint, range: range)
    }

    private mutating func parameter(_ block: Block, _ cursor: inout TokenCursor) -> ParameterSyntax? {
        guard let id = support.expectName(&cursor, what: "the parameter's id", after: "parameter") else { return nil }
        support.expectEnd(&cursor, after: "the id")
        var syntax = ParameterSyntax(id: id, range: block.range)
        for child in block.children {
            var line = TokenCursor(block: child, skip: 1)
            switch child.keyword {
            case "title":
                syntax.title = support.text(&line, children: child.children, keyword: child.head)
            case "type":
                syntax.type = type(&line, after: "type")
                support.expectEnd(&line, after: "the type")
            case "value":
                guard let value = support.value(&line, after: "value", allowBareList: false) else { continue }
                var from: ValueSyntax?
                var until: ValueSyntax?
                var citation: CitationSyntax?
                while let word = line.peek, word.kind == .identifier {
                    line.next()
                    switch word.text {
                    case "from": from = support.value(&line, after: "from", allowBareList: false)
                    case "until": until = support.value(&line, after: "until", allowBareList: false)
                    case "source": citation = self.citation(&line, keyword: word, children: child.children)
                    default:
                        support.error(
                            "WB117", "expected `from`, `until` or `source` after the value, found `\(word.text)`",
                            at: word.range)
                        _ = line.rest()
                    }
                }
                support.expectEnd(&line, after: "the value")
                syntax.values.append(ParameterValueSyntax(value: value, from: from, until: until, citation: citation, range: child.range))
            default:
                unknownClause(child, in: "parameter `\(id.text)`", allowed: ["title", "type", "value"])
            }
        }
        return syntax
    }

    private mutating func annex(_ block: Block, _ cursor: inout TokenCursor) -> AnnexSyntax? {
        support.expectEnd(&cursor, after: "`annex`")
        var syntax = AnnexSyntax(range: block.range)
        for child in block.children {
            var line = TokenCursor(block: child, skip: 1)
            guard child.keyword == "phrase" else {
                unknownClause(child, in: "the annex", allowed: ["phrase"])
                continue
            }
            guard let key = support.expectName(&line, what: "the phrase's key", after: "phrase") else { continue }
            let text = support.text(&line, children: child.children, keyword: child.head)
            syntax.phrases.append(AnnexPhraseSyntax(key: key, text: text))
        }
        return syntax
    }

    private mutating func namedCondition(_ block: Block, _ cursor: inout TokenCursor) -> NamedConditionSyntax? {
        guard let id = support.expectName(&cursor, what: "the condition's name", after: "condition") else { return nil }
        support.expectEnd(&cursor, after: "the name")
        var syntax = NamedConditionSyntax(id: id, range: block.range)
        for child in block.children {
            var line = TokenCursor(block: child, skip: 1)
            switch child.keyword {
            case "label":
                syntax.label = support.text(&line, children: child.children, keyword: child.head)
            case "when":
                var tokens = line.rest()
                for grandchild in child.children { tokens += flatten(grandchild) }
                var whole = TokenCursor(tokens, endRange: line.endRange)
                syntax.condition = ExpressionParser.parse(&whole, support: &support)
                support.expectEnd(&whole, after: "the condition")
            default:
                unknownClause(child, in: "condition `\(id.text)`", allowed: ["label", "when"])
            }
        }
        return syntax
    }

    // MARK: Rules

    private mutating func rule(_ block: Block, _ cursor: inout TokenCursor) -> RuleSyntax? {
        guard let id = support.expectName(&cursor, what: "the rule's id, such as `IX-03`", after: "rule") else { return nil }
        support.expectEnd(&cursor, after: "the rule's id")
        var rule = RuleSyntax(id: id, range: block.range)
        for child in block.children {
            var line = TokenCursor(block: child, skip: 1)
            let keyword = child.keyword
            func once<T>(_ existing: T?) -> Bool {
                if existing != nil {
                    support.error("WB118", "rule `\(id.text)` has a second `\(keyword)`; a rule has one", at: child.head.range)
                    return false
                }
                return true
            }
            switch keyword {
            case "title":
                guard once(rule.title) else { continue }
                rule.title = support.text(&line, children: child.children, keyword: child.head)
            case "group":
                guard once(rule.group) else { continue }
                rule.group = support.expectName(&line, what: "a group", after: "group")
                support.expectEnd(&line, after: "the group")
            case "applies":
                guard line.skipWord("to") else {
                    support.error("WB119", "expected `to` after `applies`", at: line.here, suggestion: "applies to …")
                    continue
                }
                // `applies to any activity`: conduct rules that hold whatever the activity's kind.
                if let any = line.peek, any.kind == .identifier, any.text == "any" {
                    line.next()
                    guard let activity = line.peek, activity.kind == .identifier, activity.text == "activity" else {
                        support.error("WB119", "expected `activity` after `applies to any`", at: line.here, suggestion: "applies to any activity")
                        continue
                    }
                    line.next()
                    rule.appliesToAnyActivity = any.range.union(activity.range)
                    support.expectEnd(&line, after: "`applies to any activity`")
                    continue
                }
                rule.appliesTo += support.nameList(&line, what: "an activity kind", after: "applies to")
                support.expectEnd(&line, after: "the activity kinds")
            case "valid":
                while let word = line.peek, word.kind == .identifier {
                    line.next()
                    if word.text == "from" {
                        rule.validFrom = support.value(&line, after: "from", allowBareList: false)
                    } else if word.text == "until" {
                        rule.validUntil = support.value(&line, after: "until", allowBareList: false)
                    } else {
                        support.error("WB117", "expected `from` or `until` after `valid`, found `\(word.text)`", at: word.range)
                        _ = line.rest()
                    }
                }
                support.expectEnd(&line, after: "the dates")
            case "version":
                guard once(rule.version) else { continue }
                rule.version = support.expectString(&line, what: "the rule's version", after: "version")?.text
                support.expectEnd(&line, after: "the version")
            case "when":
                guard once(rule.condition) else { continue }
                var tokens = line.rest()
                for grandchild in child.children { tokens += flatten(grandchild) }
                var whole = TokenCursor(tokens, endRange: line.endRange)
                rule.condition = ExpressionParser.parse(&whole, support: &support)
                support.expectEnd(&whole, after: "the condition")
            case "then":
                guard once(rule.conclusion) else { continue }
                rule.conclusion = support.expectName(&line, what: "a verdict", after: "then")
                support.expectEnd(&line, after: "the verdict")
            case "because":
                guard once(rule.rationale) else { continue }
                rule.rationale = support.text(&line, children: child.children, keyword: child.head)
            case "unless":
                rule.exceptions.append(exception(child, &line, ruleID: id.text))
            case "source":
                if let citation = citation(&line, keyword: child.head, children: child.children) { rule.sources.append(citation) }
                support.expectEnd(&line, after: "the citation")
            case "overrides":
                var targets: [OverrideTarget] = []
                repeat {
                    if line.skipWord("group") {
                        if let group = support.expectName(&line, what: "a group", after: "group") { targets.append(.group(group)) }
                    } else if let all = line.peek, all.isWord("all") {
                        line.next()
                        targets.append(.all(all.range))
                    } else if let target = support.expectName(&line, what: "a rule id or `group NAME`", after: "overrides") {
                        targets.append(.rule(target))
                    }
                } while line.skipSymbol(",")
                var verdicts: [Name] = []
                if line.skipWord("if") {
                    verdicts = support.nameList(&line, what: "a verdict", after: "if")
                }
                support.expectEnd(&line, after: "the overridden rules")
                rule.overrides.append(OverrideClauseSyntax(targets: targets, verdicts: verdicts, range: child.range))
            case "permits":
                guard once(rule.permits) else { continue }
                rule.permits = support.text(&line, children: child.children, keyword: child.head)
            case "recommend":
                rule.recommends += support.nameList(&line, what: "a safeguard", after: "recommend")
                support.expectEnd(&line, after: "the safeguards")
            case "intended":
                guard line.skipWord("overlap"), line.skipWord("with") else {
                    support.error("WB140", "expected `overlap with RULE` after `intended`", at: line.here, suggestion: "intended overlap with IX-09")
                    _ = line.rest()
                    continue
                }
                let rules = support.nameList(&line, what: "a rule id", after: "intended overlap with")
                let reason = support.text(&line, children: child.children, keyword: child.head)
                rule.intendedOverlaps.append(IntendedOverlapSyntax(rules: rules, reason: reason, range: child.head.range))
            case "example":
                if let example = example(child, &line) { rule.examples.append(example) }
            default:
                unknownClause(child, in: "rule `\(id.text)`", allowed: RuleFileParser.ruleClauses)
            }
        }
        return rule
    }

    private func flatten(_ block: Block) -> [Token] {
        var tokens = block.tokens
        for child in block.children { tokens += flatten(child) }
        return tokens
    }

    private mutating func exception(_ block: Block, _ line: inout TokenCursor, ruleID: String) -> ExceptionSyntax {
        let clauseWords: Set<String> = ["then", "because", "source", "unless"]
        // `unless NAME: CONDITION`: a name, then a colon.
        var name: Name?
        if let first = line.peek, first.kind == .identifier, line.peek(1)?.isSymbol(":") == true {
            name = Name(first.text, first.range)
            line.next()
            line.next()
        }
        // Lines under `unless` that are not clauses continue its condition.
        var conditionTokens = line.rest()
        var clauses: [Block] = []
        for child in block.children {
            if clauseWords.contains(child.keyword) { clauses.append(child) } else if clauses.isEmpty {
                conditionTokens += flatten(child)
            } else {
                clauses.append(child)
            }
        }
        var whole = TokenCursor(conditionTokens, endRange: line.endRange)
        let condition: ExpressionSyntax?
        if conditionTokens.isEmpty {
            support.error("WB120", "expected a condition after `unless`", at: line.endRange)
            condition = .invalid(line.endRange, prose: [])
        } else {
            condition = ExpressionParser.parse(&whole, support: &support)
            support.expectEnd(&whole, after: "the condition")
        }
        var syntax = ExceptionSyntax(keywordRange: block.head.range, name: name, condition: condition)
        for clause in clauses {
            var cursor = TokenCursor(block: clause, skip: 1)
            switch clause.keyword {
            case "then":
                syntax.conclusion = support.expectName(&cursor, what: "a verdict", after: "then")
                support.expectEnd(&cursor, after: "the verdict")
            case "because":
                syntax.rationale = support.text(&cursor, children: clause.children, keyword: clause.head)
            case "source":
                if let citation = citation(&cursor, keyword: clause.head, children: clause.children) { syntax.sources.append(citation) }
                support.expectEnd(&cursor, after: "the citation")
            case "unless":
                syntax.exceptions.append(exception(clause, &cursor, ruleID: ruleID))
            default:
                unknownClause(clause, in: "an `unless` of rule `\(ruleID)`", allowed: ["then", "because", "source", "unless"])
            }
        }
        return syntax
    }

    private mutating func example(_ block: Block, _ line: inout TokenCursor) -> ExampleSyntax? {
        guard let title = support.expectString(&line, what: "a short description of the example", after: "example") else {
            return nil
        }
        support.expectEnd(&line, after: "the example's description")
        var syntax = ExampleSyntax(title: title.text, range: block.range)
        for child in block.children {
            if child.keyword == "expect" {
                var cursor = TokenCursor(block: child, skip: 1)
                guard let verdict = support.expectName(&cursor, what: "the expected verdict", after: "expect") else { continue }
                var rules: [Name] = []
                var notes: [Name] = []
                if cursor.skipWord("by") {
                    rules = support.nameList(&cursor, what: "a rule id", after: "by")
                }
                if cursor.skipWord("notes") {
                    notes = support.nameList(&cursor, what: "a note rule's id", after: "notes")
                }
                support.expectEnd(&cursor, after: "the expectation")
                if syntax.expect != nil {
                    support.error("WB118", "this example has a second `expect`; an example has one", at: child.head.range)
                }
                syntax.expect = ExpectSyntax(verdict: verdict, rules: rules, notes: notes, range: child.range)
            } else if let assignment = support.assignment(child, owner: "an example") {
                syntax.assignments.append(assignment)
            }
        }
        if syntax.expect == nil {
            support.error(
                "WB125", "example \"\(title.text)\" has no `expect` line; say which verdict it must reach",
                at: title.range, suggestion: "expect prohibited by …")
        }
        return syntax
    }
}
