import WaarborgSyntax

/// Checks parsed rule files as one rule set: every name declared once, every reference
/// resolved, every rule complete (titles and rationale in both languages, a cited source
/// with a pinpoint), every example well-formed. Returns the checked `RuleSet`, or the
/// diagnostics that stand in its way.
public struct RuleSetChecker {
    private var diagnostics: [Diagnostic] = []
    private var vocabulary = Vocabulary()
    private var sources: [SourceDocument] = []
    private var sourceIndex: [String: Int] = [:]
    private var parameters: [Parameter] = []
    private var parameterIndex: [String: Int] = [:]
    private var exampleAssumptions: [AssignmentSyntax] = []
    /// `examples assume`, checked once against the vocabulary (not once per example).
    private var assumedFacts: [(key: String, fact: Int, value: FactValue)] = []
    private var conditions: [NamedCondition] = []
    private var digest = RuleSetDigest(hex: "")

    /// - Parameter folder: the rules folder the files were read from, which their names in
    ///   the rule set's digest are relative to (nil: the paths as they are).
    public static func check(_ files: [RuleFileSyntax], folder: String? = nil) -> (ruleSet: RuleSet?, diagnostics: [Diagnostic]) {
        var checker = RuleSetChecker()
        checker.digest = RuleSetDigest(files: files.map(\.file), folder: folder)
        let ruleSet = checker.run(files)
        return (checker.diagnostics.hasErrors ? nil : ruleSet, checker.diagnostics)
    }

    // MARK: Collecting declarations

    private struct Declarations {
        var rulesets: [RulesetSyntax] = []
        var sources: [SourceDeclarationSyntax] = []
        var terms: [TermSyntax] = []
        var enumerations: [EnumerationSyntax] = []
        var sets: [NamedSetSyntax] = []
        var facts: [FactSyntax] = []
        var parameters: [ParameterSyntax] = []
        var conditions: [NamedConditionSyntax] = []
        var rules: [RuleSyntax] = []
        var annexes: [AnnexSyntax] = []
        var precedences: [PrecedenceSyntax] = []
    }

    private mutating func run(_ files: [RuleFileSyntax]) -> RuleSet? {
        var all = Declarations()
        // Declarations are numbered in the order they are read, and reports list safeguards,
        // facts and values by number. Reading the files by path makes that order, and so
        // every output, independent of the order in which the files were handed over (a
        // plan's safeguards declared in two files once came out in either order).
        let ordered = files.enumerated().sorted { ($0.element.file.path, $0.offset) < ($1.element.file.path, $1.offset) }.map(\.element)
        for file in ordered {
            for declaration in file.declarations {
                switch declaration {
                case .ruleset(let syntax): all.rulesets.append(syntax)
                case .source(let syntax): all.sources.append(syntax)
                case .term(let syntax): all.terms.append(syntax)
                case .enumeration(let syntax): all.enumerations.append(syntax)
                case .namedSet(let syntax): all.sets.append(syntax)
                case .fact(let syntax): all.facts.append(syntax)
                case .parameter(let syntax): all.parameters.append(syntax)
                case .rule(let syntax): all.rules.append(syntax)
                case .condition(let syntax): all.conditions.append(syntax)
                case .annex(let syntax): all.annexes.append(syntax)
                case .precedence(let syntax): all.precedences.append(syntax)
                }
            }
        }
        let info = checkRuleset(all.rulesets, files: files)
        exampleAssumptions = all.rulesets.first?.exampleAssumptions ?? []
        checkSources(all.sources)
        checkTerms(all.terms)
        checkEnumerations(all.enumerations)
        checkSets(all.sets)
        checkFacts(all.facts.filter(\.isAttribute), attributes: true)
        checkPartyDefaults(all.terms.filter { $0.kind == .party })
        checkFacts(all.facts.filter { !$0.isAttribute }, attributes: false)
        checkAliases(all)
        checkParameters(all.parameters)
        checkExampleAssumptions()
        let rules = checkRules(all.rules, conditionSyntax: all.conditions, defaultDate: info?.date)
        let phrases = checkAnnex(all.annexes)
        let ruleIndex = Dictionary(uniqueKeysWithValues: rules.map { ($0.id, $0.index) })
        let precedences = PrecedenceChecker(vocabulary: vocabulary, rules: rules)
            .check(all.precedences, ruleIndex: ruleIndex, diagnostics: &diagnostics)
        PermissionChecker(vocabulary: vocabulary).check(rules, diagnostics: &diagnostics)
        guard let info, !diagnostics.hasErrors else { return nil }
        return assemble(info: info, rules: rules, annexPhrases: phrases, annexRange: all.annexes.first?.range, precedences: precedences)
    }

    private mutating func error(_ code: String, _ en: String, nl: String, at range: SourceRange?, notes: [DiagnosticNote] = [], suggestion: String? = nil) {
        diagnostics.append(.error(code, en, nl: nl, at: range, notes: notes, suggestion: suggestion))
    }

    /// Reports a second declaration of a name; returns whether the name is new.
    /// `what`: the kind of name, without article ("fact" / "feit").
    private mutating func claim(_ name: Name, in table: inout [String: SourceRange], what: Bilingual) -> Bool {
        if let first = table[name.text] {
            error(
                "WB301", "\(what.en) `\(name.text)` is declared twice", nl: "\(what.nl) `\(name.text)` is twee keer gedeclareerd", at: name.range,
                notes: [DiagnosticNote("first declared here", nl: "hier voor het eerst gedeclareerd", at: first)])
            return false
        }
        table[name.text] = name.range
        return true
    }

    /// The `label` of a term, fact, value or condition, for `bilingual(_:what:owner:at:)`.
    private static let label = Bilingual("label", nl: "het label")
    /// The `because` of a rule or an exception.
    private static let because = Bilingual("because", nl: "de motivering")

    /// Both languages of a text, or an error naming the missing one.
    /// - Parameters:
    ///   - what: the text's keyword in the file as the English (`label`, `because`), and in
    ///     Dutch what it is, with its article ("het label", "de motivering").
    ///   - owner: what the text belongs to, without article ("rule `HC-01`" / "regel `HC-01`").
    private mutating func bilingual(_ text: TextSyntax?, what: Bilingual, owner: Bilingual, at range: SourceRange) -> Bilingual? {
        let keyword = what.en
        guard let text else {
            error(
                "WB302", "\(owner.en) has no \(keyword); add `\(keyword) nl \"…\" en \"…\"`",
                nl: "\(what.nl) ontbreekt bij \(owner.nl); voeg `\(keyword) nl \"…\" en \"…\"` toe",
                at: range, suggestion: "\(keyword) nl \"…\" en \"…\"")
            return nil
        }
        var missing: [Bilingual] = []
        if text.nl?.isEmpty ?? true { missing.append(Bilingual("Dutch (`nl \"…\"`)", nl: "Nederlandse (`nl \"…\"`)")) }
        if text.en?.isEmpty ?? true { missing.append(Bilingual("English (`en \"…\"`)", nl: "Engelse (`en \"…\"`)")) }
        guard missing.isEmpty else {
            error(
                "WB303", "the \(keyword) of \(owner.en) has no \(missing.map(\.en).joined(separator: " and ")) text; every text is given in both languages",
                nl: "\(what.nl) van \(owner.nl) heeft geen \(missing.map(\.nl).joined(separator: " en ")) tekst; elke tekst wordt in beide talen gegeven",
                at: text.range)
            return nil
        }
        return Bilingual(nl: text.nl!, en: text.en!)
    }

    private func date(_ value: ValueSyntax?) -> DateValue? {
        if case .date(let date)? = value?.kind { return date }
        return nil
    }

    private mutating func expectDate(_ value: ValueSyntax?, what: Bilingual) -> DateValue? {
        guard let value else { return nil }
        if case .date(let date) = value.kind { return date }
        error("WB304", "\(what.en) is a date such as 2026-01-01", nl: "\(what.nl) moet een datum zijn, zoals 2026-01-01", at: value.range)
        return nil
    }

    // MARK: Rule set, sources, vocabulary

