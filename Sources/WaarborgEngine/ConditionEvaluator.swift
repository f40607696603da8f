import WaarborgModel
import WaarborgSyntax

/// Evaluates a condition on one activity in three-valued logic, recording every test.
public struct ConditionEvaluator {
    public let ruleSet: RuleSet
    public let activity: Activity
    public let date: DateValue
    /// Whether another rule applies to the activity (for `rule X applies`); nil: unknown.
    public var ruleStatus: ((Int) -> Truth)? = nil

    public init(ruleSet: RuleSet, activity: Activity, date: DateValue, ruleStatus: ((Int) -> Truth)? = nil) {
        self.ruleSet = ruleSet
        self.activity = activity
        self.date = date
        self.ruleStatus = ruleStatus
    }

    public func evaluate(_ condition: Condition) -> ConditionTrace {
        var sink = RecordingSink()
        let result = evaluate(condition, into: &sink)
        return ConditionTrace(result: result, tests: sink.tests)
    }

    /// The condition's truth alone, recording nothing: the fast path of evaluation.
    public func truth(_ condition: Condition) -> Truth {
        var sink = DiscardingSink()
        return evaluate(condition, into: &sink)
    }

    private func evaluate<Sink: TestSink>(_ condition: Condition, into sink: inout Sink) -> Truth {
        switch condition {
        case .all(let parts):
            // Every part is evaluated (no short cut) so a trace shows all of them.
            var result = Truth.yes
            for part in parts {
                switch evaluate(part, into: &sink) {
                case .no: result = .no
                case .unknown where result == .yes: result = .unknown
                default: break
                }
            }
            return result
        case .any(let parts):
            var result = Truth.no
            for part in parts {
                switch evaluate(part, into: &sink) {
                case .yes: result = .yes
                case .unknown where result == .no: result = .unknown
                default: break
                }
            }
            return result
        case .not(let inner):
            let start = sink.count
            let result = !evaluate(inner, into: &sink)
            sink.negate(from: start)
            return result
        case .safeguards(let list, let range):
            var present = true
            for safeguard in list where !activity.safeguards.contains(safeguard) { present = false }
            let result = Truth(present)
            sink.record {
                TestTrace(
                    range: range, fact: nil, safeguards: list, missingSafeguards: list.filter { !activity.safeguards.contains($0) },
                    result: result, observed: nil, parameter: nil)
            }
            return result
        case .kind(let kinds, let range):
            let result = Truth(kinds.contains(activity.kind))
            sink.record {
                var test = TestTrace(range: range, fact: nil, safeguards: [], missingSafeguards: [], result: result, observed: nil, parameter: nil)
                test.kinds = kinds.members
                return test
            }
            return result
        case .rulesApply(let rules, let range):
            var result = Truth.no
            for rule in rules {
                switch ruleStatus?(rule) ?? .unknown {
                case .yes: result = .yes
                case .unknown where result == .no: result = .unknown
                default: break
                }
            }
            sink.record {
                var test = TestTrace(range: range, fact: nil, safeguards: [], missingSafeguards: [], result: result, observed: nil, parameter: nil)
                test.rules = rules
                return test
            }
            return result
        case .holds(let fact, let range):
            let observed = activity.facts[fact]
            var result = Truth.unknown
            if case .boolean(let flag)? = observed?.value { result = Truth(flag) }
            sink.record { TestTrace(range: range, fact: fact, safeguards: [], missingSafeguards: [], result: result, observed: observed, parameter: nil) }
            return result
        case .compare(let fact, let op, let operand, let range):
            let observed = activity.facts[fact]
            var use: ParameterUse?
            var right: Value?
            switch operand {
            case .value(let value):
                right = value
            case .parameter(let index):
                let parameter = ruleSet.parameters[index]
                let version = parameter.versions.firstIndex { $0.isInForce(on: date) }
                use = ParameterUse(parameter: index, version: version)
                right = version.map { parameter.versions[$0].value }
            }
            var result = Truth.unknown
            if let left = observed?.value, let right { result = Self.compare(left, op, right) }
            sink.record { TestTrace(range: range, fact: fact, safeguards: [], missingSafeguards: [], result: result, observed: observed, parameter: use) }
            return result
        case .member(let fact, let relation, let set, let range):
            let observed = activity.facts[fact]
            var result = Truth.unknown
            switch (relation, observed?.value) {
            case (.isIn, .member(let member)?):
                result = Truth(set.contains(member))
            case (.includesAny, .members(let members)?):
                result = Truth(members.intersects(set))
            case (.includesAll, .members(let members)?):
                result = Truth(set.isSubset(of: members))
            case (.includesOnly, .members(let members)?):
                result = Truth(members.isSubset(of: set))
            default:
                break
            }
            sink.record { TestTrace(range: range, fact: fact, safeguards: [], missingSafeguards: [], result: result, observed: observed, parameter: nil) }
            return result
        }
    }

    /// A comparison of two values; values of different kinds are never equal and have no order.
    static func compare(_ left: Value, _ op: ComparisonOperator, _ right: Value) -> Truth {
        switch (left, right) {
        case (.amount(let a), .amount(let b)): return Truth(ordered(a, op, b))
        case (.date(let a), .date(let b)): return Truth(ordered(a, op, b))
        default:
            switch op {
            case .equal: return Truth(left == right)
            case .notEqual: return Truth(left != right)
            default: return .unknown
            }
        }
    }

    private static func ordered<T: Comparable>(_ a: T, _ op: ComparisonOperator, _ b: T) -> Bool {
        switch op {
        case .equal: a == b
        case .notEqual: a != b
        case .less: a < b
        case .lessOrEqual: a <= b
        case .greater: a > b
        case .greaterOrEqual: a >= b
        }
    }
}

/// Where the tests of a condition go while it is evaluated: into a trace, or nowhere.
protocol TestSink {
    var count: Int { get }
    mutating func record(_ make: () -> TestTrace)
    mutating func negate(from start: Int)
}

/// Keeps every test, for traces and explanations.
struct RecordingSink: TestSink {
    var tests: [TestTrace] = []
    var count: Int { tests.count }
    mutating func record(_ make: () -> TestTrace) { tests.append(make()) }
    mutating func negate(from start: Int) {
        for index in start..<tests.count { tests[index].negated.toggle() }
    }
}

/// Keeps nothing and builds nothing: the verdict alone.
struct DiscardingSink: TestSink {
    var count: Int { 0 }
    @inline(__always) mutating func record(_ make: () -> TestTrace) {}
    @inline(__always) mutating func negate(from start: Int) {}
}
