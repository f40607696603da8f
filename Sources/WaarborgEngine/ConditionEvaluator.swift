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
        var walk = Walk(evaluator: self, sink: RecordingSink())
        let result = condition.accept(&walk)
        return ConditionTrace(result: result, tests: walk.sink.tests)
    }

    /// The condition's truth alone, recording nothing: the fast path of evaluation.
    public func truth(_ condition: Condition) -> Truth {
        var walk = Walk(evaluator: self, sink: DiscardingSink())
        return condition.accept(&walk)
    }

    /// The evaluation as a visitor: one method per construct, the tests going into `sink`.
    private struct Walk<Sink: TestSink>: ConditionVisitor {
        let evaluator: ConditionEvaluator
        var sink: Sink
        var activity: Activity { evaluator.activity }

        mutating func all(_ parts: [Condition]) -> Truth {
            // Every part is evaluated (no short cut) so a trace shows all of them.
            var result = Truth.yes
            for part in parts {
                switch part.accept(&self) {
                case .no: result = .no
                case .unknown where result == .yes: result = .unknown
                case .unknown, .yes: break
                }
            }
            return result
        }

        mutating func any(_ parts: [Condition]) -> Truth {
            var result = Truth.no
            for part in parts {
                switch part.accept(&self) {
                case .yes: result = .yes
                case .unknown where result == .no: result = .unknown
                case .unknown, .no: break
                }
            }
            return result
        }

        mutating func not(_ inner: Condition) -> Truth {
            let start = sink.count
            let result = !inner.accept(&self)
            sink.negate(from: start)
            return result
        }

        mutating func safeguards(_ list: [Int], range: SourceRange) -> Truth {
            var present = true
            for safeguard in list where !activity.safeguards.contains(safeguard) { present = false }
            let result = Truth(present)
            let activity = self.activity
            sink.record {
                TestTrace(
                    range: range, fact: nil, safeguards: list, missingSafeguards: list.filter { !activity.safeguards.contains($0) },
                    result: result, observed: nil, parameter: nil)
            }
            return result
        }

        mutating func kind(_ kinds: MemberSet, range: SourceRange) -> Truth {
            let result = Truth(kinds.contains(activity.kind))
            sink.record {
                var test = TestTrace(range: range, fact: nil, safeguards: [], missingSafeguards: [], result: result, observed: nil, parameter: nil)
                test.kinds = kinds.members
                return test
            }
            return result
        }

        mutating func rulesApply(_ rules: [Int], range: SourceRange) -> Truth {
            var result = Truth.no
            for rule in rules {
                switch evaluator.ruleStatus?(rule) ?? .unknown {
                case .yes: result = .yes
                case .unknown where result == .no: result = .unknown
                case .unknown, .no: break
                }
            }
            sink.record {
                var test = TestTrace(range: range, fact: nil, safeguards: [], missingSafeguards: [], result: result, observed: nil, parameter: nil)
                test.rules = rules
                return test
            }
            return result
        }

        mutating func holds(fact: Int, range: SourceRange) -> Truth {
            let observed = activity.facts[fact]
            var result = Truth.unknown
            if case .boolean(let flag)? = observed?.value { result = Truth(flag) }
            sink.record { TestTrace(range: range, fact: fact, safeguards: [], missingSafeguards: [], result: result, observed: observed, parameter: nil) }
            return result
        }

        mutating func compare(fact: Int, _ op: ComparisonOperator, _ operand: Operand, range: SourceRange) -> Truth {
            let observed = activity.facts[fact]
            var use: ParameterUse?
            var right: Value?
            switch operand {
            case .value(let value):
                right = value
            case .parameter(let index):
                let parameter = evaluator.ruleSet.parameters[index]
                let version = parameter.versionIndex(on: evaluator.date)
                use = ParameterUse(parameter: index, version: version)
                right = version.map { parameter.versions[$0].value }
            }
            var result = Truth.unknown
            if let left = observed?.value, let right { result = ConditionEvaluator.compare(left, op, right) }
            sink.record { TestTrace(range: range, fact: fact, safeguards: [], missingSafeguards: [], result: result, observed: observed, parameter: use) }
            return result
        }

        mutating func member(fact: Int, _ relation: SetRelation, _ set: MemberSet, range: SourceRange) -> Truth {
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
                // A value of another kind, or none: the test cannot be decided.
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