    private mutating func checkRuleset(_ syntax: [RulesetSyntax], files: [RuleFileSyntax]) -> RuleSetInfo? {
        guard let first = syntax.first else {
            let place = files.first.map { SourceRange(file: $0.file, start: 0, end: 0) }
            error(
                "WB305", "the rule set has no `ruleset \"…\"` declaration with its name and version",
                nl: "de regelset heeft geen declaratie `ruleset \"…\"` met haar naam en versie", at: place,
                suggestion: "ruleset \"…\"\n  version \"2026.11\"\n  date 2026-11-01")
            return nil
        }
        for extra in syntax.dropFirst() {
            error(
                "WB301", "a rule set has one `ruleset` declaration; this is a second", nl: "een regelset heeft één declaratie `ruleset`; dit is een tweede",
                at: extra.range, notes: [DiagnosticNote("the first is here", nl: "de eerste staat hier", at: first.range)])
        }
        var description: Bilingual?
        if let text = first.description { description = bilingual(text, what: Bilingual("description", nl: "de beschrijving"), owner: Bilingual("the rule set", nl: "de regelset"), at: first.range) }
        let setDate = expectDate(first.date, what: Bilingual("the rule set's `date`", nl: "de `date` van de regelset"))
        if first.date == nil {
            error(
                "WB306", "the rule set has no `date`: the state of the law it describes, on which its examples are evaluated",
                nl: "de regelset heeft geen `date`: de peildatum van het recht dat ze beschrijft, waarop ook haar voorbeelden worden beoordeeld",
                at: first.range, suggestion: "date 2026-11-01")
        }
        if first.version == nil {
            error(
                "WB306", "the rule set has no `version`; reports and annexes cite it", nl: "de regelset heeft geen `version`; rapporten en bijlagen vermelden die",
                at: first.range, suggestion: "version \"2026.11\"")
        }
        guard let setDate else { return nil }
        return RuleSetInfo(name: first.name, version: first.version ?? "", date: setDate, description: description)
    }

    private mutating func checkSources(_ syntax: [SourceDeclarationSyntax]) {
        var seen: [String: SourceRange] = [:]
        for source in syntax.sorted(by: { $0.id.text < $1.id.text }) {
            guard claim(source.id, in: &seen, what: Bilingual("source", nl: "bron")) else { continue }
            guard let titleSyntax = source.title, let title = sourceText(titleSyntax) else {
                error(
                    "WB307", "source `\(source.id.text)` has no `title`", nl: "bron `\(source.id.text)` heeft geen `title`", at: source.id.range,
                    suggestion: "title \"…\" en \"…\"")
                continue
            }
            var status = SourceDocument.Status.unverified
            if let written = source.status {
                if let known = SourceDocument.Status(rawValue: written.text) { status = known } else {
                    error(
                        "WB308", "unknown status `\(written.text)`; use verified, partly_verified or unverified",
                        nl: "onbekende status `\(written.text)`; gebruik verified, partly_verified of unverified", at: written.range)
                }
            } else {
                error(
                    "WB308", "source `\(source.id.text)` has no `status` (verified, partly_verified or unverified)",
                    nl: "bron `\(source.id.text)` heeft geen `status` (verified, partly_verified of unverified)", at: source.id.range)
            }
            sourceIndex[source.id.text] = sources.count
            sources.append(SourceDocument(
                id: source.id.text, title: title, issuer: source.issuer.flatMap { sourceText($0) }, date: source.date.flatMap { sourceText($0) },
                url: source.url, status: status,
                range: source.range))
        }
    }

    /// Former names (`alias`) of facts, activity kinds and values: each names one thing and
    /// may not be a current name, or a plan could not tell which is meant.
    private mutating func checkAliases(_ all: Declarations) {
        var problems: [(Bilingual, SourceRange)] = []
        /// `what`: the kind of name, without article, and `nlPlural` its Dutch plural.
        func register(_ alias: Name, to index: Int, in table: inout [String: Int], current: [String: Int], what: Bilingual, nlPlural: String) {
            if current[alias.text] != nil {
                problems.append((Bilingual(
                    "`\(alias.text)` is a current \(what.en) name, so it cannot also be a former name",
                    nl: "`\(alias.text)` is de huidige naam van een \(what.nl), dus kan het niet ook een vroegere naam zijn"), alias.range))
            } else if table[alias.text] != nil {
                problems.append((Bilingual(
                    "former name `\(alias.text)` is given to two \(what.en)s; a former name names one",
                    nl: "vroegere naam `\(alias.text)` is aan twee \(nlPlural) gegeven; een vroegere naam verwijst naar één \(what.nl)"), alias.range))
            } else {
                table[alias.text] = index
            }
        }
        var factAliases: [String: Int] = [:]
        for fact in all.facts where !fact.isAttribute {
            guard let index = vocabulary.factIndex[fact.id.text] else { continue }
            for alias in fact.aliases { register(alias, to: index, in: &factAliases, current: vocabulary.factIndex, what: Bilingual("fact", nl: "feit"), nlPlural: "feiten") }
        }
        var kindAliases: [String: Int] = [:]
        for term in all.terms where term.kind == .activity {
            guard let index = vocabulary.activityKindIndex[term.id.text] else { continue }
            for alias in term.aliases {
                register(
                    alias, to: index, in: &kindAliases, current: vocabulary.activityKindIndex, what: Bilingual("activity kind", nl: "activiteitsoort"),
                    nlPlural: "activiteitsoorten")
            }
        }
        for enumeration in all.enumerations {
            guard let position = vocabulary.enumerationIndex[enumeration.id.text] else { continue }
            var aliases: [String: Int] = [:]
            for member in enumeration.members {
                guard let index = vocabulary.enumerations[position].memberIndex[member.name.text] else { continue }
                for alias in member.aliases {
                    register(
                        alias, to: index, in: &aliases, current: vocabulary.enumerations[position].memberIndex, what: Bilingual("value", nl: "waarde"),
                        nlPlural: "waarden")
                }
            }
            vocabulary.enumerations[position].memberAliases = aliases
        }
        vocabulary.factAliases = factAliases
        vocabulary.activityKindAliases = kindAliases
        for (message, range) in problems { diagnostics.append(.error("WB301", message, at: range)) }
    }

    private mutating func checkTerms(_ syntax: [TermSyntax]) {
        var tables: [TermSyntax.Kind: [String: SourceRange]] = [:]
        for term in syntax {
            let what: Bilingual
            switch term.kind {
            case .activity: what = Bilingual("activity kind", nl: "activiteitsoort")
            case .party: what = Bilingual("party kind", nl: "partijsoort")
            case .legalForm: what = Bilingual("legal form", nl: "rechtsvorm")
            case .group: what = Bilingual("group", nl: "groep")
            case .safeguard: what = Bilingual("safeguard", nl: "waarborg")
            }
            let owner = Bilingual("\(what.en) `\(term.id.text)`", nl: "\(what.nl) `\(term.id.text)`")
            guard claim(term.id, in: &tables[term.kind, default: [:]], what: what) else { continue }
            guard let label = bilingual(term.label, what: Self.label, owner: owner, at: term.id.range) else { continue }
            var definition: Bilingual?
            if let text = term.definition { definition = bilingual(text, what: Bilingual("definition", nl: "de definitie"), owner: owner, at: term.id.range) }
            var checked = Term(id: term.id.text, label: label, definition: definition, range: term.id.range)
            if let waivable = term.waivable {
                switch waivable.text {
                case "yes": checked.waivable = true
                case "no": checked.waivable = false
                default: error("WB401", "`waivable` is yes or no", nl: "`waivable` moet `yes` of `no` zijn", at: waivable.range)
                }
            }
            if term.recommendedOnly != nil { checked.recommendedOnly = true }
            if let text = term.undertaking {
                checked.undertaking = bilingual(text, what: Bilingual("undertaking", nl: "de toezegging"), owner: owner, at: term.id.range)
            }
            switch term.kind {
            case .group:
                vocabulary.groupIndex[checked.id] = vocabulary.groups.count
                vocabulary.groups.append(checked)
            case .activity:
                vocabulary.activityKindIndex[checked.id] = vocabulary.activityKinds.count
                vocabulary.activityKinds.append(checked)
            case .party:
                vocabulary.partyKindIndex[checked.id] = vocabulary.partyKinds.count
                vocabulary.partyKinds.append(PartyKind(term: checked, defaults: [:]))
            case .safeguard:
                vocabulary.safeguardIndex[checked.id] = vocabulary.safeguards.count
                vocabulary.safeguards.append(checked)
            case .legalForm:
                vocabulary.legalFormIndex[checked.id] = vocabulary.legalForms.count
                vocabulary.legalForms.append(checked)
            }
        }
    }

