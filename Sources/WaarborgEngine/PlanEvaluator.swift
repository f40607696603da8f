import Dispatch
import WaarborgModel
import WaarborgSyntax

/// Evaluates the activities of a plan, in parallel when there are many.
///
/// Activities are independent of each other, so a large plan is cut into chunks that the
/// processor cores evaluate at once, each with its own `LeanSession`. Every result is
/// written at its activity's index, so the outcome is the same, in the same order, as
/// evaluating one activity after the other; only the time differs.
struct PlanEvaluator {
    let evaluator: Evaluator

    /// Below this many activities a plan is evaluated on the calling thread: starting
    /// threads costs more than it saves.
    static let parallelThreshold = 512
    /// Activities per chunk: large enough to amortise a session, small enough to balance.
    static let chunkSize = 256

    func evaluate(_ activities: [Activity], on date: DateValue) -> [ActivityEvaluation] {
        let ruleSet = evaluator.ruleSet
        guard ruleSet.compiled.isUsable else { return activities.map { evaluator.evaluate($0, on: date) } }
        let context = LeanContext(ruleSet: ruleSet, date: date)
        guard activities.count >= Self.parallelThreshold else {
            var session = LeanSession(context: context)
            return activities.map { Self.evaluation($0, session.evaluate($0)) }
        }
        let count = activities.count
        let chunks = (count + Self.chunkSize - 1) / Self.chunkSize
        return [ActivityEvaluation](unsafeUninitializedCapacity: count) { buffer, initialized in
            let results = ResultBuffer(base: buffer.baseAddress!)
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                var session = LeanSession(context: context)
                let start = chunk * Self.chunkSize
                for index in start..<min(start + Self.chunkSize, count) {
                    let activity = activities[index]
                    (results.base + index).initialize(to: Self.evaluation(activity, session.evaluate(activity)))
                }
            }
            initialized = count
        }
    }

    static func evaluation(_ activity: Activity, _ core: Evaluator.Core) -> ActivityEvaluation {
        ActivityEvaluation(
            activity: activity, verdict: core.verdict, determination: core.determination, lowest: core.lowest,
            highest: core.highest, deciding: core.deciding, fired: core.fired, applying: core.applying, questions: core.questions,
            requiredSafeguards: core.required, recommendedSafeguards: core.recommended, parameterUses: core.parameterUses,
            missingParameters: core.missingParameters, conflicts: core.conflicts, notes: core.notes)
    }
}

/// The results' memory, shared by the threads of `PlanEvaluator`: each writes only the
/// slots of its own chunk, and the array is read only after all of them are done.
private struct ResultBuffer: @unchecked Sendable {
    let base: UnsafeMutablePointer<ActivityEvaluation>
}
