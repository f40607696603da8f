import WaarborgModel
import WaarborgSyntax

/// One test or connective of a compiled condition.
///
/// A compiled condition is a run of nodes in pre-order: a connective (`all`, `any`, `not`)
/// is followed by its parts, and `end` is the index just after its subtree. The leaves
/// come in the order in which `ConditionEvaluator` records its tests, so the n-th leaf of
/// a condition is the n-th `TestTrace` of its trace. Every field is a plain number: the
/// lean evaluation reads nodes without reference counting.
public struct ConditionNode: Sendable {
    public enum Operation: UInt8, Sendable {
        case all, any, not
        /// `fact` (yes/no)
        case holds
        /// `fact op constant`, with the literal as `constant` and at `payload` in `values`.
        case compare
        /// `fact op parameter`: `payload` is the parameter's index.
        case compareParameter
        /// `fact relation set`: the set as `constant` (members) and at `payload` in `memberSets`.
        case member
        /// `safeguards a, b`: `count` safeguards from `payload` in `lists`; with `narrow`,
        /// `constant` is their bit set.
        case safeguards
        /// `kind in {…}`: the kinds as `constant` (members) and at `payload` in `memberSets`.
        case kind
        /// `rule X applies`: `count` rules from `payload` in `lists`.
        case rulesApply
    }

    public let operation: Operation
    /// The comparison of `compare` and `compareParameter`.
    public let comparison: ComparisonOperator
    /// The relation of `member`.
    public let relation: SetRelation
    /// Whether `constant` holds the whole set or literal (else: use the side tables).
    public let narrow: Bool
    /// The index just after this node's subtree.
    public let end: Int32
    /// The fact tested; -1 when the test reads no fact.
    public let fact: Int32
    public let payload: Int32
    public let count: Int32
    public let constant: ScalarValue

    /// Whether the node is a test (a leaf of the tree): it appears in a trace.
    @inlinable public var isTest: Bool { operation.rawValue > Operation.not.rawValue }
}

/// A rule's exception, compiled.
public struct CompiledException: Sendable {
    /// The root node of the condition.
    public let root: Int32
    public let conclusion: Verdict
    /// The exception this one is an exception to (offset within the rule); -1: the rule.
    public let parent: Int32
}

/// An override of a rule, compiled: the overriding rule and the verdicts it covers.
public struct CompiledOverride: Sendable {
    public let rule: Int32
    /// Bit `v.severity` for each covered verdict; every bit when the override names none.
    public let verdicts: UInt8

    /// Same as `OverrideEntry.covers`.
    @inlinable public func covers(lowest: Verdict, highest: Verdict) -> Bool {
        verdicts & (1 << UInt8(lowest.severity)) != 0 && verdicts & (1 << UInt8(highest.severity)) != 0
    }
}

/// A rule, compiled: what the lean evaluation reads, as plain numbers.
public struct CompiledRule: Sendable {
    /// The root node of the `when` condition; -1: none (the rule always applies).
    public let condition: Int32
    /// The rule's exceptions in `exceptions`, from `exceptionStart`.
    public let exceptionStart: Int32
    public let exceptionCount: Int32
    /// Whether some exception is an exception to another (`CompiledException.parent`).
    public let nested: Bool
    /// `validFrom` and `validUntil` as day ordinals (`Int.min`, `Int.max`: open).
    public let validFrom: Int
    public let validUntil: Int
    public let conclusion: Verdict
    public let group: Int32
    /// The rules that override this one, in `overrides`, from `overrideStart`.
    public let overrideStart: Int32
    public let overrideCount: Int32
    /// The parameters the rule's condition and then its exceptions compare with, in the
    /// order of their tests (repeats included), in `parameterTests` from `parameterStart`.
    public let parameterStart: Int32
    public let parameterCount: Int32
    /// What the rule's condition and exceptions read besides the date: the facts they test
    /// (each once, in `readFacts` from `readFactStart`), whether they test safeguards, and
    /// the rules whose applicability they test (in `references` from `referenceStart`). A
    /// variant of an activity that changes none of these leaves the rule's draft as it was
    /// (`LeanSession.variantOutcome`).
    public let readFactStart: Int32
    public let readFactCount: Int32
    public let readsSafeguards: Bool
    public let referenceStart: Int32
    public let referenceCount: Int32

    /// Whether some condition of the rule (or of an exception) compares with a parameter.
    @inlinable public var usesParameters: Bool { parameterCount > 0 }

    /// Same as `Rule.isInForce(on:)`, for a date's ordinal.
    @inlinable public func isInForce(onOrdinal day: Int) -> Bool { validFrom <= day && day < validUntil }
}

