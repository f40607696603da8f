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

    private mutating func unknownClause(_ block: Block, in owner: Bilingual, allowed: [String]) {
        let word = block.head.text
        let suggestion = Suggestions.closest(to: word, in: allowed)
        let list = allowed.joined(separator: ", ")
        // The Dutch sentence shows the keywords as code, so they read as the file's words.
        let codeList = allowed.map { "`\($0)`" }.joined(separator: ", ")
        support.error(
            "WB111",
            Bilingual("unknown clause `\(word)` in \(owner.en)", nl: "onbekend onderdeel `\(word)` in \(owner.nl)") + Suggestions.didYouMean(suggestion, otherwise: Bilingual("; expected one of: \(list)", nl: "; verwacht: één van: \(codeList)")),
            at: block.head.range, suggestion: suggestion)
    }

    private mutating func declaration(_ block: Block) -> DeclarationSyntax? {
        let head = block.head
        guard head.kind == .identifier else {
            let found = ParserSupport.found(head)
            let keywords = RuleFileParser.declarationKeywords.joined(separator: ", ")
            support.error(
                "WB112",
                "expected a declaration (\(keywords)), found \(found.en)",
                nl: "verwacht: een declaratie (\(keywords)), gevonden: \(found.nl)",
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
            var dutch = "onbekende declaratie `\(head.text)`"
            if let suggestion {
                message += "; did you mean `\(suggestion)`?"
                dutch += "; bedoelde je `\(suggestion)`?"
            } else {
                let keywords = RuleFileParser.declarationKeywords.joined(separator: ", ")
                message += "; a rule file declares: \(keywords)"
                dutch += "; een regelbestand declareert: " + RuleFileParser.declarationKeywords.map { "`\($0)`" }.joined(separator: ", ")
            }
            if head.indent > 0 {
                message += " (declarations start at the left margin)"
                dutch += " (een declaratie begint helemaal links, zonder inspringing)"
            }
            support.error("WB112", message, nl: dutch, at: head.range, suggestion: suggestion)
            return nil
        }
    }

    // MARK: Small declarations

    private mutating func precedence(_ block: Block, _ cursor: inout TokenCursor) -> PrecedenceSyntax? {
        guard let group = support.expectName(&cursor, what: Bilingual("the group it protects", nl: "de groep die deze voorrang beschermt"), after: "precedence") else { return nil }
        support.expectEnd(&cursor, after: Bilingual("the group", nl: "de groep"))
        var syntax = PrecedenceSyntax(group: group, range: block.range)
        let form = "lowered by group NAME to VERDICT, or lowered by rule ID to VERDICT"
        let dutchForm = "lowered by group NAAM to OORDEEL, of lowered by rule ID to OORDEEL"
        for child in block.children {
            guard child.keyword == "lowered" else {
                unknownClause(child, in: Bilingual(verbatim: "precedence `\(group.text)`"), allowed: ["lowered"])
                continue
            }
            var line = TokenCursor(block: child, skip: 1)
            guard line.skipWord("by") else {
                support.error(
                    "WB141", "expected `by` after `lowered`: \(form)", nl: "verwacht: `by` na `lowered`: \(dutchForm)",
                    at: child.head.range)
                continue
            }
            let kind = line.peek
            guard let kind, kind.isWord("group") || kind.isWord("rule") else {
                support.error(
                    "WB141", "expected `group` or `rule` after `lowered by`: \(form)",
                    nl: "verwacht: `group` of `rule` na `lowered by`: \(dutchForm)", at: kind?.range ?? child.head.range)
                continue
            }
            line.next()
            let what = kind.text == "group" ? Bilingual("a group", nl: "een groep") : Bilingual("a rule id", nl: "een regel-id")
            guard let name = support.expectName(&line, what: what, after: kind.text) else { continue }
            guard line.skipWord("to") else {
                support.error(
                    "WB141", "expected `to VERDICT` after `\(name.text)`: \(form)",
                    nl: "verwacht: `to OORDEEL` na `\(name.text)`: \(dutchForm)", at: name.range)
                continue
            }
            guard let floor = support.expectName(&line, what: Bilingual("the verdict it may lower to", nl: "het oordeel waartoe verlaagd mag worden"), after: "to") else { continue }
            support.expectEnd(&line, after: Bilingual("the verdict", nl: "het oordeel"))
            let by: LoweringRouteSyntax.By = kind.text == "group" ? .group(name) : .rule(name)
            syntax.routes.append(LoweringRouteSyntax(by: by, floor: floor, range: child.range))
        }
        return syntax
    }

    private mutating func ruleset(_ block: Block, _ cursor: inout TokenCursor) -> RulesetSyntax? {
        guard let name = support.expectString(&cursor, what: Bilingual("the name of the rule set", nl: "de naam van de regelset"), after: "ruleset") else { return nil }
        support.expectEnd(&cursor, after: Bilingual("the rule set's name", nl: "de naam van de regelset"))
        var syntax = RulesetSyntax(name: name.text, range: block.range)
        for child in block.children {
            var line = TokenCursor(block: child, skip: 1)
            switch child.keyword {
            case "version":
                syntax.version = support.expectString(&line, what: Bilingual("the version", nl: "de versie"), after: "version")?.text
                support.expectEnd(&line, after: Bilingual("the version", nl: "de versie"))
            case "date":
                syntax.date = support.value(&line, after: "date", allowBareList: false)
                support.expectEnd(&line, after: Bilingual("the date", nl: "de datum"))
            case "description":
                syntax.description = support.text(&line, children: child.children, keyword: child.head)
            case "examples":
                guard line.skipWord("assume") else {
                    support.error(
                        "WB119", "expected `assume` after `examples`", nl: "verwacht: `assume` na `examples`", at: line.here,
                        suggestion: "examples assume")
                    continue
                }
                support.expectEnd(&line, after: Bilingual(verbatim: "`examples assume`"))
                for assumption in child.children {
                    if let assignment = support.assignment(assumption, owner: Bilingual(verbatim: "`examples assume`")) {
                        syntax.exampleAssumptions.append(assignment)
                    }
                }
            default:
                unknownClause(child, in: Bilingual("the rule set", nl: "de regelset"), allowed: ["version", "date", "description", "examples"])
            }
        }
        return syntax
    }

    private mutating func source(_ block: Block, _ cursor: inout TokenCursor) -> SourceDeclarationSyntax? {
        guard let id = support.expectName(&cursor, what: Bilingual("a source id such as `MW-6`", nl: "een bron-id zoals `MW-6`"), after: "source") else { return nil }
        support.expectEnd(&cursor, after: Bilingual("the source id", nl: "het bron-id"))
        var syntax = SourceDeclarationSyntax(id: id, range: block.range)
        let fields = ["title", "issuer", "date", "url", "status"]
        let dutchFields = ["title": "de titel", "issuer": "de uitgever", "date": "de datum", "url": "de url", "status": "de status"]
        for child in block.children {
            var line = TokenCursor(block: child, skip: 1)
            let keyword = child.keyword
            switch keyword {
            case "url":
                syntax.url = support.expectString(&line, what: Bilingual("the url", nl: "de url"), after: keyword)?.text
            case "title", "issuer", "date":
                let value = support.sourceText(&line, children: child.children, after: keyword)
                if value == nil {
                    _ = support.expectString(&line, what: Bilingual("the \(keyword)", nl: dutchFields[keyword] ?? keyword), after: keyword)
                }
                switch keyword {
                case "title": syntax.title = value
                case "issuer": syntax.issuer = value
                default: syntax.date = value
                }
            case "status":
                syntax.status = support.expectName(&line, what: Bilingual("verified, partly_verified or unverified", nl: "`verified`, `partly_verified` of `unverified`"), after: "status")
            default:
                unknownClause(child, in: Bilingual("source `\(id.text)`", nl: "bron `\(id.text)`"), allowed: fields)
                continue
            }
            support.expectEnd(&line, after: Bilingual("the \(keyword)", nl: dutchFields[keyword] ?? keyword))
        }
        return syntax
    }

    private mutating func term(_ kind: TermSyntax.Kind, _ block: Block, _ cursor: inout TokenCursor) -> TermSyntax? {
        guard let id = support.expectName(&cursor, what: Bilingual("an id", nl: "een id"), after: kind.rawValue) else { return nil }
        support.expectEnd(&cursor, after: Bilingual("the id", nl: "het id"))
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
                syntax.waivable = support.expectName(&line, what: Bilingual("yes or no", nl: "`yes` of `no`"), after: "waivable")
                support.expectEnd(&line, after: Bilingual(verbatim: "`waivable`"))
            case "recommended" where kind == .safeguard:
                if line.skipWord("only") {
                    syntax.recommendedOnly = child.range
                } else {
                    support.error(
                        "WB142", "write `recommended only` to mark a safeguard no source requires",
                        nl: "schrijf `recommended only` om een waarborg te markeren die geen bron vereist", at: child.head.range,
                        suggestion: "recommended only")
                }
                support.expectEnd(&line, after: Bilingual(verbatim: "`recommended only`"))
            case "undertaking" where kind == .safeguard:
                syntax.undertaking = support.text(&line, children: child.children, keyword: child.head)
            case "alias" where kind == .activity:
                syntax.aliases += support.nameList(&line, what: Bilingual("a former name", nl: "een vroegere naam"), after: "alias")
                support.expectEnd(&line, after: Bilingual("the former names", nl: "de vroegere namen"))
            case "default" where kind == .party:
                let rest = Block(tokens: Array(child.tokens.dropFirst()), children: child.children)
                guard !rest.tokens.isEmpty else {
                    support.error(
                        "WB113", "expected `attribute = value` after `default`", nl: "verwacht: `attribute = value` na `default`",
                        at: line.endRange)
                    continue
                }
                if let assignment = support.assignment(rest, owner: Bilingual("a party default", nl: "een standaardwaarde voor partijen")) { syntax.defaults.append(assignment) }
            default:
                let dutch = switch kind {
                case .group: "groep"
                case .activity: "activiteitsoort"
                case .party: "partijsoort"
                case .legalForm: "rechtsvorm"
                case .safeguard: "waarborg"
                }
                unknownClause(child, in: Bilingual("\(kind.rawValue) `\(id.text)`", nl: "\(dutch) `\(id.text)`"), allowed: allowed)
            }
        }
        return syntax
    }

    private mutating func enumeration(_ block: Block, _ cursor: inout TokenCursor) -> EnumerationSyntax? {
        guard let id = support.expectName(&cursor, what: Bilingual("the name of the list of values", nl: "de naam van de waardenlijst"), after: "values") else { return nil }
        support.expectEnd(&cursor, after: Bilingual("the name", nl: "de naam"))
        var syntax = EnumerationSyntax(id: id, range: block.range)
        for child in block.children {
            var line = TokenCursor(block: child, skip: 1)
            switch child.keyword {
            case "label":
                syntax.label = support.text(&line, children: child.children, keyword: child.head)
            case "value":
                guard let name = support.expectName(&line, what: Bilingual("the value's id", nl: "het id van de waarde"), after: "value") else { continue }
                // `value new alias old nl "…" en "…"`: a former id, written before the labels.
                var aliases: [Name] = []
                while line.skipWord("alias") {
                    if let alias = support.expectName(&line, what: Bilingual("the value's former id", nl: "het vroegere id van de waarde"), after: "alias") { aliases.append(alias) }
                }
                let label = support.text(&line, children: child.children, keyword: child.head)
                var member = EnumerationMemberSyntax(name: name, label: label)
                member.aliases = aliases
                syntax.members.append(member)
            default:
                unknownClause(child, in: Bilingual("values `\(id.text)`", nl: "waardenlijst `\(id.text)`"), allowed: ["label", "value"])
            }
        }
        return syntax
    }

    private mutating func namedSet(_ block: Block, _ cursor: inout TokenCursor) -> NamedSetSyntax? {
        guard let id = support.expectName(&cursor, what: Bilingual("the set's name", nl: "de naam van de verzameling"), after: "set") else { return nil }
        var of: Name?
        if cursor.skipWord("of") {
            of = support.expectName(&cursor, what: Bilingual("the name of a list of values", nl: "de naam van een waardenlijst"), after: "of")
        } else {
            support.error(
                "WB114", "expected `of` and the list of values the set draws from",
                nl: "verwacht: `of` en de waardenlijst waaruit de verzameling haar waarden neemt", at: cursor.here,
                suggestion: "set \(id.text) of …")
        }
        support.expectEnd(&cursor, after: Bilingual("the set's header", nl: "de kop van de verzameling"))
        var syntax = NamedSetSyntax(id: id, of: of, range: block.range)
        for child in block.children {
            var line = TokenCursor(block: child, skip: 1)
            switch child.keyword {
            case "label":
                syntax.label = support.text(&line, children: child.children, keyword: child.head)
            case "members":
                if line.peek?.isSymbol("{") == true {
                    syntax.members += support.braceList(&line, what: Bilingual("a value", nl: "een waarde")).0
                } else {
                    syntax.members += support.nameList(&line, what: Bilingual("a value", nl: "een waarde"), after: "members")
                }
                support.expectEnd(&line, after: Bilingual("the members", nl: "de elementen"))
            default:
                unknownClause(child, in: Bilingual("set `\(id.text)`", nl: "verzameling `\(id.text)`"), allowed: ["label", "members"])
            }
        }
        return syntax
    }

    private mutating func type(_ cursor: inout TokenCursor, after: String) -> TypeSyntax? {
        guard let word = support.expectName(&cursor, what: Bilingual("a type", nl: "een type"), after: after) else { return nil }
        switch word.text {
        case "one", "set":
            guard cursor.skipWord("of") else {
                support.error(
                    "WB115", "expected `of` after `\(word.text)`", nl: "verwacht: `of` na `\(word.text)`", at: cursor.here,
                    suggestion: "\(word.text) of …")
                return nil
            }
            guard let values = support.expectName(&cursor, what: Bilingual("the name of a list of values", nl: "de naam van een waardenlijst"), after: "of") else { return nil }
            return word.text == "one" ? .oneOf(values) : .setOf(values)
        default:
            return .scalar(word)
        }
    }

    private mutating func fact(_ block: Block, _ cursor: inout TokenCursor, isAttribute: Bool) -> FactSyntax? {
        let keyword = isAttribute ? "attribute" : "fact"
        let dutch = isAttribute ? (id: "het id van het kenmerk", owner: "kenmerk") : (id: "het id van het feit", owner: "feit")
        guard let id = support.expectName(&cursor, what: Bilingual("the \(keyword)'s id", nl: dutch.id), after: keyword) else { return nil }
        support.expectEnd(&cursor, after: Bilingual("the id", nl: "het id"))
        var syntax = FactSyntax(isAttribute: isAttribute, id: id, range: block.range)
        let allowed = isAttribute ? ["type", "label"] : ["type", "label", "question", "derived", "alias", "open", "hardcore", "fixed"]
        for child in block.children {
            var line = TokenCursor(block: child, skip: 1)
            switch child.keyword {
            case "type":
                syntax.type = type(&line, after: "type")
                support.expectEnd(&line, after: Bilingual("the type", nl: "het type"))
            case "label":
                syntax.label = support.text(&line, children: child.children, keyword: child.head)
            case "fixed" where !isAttribute:
                syntax.fixed = child.range
                support.expectEnd(&line, after: Bilingual(verbatim: "`fixed`"))
            case "hardcore" where !isAttribute:
                syntax.hardcore = child.range
                support.expectEnd(&line, after: Bilingual(verbatim: "`hardcore`"))
            case "open" where !isAttribute:
                if line.skipWord("norm") {
                    syntax.openNorm = child.range
                } else {
                    support.error(
                        "WB143", "write `open norm` to mark the fact as an open norm the consortium only asserts",
                        nl: "schrijf `open norm` om het feit te markeren als een open norm die het consortium alleen zelf verklaart",
                        at: child.head.range, suggestion: "open norm")
                }
                support.expectEnd(&line, after: Bilingual(verbatim: "`open norm`"))
            case "question" where !isAttribute:
                syntax.question = support.text(&line, children: child.children, keyword: child.head)
            case "alias" where !isAttribute:
                syntax.aliases += support.nameList(&line, what: Bilingual("a former name", nl: "een vroegere naam"), after: "alias")
                support.expectEnd(&line, after: Bilingual("the former names", nl: "de vroegere namen"))
            case "derived" where !isAttribute:
                guard let function = support.expectName(&line, what: Bilingual("how the fact is derived", nl: "hoe het feit wordt afgeleid"), after: "derived") else { continue }
                var argument: Name?
                var filter: Name?
                if let next = line.peek, next.kind == .identifier, !next.isWord("where") {
                    argument = Name(next.text, next.range)
                    line.next()
                }
                if line.skipWord("where") {
                    filter = support.expectName(&line, what: Bilingual("a yes/no attribute of parties", nl: "een ja/nee-kenmerk van partijen"), after: "where")
                }
                support.expectEnd(&line, after: Bilingual("the derivation", nl: "de afleiding"))
                syntax.derived = DerivationSyntax(function: function, argument: argument, filter: filter, range: child.range)
            default:
                unknownClause(child, in: Bilingual("\(keyword) `\(id.text)`", nl: "\(dutch.owner) `\(id.text)`"), allowed: allowed)
            }
        }
        return syntax
    }

    /// `source ID "pinpoint"`, with the pinpoint's English text and indented lines as
    /// `SourceTextSyntax` reads them.
    private mutating func citation(_ cursor: inout TokenCursor, keyword: Token, children: [Block]) -> CitationSyntax? {
        guard let id = support.expectName(&cursor, what: Bilingual("a source id such as `MW-6`", nl: "een bron-id zoals `MW-6`"), after: "source") else { return nil }
        let pinpoint = support.sourceText(&cursor, children: children, after: "source")
        var range = keyword.range.union(id.range)
        if let pinpoint { range = range.union(pinpoint.range) }
        return CitationSyntax(source: id, pinpoint: pinpoint, range: range)
    }

    private mutating func parameter(_ block: Block, _ cursor: inout TokenCursor) -> ParameterSyntax? {
        guard let id = support.expectName(&cursor, what: Bilingual("the parameter's id", nl: "het id van de parameter"), after: "parameter") else { return nil }
        support.expectEnd(&cursor, after: Bilingual("the id", nl: "het id"))
        var syntax = ParameterSyntax(id: id, range: block.range)
        for child in block.children {
            var line = TokenCursor(block: child, skip: 1)
            switch child.keyword {
            case "title":
                syntax.title = support.text(&line, children: child.children, keyword: child.head)
            case "type":
                syntax.type = type(&line, after: "type")
                support.expectEnd(&line, after: Bilingual("the type", nl: "het type"))
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
                            nl: "verwacht: `from`, `until` of `source` na de waarde, gevonden: `\(word.text)`",
                            at: word.range)
                        _ = line.rest()
                    }
                }
                support.expectEnd(&line, after: Bilingual("the value", nl: "de waarde"))
                syntax.values.append(ParameterValueSyntax(value: value, from: from, until: until, citation: citation, range: child.range))
            default:
                unknownClause(child, in: Bilingual(verbatim: "parameter `\(id.text)`"), allowed: ["title", "type", "value"])
            }
        }
        return syntax
    }

    private mutating func annex(_ block: Block, _ cursor: inout TokenCursor) -> AnnexSyntax? {
        support.expectEnd(&cursor, after: Bilingual(verbatim: "`annex`"))
        var syntax = AnnexSyntax(range: block.range)
        for child in block.children {
            var line = TokenCursor(block: child, skip: 1)
            guard child.keyword == "phrase" else {
                unknownClause(child, in: Bilingual("the annex", nl: "de bijlage"), allowed: ["phrase"])
                continue
            }
            guard let key = support.expectName(&line, what: Bilingual("the phrase's key", nl: "de sleutel van de vaste tekst"), after: "phrase") else { continue }
            let text = support.text(&line, children: child.children, keyword: child.head)
            syntax.phrases.append(AnnexPhraseSyntax(key: key, text: text))
        }
        return syntax
    }

    private mutating func namedCondition(_ block: Block, _ cursor: inout TokenCursor) -> NamedConditionSyntax? {
        guard let id = support.expectName(&cursor, what: Bilingual("the condition's name", nl: "de naam van de voorwaarde"), after: "condition") else { return nil }
        support.expectEnd(&cursor, after: Bilingual("the name", nl: "de naam"))
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
                support.expectEnd(&whole, after: Bilingual("the condition", nl: "de voorwaarde"))
            default:
                unknownClause(child, in: Bilingual("condition `\(id.text)`", nl: "voorwaarde `\(id.text)`"), allowed: ["label", "when"])
            }
        }
        return syntax
    }

    // MARK: Rules

    private mutating func rule(_ block: Block, _ cursor: inout TokenCursor) -> RuleSyntax? {
        guard let id = support.expectName(&cursor, what: Bilingual("the rule's id, such as `IX-03`", nl: "het id van de regel, zoals `IX-03`"), after: "rule") else { return nil }
        support.expectEnd(&cursor, after: Bilingual("the rule's id", nl: "het id van de regel"))
        var rule = RuleSyntax(id: id, range: block.range)
        for child in block.children {
            var line = TokenCursor(block: child, skip: 1)
            let keyword = child.keyword
            func once<T>(_ existing: T?) -> Bool {
                if existing != nil {
                    support.error(
                        "WB118", "rule `\(id.text)` has a second `\(keyword)`; a rule has one",
                        nl: "regel `\(id.text)` heeft een tweede `\(keyword)`; een regel heeft er één", at: child.head.range)
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
                rule.group = support.expectName(&line, what: Bilingual("a group", nl: "een groep"), after: "group")
                support.expectEnd(&line, after: Bilingual("the group", nl: "de groep"))
            case "applies":
                guard line.skipWord("to") else {
                    support.error(
                        "WB119", "expected `to` after `applies`", nl: "verwacht: `to` na `applies`", at: line.here,
                        suggestion: "applies to …")
                    continue
                }
                // `applies to any activity`: conduct rules that hold whatever the activity's kind.
                if let any = line.peek, any.kind == .identifier, any.text == "any" {
                    line.next()
                    guard let activity = line.peek, activity.kind == .identifier, activity.text == "activity" else {
                        support.error(
                            "WB119", "expected `activity` after `applies to any`", nl: "verwacht: `activity` na `applies to any`",
                            at: line.here, suggestion: "applies to any activity")
                        continue
                    }
                    line.next()
                    rule.appliesToAnyActivity = any.range.union(activity.range)
                    support.expectEnd(&line, after: Bilingual(verbatim: "`applies to any activity`"))
                    continue
                }
                rule.appliesTo += support.nameList(&line, what: Bilingual("an activity kind", nl: "een activiteitsoort"), after: "applies to")
                support.expectEnd(&line, after: Bilingual("the activity kinds", nl: "de activiteitsoorten"))
            case "valid":
                while let word = line.peek, word.kind == .identifier {
                    line.next()
                    if word.text == "from" {
                        rule.validFrom = support.value(&line, after: "from", allowBareList: false)
                    } else if word.text == "until" {
                        rule.validUntil = support.value(&line, after: "until", allowBareList: false)
                    } else {
                        support.error(
                            "WB117", "expected `from` or `until` after `valid`, found `\(word.text)`",
                            nl: "verwacht: `from` of `until` na `valid`, gevonden: `\(word.text)`", at: word.range)
                        _ = line.rest()
                    }
                }
                support.expectEnd(&line, after: Bilingual("the dates", nl: "de datums"))
            case "version":
                guard once(rule.version) else { continue }
                rule.version = support.expectString(&line, what: Bilingual("the rule's version", nl: "de versie van de regel"), after: "version")?.text
                support.expectEnd(&line, after: Bilingual("the version", nl: "de versie"))
            case "when":
                guard once(rule.condition) else { continue }
                var tokens = line.rest()
                for grandchild in child.children { tokens += flatten(grandchild) }
                var whole = TokenCursor(tokens, endRange: line.endRange)
                rule.condition = ExpressionParser.parse(&whole, support: &support)
                support.expectEnd(&whole, after: Bilingual("the condition", nl: "de voorwaarde"))
            case "then":
                guard once(rule.conclusion) else { continue }
                rule.conclusion = support.expectName(&line, what: Bilingual("a verdict", nl: "een oordeel"), after: "then")
                support.expectEnd(&line, after: Bilingual("the verdict", nl: "het oordeel"))
            case "because":
                guard once(rule.rationale) else { continue }
                rule.rationale = support.text(&line, children: child.children, keyword: child.head)
            case "unless":
                rule.exceptions.append(exception(child, &line, ruleID: id.text))
            case "source":
                if let citation = citation(&line, keyword: child.head, children: child.children) { rule.sources.append(citation) }
                support.expectEnd(&line, after: Bilingual("the citation", nl: "de bronvermelding"))
            case "overrides":
                var targets: [OverrideTarget] = []
                repeat {
                    if line.skipWord("group") {
                        if let group = support.expectName(&line, what: Bilingual("a group", nl: "een groep"), after: "group") { targets.append(.group(group)) }
                    } else if let all = line.peek, all.isWord("all") {
                        line.next()
                        targets.append(.all(all.range))
                    } else if let target = support.expectName(&line, what: Bilingual("a rule id or `group NAME`", nl: "een regel-id of `group NAAM`"), after: "overrides") {
                        targets.append(.rule(target))
                    }
                } while line.skipSymbol(",")
                var verdicts: [Name] = []
                if line.skipWord("if") {
                    verdicts = support.nameList(&line, what: Bilingual("a verdict", nl: "een oordeel"), after: "if")
                }
                support.expectEnd(&line, after: Bilingual("the overridden rules", nl: "de overschreven regels"))
                rule.overrides.append(OverrideClauseSyntax(targets: targets, verdicts: verdicts, range: child.range))
            case "permits":
                guard once(rule.permits) else { continue }
                rule.permits = support.text(&line, children: child.children, keyword: child.head)
            case "recommend":
                rule.recommends += support.nameList(&line, what: Bilingual("a safeguard", nl: "een waarborg"), after: "recommend")
                support.expectEnd(&line, after: Bilingual("the safeguards", nl: "de waarborgen"))
            case "intended":
                guard line.skipWord("overlap"), line.skipWord("with") else {
                    support.error(
                        "WB140", "expected `overlap with RULE` after `intended`", nl: "verwacht: `overlap with REGEL` na `intended`",
                        at: line.here, suggestion: "intended overlap with IX-09")
                    _ = line.rest()
                    continue
                }
                let rules = support.nameList(&line, what: Bilingual("a rule id", nl: "een regel-id"), after: "intended overlap with")
                let reason = support.text(&line, children: child.children, keyword: child.head)
                rule.intendedOverlaps.append(IntendedOverlapSyntax(rules: rules, reason: reason, range: child.head.range))
            case "example":
                if let example = example(child, &line) { rule.examples.append(example) }
            default:
                unknownClause(child, in: Bilingual("rule `\(id.text)`", nl: "regel `\(id.text)`"), allowed: RuleFileParser.ruleClauses)
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
            support.error("WB120", "expected a condition after `unless`", nl: "verwacht: een voorwaarde na `unless`", at: line.endRange)
            condition = .invalid(line.endRange, prose: [])
        } else {
            condition = ExpressionParser.parse(&whole, support: &support)
            support.expectEnd(&whole, after: Bilingual("the condition", nl: "de voorwaarde"))
        }
        var syntax = ExceptionSyntax(keywordRange: block.head.range, name: name, condition: condition)
        for clause in clauses {
            var cursor = TokenCursor(block: clause, skip: 1)
            switch clause.keyword {
            case "then":
                syntax.conclusion = support.expectName(&cursor, what: Bilingual("a verdict", nl: "een oordeel"), after: "then")
                support.expectEnd(&cursor, after: Bilingual("the verdict", nl: "het oordeel"))
            case "because":
                syntax.rationale = support.text(&cursor, children: clause.children, keyword: clause.head)
            case "source":
                if let citation = citation(&cursor, keyword: clause.head, children: clause.children) { syntax.sources.append(citation) }
                support.expectEnd(&cursor, after: Bilingual("the citation", nl: "de bronvermelding"))
            case "unless":
                syntax.exceptions.append(exception(clause, &cursor, ruleID: ruleID))
            default:
                unknownClause(clause, in: Bilingual("an `unless` of rule `\(ruleID)`", nl: "een `unless` van regel `\(ruleID)`"), allowed: ["then", "because", "source", "unless"])
            }
        }
        return syntax
    }

    private mutating func example(_ block: Block, _ line: inout TokenCursor) -> ExampleSyntax? {
        guard let title = support.expectString(&line, what: Bilingual("a short description of the example", nl: "een korte beschrijving van het voorbeeld"), after: "example") else {
            return nil
        }
        support.expectEnd(&line, after: Bilingual("the example's description", nl: "de beschrijving van het voorbeeld"))
        var syntax = ExampleSyntax(title: title.text, range: block.range)
        for child in block.children {
            if child.keyword == "expect" {
                var cursor = TokenCursor(block: child, skip: 1)
                guard let verdict = support.expectName(&cursor, what: Bilingual("the expected verdict", nl: "het verwachte oordeel"), after: "expect") else { continue }
                var rules: [Name] = []
                var notes: [Name] = []
                if cursor.skipWord("by") {
                    rules = support.nameList(&cursor, what: Bilingual("a rule id", nl: "een regel-id"), after: "by")
                }
                if cursor.skipWord("notes") {
                    notes = support.nameList(&cursor, what: Bilingual("a note rule's id", nl: "het id van een notitieregel"), after: "notes")
                }
                support.expectEnd(&cursor, after: Bilingual("the expectation", nl: "de verwachting"))
                if syntax.expect != nil {
                    support.error(
                        "WB118", "this example has a second `expect`; an example has one",
                        nl: "dit voorbeeld heeft een tweede `expect`; een voorbeeld heeft er één", at: child.head.range)
                }
                syntax.expect = ExpectSyntax(verdict: verdict, rules: rules, notes: notes, range: child.range)
            } else if let assignment = support.assignment(child, owner: Bilingual("an example", nl: "een voorbeeld")) {
                syntax.assignments.append(assignment)
            }
        }
        if syntax.expect == nil {
            support.error(
                "WB125", "example \"\(title.text)\" has no `expect` line; say which verdict it must reach",
                nl: "voorbeeld \"\(title.text)\" heeft geen `expect`; geef aan welk oordeel het moet opleveren",
                at: title.range, suggestion: "expect prohibited by …")
        }
        return syntax
    }
}
