/// Lines of terminal text as the text renderer builds them: our own frame (gutters,
/// labels, colours) and the user's words kept apart until the line is written, so user
/// strings are escaped (`TerminalText`) and paragraphs wrap at the reader's width with a
/// hanging indent, without a colour code or an escape ever being split or counted.
struct TextSpan {
    var text: String
    /// An SGR code ("1;31") when colour is on; nil for plain text.
    var style: String?

    init(_ text: String, style: String? = nil) {
        self.text = text
        self.style = style
    }
}

/// One paragraph: the gutter of its first line, the gutter of the lines it wraps onto,
/// and its text.
struct TextParagraph {
    var first: String
    var rest: String
    var spans: [TextSpan]

    init(_ first: String, hang rest: String? = nil, _ spans: [TextSpan]) {
        self.first = first
        self.rest = rest ?? first
        self.spans = spans
    }

    init(_ first: String, hang rest: String? = nil, _ text: String) {
        self.init(first, hang: rest, [TextSpan(text)])
    }
}

/// Writes paragraphs: every line followed by a line break, appended to one buffer of
/// UTF-8 bytes, so a plan of thousands of activities is never held as an array of lines
/// and then joined. Words are gathered and measured as bytes (a report's hottest loop);
/// a word's width is its count of characters, as `String.count` counts them.
struct TextWriter {
    private var output: [UInt8] = []
    private var lineBuffer: [UInt8] = []
    private var wordBuffer: [UInt8] = []
    let width: Int
    let color: Bool
    let terminal: TerminalText

    init(width: Int, color: Bool, terminal: TerminalText) {
        // Below this a hanging indent leaves no room for words.
        self.width = max(width, 30)
        self.color = color
        self.terminal = terminal
    }

    /// Everything written so far.
    var text: String { String(decoding: output, as: UTF8.self) }
    /// Everything written so far, as UTF-8.
    var bytes: [UInt8] { output }

    mutating func blank() { output.append(0x0A) }

    /// Appends what another writer wrote.
    mutating func append(contentsOf other: TextWriter) { output += other.output }

    mutating func append(_ paragraph: TextParagraph) {
        // Words are runs of non-spaces; a word may change style in its middle ("id:").
        // The line and word buffers keep their memory from one paragraph to the next.
        var line = lineBuffer
        var word = wordBuffer
        (lineBuffer, wordBuffer) = ([], [])
        defer {
            line.removeAll(keepingCapacity: true)
            word.removeAll(keepingCapacity: true)
            (lineBuffer, wordBuffer) = (line, word)
        }
        line.append(contentsOf: paragraph.first.utf8)
        var used = Self.columns(paragraph.first.utf8)
        var hasWord = false
        // The word being gathered as it will be written (colour codes included), and its width.
        var length = 0
        for span in paragraph.spans {
            let style = color ? span.style : nil
            var text = TerminalText.escaped(span.text)
            // The bytes between spaces are a span's pieces of words, added whole.
            text.withUTF8 { bytes in
                var start = 0
                // Whether the piece since `start` is ASCII (its width is then its length).
                var ascii = true
                for index in 0..<bytes.count {
                    let byte = bytes[index]
                    guard byte == UInt8(ascii: " ") else {
                        if byte >= 0x80 { ascii = false }
                        continue
                    }
                    let piece = UnsafeBufferPointer(rebasing: bytes[start..<index])
                    if word.isEmpty, style == nil {
                        // A whole unstyled word: onto the line directly, not through `word`.
                        place(piece, ascii ? piece.count : Self.columns(piece), into: &line, &used, &hasWord, rest: paragraph.rest)
                    } else {
                        add(piece, style, to: &word, &length)
                        place(&word, &length, into: &line, &used, &hasWord, rest: paragraph.rest)
                    }
                    start = index + 1
                    ascii = true
                }
                add(UnsafeBufferPointer(rebasing: bytes[start...]), style, to: &word, &length)
            }
        }
        place(&word, &length, into: &line, &used, &hasWord, rest: paragraph.rest)
        emit(line)
    }

    /// Adds a piece of one span (painted in its style) to the word.
    private func add(_ piece: UnsafeBufferPointer<UInt8>, _ style: String?, to word: inout [UInt8], _ length: inout Int) {
        guard !piece.isEmpty else { return }
        if let style {
            word += "\u{1B}[\(style)m".utf8
            word += piece
            word += "\u{1B}[0m".utf8
        } else {
            word += piece
        }
        length += Self.columns(piece)
    }

    /// Puts the gathered word on the line, or on a new one with the hanging gutter when it
    /// does not fit; empties `word`.
    private mutating func place(
        _ word: inout [UInt8], _ length: inout Int, into line: inout [UInt8], _ used: inout Int, _ hasWord: inout Bool,
        rest: String
    ) {
        guard !word.isEmpty else { return }
        word.withUnsafeBufferPointer { place($0, length, into: &line, &used, &hasWord, rest: rest) }
        word.removeAll(keepingCapacity: true)
        length = 0
    }

    /// Puts a word of `length` columns on the line, or on a new one with the hanging gutter
    /// when it does not fit.
    private mutating func place(
        _ word: UnsafeBufferPointer<UInt8>, _ length: Int, into line: inout [UInt8], _ used: inout Int, _ hasWord: inout Bool,
        rest: String
    ) {
        guard !word.isEmpty else { return }
        if hasWord, used + 1 + length > width {
            emit(line)
            line.removeAll(keepingCapacity: true)
            line.append(contentsOf: rest.utf8)
            used = Self.columns(rest.utf8)
            hasWord = false
        }
        if hasWord {
            line.append(UInt8(ascii: " "))
            used += 1
        }
        line.append(contentsOf: word)
        used += length
        hasWord = true
    }

    /// The characters of UTF-8 text, as `String.count` counts them (ASCII: its bytes).
    private static func columns<Bytes: Collection>(_ bytes: Bytes) -> Int where Bytes.Element == UInt8 {
        bytes.allSatisfy { $0 < 0x80 } ? bytes.count : String(decoding: bytes, as: UTF8.self).count
    }

    private mutating func emit(_ line: [UInt8]) {
        var end = line.count
        while end > 0, line[end - 1] == UInt8(ascii: " ") { end -= 1 }
        if terminal.underActions {
            output += terminal.line(String(decoding: line[..<end], as: UTF8.self)).utf8
        } else {
            output += line[..<end]
        }
        output.append(0x0A)
    }
}
