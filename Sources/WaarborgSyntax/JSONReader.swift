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

    /// What kind of JSON value this is, in English ("a number").
    public var typeName: String { typeText.en }

    /// What kind of JSON value this is, in both languages, for diagnostics.
    public var typeText: Bilingual {
        switch kind {
        case .null: Bilingual(verbatim: "null")
        case .bool: Bilingual("true or false", nl: "true of false")
        case .number: Bilingual("a number", nl: "een getal")
        case .string: Bilingual("a string", nl: "een tekst tussen aanhalingstekens")
        case .array: Bilingual("an array", nl: "een lijst (array)")
        case .object: Bilingual("an object", nl: "een object")
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
            return (nil, [.error(
                "WB001", "the file is not valid UTF-8; save it as UTF-8 text",
                nl: "het bestand is geen geldige UTF-8; sla het op als UTF-8-tekst", at: SourceRange(file: file, start: bad, end: bad + 1))])
        }
        reader.skipWhitespace()
        guard let node = reader.value() else { return (nil, reader.diagnostics) }
        reader.skipWhitespace()
        if reader.index < reader.bytes.count {
            reader.fail("unexpected text after the JSON value", nl: "onverwachte tekst na de JSON-waarde", at: reader.index)
            return (nil, reader.diagnostics)
        }
        return (node, reader.diagnostics)
    }

    private init(file: SourceFile) {
        self.file = file
        self.bytes = file.bytes
    }

    private mutating func fail(_ en: String, nl: String, at offset: Int) {
        if diagnostics.isEmpty {
            diagnostics.append(.error("WB210", en, nl: nl, at: SourceRange(file: file, start: offset, end: min(offset + 1, bytes.count))))
        }
    }

    private mutating func skipWhitespace() {
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
    }

    private func describe(_ offset: Int) -> Bilingual {
        guard offset < bytes.count else { return Bilingual("the end of the file", nl: "het einde van het bestand") }
        return Bilingual(verbatim: "`\(String(decoding: [bytes[offset]], as: UTF8.self))`")
    }

    private mutating func value() -> JSONNode? {
        guard index < bytes.count else {
            fail("expected a JSON value, found the end of the file", nl: "verwacht: een JSON-waarde, gevonden: het einde van het bestand", at: index)
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
            let found = describe(index)
            fail("expected a JSON value, found \(found.en)", nl: "verwacht: een JSON-waarde, gevonden: \(found.nl)", at: index)
            return nil
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return number()
        default:
            let quote = bytes[index] == UInt8(ascii: "'")
            let hint = quote ? "; JSON strings use double quotes" : ""
            let dutchHint = quote ? "; in JSON staan teksten tussen dubbele aanhalingstekens" : ""
            let found = describe(index)
            fail(
                "expected a JSON value, found \(found.en)\(hint)", nl: "verwacht: een JSON-waarde, gevonden: \(found.nl)\(dutchHint)",
                at: index)
            return nil
        }
    }

    private mutating func enter(_ offset: Int) -> Bool {
        depth += 1
        if depth > JSONReader.maxDepth {
            fail(
                "the JSON is nested more than \(JSONReader.maxDepth) levels deep",
                nl: "de JSON is meer dan \(JSONReader.maxDepth) niveaus diep genest", at: offset)
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
                let found = describe(index)
                fail(
                    "expected a key in double quotes, found \(found.en)",
                    nl: "verwacht: een sleutel tussen dubbele aanhalingstekens, gevonden: \(found.nl)", at: index)
                return nil
            }
            let keyStart = index
            guard let key = string() else { return nil }
            let keyRange = SourceRange(file: file, start: keyStart, end: index)
            if let first = seen[key] {
                diagnostics.append(.error(
                    "WB211", "the key \"\(key)\" appears twice in this object",
                    nl: "de sleutel \"\(key)\" staat twee keer in dit object", at: keyRange,
                    notes: [DiagnosticNote("first here", nl: "de eerste keer hier", at: first)]))
                return nil
            }
            seen[key] = keyRange
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
                let found = describe(index)
                fail(
                    "expected `:` after the key \"\(key)\", found \(found.en)",
                    nl: "verwacht: `:` na de sleutel \"\(key)\", gevonden: \(found.nl)", at: index)
                return nil
            }
            index += 1
            skipWhitespace()
            guard let value = value() else { return nil }
            members.append(JSONMember(key: key, keyRange: keyRange, value: value))
            skipWhitespace()
            guard index < bytes.count else {
                fail("expected `,` or `}`, found the end of the file", nl: "verwacht: `,` of `}`, gevonden: het einde van het bestand", at: index)
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
            let found = describe(index)
            fail("expected `,` or `}`, found \(found.en)", nl: "verwacht: `,` of `}`, gevonden: \(found.nl)", at: index)
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
                fail("expected `,` or `]`, found the end of the file", nl: "verwacht: `,` of `]`, gevonden: het einde van het bestand", at: index)
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
            let found = describe(index)
            fail("expected `,` or `]`, found \(found.en)", nl: "verwacht: `,` of `]`, gevonden: \(found.nl)", at: index)
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
                fail(
                    "a control character (such as a line break) inside a JSON string must be escaped",
                    nl: "een stuurteken (zoals een regeleinde) in een tekst tussen aanhalingstekens moet als escapereeks worden geschreven",
                    at: index)
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
                            fail("a lone surrogate in \\u escape", nl: "een los surrogaat in een \\u-escapereeks", at: index)
                            return nil
                        }
                        index += 2
                        guard let low = hex4(), (0xDC00...0xDFFF).contains(low) else {
                            fail("an invalid surrogate pair in \\u escape", nl: "een ongeldig surrogaatpaar in een \\u-escapereeks", at: index)
                            return nil
                        }
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let scalar = Unicode.Scalar(code) else {
                        fail("an invalid \\u escape", nl: "een ongeldige \\u-escapereeks", at: index)
                        return nil
                    }
                    scalars.append(scalar)
                default:
                    let written = String(decoding: [escape], as: UTF8.self)
                    fail(
                        "an unknown escape `\\\(written)` in a JSON string",
                        nl: "een onbekende escapereeks `\\\(written)` in een tekst tussen aanhalingstekens", at: index - 2)
                    return nil
                }
                chunkStart = index
                continue
            }
            index += 1
        }
        fail("this string is never closed", nl: "deze tekst tussen aanhalingstekens wordt nergens gesloten", at: start)
        return nil
    }

    private mutating func hex4() -> UInt32? {
        guard index + 4 <= bytes.count else {
            fail("a \\u escape needs four hexadecimal digits", nl: "een \\u-escapereeks heeft vier hexadecimale cijfers nodig", at: index)
            return nil
        }
        var value: UInt32 = 0
        for offset in 0..<4 {
            guard let digit = Character(UnicodeScalar(bytes[index + offset])).hexDigitValue else {
                fail("a \\u escape needs four hexadecimal digits", nl: "een \\u-escapereeks heeft vier hexadecimale cijfers nodig", at: index)
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
            fail("expected digits in a number", nl: "verwacht: cijfers in een getal", at: index)
            return nil
        }
        if bytes[wholeStart] == UInt8(ascii: "0"), index - wholeStart > 1 {
            fail("a JSON number has no leading zeros", nl: "een JSON-getal heeft geen voorloopnullen", at: wholeStart)
            return nil
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard digits() > 0 else {
                fail("expected digits after the decimal point", nl: "verwacht: cijfers na de decimale punt", at: index)
                return nil
            }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard digits() > 0 else {
                fail("expected digits in the exponent", nl: "verwacht: cijfers in de exponent", at: index)
                return nil
            }
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        return JSONNode(kind: .number(text), range: SourceRange(file: file, start: start, end: index))
    }
}