/// The rule set's conditions compiled into flat arrays of plain numbers, for the lean
/// evaluation of large plans (`Evaluator.evaluate`). An evaluation artefact, so it lives in
/// the engine: `Evaluator.init` compiles the checked rule set once, and every evaluation
/// made through that evaluator (a whole `check` run) shares it.
///
/// Traces are still made by `ConditionEvaluator` from the `Condition` trees; the compiled
/// form only computes truth values, and which tests held, with the same semantics.
///
/// A class: immutable once built, and shared by every session and variant of a run, so that
/// passing it along costs one reference count rather than one per array.
public final class CompiledRuleSet: Sendable {
    /// By rule index.
    public let rules: [CompiledRule]
    public let exceptions: [CompiledException]
    public let overrides: [CompiledOverride]
    public let nodes: [ConditionNode]
    /// Literals of `compare` nodes, for texts and wide sets.
    public let values: [Value]
    /// Sets of `member` and `kind` nodes.
    public let memberSets: [MemberSet]
    /// Safeguards of `safeguards` nodes and rules of `rulesApply` nodes.
    public let lists: [Int32]
    /// Per rule, the parameters its tests compare with (see `CompiledRule.parameterStart`).
    public let parameterTests: [Int32]
    /// Per rule, the facts and the rules its conditions read (see `CompiledRule.readFactStart`).
    public let readFacts: [Int32]
    public let references: [Int32]
    /// By fact: whether some test reads the fact's `Value` itself (a text, a wide set)
    /// rather than its word; a variant that changes such a fact is evaluated whole.
    public let readsValueItself: [Bool]
    /// `safeguardTestsBefore[i]`: how many `safeguards` nodes precede node `i` (one entry
    /// more than `nodes`), so whether a subtree tests safeguards is two reads (`readsSafeguards`).
    public let safeguardTestsBefore: [Int32]
    /// False when a rule does not fit the compiled form (more than 64 exceptions, or an
    /// exception numbered out of place); the evaluator then takes the traced path.
    public let isUsable: Bool

    public init(_ ruleSet: RuleSet) {
        let source = ruleSet.rules
        let overriddenBy = ruleSet.overriddenBy
        var builder = ConditionCompiler()
        var rules: [CompiledRule] = []
        var exceptions: [CompiledException] = []
        var overrides: [CompiledOverride] = []
        var parameterTests: [Int32] = []
        var readFacts: [Int32] = []
        var references: [Int32] = []
        var usable = true
        rules.reserveCapacity(source.count)
        for (position, rule) in source.enumerated() {
            if rule.index != position || rule.exceptions.count > 64 { usable = false }
            let firstNode = builder.nodes.count
            let root = rule.condition.map { builder.compile($0) } ?? -1
            let exceptionStart = exceptions.count
            for (offset, exception) in rule.exceptions.enumerated() {
                if exception.index != offset { usable = false }
                exceptions.append(CompiledException(
                    root: builder.compile(exception.condition), conclusion: exception.conclusion, parent: Int32(exception.parent ?? -1)))
            }
            let overrideStart = overrides.count
            for entry in position < overriddenBy.count ? overriddenBy[position] : [] {
                var mask: UInt8 = 0
                if let verdicts = entry.verdicts {
                    for verdict in verdicts { mask |= 1 << UInt8(verdict.severity) }
                } else {
                    mask = 0xFF
                }
                overrides.append(CompiledOverride(rule: Int32(entry.rule), verdicts: mask))
            }
            // The condition's nodes and then the exceptions' follow each other from
            // `firstNode`, in the order of their tests.
            let parameterStart = parameterTests.count
            for node in builder.nodes[firstNode...] where node.operation == .compareParameter { parameterTests.append(node.payload) }
            let readFactStart = readFacts.count
            let referenceStart = references.count
            var readsSafeguards = false
            for node in builder.nodes[firstNode...] {
                if node.fact >= 0, !readFacts[readFactStart...].contains(node.fact) { readFacts.append(node.fact) }
                if node.operation == .safeguards { readsSafeguards = true }
                if node.operation == .rulesApply {
                    for offset in 0..<Int(node.count) { references.append(builder.lists[Int(node.payload) + offset]) }
                }
            }
            rules.append(CompiledRule(
                condition: root, exceptionStart: Int32(exceptionStart), exceptionCount: Int32(rule.exceptions.count),
                nested: rule.hasNestedExceptions,
                validFrom: rule.validFrom?.ordinal ?? Int.min, validUntil: rule.validUntil?.ordinal ?? Int.max,
                conclusion: rule.conclusion, group: Int32(rule.group), overrideStart: Int32(overrideStart),
                overrideCount: Int32(overrides.count - overrideStart), parameterStart: Int32(parameterStart),
                parameterCount: Int32(parameterTests.count - parameterStart),
                readFactStart: Int32(readFactStart), readFactCount: Int32(readFacts.count - readFactStart), readsSafeguards: readsSafeguards,
                referenceStart: Int32(referenceStart), referenceCount: Int32(references.count - referenceStart)))
        }
        self.rules = rules
        self.exceptions = exceptions
        self.overrides = overrides
        self.nodes = builder.nodes
        self.values = builder.values
        self.memberSets = builder.memberSets
        self.lists = builder.lists
        self.parameterTests = parameterTests
        self.readFacts = readFacts
        self.references = references
        var wide = [Bool](repeating: false, count: ruleSet.vocabulary.facts.count)
        for node in builder.nodes where node.fact >= 0 && Int(node.fact) < wide.count && !node.narrow {
            switch node.operation {
            case .compare, .member: wide[Int(node.fact)] = true
            case .all, .any, .not, .holds, .compareParameter, .safeguards, .kind, .rulesApply: break
            }
        }
        self.readsValueItself = wide
        var before: [Int32] = [0]
        before.reserveCapacity(builder.nodes.count + 1)
        for node in builder.nodes { before.append(before[before.count - 1] + (node.operation == .safeguards ? 1 : 0)) }
        self.safeguardTestsBefore = before
        self.isUsable = usable
    }

