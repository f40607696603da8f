import Foundation
import WaarborgSyntax

/// Where the CLI writes. The real console writes to the process's streams; tests
/// capture output in memory and run commands in-process.
public protocol Console: AnyObject {
    func out(_ text: String)
    func err(_ text: String)
    /// Binary output (a Word document written to `--output -`).
    func out(bytes: [UInt8])
    /// Whether standard output is a terminal (colour is only used then).
    var outputIsTerminal: Bool { get }
    /// Why writing to standard output failed, if it did: the run then ends with exit
    /// code 2 and this reason, never with 0 and a truncated report.
    var outputFailure: String? { get }
    /// The same reason in both languages (`outputFailure` is its English), for the message
    /// of the run's `--lang`; a reason of the system (`strerror`) reads the same in both.
    var outputFailureText: Bilingual? { get }
}

extension Console {
    public func out(bytes: [UInt8]) { out(String(decoding: bytes, as: UTF8.self)) }
    public var outputFailure: String? { nil }
    public var outputFailureText: Bilingual? { outputFailure.map(Bilingual.init(verbatim:)) }
}

public final class ProcessConsole: Console {
    public init() {}

    public private(set) var outputFailureText: Bilingual?
    public var outputFailure: String? { outputFailureText?.en }

    public func out(_ text: String) {
        var text = text
        text.withUTF8 { output(UnsafeRawBufferPointer($0)) }
    }

    public func out(bytes: [UInt8]) { bytes.withUnsafeBytes { output($0) } }

    public func err(_ text: String) {
        var text = text
        text.withUTF8 { _ = FileAccess.writeFully(UnsafeRawBufferPointer($0), to: 2) }
    }

    /// Writes the bytes themselves, without first copying a report of many megabytes into
    /// a `Data`. After a failure (a full disk, a closed pipe) nothing more is written.
    private func output(_ buffer: UnsafeRawBufferPointer) {
        guard outputFailure == nil else { return }
        if let error = FileAccess.writeFully(buffer, to: 1) {
            outputFailureText = error == EPIPE
                ? Bilingual("the reader closed the pipe before the output was complete", nl: "de lezer heeft de pipe gesloten voordat de uitvoer compleet was")
                : Bilingual(verbatim: String(cString: strerror(error)))
        }
    }

    public var outputIsTerminal: Bool { isatty(1) == 1 }
}

public final class CapturingConsole: Console {
    public private(set) var output = ""
    public private(set) var errors = ""
    public let outputIsTerminal: Bool

    public init(terminal: Bool = false) { self.outputIsTerminal = terminal }

    public func out(_ text: String) { output += text }
    public func err(_ text: String) { errors += text }
}