    private mutating func checkEnumerations(_ syntax: [EnumerationSyntax]) {
        var seen: [String: SourceRange] = [:]
        for enumeration in syntax {
            guard claim(enumeration.id, in: &seen, what: Bilingual("list of values", nl: "lijst van waarden")) else { continue }
            let owner = Bilingual("values `\(enumeration.id.text)`", nl: "lijst van waarden `\(enumeration.id.text)`")
            let label = bilingual(enumeration.label, what: Self.label, owner: owner, at: enumeration.id.range)
            var members: [Term] = []
            var index: [String: Int] = [:]
            var memberSeen: [String: SourceRange] = [:]
            for member in enumeration.members {
                guard claim(member.name, in: &memberSeen, what: Bilingual("value", nl: "waarde")) else { continue }
                let memberOwner = Bilingual("value `\(member.name.text)`", nl: "waarde `\(member.name.text)`")
                guard let memberLabel = bilingual(member.label, what: Self.label, owner: memberOwner, at: member.name.range) else { continue }
                index[member.name.text] = members.count
                members.append(Term(id: member.name.text, label: memberLabel, definition: nil, range: member.name.range))
            }
            if members.isEmpty {
                error(
                    "WB309", "\(owner.en) has no values; add lines `value ID nl \"…\" en \"…\"`",
                    nl: "\(owner.nl) heeft geen waarden; voeg tekstregels `value ID nl \"…\" en \"…\"` toe", at: enumeration.id.range)
            }
            vocabulary.enumerationIndex[enumeration.id.text] = vocabulary.enumerations.count
            vocabulary.enumerations.append(Enumeration(
                id: enumeration.id.text, label: label ?? Bilingual(nl: "", en: ""), members: members, memberIndex: index,
                range: enumeration.id.range))
        }
    }

    private mutating func enumerationReference(_ name: Name?) -> Int? {
        guard let name else { return nil }
        if let index = vocabulary.enumerationIndex[name.text] { return index }
        let suggestion = Suggestions.closest(to: name.text, in: vocabulary.enumerations.map(\.id))
        let hint = Suggestions.didYouMean(
            suggestion, otherwise: Bilingual("; declare it with `values \(name.text)`", nl: "; declareer die met `values \(name.text)`"))
        error(
            "WB310", "unknown list of values `\(name.text)`" + hint.en, nl: "onbekende lijst van waarden `\(name.text)`" + hint.nl,
            at: name.range, suggestion: suggestion)
        return nil
    }

    private mutating func checkSets(_ syntax: [NamedSetSyntax]) {
        var seen: [String: SourceRange] = [:]
        for set in syntax {
            guard claim(set.id, in: &seen, what: Bilingual("set", nl: "verzameling")) else { continue }
            guard let enumeration = enumerationReference(set.of) else { continue }
            let label = bilingual(set.label, what: Self.label, owner: Bilingual("set `\(set.id.text)`", nl: "verzameling `\(set.id.text)`"), at: set.id.range)
            var members = MemberSet()
            let values = vocabulary.enumerations[enumeration]
            for name in set.members {
                if let member = values.memberIndex[name.text] {
                    members.insert(member)
                } else if let other = vocabulary.setIndex[name.text], vocabulary.sets[other].enumeration == enumeration {
                    for member in vocabulary.sets[other].members.members { members.insert(member) }
                } else {
                    diagnostics.append(ValueChecker(vocabulary: vocabulary).unknownMember(name.text, name.range, values))
                }
            }
            if set.members.isEmpty {
                error(
                    "WB309", "set `\(set.id.text)` has no members; add `members a, b, …`",
                    nl: "verzameling `\(set.id.text)` heeft geen leden; voeg `members a, b, …` toe", at: set.id.range)
            }
            vocabulary.setIndex[set.id.text] = vocabulary.sets.count
            vocabulary.sets.append(NamedSet(
                id: set.id.text, enumeration: enumeration, label: label ?? Bilingual(nl: "", en: ""), members: members, range: set.id.range))
        }
    }

    private mutating func type(_ syntax: TypeSyntax?, owner: Bilingual, at range: SourceRange) -> ValueType? {
        guard let syntax else {
            error("WB311", "\(owner.en) has no `type`", nl: "\(owner.nl) heeft geen `type`", at: range, suggestion: "type boolean")
            return nil
        }
        switch syntax {
        case .scalar(let word):
            guard let scalar = ScalarType(keyword: word.text) else {
                let types = ScalarType.keywords
                error(
                    "WB116", "unknown type `\(word.text)`; a type is one of: \(types.joined(separator: ", "))",
                    nl: "onbekend type `\(word.text)`; een type is een van: \(types.joined(separator: ", "))", at: word.range, suggestion: Suggestions.closest(to: word.text, in: types))
                return nil
            }
            return .scalar(scalar)
        case .oneOf(let name): return enumerationReference(name).map { .oneOf($0) }
        case .setOf(let name): return enumerationReference(name).map { .setOf($0) }
        }
    }

    private mutating func checkFacts(_ syntax: [FactSyntax], attributes: Bool) {
        var seen: [String: SourceRange] = [:]
        for (_, fact) in vocabulary.facts.enumerated() { seen[fact.id] = fact.range }
        for attribute in vocabulary.attributes where !attributes { seen[attribute.id] = attribute.range }
        for fact in syntax {
            let what = attributes ? Bilingual("attribute", nl: "kenmerk") : Bilingual("fact", nl: "feit")
            guard claim(fact.id, in: &seen, what: what) else { continue }
            let owner = Bilingual("\(what.en) `\(fact.id.text)`", nl: "\(what.nl) `\(fact.id.text)`")
            guard let type = type(fact.type, owner: owner, at: fact.id.range) else { continue }
            let label = bilingual(fact.label, what: Self.label, owner: owner, at: fact.id.range)
            var question: Bilingual?
            if !attributes {
                question = bilingual(fact.question, what: Bilingual("question", nl: "de vraag"), owner: owner, at: fact.id.range)
            }
            var derivation: Derivation?
            if let derived = fact.derived { derivation = self.derivation(derived, type: type, owner: owner) }
            var definition = FactDefinition(
                id: fact.id.text, index: attributes ? vocabulary.attributes.count : vocabulary.facts.count, type: type,
                label: label ?? Bilingual(nl: "", en: ""), question: question, derivation: derivation, range: fact.id.range)
            if fact.fixed != nil { definition.isFixed = true }
            if let hardcore = fact.hardcore {
                if case .scalar(.boolean) = type {
                    definition.isHardcore = true
                } else {
                    error(
                        "WB365", "only a yes/no fact can be `hardcore`; `\(fact.id.text)` is not one",
                        nl: "alleen een ja/nee-feit kan `hardcore` zijn; `\(fact.id.text)` is dat niet", at: hardcore)
                }
            }
            if let openNorm = fact.openNorm {
                if case .scalar(.boolean) = type {
                    definition.isOpenNorm = true
                } else {
                    error(
                        "WB365", "only a yes/no fact can be an `open norm`; `\(fact.id.text)` is not one",
                        nl: "alleen een ja/nee-feit kan een `open norm` zijn; `\(fact.id.text)` is dat niet", at: openNorm)
                }
            }
            if attributes {
                vocabulary.attributeIndex[definition.id] = definition.index
                vocabulary.attributes.append(definition)
            } else {
                vocabulary.factIndex[definition.id] = definition.index
                vocabulary.facts.append(definition)
            }
        }
    }

