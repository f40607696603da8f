/// Reads the tokens of one logical line from left to right.
public struct TokenCursor {
    public let tokens: [Token]
    public private(set) var position = 0
    /// Where "expected … at the end of the line" errors point when the line runs out.
    public let endRange: SourceRange

    public init(_ tokens: [Token], endRange: SourceRange) {
        self.tokens = tokens
        self.endRange = endRange
    }

    public init(block: Block, skip: Int = 0) {
        let last = block.tokens[block.tokens.count - 1].range
        self.init(block.tokens, endRange: SourceRange(file: last.file, start: last.end, end: last.end))
        position = min(skip, block.tokens.count)
    }

    public var atEnd: Bool { position >= tokens.count }
    public var peek: Token? { atEnd ? nil : tokens[position] }
    public func peek(_ offset: Int) -> Token? {
        position + offset < tokens.count ? tokens[position + offset] : nil
    }
    /// The range of the next token, or the end of the line.
    public var here: SourceRange { peek?.range ?? endRange }

    @discardableResult
    public mutating func next() -> Token? {
        guard let token = peek else { return nil }
        position += 1
        return token
    }

    public mutating func skipWord(_ word: String) -> Bool {
        if peek?.isWord(word) == true {
            position += 1
            return true
        }
        return false
    }

    public mutating func skipSymbol(_ symbol: String) -> Bool {
        if peek?.isSymbol(symbol) == true {
            position += 1
            return true
        }
        return false
    }

    /// The rest of the line, consumed.
    public mutating func rest() -> [Token] {
        let remaining = Array(tokens[min(position, tokens.count)...])
        position = tokens.count
        return remaining
    }
}
