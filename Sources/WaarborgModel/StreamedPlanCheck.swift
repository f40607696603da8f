import Foundation
import WaarborgSyntax

extension PlanChecker {
    /// Parses and checks a `.wbp` plan, as `PlanParser.parse` and then `check` do (only the
    /// parse diagnostics when parsing reports an error), with the same plan and the same
    /// diagnostics in the same order, but without the whole syntax tree: each activity is
    /// checked as soon as it is parsed and its syntax dropped, so a plan of 100,000
    /// activities holds the checked plan and the syntax of one activity at a time (the
    /// header's and the parties' syntax only until the first activity). A header or a party
    /// after the first activity is checked by the two passes instead.
    ///
    /// `besideParsing`: check on a thread of its own while parsing (from the first full
    /// batch on); a caller that loads several plans at once, a core each, passes false.
    public static func parseAndCheck(_ file: SourceFile, ruleSet: RuleSet, besideParsing: Bool = true) -> (plan: Plan?, diagnostics: [Diagnostic]) {
        parseAndCheck(file, vocabulary: ruleSet.vocabulary, ruleSet: ruleSet, besideParsing: besideParsing)
    }

    public static func parseAndCheck(
        _ file: SourceFile, vocabulary: Vocabulary, ruleSet: RuleSet? = nil, besideParsing: Bool = true
    ) -> (plan: Plan?, diagnostics: [Diagnostic]) {
        var entries = PlanParser.Entries(file)
        var header: PlanEntrySyntax?
        var parties: [PlanEntrySyntax] = []
        var session: PlanCheckSession?
        // From the first full batch on, the activities are checked on a thread of their own
        // while the next ones are parsed, in their order: the same plan and diagnostics as
        // one after the other. A small plan is checked here as it is parsed.
        var pipeline: CheckPipeline?
        var batch: [PlanEntrySyntax] = []
        var failed = false
        func fallBack() -> (plan: Plan?, diagnostics: [Diagnostic]) {
            _ = pipeline?.finish()
            return parseThenCheck(file, vocabulary: vocabulary, ruleSet: ruleSet)
        }
        while let entry = entries.next() {
            // A parse error means only the parse diagnostics count: read on for the rest
            // of them, and check nothing more.
            if entries.hasErrors {
                failed = true
                batch = []
                continue
            }
            switch entry {
            case .activity(let activity):
                if session == nil && pipeline == nil {
                    session = PlanCheckSession(file: file, header: header, parties: parties, vocabulary: vocabulary, ruleSet: ruleSet)
                    parties = []
                }
                guard besideParsing || pipeline != nil else {
                    session?.add(activity)
                    break
                }
                batch.append(activity)
                guard batch.count == CheckPipeline.batchSize else { break }
                if pipeline == nil, let started = session {
                    pipeline = CheckPipeline(started)
                    session = nil
                }
                pipeline?.add(batch)
                batch = []
            case .header(let syntax):
                guard session == nil && pipeline == nil else { return fallBack() }
                header = syntax
            case .party(let syntax):
                guard session == nil && pipeline == nil else { return fallBack() }
                parties.append(syntax)
            }
        }
        if let pipeline {
            if !failed && !batch.isEmpty { pipeline.add(batch) }
            session = pipeline.finish()
        } else if !failed {
            for activity in batch { session?.add(activity) }
        }
        let parseDiagnostics = entries.diagnostics
        guard !parseDiagnostics.hasErrors, !failed else { return (nil, parseDiagnostics) }
        let checked = (session ?? PlanCheckSession(file: file, header: header, parties: parties, vocabulary: vocabulary, ruleSet: ruleSet)).finish()
        return (checked.plan, parseDiagnostics + checked.diagnostics)
    }

    /// The two passes, for a header or party after the first activity: every activity
    /// must be checked against the header and all the parties, so the whole file is
    /// parsed again first. Rare in practice; the order of diagnostics is the same.
    private static func parseThenCheck(
        _ file: SourceFile, vocabulary: Vocabulary, ruleSet: RuleSet?
    ) -> (plan: Plan?, diagnostics: [Diagnostic]) {
        let (syntax, parseDiagnostics) = PlanParser.parse(file)
        guard !parseDiagnostics.hasErrors else { return (nil, parseDiagnostics) }
        let checked = check(syntax, vocabulary: vocabulary, ruleSet: ruleSet)
        return (checked.plan, parseDiagnostics + checked.diagnostics)
    }
}

/// Checks the activities of one plan on a thread of its own, in the order they are handed
/// over, while the caller parses the next ones. At most two batches wait, so the syntax
/// held at a time stays a few hundred activities whatever the plan's size. A thread, not a
/// dispatch queue: the caller may itself be one of the dispatch pool's threads (plans are
/// loaded a batch per core), and a queue's work could then wait for a thread that waits
/// for it.
private final class CheckPipeline: @unchecked Sendable {
    static let batchSize = 64
    static let waiting = 2

    private let condition = NSCondition()
    // Guarded by `condition`.
    private var batches: [[PlanEntrySyntax]] = []
    private var closed = false
    private var done = false
    /// The checker thread's alone until `done`.
    private var session: PlanCheckSession

    init(_ session: PlanCheckSession) {
        self.session = session
        let thread = Thread { [self] in run() }
        thread.stackSize = 8 << 20
        thread.start()
    }

    private func run() {
        while true {
            condition.lock()
            while batches.isEmpty && !closed { condition.wait() }
            guard !batches.isEmpty else {
                done = true
                condition.broadcast()
                condition.unlock()
                return
            }
            let batch = batches.removeFirst()
            condition.broadcast()
            condition.unlock()
            for entry in batch { session.add(entry) }
        }
    }

    func add(_ batch: [PlanEntrySyntax]) {
        condition.lock()
        while batches.count >= Self.waiting { condition.wait() }
        batches.append(batch)
        condition.broadcast()
        condition.unlock()
    }

    /// The session once every batch handed over is checked.
    func finish() -> PlanCheckSession {
        condition.lock()
        closed = true
        condition.broadcast()
        while !done { condition.wait() }
        condition.unlock()
        return session
    }
}