    private mutating func derivation(_ syntax: DerivationSyntax, type: ValueType, owner: Bilingual) -> Derivation? {
        let function = syntax.function.text
        func attribute(_ name: Name?, needs: (ValueType) -> Bool, what: Bilingual) -> Int? {
            guard let name else {
                error(
                    "WB312", "`derived \(function)` needs the party attribute it works on",
                    nl: "`derived \(function)` heeft het partijkenmerk nodig waarop het werkt", at: syntax.range)
                return nil
            }
            guard let index = vocabulary.attributeIndex[name.text] else {
                let suggestion = Suggestions.closest(to: name.text, in: vocabulary.attributes.map(\.id))
                let hint = Suggestions.didYouMean(
                    suggestion, otherwise: Bilingual("; declare it with `attribute \(name.text)`", nl: "; declareer het met `attribute \(name.text)`"))
                error(
                    "WB313", "unknown party attribute `\(name.text)`" + hint.en, nl: "onbekend partijkenmerk `\(name.text)`" + hint.nl,
                    at: name.range, suggestion: suggestion)
                return nil
            }
            guard needs(vocabulary.attributes[index].type) else {
                let typeText = vocabulary.typeText(vocabulary.attributes[index].type)
                error(
                    "WB314", "`\(name.text)` is \(typeText.en); `derived \(function)` needs \(what.en)",
                    nl: "`\(name.text)` is \(typeText.nl); `derived \(function)` heeft \(what.nl) nodig", at: name.range)
                return nil
            }
            return index
        }
        let yesNoAttribute = Bilingual("a yes/no attribute", nl: "een ja/nee-kenmerk")
        var filter: Int?
        if let name = syntax.filter {
            filter = attribute(name, needs: { $0 == .scalar(.boolean) }, what: yesNoAttribute)
            if filter == nil { return nil }
        }
        func requireType(_ wanted: (ValueType) -> Bool, _ description: Bilingual) -> Bool {
            if wanted(type) { return true }
            let typeText = vocabulary.typeText(type)
            error(
                "WB314", "\(owner.en) is \(typeText.en), but `derived \(function)` gives \(description.en)",
                nl: "\(owner.nl) is \(typeText.nl), maar `derived \(function)` geeft \(description.nl)", at: syntax.range)
            return false
        }
        let yesOrNo = Bilingual("yes or no", nl: "ja of nee")
        switch function {
        case "competing_pair", "single_undertaking":
            guard requireType({ $0 == .scalar(.boolean) }, yesOrNo) else { return nil }
            if syntax.argument != nil || syntax.filter != nil {
                error(
                    "WB312", "`derived \(function)` takes no attribute and no `where`", nl: "`derived \(function)` neemt geen kenmerk en geen `where`",
                    at: syntax.range)
                return nil
            }
            return function == "competing_pair" ? .competingPair : .singleUndertaking
        case "count":
            guard requireType({ $0 == .scalar(.number) }, Bilingual("a number", nl: "een getal")) else { return nil }
            if let argument = syntax.argument {
                error(
                    "WB312", "`derived count` counts parties and takes no attribute; to count some parties write `derived count where \(argument.text)`",
                    nl: "`derived count` telt partijen en neemt geen kenmerk; schrijf `derived count where \(argument.text)` om een deel van de partijen te tellen",
                    at: argument.range)
                return nil
            }
            return .count(filter: filter)
        case "sum", "max", "min":
            guard let index = attribute(syntax.argument, needs: { $0.isQuantity }, what: Bilingual("a number, amount or percentage", nl: "een getal, bedrag of percentage"))
            else { return nil }
            guard requireType({ $0 == self.vocabulary.attributes[index].type }, vocabulary.typeText(vocabulary.attributes[index].type)) else { return nil }
            switch function {
            case "sum": return .sum(attribute: index, filter: filter)
            case "max": return .max(attribute: index, filter: filter)
            default: return .min(attribute: index, filter: filter)
            }
        case "any", "all":
            guard let index = attribute(syntax.argument, needs: { $0 == .scalar(.boolean) }, what: yesNoAttribute) else { return nil }
            guard requireType({ $0 == .scalar(.boolean) }, yesOrNo) else { return nil }
            return function == "any" ? .any(attribute: index, filter: filter) : .all(attribute: index, filter: filter)
        default:
            let known = ["competing_pair", "single_undertaking", "count", "sum", "max", "min", "any", "all"]
            let suggestion = Suggestions.closest(to: function, in: known)
            let list = known.joined(separator: ", ")
            let hint = Suggestions.didYouMean(suggestion, otherwise: Bilingual("; use one of: \(list)", nl: "; gebruik een van: \(list)"))
            error(
                "WB315", "unknown derivation `\(function)`" + hint.en, nl: "onbekende afleiding `\(function)`" + hint.nl,
                at: syntax.function.range, suggestion: suggestion)
            return nil
        }
    }

    private mutating func checkPartyDefaults(_ syntax: [TermSyntax]) {
        let values = ValueChecker(vocabulary: vocabulary)
        for term in syntax {
            guard let kindIndex = vocabulary.partyKindIndex[term.id.text], vocabulary.partyKinds[kindIndex].term.range == term.id.range else { continue }
            var defaults: [Int: Value] = [:]
            for assignment in term.defaults {
                guard let index = vocabulary.attributeIndex[assignment.key.text] else {
                    let suggestion = Suggestions.closest(to: assignment.key.text, in: vocabulary.attributes.map(\.id))
                    let hint = Suggestions.didYouMean(suggestion)
                    error(
                        "WB313", "unknown party attribute `\(assignment.key.text)`" + hint.en, nl: "onbekend partijkenmerk `\(assignment.key.text)`" + hint.nl,
                        at: assignment.key.range, suggestion: suggestion)
                    continue
                }
                if let value = values.check(assignment.value, as: vocabulary.attributes[index].type, subject: Bilingual(verbatim: "`\(assignment.key.text)`"), diagnostics: &diagnostics) {
                    defaults[index] = value
                }
            }
            let existing = vocabulary.partyKinds[kindIndex]
            vocabulary.partyKinds[kindIndex] = PartyKind(term: existing.term, defaults: defaults)
        }
    }

    private mutating func citation(_ syntax: CitationSyntax, owner: Bilingual) -> Citation? {
        let source = syntax.source.text
        guard sourceIndex[source] != nil else {
            let suggestion = Suggestions.closest(to: source, in: sources.map(\.id))
            let hint = Suggestions.didYouMean(
                suggestion,
                otherwise: Bilingual(
                    "; declare it with `source \(source)` (ids of the legal digest's sources table)",
                    nl: "; declareer die met `source \(source)` (de id's uit de brontabel van het juridisch overzicht)"))
            error(
                "WB316",
                "\(owner.en) cites `\(source)`, which is not a declared source" + hint.en,
                nl: "\(owner.nl) verwijst naar `\(source)`, dat geen gedeclareerde bron is" + hint.nl,
                at: syntax.source.range, suggestion: suggestion)
            return nil
        }
        guard let pinpointSyntax = syntax.pinpoint, let pinpoint = sourceText(pinpointSyntax),
            !pinpoint.nl.allSatisfy(\.isWhitespace)
        else {
            error(
                "WB317", "\(owner.en) cites `\(source)` without a pinpoint; say where in the source (article, paragraph, chapter)",
                nl: "\(owner.nl) verwijst naar `\(source)` zonder vindplaats; geef aan waar in de bron (artikel, lid, hoofdstuk)", at: syntax.range, suggestion: "source \(syntax.source.text) \"art. …\" en \"Art. …\"")
            return nil
        }
        return Citation(source: syntax.source.text, pinpoint: pinpoint, range: syntax.range)
    }

    /// A source text needs its Dutch words (the source's own language); the English ones
    /// are optional here, and lint warns where they are missing.
    private mutating func sourceText(_ syntax: SourceTextSyntax) -> SourceText? {
        guard let nl = syntax.nl else {
            error(
                "WB317", "this source text has English only; write the Dutch text first (the language of the source)",
                nl: "deze brontekst is alleen in het Engels; schrijf eerst de Nederlandse tekst (de taal van de bron)", at: syntax.range,
                suggestion: "\"…\" en \"\(syntax.en ?? "…")\"")
            return nil
        }
        return SourceText(nl: nl, en: syntax.en, isQuotation: syntax.quote != nil)
    }

