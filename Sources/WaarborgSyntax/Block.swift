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
    /// open, when the previous line ends in `and`, `or`, `,`, `=` and the like, or when
    /// the line is indented and starts with `and`, `or`, `,` or a closing bracket.
    public static func build(_ tokens: [Token]) -> [Block] {
        var lines: [[Token]] = []
        var depth = 0
        for token in tokens {
            if token.startsLine, !lines.isEmpty, !continues(lines[lines.count - 1], with: token, depth: depth) {
                lines.append([token])
            } else if lines.isEmpty {
                lines.append([token])
            } else {
                lines[lines.count - 1].append(token)
            }
            if token.isSymbol("{") || token.isSymbol("(") { depth += 1 }
            if token.isSymbol("}") || token.isSymbol(")") { depth = max(0, depth - 1) }
        }
        // Depth-first nesting by indentation, without recursion so deep files stay safe.
        final class Builder {
            let tokens: [Token]
            var children: [Block] = []
            init(_ tokens: [Token]) { self.tokens = tokens }
        }
        let root = Builder([])
        var stack: [(indent: Int, builder: Builder)] = [(-1, root)]
        func close() {
            let finished = stack.removeLast().builder
            stack[stack.count - 1].builder.children.append(Block(tokens: finished.tokens, children: finished.children))
        }
        for line in lines {
            let indent = line[0].indent
            while stack.count > 1, stack[stack.count - 1].indent >= indent { close() }
            stack.append((indent, Builder(line)))
        }
        while stack.count > 1 { close() }
        return root.children
    }

    private static func continues(_ line: [Token], with token: Token, depth: Int) -> Bool {
        if depth > 0 { return true }
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
