/// A JSON value with the place it was written, so diagnostics about a JSON plan or
/// answers file point into that file.
public struct JSONNode: Sendable, Hashable {
    /// Nodes are identified by where they stand: two nodes at one place are one node.
    public static func == (lhs: JSONNode, rhs: JSONNode) -> Bool { lhs.range == rhs.range }
    public func hash(into hasher: inout Hasher) { hasher.combine(range) }

    public indirect enum Kind: Sendable {
        case null
        case bool(Bool)
        /// The number as written; it is converted where its type is known.
        case number(String)
        case string(String)
        case array([JSONNode])
        case object([JSONMember])
    }
    public let kind: Kind
    public let range: SourceRange

    public var typeName: String {
        switch kind {
        case .null: "null"
        case .bool: "true or false"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }

    /// The value of `key` in an object.
    public subscript(key: String) -> JSONNode? {
        guard case .object(let members) = kind else { return nil }
        return members.first { $0.key == key }?.value
    }
}

public struct JSONMember: Sendable {
    public let key: String
    public let keyRange: SourceRange
    public let value: JSONNode
}

/// A small, strict JSON reader (RFC 8259) that keeps line and column of every value.
/// Duplicate keys are errors, because a plan must not say two things at once.
public struct JSONReader {
    public static let maxDepth = 256

    private let file: SourceFile
    private let bytes: [UInt8]
    private var index = 0
    private var depth = 0
    public private(set) var diagnostics: [Diagnostic] = []

    public static func parse(_ file: SourceFile) -> (node: JSONNode?, diagnostics: [Diagnostic]) {
        var reader = JSONReader(file: file)
        if let bad = file.firstInvalidUTF8Offset() {
            return (nil, [.error("WB001", "the file is not valid UTF-8; save it as UTF-8 text", at: SourceRange(file: file, start: bad, end: bad + 1))])
        }
        reader.skipWhitespace()
        guard let node = reader.value() else { return (nil, reader.diagnostics) }
        reader.skipWhitespace()
        if reader.index < reader.bytes.count {
            reader.fail("unexpected text after the JSON value", at: reader.index)
            return (nil, reader.diagnostics)
        }
        return (node, reader.diagnostics)
    }

    private init(file: SourceFile) {
        self.file = file
        self.bytes = file.bytes
    }

    private mutating func fail(_ message: String, at offset: Int) {
        if diagnostics.isEmpty {
            diagnostics.append(.error("WB210", message, at: SourceRange(file: file, start: offset, end: min(offset + 1, bytes.count))))
        }
    }

    private mutating func skipWhitespace() {
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
    }

    private func describe(_ offset: Int) -> String {
        guard offset < bytes.count else { return "the end of the file" }
        return "`\(String(decoding: [bytes[offset]], as: UTF8.self))`"
    }

    private mutating func value() -> JSONNode? {
        guard index < bytes.count else {
            fail("expected a JSON value, found the end of the file", at: index)
            return nil
        }
        let start = index
        switch bytes[index] {
        case UInt8(ascii: "{"): return object()
        case UInt8(ascii: "["): return array()
        case UInt8(ascii: "\""):
            guard let text = string() else { return nil }
            return JSONNode(kind: .string(text), range: SourceRange(file: file, start: start, end: index))
        case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
            for (word, kind) in [("true", JSONNode.Kind.bool(true)), ("false", .bool(false)), ("null", .null)] {
                let utf8 = Array(word.utf8)
                if bytes.count - index >= utf8.count, Array(bytes[index..<index + utf8.count]) == utf8 {
                    index += utf8.count
                    return JSONNode(kind: kind, range: SourceRange(file: file, start: start, end: index))
                }
            }
            fail("expected a JSON value, found \(describe(index))", at: index)
            return nil
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return number()
        default:
            let hint = bytes[index] == UInt8(ascii: "'") ? "; JSON strings use double quotes" : ""
            fail("expected a JSON value, found \(describe(index))\(hint)", at: index)
            return nil
        }
    }

    private mutating func enter(_ offset: Int) -> Bool {
        depth += 1
        if depth > JSONReader.maxDepth {
            fail("the JSON is nested more than \(JSONReader.maxDepth) levels deep", at: offset)
            return false
        }
        return true
    }