    private mutating func checkParameters(_ syntax: [ParameterSyntax]) {
        var seen: [String: SourceRange] = [:]
        for fact in vocabulary.facts { seen[fact.id] = fact.range }
        let values = ValueChecker(vocabulary: vocabulary)
        for parameter in syntax {
            guard claim(parameter.id, in: &seen, what: Bilingual("parameter or fact", nl: "parameter of feit")) else { continue }
            let owner = Bilingual("parameter `\(parameter.id.text)`", nl: "parameter `\(parameter.id.text)`")
            let title = bilingual(parameter.title, what: Bilingual("title", nl: "de titel"), owner: owner, at: parameter.id.range)
            guard let type = type(parameter.type, owner: owner, at: parameter.id.range) else { continue }
            guard type.isOrdered else {
                error(
                    "WB318", "\(owner.en) must be a number, money, percentage or date; a parameter is something the law sets",
                    nl: "\(owner.nl) moet een getal, bedrag, percentage of datum zijn; een parameter is iets wat de wet vastlegt", at: parameter.id.range)
                continue
            }
            var versions: [ParameterVersion] = []
            for value in parameter.values {
                guard let typed = values.check(value.value, as: type, subject: owner, diagnostics: &diagnostics) else { continue }
                let from = expectDate(value.from, what: Bilingual(verbatim: "`from`"))
                let until = expectDate(value.until, what: Bilingual(verbatim: "`until`"))
                if let from, let until, until <= from {
                    error(
                        "WB319", "this value of \(owner.en) ends (\(until)) before it starts (\(from))",
                        nl: "deze waarde van \(owner.nl) eindigt (\(until)) voordat ze ingaat (\(from))", at: value.range)
                    continue
                }
                guard let citationSyntax = value.citation else {
                    error(
                        "WB317", "every value of \(owner.en) needs its own `source ID \"pinpoint\"`",
                        nl: "elke waarde van \(owner.nl) heeft een eigen `source ID \"pinpoint\"` nodig", at: value.range, suggestion: "source MW-7 \"lid 1\"")
                    continue
                }
                guard let citation = citation(citationSyntax, owner: owner) else { continue }
                let version = ParameterVersion(value: typed, from: from, until: until, citation: citation, range: value.range)
                if let overlap = versions.first(where: { overlaps($0, version) }) {
                    error(
                        "WB319", "two values of \(owner.en) are in force at the same time; give them dates that do not overlap",
                        nl: "twee waarden van \(owner.nl) gelden tegelijk; geef ze data die elkaar niet overlappen", at: value.range,
                        notes: [DiagnosticNote("the other value", nl: "de andere waarde", at: overlap.range)])
                    continue
                }
                versions.append(version)
            }
            if parameter.values.isEmpty {
                error(
                    "WB318", "\(owner.en) has no `value`", nl: "\(owner.nl) heeft geen `value`", at: parameter.id.range,
                    suggestion: "value 10% from 2012-01-01 source MW-7 \"lid 2\"")
            }
            versions.sort { ($0.from ?? DateValue(year: 1, month: 1, day: 1)!) < ($1.from ?? DateValue(year: 1, month: 1, day: 1)!) }
            parameterIndex[parameter.id.text] = parameters.count
            parameters.append(Parameter(
                id: parameter.id.text, index: parameters.count, title: title ?? Bilingual(nl: "", en: ""), type: type,
                versions: versions, range: parameter.id.range))
        }
    }

    private func overlaps(_ a: ParameterVersion, _ b: ParameterVersion) -> Bool {
        let aStartsBeforeBEnds = b.until.map { (a.from ?? DateValue(year: 1, month: 1, day: 1)!) < $0 } ?? true
        let bStartsBeforeAEnds = a.until.map { (b.from ?? DateValue(year: 1, month: 1, day: 1)!) < $0 } ?? true
        return aStartsBeforeBEnds && bStartsBeforeAEnds
    }

    // MARK: Annex

    private mutating func checkAnnex(_ syntax: [AnnexSyntax]) -> [String: Bilingual] {
        var phrases: [String: Bilingual] = [:]
        var seen: [String: SourceRange] = [:]
        for annex in syntax {
            for phrase in annex.phrases {
                guard claim(phrase.key, in: &seen, what: Bilingual("annex phrase", nl: "bijlagezin")) else { continue }
                let owner = Bilingual("annex phrase `\(phrase.key.text)`", nl: "bijlagezin `\(phrase.key.text)`")
                if let text = bilingual(phrase.text, what: Bilingual("phrase", nl: "de zin"), owner: owner, at: phrase.key.range) {
                    phrases[phrase.key.text] = text
                }
            }
        }
        return phrases
    }

    // MARK: Rules

    /// A rule's checked parts before its overrides and examples are resolved.
    struct RuleParts {
        let id: String
        let index: Int
        let isNote: Bool
        let title: Bilingual
        let group: Int
        let appliesTo: [Int]
        let appliesToAnyActivity: Bool
        let validFrom: DateValue?
        let validUntil: DateValue?
        let version: String
        let condition: Condition?
        let conclusion: Verdict
        let rationale: Bilingual
        let exceptions: [RuleException]
        let sources: [Citation]
        let recommends: [Int]
        let range: SourceRange
        let permits: Bilingual?
    }

    private struct PendingRule {
        var rule: RuleParts
        var overrides: [OverrideClauseSyntax]
        var examples: [ExampleSyntax]
        var intendedOverlaps: [IntendedOverlapSyntax]
    }

    private mutating func verdict(_ name: Name?, owner: Bilingual, at range: SourceRange, allowNote: Bool = false) -> Verdict? {
        guard let name else {
            error(
                "WB330", "\(owner.en) has no `then` with its verdict", nl: "\(owner.nl) heeft geen `then` met het oordeel", at: range,
                suggestion: "then needs_assessment")
            return nil
        }
        if let verdict = Verdict(id: name.text) { return verdict }
        let known = Verdict.allCases.map(\.id) + (allowNote ? ["note"] : [])
        let suggestion = Suggestions.closest(to: name.text, in: known)
        let hint = Suggestions.didYouMean(
            suggestion,
            otherwise: Bilingual(
                "; a verdict is allowed, allowed_with_safeguards, needs_assessment or prohibited" + (allowNote ? " (or `note` for a rule that only informs)" : ""),
                nl: "; een oordeel is allowed, allowed_with_safeguards, needs_assessment of prohibited" + (allowNote ? " (of `note` voor een regel die alleen informeert)" : "")))
        error(
            "WB331", "unknown verdict `\(name.text)`" + hint.en, nl: "onbekend oordeel `\(name.text)`" + hint.nl,
            at: name.range, suggestion: suggestion)
        return nil
    }