    /// Whether the condition rooted at `node` tests safeguards anywhere in it: where it does
    /// not, adding safeguards cannot change its truth (the remedy search's shortcut).
    @inlinable public func readsSafeguards(_ node: Int) -> Bool {
        safeguardTestsBefore[Int(nodes[node].end)] > safeguardTestsBefore[node]
    }
}

/// Flattens `Condition` trees into `ConditionNode`s and side tables.
private struct ConditionCompiler: ConditionVisitor {
    var nodes: [ConditionNode] = []
    var values: [Value] = []
    var memberSets: [MemberSet] = []
    var lists: [Int32] = []

    /// Appends the condition's nodes; returns the index of its root.
    mutating func compile(_ condition: Condition) -> Int32 {
        let root = nodes.count
        condition.accept(&self)
        return Int32(root)
    }

    // MARK: ConditionVisitor: each construct's nodes

    mutating func all(_ parts: [Condition]) { connective(.all, parts) }
    mutating func any(_ parts: [Condition]) { connective(.any, parts) }
    mutating func not(_ inner: Condition) { connective(.not, [inner]) }

    mutating func holds(fact: Int, range: SourceRange) {
        append(.holds, fact: fact)
    }

    mutating func compare(fact: Int, _ op: ComparisonOperator, _ operand: Operand, range: SourceRange) {
        switch operand {
        case .value(let value):
            let constant = ScalarValue(value)
            values.append(value)
            append(.compare, comparison: op, narrow: constant.tag != .other, fact: fact, payload: values.count - 1, constant: constant)
        case .parameter(let index):
            append(.compareParameter, comparison: op, fact: fact, payload: index)
        }
    }

    mutating func member(fact: Int, _ relation: SetRelation, _ set: MemberSet, range: SourceRange) {
        append(.member, relation: relation, set: set, fact: fact)
    }

    mutating func safeguards(_ list: [Int], range: SourceRange) {
        let start = lists.count
        var mask: UInt64 = 0
        var narrow = true
        for safeguard in list {
            lists.append(Int32(safeguard))
            if safeguard >= 0 && safeguard < 64 { mask |= 1 << UInt64(safeguard) } else { narrow = false }
        }
        append(.safeguards, narrow: narrow, payload: start, count: list.count, constant: ScalarValue(tag: .members, bits: Int64(bitPattern: mask)))
    }

    mutating func kind(_ kinds: MemberSet, range: SourceRange) {
        append(.kind, set: kinds)
    }

    mutating func rulesApply(_ rules: [Int], range: SourceRange) {
        let start = lists.count
        for rule in rules { lists.append(Int32(rule)) }
        append(.rulesApply, payload: start, count: rules.count)
    }

    private mutating func connective(_ operation: ConditionNode.Operation, _ parts: [Condition]) {
        let index = nodes.count
        append(operation)
        for part in parts { _ = compile(part) }
        let node = nodes[index]
        nodes[index] = ConditionNode(
            operation: node.operation, comparison: node.comparison, relation: node.relation, narrow: node.narrow,
            end: Int32(nodes.count), fact: node.fact, payload: node.payload, count: node.count, constant: node.constant)
    }

    private mutating func append(_ operation: ConditionNode.Operation, relation: SetRelation, set: MemberSet, fact: Int) {
        memberSets.append(set)
        let word = set.singleWord
        append(
            operation, relation: relation, narrow: word != nil, fact: fact, payload: memberSets.count - 1,
            constant: ScalarValue(tag: .members, bits: Int64(bitPattern: word ?? 0)))
    }

    private mutating func append(_ operation: ConditionNode.Operation, set: MemberSet) {
        append(operation, relation: .isIn, set: set, fact: -1)
    }

    private mutating func append(
        _ operation: ConditionNode.Operation, comparison: ComparisonOperator = .equal, relation: SetRelation = .isIn,
        narrow: Bool = true, fact: Int = -1, payload: Int = 0, count: Int = 0, constant: ScalarValue = .unknown
    ) {
        nodes.append(ConditionNode(
            operation: operation, comparison: comparison, relation: relation, narrow: narrow, end: Int32(nodes.count + 1),
            fact: Int32(fact), payload: Int32(payload), count: Int32(count), constant: constant))
    }
}