    private mutating func object() -> JSONNode? {
        let start = index
        guard enter(start) else { return nil }
        defer { depth -= 1 }
        index += 1
        var members: [JSONMember] = []
        var seen: [String: SourceRange] = [:]
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            return JSONNode(kind: .object([]), range: SourceRange(file: file, start: start, end: index))
        }
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
                fail("expected a key in double quotes, found \(describe(index))", at: index)
                return nil
            }
            let keyStart = index
            guard let key = string() else { return nil }
            let keyRange = SourceRange(file: file, start: keyStart, end: index)
            if let first = seen[key] {
                diagnostics.append(.error(
                    "WB211", "the key \"\(key)\" appears twice in this object", at: keyRange,
                    notes: [DiagnosticNote("first here", at: first)]))
                return nil
            }
            seen[key] = keyRange
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
                fail("expected `:` after the key \"\(key)\", found \(describe(index))", at: index)
                return nil
            }
            index += 1
            skipWhitespace()
            guard let value = value() else { return nil }
            members.append(JSONMember(key: key, keyRange: keyRange, value: value))
            skipWhitespace()
            guard index < bytes.count else {
                fail("expected `,` or `}`, found the end of the file", at: index)
                return nil
            }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            if bytes[index] == UInt8(ascii: "}") {
                index += 1
                return JSONNode(kind: .object(members), range: SourceRange(file: file, start: start, end: index))
            }
            fail("expected `,` or `}`, found \(describe(index))", at: index)
            return nil
        }
    }

    private mutating func array() -> JSONNode? {
        let start = index
        guard enter(start) else { return nil }
        defer { depth -= 1 }
        index += 1
        var items: [JSONNode] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            return JSONNode(kind: .array([]), range: SourceRange(file: file, start: start, end: index))
        }
        while true {
            skipWhitespace()
            guard let item = value() else { return nil }
            items.append(item)
            skipWhitespace()
            guard index < bytes.count else {
                fail("expected `,` or `]`, found the end of the file", at: index)
                return nil
            }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            if bytes[index] == UInt8(ascii: "]") {
                index += 1
                return JSONNode(kind: .array(items), range: SourceRange(file: file, start: start, end: index))
            }
            fail("expected `,` or `]`, found \(describe(index))", at: index)
            return nil
        }
    }

    private mutating func string() -> String? {
        let start = index
        index += 1
        // Most strings hold no escape: their bytes up to the closing quote are the text.
        var end = index
        while end < bytes.count, bytes[end] != UInt8(ascii: "\""), bytes[end] != UInt8(ascii: "\\"), bytes[end] >= 0x20 { end += 1 }
        if end < bytes.count, bytes[end] == UInt8(ascii: "\"") {
            let text = String(decoding: bytes[index..<end], as: UTF8.self)
            index = end + 1
            return text
        }
        var scalars = String.UnicodeScalarView()
        var chunkStart = index
        func flush(_ upTo: Int) {
            scalars.append(contentsOf: String(decoding: bytes[chunkStart..<upTo], as: UTF8.self).unicodeScalars)
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                flush(index)
                index += 1
                return String(scalars)
            }
            if byte < 0x20 {
                fail("a control character (such as a line break) inside a JSON string must be escaped", at: index)
                return nil
            }
            if byte == UInt8(ascii: "\\") {
                flush(index)
                guard index + 1 < bytes.count else { break }
                let escape = bytes[index + 1]
                index += 2
                switch escape {
                case UInt8(ascii: "\""): scalars.append("\"")
                case UInt8(ascii: "\\"): scalars.append("\\")
                case UInt8(ascii: "/"): scalars.append("/")
                case UInt8(ascii: "b"): scalars.append("\u{08}")
                case UInt8(ascii: "f"): scalars.append("\u{0C}")
                case UInt8(ascii: "n"): scalars.append("\n")
                case UInt8(ascii: "r"): scalars.append("\r")
                case UInt8(ascii: "t"): scalars.append("\t")
                case UInt8(ascii: "u"):
                    guard var code = hex4() else { return nil }
                    if (0xD800...0xDBFF).contains(code) {
                        // A surrogate pair: a second \uXXXX must follow.
                        guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                            fail("a lone surrogate in \\u escape", at: index)
                            return nil
                        }
                        index += 2
                        guard let low = hex4(), (0xDC00...0xDFFF).contains(low) else {
                            fail("an invalid surrogate pair in \\u escape", at: index)
                            return nil
                        }
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let scalar = Unicode.Scalar(code) else {
                        fail("an invalid \\u escape", at: index)
                        return nil
                    }
                    scalars.append(scalar)
                default:
                    fail("an unknown escape `\\\(String(decoding: [escape], as: UTF8.self))` in a JSON string", at: index - 2)
                    return nil
                }
                chunkStart = index
                continue
            }
            index += 1
        }
        fail("this string is never closed", at: start)
        return nil
    }

    private mutating func hex4() -> UInt32? {
        guard index + 4 <= bytes.count else {
            fail("a \\u escape needs four hexadecimal digits", at: index)
            return nil
        }
        var value: UInt32 = 0
        for offset in 0..<4 {
            guard let digit = Character(UnicodeScalar(bytes[index + offset])).hexDigitValue else {
                fail("a \\u escape needs four hexadecimal digits", at: index)
                return nil
            }
            value = value * 16 + UInt32(digit)
        }
        index += 4
        return value
    }

    private mutating func number() -> JSONNode? {
        let start = index
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        func digits() -> Int {
            let from = index
            while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") { index += 1 }
            return index - from
        }
        let wholeStart = index
        guard digits() > 0 else {
            fail("expected digits in a number", at: index)
            return nil
        }
        if bytes[wholeStart] == UInt8(ascii: "0"), index - wholeStart > 1 {
            fail("a JSON number has no leading zeros", at: wholeStart)
            return nil
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard digits() > 0 else {
                fail("expected digits after the decimal point", at: index)
                return nil
            }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard digits() > 0 else {
                fail("expected digits in the exponent", at: index)
                return nil
            }
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        return JSONNode(kind: .number(text), range: SourceRange(file: file, start: start, end: index))
    }
}