    private mutating func checkRules(_ syntax: [RuleSyntax], conditionSyntax: [NamedConditionSyntax], defaultDate: DateValue?) -> [Rule] {
        // Rule indices are positions in id order, known before any condition is checked,
        // so `rule X applies` and `overrides` may name any rule.
        var seen: [String: SourceRange] = [:]
        var unique: [RuleSyntax] = []
        for rule in syntax.sorted(by: { $0.id.text < $1.id.text }) where claim(rule.id, in: &seen, what: Bilingual("rule", nl: "regel")) {
            unique.append(rule)
        }
        var ruleIndex: [String: Int] = [:]
        for (index, rule) in unique.enumerated() { ruleIndex[rule.id.text] = index }
        var groupRules: [String: [Int]] = [:]
        for (index, rule) in unique.enumerated() {
            if let group = rule.group?.text { groupRules[group, default: []].append(index) }
        }
        var conditions = ConditionChecker(
            vocabulary: vocabulary, parameters: parameters, parameterIndex: parameterIndex, ruleIndex: ruleIndex,
            groupRules: groupRules, namedConditions: [:])
        conditions.namedConditions = checkNamedConditions(conditionSyntax, checker: conditions)
        self.conditions = conditions.namedConditions.values.sorted { $0.id < $1.id }

        var pending: [PendingRule] = []
        for rule in unique {
            let owner = Bilingual("rule `\(rule.id.text)`", nl: "regel `\(rule.id.text)`")
            let title = bilingual(rule.title, what: Bilingual("title", nl: "de titel"), owner: owner, at: rule.id.range)
            let rationale = bilingual(rule.rationale, what: Self.because, owner: owner, at: rule.id.range)
            var group: Int?
            if let name = rule.group {
                group = vocabulary.groupIndex[name.text]
                if group == nil {
                    let suggestion = Suggestions.closest(to: name.text, in: vocabulary.groups.map(\.id))
                    let hint = Suggestions.didYouMean(
                        suggestion, otherwise: Bilingual("; declare it with `group \(name.text)`", nl: "; declareer die met `group \(name.text)`"))
                    error(
                        "WB332", "unknown group `\(name.text)`" + hint.en, nl: "onbekende groep `\(name.text)`" + hint.nl, at: name.range,
                        suggestion: suggestion)
                }
            } else {
                error(
                    "WB332", "\(owner.en) has no `group`; say which level of the hierarchy it belongs to",
                    nl: "\(owner.nl) heeft geen `group`; geef aan bij welk niveau van de hiërarchie de regel hoort", at: rule.id.range,
                    suggestion: "group area")
            }
            var kinds: [Int] = []
            for name in rule.appliesTo {
                if let index = vocabulary.activityKindIndex[name.text] {
                    kinds.append(index)
                } else {
                    let suggestion = Suggestions.closest(to: name.text, in: vocabulary.activityKinds.map(\.id))
                    let hint = Suggestions.didYouMean(suggestion)
                    error(
                        "WB404", "unknown activity kind `\(name.text)`" + hint.en, nl: "onbekende activiteitsoort `\(name.text)`" + hint.nl, at: name.range,
                        suggestion: suggestion)
                }
            }
            if let any = rule.appliesToAnyActivity {
                if let first = rule.appliesTo.first {
                    error(
                        "WB333", "\(owner.en) applies to any activity and also names kinds; keep one: `applies to any activity` already covers `\(first.text)`",
                        nl: "\(owner.nl) geldt voor elke activiteit en noemt ook soorten; houd één van beide: `applies to any activity` omvat `\(first.text)` al",
                        at: first.range.union(any), suggestion: "applies to any activity")
                }
                kinds = Array(vocabulary.activityKinds.indices)
            } else if rule.appliesTo.isEmpty {
                error(
                    "WB333", "\(owner.en) has no `applies to`; name the activity kinds it is about, or write `applies to any activity`",
                    nl: "\(owner.nl) heeft geen `applies to`; noem de activiteitsoorten waarover de regel gaat, of schrijf `applies to any activity`",
                    at: rule.id.range, suggestion: "applies to information_exchange")
            }
            var condition: Condition?
            if let written = rule.condition { condition = conditions.check(written, diagnostics: &diagnostics) }
            let isNote = rule.conclusion?.text == "note"
            let conclusion = isNote ? Verdict.allowed : verdict(rule.conclusion, owner: owner, at: rule.id.range, allowNote: true)
            if isNote {
                for exception in rule.exceptions {
                    error(
                        "WB339", "a note rule reaches no verdict, so it has no `unless`; make it a rule with a verdict, or drop the exception",
                        nl: "een notitieregel komt niet tot een oordeel en heeft dus geen `unless`; maak er een regel met een oordeel van, of schrap de uitzondering",
                        at: exception.keywordRange)
                }
                if !rule.overrides.isEmpty {
                    error(
                        "WB339", "a note rule reaches no verdict, so it cannot override rules",
                        nl: "een notitieregel komt niet tot een oordeel en kan dus geen regels opzijzetten", at: rule.overrides[0].range)
                }
            }
            // The exceptions in one flat list, a parent before its own exceptions (pre-order).
            var written: [(syntax: ExceptionSyntax, parent: Int?, depth: Int)] = []
            func flatten(_ list: [ExceptionSyntax], parent: Int?, depth: Int) {
                for exception in list {
                    let position = written.count
                    written.append((exception, parent, depth))
                    if depth < ExceptionLimits.maximumDepth {
                        flatten(exception.exceptions, parent: position, depth: depth + 1)
                    } else if let deeper = exception.exceptions.first {
                        error(
                            "WB351",
                            "exceptions nest at most \(ExceptionLimits.maximumDepth) deep (an exception to an exception to an exception); write this `unless` as an exception of the rule, or as a rule of its own that overrides \(owner.en)",
                            nl: "uitzonderingen zijn hoogstens \(ExceptionLimits.maximumDepth) diep genest (een uitzondering op een uitzondering op een uitzondering); schrijf deze `unless` als uitzondering van de regel, of als een eigen regel die \(owner.nl) opzijzet",
                            at: deeper.keywordRange)
                    }
                }
            }
            if !isNote { flatten(rule.exceptions, parent: nil, depth: 1) }
            if written.count > ExceptionLimits.maximumCount {
                error(
                    "WB352",
                    "\(owner.en) has \(written.count) exceptions; a rule has at most \(ExceptionLimits.maximumCount) (nested ones included): split it into rules of their own, each with its part of the exceptions",
                    nl: "\(owner.nl) heeft \(written.count) uitzonderingen; een regel heeft er hoogstens \(ExceptionLimits.maximumCount) (geneste meegeteld): splits hem in afzonderlijke regels, elk met een deel van de uitzonderingen",
                    at: written[ExceptionLimits.maximumCount].syntax.keywordRange)
            }
            var names: [String: SourceRange] = [:]
            var exceptions: [RuleException] = []
            var verdictAt: [Int: Verdict] = [:]
            for (index, entry) in written.enumerated() {
                let exception = entry.syntax
                let exceptionOwner = exception.name.map { Bilingual("the `unless \($0.text)` of \(owner.en)", nl: "de `unless \($0.text)` van \(owner.nl)") }
                    ?? Bilingual("the `unless` of \(owner.en)", nl: "de `unless` van \(owner.nl)")
                if let name = exception.name {
                    if let first = names[name.text] {
                        error(
                            "WB350",
                            "\(owner.en) already has an exception named `\(name.text)` (line \(first.location.line), column \(first.location.column)); names of exceptions are unique within a rule, so give this one another name",
                            nl: "\(owner.nl) heeft al een uitzondering met de naam `\(name.text)` (tekstregel \(first.location.line), kolom \(first.location.column)); namen van uitzonderingen zijn uniek binnen een regel, geef deze dus een andere naam",
                            at: name.range, suggestion: name.text + "_2")
                    } else {
                        names[name.text] = name.range
                    }
                }
                guard let conditionSyntax = exception.condition,
                    let checked = conditions.check(conditionSyntax, diagnostics: &diagnostics)
                else { continue }
                guard let exceptionVerdict = verdict(exception.conclusion, owner: exceptionOwner, at: exception.keywordRange),
                    let exceptionRationale = bilingual(exception.rationale, what: Self.because, owner: exceptionOwner, at: exception.keywordRange)
                else { continue }
                verdictAt[index] = exceptionVerdict
                if let parent = entry.parent {
                    if let parentVerdict = verdictAt[parent], parentVerdict == exceptionVerdict {
                        let parentName = written[parent].syntax.name.map { "`unless \($0.text)`" } ?? "`unless`"
                        diagnostics.append(.warning(
                            "WB334",
                            "this exception to the \(parentName) of \(owner.en) reaches the same verdict as that exception (`\(exceptionVerdict.id)`), so it cannot change it; give it the verdict that applies when it holds, or drop it",
                            nl: "deze uitzondering op de \(parentName) van \(owner.nl) komt tot hetzelfde oordeel als die uitzondering (`\(exceptionVerdict.id)`) en kan dat dus niet veranderen; geef haar het oordeel dat geldt als ze van toepassing is, of schrap haar",
                            at: exception.keywordRange))
                    }
                } else if exceptionVerdict == conclusion {
                    diagnostics.append(.warning(
                        "WB334", "this exception reaches the same verdict as \(owner.en) itself (`\(exceptionVerdict.id)`), so it changes nothing",
                        nl: "deze uitzondering komt tot hetzelfde oordeel als \(owner.nl) zelf (`\(exceptionVerdict.id)`) en verandert dus niets",
                        at: exception.keywordRange))
                }
                let cited = exception.sources.compactMap { citation($0, owner: exceptionOwner) }
                var checkedException = RuleException(
                    index: index, condition: checked, conclusion: exceptionVerdict, rationale: exceptionRationale, sources: cited,
                    range: exception.keywordRange.union(conditionSyntax.range))
                checkedException.conditionRange = conditionSyntax.range
                checkedException.name = exception.name?.text
                checkedException.parent = entry.parent
                exceptions.append(checkedException)
            }
            let cited = rule.sources.compactMap { citation($0, owner: owner) }
            if rule.sources.isEmpty {
                error(
                    "WB335", "\(owner.en) cites no source; add `source ID \"pinpoint\"` with an id of the sources table",
                    nl: "\(owner.nl) vermeldt geen bron; voeg `source ID \"pinpoint\"` toe met een id uit de brontabel", at: rule.id.range,
                    suggestion: "source MW-6 \"lid 1\"")
            }
            var recommends: [Int] = []
            for name in rule.recommends {
                if let index = vocabulary.safeguardIndex[name.text] { recommends.append(index) } else {
                    let suggestion = Suggestions.closest(to: name.text, in: vocabulary.safeguards.map(\.id))
                    let hint = Suggestions.didYouMean(suggestion)
                    error(
                        "WB320", "unknown safeguard `\(name.text)`" + hint.en, nl: "onbekende waarborg `\(name.text)`" + hint.nl, at: name.range,
                        suggestion: suggestion)
                }
            }
            let validFrom = expectDate(rule.validFrom, what: Bilingual(verbatim: "`valid from`"))
            let validUntil = expectDate(rule.validUntil, what: Bilingual(verbatim: "`valid until`"))
            if let validFrom, let validUntil, validUntil <= validFrom {
                error(
                    "WB319", "\(owner.en) stops being valid (\(validUntil)) before it starts (\(validFrom))",
                    nl: "\(owner.nl) vervalt (\(validUntil)) nog voordat ze ingaat (\(validFrom))", at: rule.validUntil!.range)
            }
            var permits: Bilingual?
            if let text = rule.permits { permits = bilingual(text, what: Bilingual("permits", nl: "de `permits`-tekst"), owner: owner, at: rule.id.range) }
            guard let title, let rationale, let group, let conclusion, !kinds.isEmpty else { continue }
            pending.append(PendingRule(
                rule: RuleParts(
                    id: rule.id.text, index: ruleIndex[rule.id.text]!, isNote: isNote, title: title, group: group, appliesTo: kinds,
                    appliesToAnyActivity: rule.appliesToAnyActivity != nil, validFrom: validFrom, validUntil: validUntil, version: rule.version ?? "1", condition: condition,
                    conclusion: conclusion, rationale: rationale, exceptions: exceptions, sources: cited,
                    recommends: recommends, range: rule.id.range, permits: permits),
                overrides: rule.overrides, examples: rule.examples, intendedOverlaps: rule.intendedOverlaps))
        }
        checkRuleReferenceCycles(pending.map(\.rule), syntax: unique)
        var conditionRanges: [String: SourceRange] = [:]
        for rule in unique { if let condition = rule.condition { conditionRanges[rule.id.text] = condition.range } }
        let isNoteRule = Dictionary(uniqueKeysWithValues: pending.map { ($0.rule.index, $0.rule.isNote) })
        var rules: [Rule] = []
        for item in pending {
            let rule = item.rule
            var entries: [Int: Set<Verdict>?] = [:]
            for clause in item.overrides {
                var verdicts: Set<Verdict>? = nil
                if !clause.verdicts.isEmpty {
                    verdicts = Set(clause.verdicts.compactMap { verdict($0, owner: Bilingual(verbatim: "`overrides … if`"), at: $0.range) })
                }
                var targets = Set<Int>()
                for target in clause.targets {
                    switch target {
                    case .all:
                        targets.formUnion(unique.indices)
                    case .group(let name):
                        guard vocabulary.groupIndex[name.text] != nil else {
                            let suggestion = Suggestions.closest(to: name.text, in: vocabulary.groups.map(\.id))
                            let hint = Suggestions.didYouMean(suggestion)
                            error(
                                "WB332", "unknown group `\(name.text)`" + hint.en, nl: "onbekende groep `\(name.text)`" + hint.nl, at: name.range,
                                suggestion: suggestion)
                            continue
                        }
                        targets.formUnion(groupRules[name.text] ?? [])
                    case .rule(let name):
                        guard let index = ruleIndex[name.text] else {
                            let suggestion = Suggestions.closest(to: name.text, in: unique.map(\.id.text))
                            let hint = Suggestions.didYouMean(suggestion)
                            error(
                                "WB336", "`\(rule.id)` overrides `\(name.text)`, which is not a rule" + hint.en,
                                nl: "`\(rule.id)` zet `\(name.text)` opzij, maar dat is geen regel" + hint.nl, at: name.range, suggestion: suggestion)
                            continue
                        }
                        targets.insert(index)
                    }
                }
                for target in targets where target != rule.index && isNoteRule[target] != true {
                    // Several clauses on one target: the widest filter counts.
                    if let existing = entries[target] {
                        entries[target] = (existing == nil || verdicts == nil) ? .some(nil) : .some(existing!.union(verdicts!))
                    } else {
                        entries[target] = .some(verdicts)
                    }
                }
            }
            let overrides = entries.keys.sorted().map { OverrideEntry(rule: $0, verdicts: entries[$0]!) }
            let examples = item.examples.compactMap { checkExample($0, rule: rule, ruleIndex: ruleIndex, isNoteRule: isNoteRule) }
            let intended = item.intendedOverlaps.flatMap { checkIntendedOverlap($0, rule: rule, ruleIndex: ruleIndex, rules: unique) }
            rules.append(Rule(
                id: rule.id, index: rule.index, isNote: rule.isNote, title: rule.title, group: rule.group, appliesTo: rule.appliesTo,
                validFrom: rule.validFrom, validUntil: rule.validUntil, version: rule.version, condition: rule.condition,
                conclusion: rule.conclusion, rationale: rule.rationale, exceptions: rule.exceptions, sources: rule.sources,
                overrides: overrides, recommends: rule.recommends, examples: examples, range: rule.range, permits: rule.permits,
                conditionRange: conditionRanges[rule.id], appliesToAnyActivity: rule.appliesToAnyActivity,
                intendedOverlaps: intended))
        }
        return rules
    }

