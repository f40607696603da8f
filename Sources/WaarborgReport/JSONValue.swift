/// A JSON value with ordered object keys, so output is byte-for-byte deterministic and
/// reads in the order the documentation gives.
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    /// A number written exactly as given (decimals from `Amount`, never a float).
    case number(String)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case let (.bool(a), .bool(b)): a == b
        case let (.int(a), .int(b)): a == b
        case let (.number(a), .number(b)): a == b
        case let (.string(a), .string(b)): a == b
        case let (.array(a), .array(b)): a == b
        case let (.object(a), .object(b)): a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: false
        }
    }

    public static func strings(_ values: [String]) -> JSONValue { .array(values.map { .string($0) }) }

    public static func optional(_ value: String?) -> JSONValue { value.map { .string($0) } ?? .null }

    /// Pretty-printed with two-space indentation and a final newline.
    public func rendered() -> String {
        var output = JSONBytes()
        write(into: &output, indent: 0, pretty: true)
        output.append(UInt8(ascii: "\n"))
        return output.string
    }

    /// Pretty-printed as an element nested `indent` spaces deep, without a final newline:
    /// a large array can so be written one element at a time, with the same bytes.
    public func rendered(indent: Int) -> String {
        var output = JSONBytes()
        write(into: &output, indent: indent, pretty: true)
        return output.string
    }

    /// On one line, for embedding.
    public func compact() -> String {
        var output = JSONBytes()
        write(into: &output, indent: 0, pretty: false)
        return output.string
    }

    private func write(into output: inout JSONBytes, indent: Int, pretty: Bool) {
        switch self {
        case .null: output.append("null")
        case .bool(let flag): output.append(flag ? "true" : "false")
        case .int(let value): output.append(String(value))
        case .number(let text): output.append(text)
        case .string(let text): output.appendQuoted(text)
        case .array(let items):
            if items.isEmpty {
                output.append("[]")
                return
            }
            output.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                if pretty { output.newline(indent: indent + 2) }
                item.write(into: &output, indent: indent + 2, pretty: pretty)
            }
            if pretty { output.newline(indent: indent) }
            output.append(UInt8(ascii: "]"))
        case .object(let members):
            if members.isEmpty {
                output.append("{}")
                return
            }
            output.append(UInt8(ascii: "{"))
            for (index, (key, value)) in members.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                if pretty { output.newline(indent: indent + 2) }
                output.appendQuoted(key)
                output.append(pretty ? ": " : ":")
                value.write(into: &output, indent: indent + 2, pretty: pretty)
            }
            if pretty { output.newline(indent: indent) }
            output.append(UInt8(ascii: "}"))
        }
    }
}

/// The bytes of a JSON text as it is written: appending whole runs of UTF-8 instead of one
/// scalar at a time keeps rendering large reports fast.
struct JSONBytes {
    private(set) var bytes: [UInt8] = []

    init() { bytes.reserveCapacity(4096) }

    var string: String { String(decoding: bytes, as: UTF8.self) }

    mutating func append(_ byte: UInt8) { bytes.append(byte) }
    mutating func append(_ text: String) { bytes.append(contentsOf: text.utf8) }

    mutating func newline(indent: Int) {
        bytes.append(UInt8(ascii: "\n"))
        bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent))
    }

    /// A string in quotes, escaped as RFC 8259 requires; unescaped runs are copied whole.
    mutating func appendQuoted(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { appendEscaped($0) }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func appendEscaped(_ buffer: UnsafeBufferPointer<UInt8>) {
        var start = 0
        for index in 0..<buffer.count {
            let byte = buffer[index]
            guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[start..<index]))
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0x0A: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0D: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x09: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            default:
                let hex = Array(String(byte, radix: 16).utf8)
                bytes.append(contentsOf: Array("\\u00".utf8) + (hex.count == 1 ? [UInt8(ascii: "0")] : []) + hex)
            }
            start = index + 1
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[start..<buffer.count]))
    }
}
