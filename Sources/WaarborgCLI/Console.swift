import Foundation

/// Where the CLI writes. The real console writes to the process's streams; tests
/// capture output in memory and run commands in-process.
public protocol Console: AnyObject {
    func out(_ text: String)
    func err(_ text: String)
    /// Whether standard output is a terminal (colour is only used then).
    var outputIsTerminal: Bool { get }
}

public final class ProcessConsole: Console {
    public init() {}

    public func out(_ text: String) { ProcessConsole.write(text, to: 1) }
    public func err(_ text: String) { ProcessConsole.write(text, to: 2) }

    /// Writes the string's own UTF-8 bytes, without first copying a report of many
    /// megabytes into a `Data`. A closed pipe (`waarborg check … | head`) ends the output.
    private static func write(_ text: String, to descriptor: Int32) {
        var text = text
        text.withUTF8 { _ = FileAccess.writeFully(UnsafeRawBufferPointer($0), to: descriptor) }
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
