import Foundation
import WaarborgSyntax

/// Why an interview stopped before it could write the plan.
enum InterviewStop: Error {
    /// Ctrl-C, or the end of input at a prompt: nothing is written.
    case interrupted
    /// An answer from the answers file that cannot be used, or a required one it lacks.
    case badAnswers([Diagnostic])
}

/// Where the interview talks: a terminal, or an answers file with the transcript on
/// standard output. The conversation is the same; only where replies come from differs.
protocol InterviewIO: AnyObject {
    /// Shows finished lines (wrapped to the width by the caller).
    func show(_ text: String)
    /// The reply to the question `key`: typed after `prompt`, or taken from the answers
    /// file (nil when the file has none).
    func ask(_ key: InterviewKey, prompt: String) throws(InterviewStop) -> String?
    /// A reply that cannot be used: at a terminal the message is shown (in the run's
    /// language) and the question is asked again; from a file it is an error at the
    /// answer's line, a diagnostic in both languages. `message` says it in the words of
    /// the texts it is given.
    func reject(_ key: InterviewKey, _ message: (InterviewTexts) -> String) throws(InterviewStop)
    /// Whether replies come from a file (a missing required answer is then an error).
    var isScripted: Bool { get }
}

/// The name of a question in an answers file: `activity.1.data_age_months`, which may
/// also be written with the id, `activity.kostenbenchmark.data_age_months`.
struct InterviewKey {
    let names: [String]

    init(_ scope: String, number: Int? = nil, id: String? = nil, _ question: String) {
        guard let number else {
            names = [scope + "." + question]
            return
        }
        names = ["\(scope).\(number).\(question)"] + (id.map { ["\(scope).\($0).\(question)"] } ?? [])
    }
}

/// Word-wraps text to the terminal width the interview is laid out for.
enum InterviewLayout {
    static let width = 80

    /// Each paragraph wrapped at spaces; continuation lines get `indent`.
    static func wrap(_ text: String, indent: String = "", first: String = "") -> String {
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = lines.isEmpty ? first : indent
            var lineHasWord = false
            for word in paragraph.split(separator: " ") {
                if lineHasWord, line.count + 1 + word.count > width {
                    lines.append(line)
                    line = indent
                    lineHasWord = false
                }
                line += (lineHasWord ? " " : "") + word
                lineHasWord = true
            }
            lines.append(line)
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// Questions at a terminal, replies typed on standard input. Ctrl-C (SIGINT) interrupts
/// the read; the plan file is only written at the end, so it stays as it was.
final class TerminalIO: InterviewIO {
    let console: Console
    let texts: InterviewTexts

    init(console: Console, texts: InterviewTexts) {
        self.console = console
        self.texts = texts
        InterruptFlag.install()
    }

    var isScripted: Bool { false }

    func show(_ text: String) { console.out(text) }

    func ask(_ key: InterviewKey, prompt: String) throws(InterviewStop) -> String? {
        console.out(prompt)
        guard let line = TerminalIO.readLine() else { throw .interrupted }
        return line
    }

    func reject(_ key: InterviewKey, _ message: (InterviewTexts) -> String) throws(InterviewStop) {
        console.out(InterviewLayout.wrap(message(texts), indent: "  ", first: "  "))
    }

    /// One line from standard input; nil on Ctrl-C or at the end of input.
    static func readLine() -> String? {
        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        while true {
            // SIGINT may reach another thread and leave a blocking read waiting: wait for
            // input a little at a time and look at the flag in between.
            if InterruptFlag.isSet { return nil }
            var waiting = pollfd(fd: 0, events: Int16(POLLIN), revents: 0)
            let ready = poll(&waiting, 1, 100)
            if ready == 0 || (ready < 0 && errno == EINTR) { continue }
            if InterruptFlag.isSet { return nil }
            let count = read(0, &byte, 1)
            if count < 0, errno == EINTR { continue }
            if count <= 0 { return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self) }
            if byte == UInt8(ascii: "\n") { break }
            bytes.append(byte)
        }
        return String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// Questions answered from an answers file; the transcript (questions and the answers
/// taken) goes to standard output, as if typed.
final class ScriptedIO: InterviewIO {
    let console: Console
    let answers: InterviewAnswers
    private(set) var used: Set<String> = []

    init(console: Console, answers: InterviewAnswers) {
        self.console = console
        self.answers = answers
    }

    var isScripted: Bool { true }

    func show(_ text: String) { console.out(text) }

    private func entry(_ key: InterviewKey) -> (String, InterviewAnswers.Entry)? {
        for name in key.names { if let found = answers.entry(name) { return (name, found) } }
        return nil
    }

    func ask(_ key: InterviewKey, prompt: String) throws(InterviewStop) -> String? {
        guard let (name, found) = entry(key) else {
            console.out(prompt + "\n")
            return nil
        }
        used.insert(name)
        console.out(prompt + found.value + "\n")
        return found.value
    }

    func reject(_ key: InterviewKey, _ message: (InterviewTexts) -> String) throws(InterviewStop) {
        let found = entry(key)
        let name = found?.0 ?? key.names[0]
        let en = message(InterviewTexts(language: .en, plain: true))
        let nl = message(InterviewTexts(language: .nl, plain: true))
        throw .badAnswers([.error("WB453", "`\(name)`: \(en)", nl: "`\(name)`: \(nl)", at: found?.1.range)])
    }
}

/// Set by SIGINT; the terminal reader checks it before and after each read.
enum InterruptFlag {
    nonisolated(unsafe) static var raised: sig_atomic_t = 0

    static var isSet: Bool { raised != 0 }

    /// SIGINT without `SA_RESTART`, so a blocked read returns and the interview can stop
    /// cleanly instead of the process dying mid-way.
    static func install() {
        // A blocked SIGINT is inherited from the parent (a test runner, a script): unblock it.
        var unblock = sigset_t()
        sigemptyset(&unblock)
        sigaddset(&unblock, SIGINT)
        pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
        #if os(Linux)
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in InterruptFlag.raised = 1 }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(SIGINT, &action, nil)
        #else
        signal(SIGINT) { _ in InterruptFlag.raised = 1 }
        #endif
    }
}
