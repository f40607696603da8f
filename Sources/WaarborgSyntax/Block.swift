/// One logical line and the lines indented under it.
///
/// Both file formats are layouts of keyword lines: a declaration starts at the left
/// margin, its clauses are indented under it, and a clause may have its own indented
/// lines (an exception's `then`, an example's facts). Grouping tokens into this tree
/// first keeps the two parsers small and gives every error a precise line.
public struct Block: Sendable {
    public let tokens: [Token]
    public let children: [Block]

    public init(tokens: [Token], children: [Block]) {
        self.tokens = tokens
        self.children = children
    }

    public var head: Token { tokens[0] }
    public var keyword: String { tokens[0].kind == .identifier ? tokens[0].text : "" }
    public var indent: Int { tokens[0].indent }
    public var range: SourceRange {
        var range = tokens[0].range.union(tokens[tokens.count - 1].range)
        if let last = children.last { range = range.union(last.range) }
        return range
    }
}

public enum BlockBuilder {
    /// Words after which a line is not finished.
    static let continuingWords: Set<String> = ["and", "or", "not", "of", "to"]
    /// Symbols after which a line is not finished.
    static let continuingSymbols: Set<String> = [",", "=", "{", "(", "<", "<=", ">", ">=", "!=", ":"]

    /// Groups tokens into logical lines and nests them by indentation.
    ///
    /// A physical line continues the previous logical line when a bracket is still
    /// open (unless the line starts at the left margin), when the previous line ends in `and`, `or`, `,`, `=` and the like, or when
    /// the line is indented and starts with `and`, `or`, `,` or a closing bracket.
    public static func build(_ tokens: [Token]) -> [Block] {
        var remaining = tokens.makeIterator()
        var stream = BlockStream { remaining.next() }
        var blocks: [Block] = []
        while let block = stream.next() { blocks.append(block) }
        return blocks
    }

    static func continues(_ line: [Token], with token: Token, depth: Int) -> Bool {
        // An open bracket joins lines, but never across a declaration at the left margin:
        // a `(` left open recovers at the next declaration instead of swallowing the file.
        if depth > 0 { return token.indent > 0 }
        guard let last = line.last else { return false }
        if last.kind == .symbol, continuingSymbols.contains(last.text) { return true }
        if last.kind == .identifier, continuingWords.contains(last.text) { return true }
        if token.indent > line[0].indent {
            if token.isWord("and") || token.isWord("or") { return true }
            if token.isSymbol(",") || token.isSymbol("}") || token.isSymbol(")") { return true }
        }
        return false
    }
}

/// Top-level blocks, each handed out as soon as the first line after it shows that it is
/// complete. Tokens are pulled on demand, so parsing a large plan holds the tokens of one
/// block at a time, not of the whole file. Nesting uses an explicit stack, without
/// recursion, so deeply indented files stay safe.
public struct BlockStream {
    private final class Builder {
        let tokens: [Token]
        var children: [Block] = []
        init(_ tokens: [Token]) { self.tokens = tokens }
    }

    private let nextToken: () -> Token?
    private var line: [Token] = []
    private var depth = 0
    private var stack: [(indent: Int, builder: Builder)] = []
    private var ready: [Block] = []
    private var readyIndex = 0
    private var finished = false

    public init(_ nextToken: @escaping () -> Token?) {
        self.nextToken = nextToken
    }

    /// The next top-level block, or nil after the last.
    public mutating func next() -> Block? {
        while readyIndex == ready.count, !finished { pull() }
        guard readyIndex < ready.count else { return nil }
        let block = ready[readyIndex]
        readyIndex += 1
        if readyIndex == ready.count {
            ready.removeAll(keepingCapacity: true)
            readyIndex = 0
        }
        return block
    }

    /// Reads one token; completes a logical line when the token starts the next one.
    private mutating func pull() {
        guard let token = nextToken() else {
            if !line.isEmpty { push(line) }
            line = []
            while !stack.isEmpty { close() }
            finished = true
            return
        }
        if token.startsLine, !line.isEmpty, !BlockBuilder.continues(line, with: token, depth: depth) {
            push(line)
            line = [token]
            depth = 0
        } else {
            line.append(token)
        }
        if token.isSymbol("{") || token.isSymbol("(") { depth += 1 }
        if token.isSymbol("}") || token.isSymbol(")") { depth = max(0, depth - 1) }
    }

    private mutating func push(_ tokens: [Token]) {
        let indent = tokens[0].indent
        while let top = stack.last, top.indent >= indent { close() }
        stack.append((indent, Builder(tokens)))
    }

    private mutating func close() {
        let finished = stack.removeLast().builder
        let block = Block(tokens: finished.tokens, children: finished.children)
        if let parent = stack.last { parent.builder.children.append(block) } else { ready.append(block) }
    }
}

/// The top-level blocks of a file, lexed and built on demand, with the lexer's
/// diagnostics handed to the parser as they arise (so it can stay quiet on lines the
/// lexer already reported).
public struct BlockReader {
    private final class Source {
        var lexer: Lexer
        init(_ lexer: Lexer) { self.lexer = lexer }
    }

    private let source: Source
    private var stream: BlockStream
    private var reported = 0

    public init(_ file: SourceFile) {
        let source = Source(Lexer(file: file))
        self.source = source
        stream = BlockStream { source.lexer.next() }
    }

    public mutating func next(_ support: inout ParserSupport) -> Block? {
        let block = stream.next()
        let lexical = source.lexer.diagnostics
        if reported < lexical.count {
            support.addLexical(lexical[reported...])
            reported = lexical.count
        }
        return block
    }
}
