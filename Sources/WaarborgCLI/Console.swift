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

    public func out(_ text: String) { FileHandle.standardOutput.write(Data(text.utf8)) }
    public func err(_ text: String) { FileHandle.standardError.write(Data(text.utf8)) }
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