    /// `intended overlap with A, B`: known rules other than this one, and a reason in both
    /// languages.
    private mutating func checkIntendedOverlap(_ syntax: IntendedOverlapSyntax, rule: RuleParts, ruleIndex: [String: Int], rules: [RuleSyntax]) -> [IntendedOverlap] {
        let owner = Bilingual("the intended overlap of `\(rule.id)`", nl: "de bedoelde overlap van `\(rule.id)`")
        guard let reason = bilingual(syntax.reason, what: Bilingual("reason", nl: "de reden"), owner: owner, at: syntax.range) else { return [] }
        return syntax.rules.compactMap { name in
            guard let index = ruleIndex[name.text] else {
                let suggestion = Suggestions.closest(to: name.text, in: rules.map(\.id.text))
                let hint = Suggestions.didYouMean(suggestion)
                error(
                    "WB345", "`\(rule.id)` states an intended overlap with `\(name.text)`, which is not a rule" + hint.en,
                    nl: "`\(rule.id)` vermeldt een bedoelde overlap met `\(name.text)`, maar dat is geen regel" + hint.nl, at: name.range,
                    suggestion: suggestion)
                return nil
            }
            guard index != rule.index else {
                error(
                    "WB346", "`\(rule.id)` states an intended overlap with itself; name the other rule",
                    nl: "`\(rule.id)` vermeldt een bedoelde overlap met zichzelf; noem de andere regel", at: name.range)
                return nil
            }
            return IntendedOverlap(rule: index, reason: reason, range: syntax.range.union(name.range))
        }
    }

