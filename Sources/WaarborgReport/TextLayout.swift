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

/// Writes paragraphs: every line followed by a line break, appended to one string, so a
/// plan of thousands of activities is never held as an array of lines and then joined.
struct TextWriter {
    private(set) var text = ""
    let width: Int
    let color: Bool
    let terminal: TerminalText

    init(width: Int, color: Bool, terminal: TerminalText) {
        // Below this a hanging indent leaves no room for words.
        self.width = max(width, 30)
        self.color = color
        self.terminal = terminal
    }

    mutating func blank() { text += "\n" }

    mutating func append(_ paragraph: TextParagraph) {
        // Words are runs of non-spaces; a word may change style in its middle ("id:").
        var words: [[TextSpan]] = []
        var current: [TextSpan] = []
        for span in paragraph.spans {
            let pieces = TerminalText.escaped(span.text).split(separator: " ", omittingEmptySubsequences: false)
            for (index, piece) in pieces.enumerated() {
                if index > 0 {
                    if !current.isEmpty { words.append(current) }
                    current = []
                }
                if !piece.isEmpty { current.append(TextSpan(String(piece), style: span.style)) }
            }
        }
        if !current.isEmpty { words.append(current) }

        var line = paragraph.first
        var used = paragraph.first.count
        var hasWord = false
        for word in words {
            let length = word.reduce(0) { $0 + $1.text.count }
            if hasWord, used + 1 + length > width {
                emit(line)
                line = paragraph.rest
                used = paragraph.rest.count
                hasWord = false
            }
            if hasWord {
                line += " "
                used += 1
            }
            for span in word { line += paint(span) }
            used += length
            hasWord = true
        }
        emit(line)
    }

    private func paint(_ span: TextSpan) -> String {
        guard color, let style = span.style else { return span.text }
        return "\u{1B}[\(style)m\(span.text)\u{1B}[0m"
    }

    private mutating func emit(_ line: String) {
        var line = line
        while line.last == " " { line.removeLast() }
        text += terminal.line(line)
        text += "\n"
    }
}
