import WaarborgModel
import WaarborgSyntax

/// Evaluates variants of one activity ("what if this safeguard were added, this fact
/// answered") for the remedy search and the question outcomes of `Evaluator.detail`.
///
/// One `detail` call evaluates dozens of variants on the same date. Each goes through the
/// compiled rules like `Evaluator.evaluateCore(_:on:traced: false)`, with the same results,
/// but the parameter values in force and the session's buffers are set up once for all
/// variants rather than once per variant. A reference type, so the structs that hold it
/// can evaluate from non-mutating methods; used by one thread at a time.
final class WhatIfEvaluator {
    let evaluator: Evaluator
    let date: DateValue
    private var session: LeanSession?

    init(evaluator: Evaluator, date: DateValue) {
        self.evaluator = evaluator
        self.date = date
        if evaluator.program.isUsable {
            session = LeanSession(context: LeanContext(evaluator: evaluator, date: date))
        }
    }

    func evaluate(_ activity: Activity) -> Evaluator.Core {
        // Optional chaining mutates the session in place (no copy of its buffers).
        session?.evaluate(activity) ?? evaluator.evaluateCore(activity, on: date, traced: false)
    }
}