    /// Checks the named conditions; one may use another, but not in a circle.
    private mutating func checkNamedConditions(_ syntax: [NamedConditionSyntax], checker: ConditionChecker) -> [String: NamedCondition] {
        var seen: [String: SourceRange] = [:]
        for fact in vocabulary.facts { seen[fact.id] = fact.range }
        for parameter in parameters { seen[parameter.id] = parameter.range }
        var declared: [String: NamedConditionSyntax] = [:]
        for condition in syntax where claim(condition.id, in: &seen, what: Bilingual("condition, fact or parameter", nl: "voorwaarde, feit of parameter")) {
            declared[condition.id.text] = condition
        }
        var checker = checker
        checker.conditionSyntax = declared
        var result: [String: NamedCondition] = [:]
        for name in declared.keys.sorted() {
            let syntax = declared[name]!
            let owner = Bilingual("condition `\(name)`", nl: "voorwaarde `\(name)`")
            let label = bilingual(syntax.label, what: Self.label, owner: owner, at: syntax.id.range)
            guard let written = syntax.condition else {
                error("WB311", "\(owner.en) has no `when`", nl: "\(owner.nl) heeft geen `when`", at: syntax.id.range, suggestion: "when …")
                continue
            }
            guard let checked = checker.check(written, diagnostics: &diagnostics), let label else { continue }
            result[name] = NamedCondition(id: name, label: label, condition: checked, range: syntax.id.range)
        }
        return result
    }

    /// `rule X applies` makes a rule's outcome depend on another's; a circle has no answer.
    private mutating func checkRuleReferenceCycles(_ rules: [RuleParts], syntax: [RuleSyntax]) {
        var references: [Int: [Int]] = [:]
        for rule in rules {
            var referenced = rule.condition?.rules ?? []
            for exception in rule.exceptions { referenced += exception.condition.rules }
            references[rule.index] = referenced.filter { $0 != rule.index }
            if referenced.contains(rule.index) {
                error(
                    "WB338", "rule `\(rule.id)` tests whether it applies itself; a rule cannot depend on its own outcome",
                    nl: "regel `\(rule.id)` toetst of hij zelf van toepassing is; een regel kan niet afhangen van zijn eigen uitkomst", at: rule.range)
            }
        }
        var state: [Int: Int] = [:]  // 1: visiting, 2: done
        func visit(_ index: Int, path: [Int]) -> [Int]? {
            if state[index] == 2 { return nil }
            if state[index] == 1 { return path + [index] }
            state[index] = 1
            for next in references[index] ?? [] {
                if let cycle = visit(next, path: path + [index]) { return cycle }
            }
            state[index] = 2
            return nil
        }
        for rule in rules {
            if let cycle = visit(rule.index, path: []) {
                let names = cycle.map { syntax[$0].id.text }
                let circle = names.joined(separator: " → ")
                error(
                    "WB338", "rules depend on each other in a circle (\(circle)); `rule … applies` must not loop",
                    nl: "regels hangen in een kring van elkaar af (\(circle)); `rule … applies` mag geen kringverwijzing vormen", at: syntax[cycle[0]].id.range)
                return
            }
        }
    }

    /// Checks the `examples assume` facts once; every example then takes those it does not
    /// state itself. Checking them with each example would repeat the same work (and the
    /// same error) for every one of the rule set's examples.
    private mutating func checkExampleAssumptions() {
        guard let first = exampleAssumptions.first, !vocabulary.activityKinds.isEmpty else { return }
        // Facts only: what else an activity states belongs to each example.
        let builtins = exampleAssumptions.filter { ActivityChecker.builtinKeys.contains($0.key.text) || $0.key.text == "date" }
        let facts = exampleAssumptions.filter { !ActivityChecker.builtinKeys.contains($0.key.text) && $0.key.text != "date" }
        // Checked as an activity's facts are (the kind only stands in), so the messages match.
        let checker = ActivityChecker(vocabulary: vocabulary, parties: [], partyIndex: [:], allowsParties: false)
        let checked = checker.check(
            id: "examples assume", range: first.range, assignments: facts, defaultKind: 0, inherited: (MemberSet(), [:]),
            allowsDate: false, owner: Bilingual(verbatim: "`examples assume`"), diagnostics: &diagnostics)
        for assignment in builtins {
            let key = assignment.key.text
            error(
                "WB408", "unknown fact `\(key)` in `examples assume`; `examples assume` lists facts only, state `\(key)` in the examples themselves",
                nl: "onbekend feit `\(key)` in `examples assume`; `examples assume` noemt alleen feiten, vermeld `\(key)` in de voorbeelden zelf",
                at: assignment.key.range)
        }
        assumedFacts = checked?.activity.facts.entries.map { (vocabulary.facts[$0.fact].id, $0.fact, $0.value) } ?? []
    }

    private mutating func checkExample(_ syntax: ExampleSyntax, rule: RuleParts, ruleIndex: [String: Int], isNoteRule: [Int: Bool]) -> RuleExample? {
        let checker = ActivityChecker(vocabulary: vocabulary, parties: [], partyIndex: [:], allowsParties: false)
        guard var result = checker.check(
            id: "\(rule.id): \(syntax.title)", range: syntax.range, assignments: syntax.assignments,
            // An example of a rule for any activity says which kind it is about.
            defaultKind: rule.appliesToAnyActivity ? nil : rule.appliesTo.first, inherited: (MemberSet(), [:]), allowsDate: true,
            owner: Bilingual("example \"\(syntax.title)\" of rule `\(rule.id)`", nl: "voorbeeld \"\(syntax.title)\" van regel `\(rule.id)`"),
            diagnostics: &diagnostics)
        else { return nil }
        // The assumptions shared by all examples; an example's own statement wins.
        let stated = Set(syntax.assignments.map(\.key.text))
        for assumed in assumedFacts where !stated.contains(assumed.key) {
            result.activity.facts[assumed.fact] = assumed.value
        }
        guard let expect = syntax.expect, let expected = verdict(expect.verdict, owner: Bilingual("the example", nl: "het voorbeeld"), at: expect.range) else { return nil }
        var names: [String] = []
        var notes: [String] = []
        for (list, isNotes) in [(expect.rules, false), (expect.notes, true)] {
            for name in list {
                guard let index = ruleIndex[name.text] else {
                    let suggestion = Suggestions.closest(to: name.text, in: ruleIndex.keys.sorted())
                    let hint = Suggestions.didYouMean(suggestion)
                    error(
                        "WB337", "the example expects rule `\(name.text)`, which does not exist" + hint.en,
                        nl: "het voorbeeld verwacht regel `\(name.text)`, die niet bestaat" + hint.nl, at: name.range, suggestion: suggestion)
                    return nil
                }
                if isNoteRule[index] == true, !isNotes {
                    error(
                        "WB337", "`\(name.text)` is a note rule; it decides no verdict, so list it after `notes`",
                        nl: "`\(name.text)` is een notitieregel; die bepaalt geen oordeel, zet hem dus achter `notes`", at: name.range,
                        suggestion: "notes \(name.text)")
                    return nil
                }
                if isNotes { notes.append(name.text) } else { names.append(name.text) }
            }
        }
        return RuleExample(
            title: syntax.title, activity: result.activity, date: result.date, expectedVerdict: expected,
            expectedRules: names.sorted(), expectedNotes: expect.notes.isEmpty && !rule.isNote ? nil : notes.sorted(),
            range: syntax.range, expectRange: expect.range)
    }

    private func assemble(
        info: RuleSetInfo, rules: [Rule], annexPhrases: [String: Bilingual], annexRange: SourceRange?, precedences: [Precedence]
    ) -> RuleSet {
        var byKind = [[Int]](repeating: [], count: vocabulary.activityKinds.count)
        var notesByKind = [[Int]](repeating: [], count: vocabulary.activityKinds.count)
        var overriddenBy = [[OverrideEntry]](repeating: [], count: rules.count)
        for rule in rules {
            for kind in rule.appliesTo {
                if rule.isNote {
                    if !notesByKind[kind].contains(rule.index) { notesByKind[kind].append(rule.index) }
                } else if !byKind[kind].contains(rule.index) {
                    byKind[kind].append(rule.index)
                }
            }
            for entry in rule.overrides { overriddenBy[entry.rule].append(OverrideEntry(rule: rule.index, verdicts: entry.verdicts)) }
        }
        var ruleIndex: [String: Int] = [:]
        for rule in rules { ruleIndex[rule.id] = rule.index }
        return RuleSet(
            info: info, vocabulary: vocabulary, sources: sources, sourceIndex: sourceIndex, parameters: parameters,
            parameterIndex: parameterIndex, rules: rules, ruleIndex: ruleIndex, rulesByKind: byKind, notesByKind: notesByKind,
            overriddenBy: overriddenBy, conditions: conditions, annexPhrases: annexPhrases, annexRange: annexRange,
            precedences: precedences, digest: digest)
    }
}
