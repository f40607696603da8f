import Synchronization

/// A source file held in memory as UTF-8 bytes, with the offsets of its line starts,
/// so any byte offset maps to a `file:line:column` without rescanning.
///
/// Columns count Unicode scalars from 1, which is what editors and GitHub annotations
/// show for the plain-text files Waarborg reads. A column within the first bytes of its
/// line is counted directly; further along, a table of scalar counts every 64 bytes (built
/// once, on the first such request) bounds the count to 63 bytes, so a report of a
/// minified JSON plan, with thousands of locations on one line, stays linear.
public final class SourceFile: Sendable {
    /// The path as the user gave it; diagnostics print it unchanged.
    public let path: String
    /// The text as bytes, with a leading byte-order mark removed.
    public let bytes: [UInt8]
    /// Byte offset of the first byte of every line (line 1 starts at 0).
    public let lineStarts: [Int]
    /// Whether the file began with a UTF-8 byte-order mark (removed from `bytes`), so a
    /// tool that rewrites the file can put it back.
    public let hadByteOrderMark: Bool
    /// Scalars in `bytes[0 ..< 64 * i]` for every i, once a column far into a line is asked for.
    private let scalarCounts = Mutex<[UInt32]?>(nil)
    /// Columns closer than this to their line's start are counted without the table.
    static let directColumnLimit = 256

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        hadByteOrderMark = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
        let content = hadByteOrderMark ? Array(bytes.dropFirst(3)) : bytes
        self.bytes = content
        // Every command reads all rule files, so this scan is on the start-up path: it
        // skips eight bytes at a time while none of them is a control byte (below 0x0E,
        // which line ends are), and looks at single bytes only around those.
        self.lineStarts = content.withUnsafeBufferPointer { buffer in
            var starts = [0]
            starts.reserveCapacity(buffer.count / 32 + 1)
            let raw = UnsafeRawBufferPointer(buffer)
            var index = 0
            while index < buffer.count {
                if index + 8 <= buffer.count {
                    let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                    if (word &- 0x0E0E_0E0E_0E0E_0E0E) & ~word & 0x8080_8080_8080_8080 == 0 {
                        index += 8
                        continue
                    }
                }
                let byte = buffer[index]
                if byte > 0x0D {
                    index += 1
                    continue
                }
                if byte == 0x0A {
                    starts.append(index + 1)
                } else if byte == 0x0D {
                    // CR LF counts as one line end; a lone CR (old Mac files) as well.
                    if index + 1 < buffer.count, buffer[index + 1] == 0x0A { index += 1 }
                    starts.append(index + 1)
                }
                index += 1
            }
            return starts
        }
    }

    public convenience init(path: String, text: String) {
        self.init(path: path, bytes: Array(text.utf8))
    }

    /// The line (1-based) that contains a byte offset.
    public func line(of offset: Int) -> Int {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return low + 1
    }

    /// The location of a byte offset; the column counts scalars, not bytes.
    public func location(of offset: Int) -> SourceLocation {
        let clamped = max(0, min(offset, bytes.count))
        let line = line(of: clamped)
        let start = lineStarts[line - 1]
        let column: Int
        if clamped - start <= SourceFile.directColumnLimit {
            column = scalars(from: start, to: clamped) + 1
        } else {
            column = scalarsBefore(clamped) - scalarsBefore(start) + 1
        }
        return SourceLocation(file: path, line: line, column: column)
    }

    /// Scalar starts in `bytes[from ..< to]`: continuation bytes (10xxxxxx) do not count.
    private func scalars(from: Int, to: Int) -> Int {
        var count = 0
        var index = from
        while index < to {
            if bytes[index] & 0xC0 != 0x80 { count += 1 }
            index += 1
        }
        return count
    }

    /// Scalars before a byte offset, from the table (built on first use) and at most 63 bytes.
    private func scalarsBefore(_ offset: Int) -> Int {
        let block = offset >> 6
        let counted = scalarCounts.withLock { table -> UInt32 in
            if table == nil {
                var counts = [UInt32](repeating: 0, count: bytes.count / 64 + 1)
                var total: UInt32 = 0
                for index in 1..<counts.count {
                    total += UInt32(scalars(from: (index - 1) * 64, to: index * 64))
                    counts[index] = total
                }
                table = counts
            }
            return table![block]
        }
        return Int(counted) + scalars(from: block << 6, to: offset)
    }

    /// The text of one line without its line end, for excerpts under diagnostics.
    public func lineText(_ line: Int) -> String {
        guard line >= 1, line <= lineStarts.count else { return "" }
        let start = lineStarts[line - 1]
        var end = line < lineStarts.count ? lineStarts[line] : bytes.count
        while end > start, bytes[end - 1] == 0x0A || bytes[end - 1] == 0x0D { end -= 1 }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    /// The offset of the first byte that is not valid UTF-8, if any.
    public func firstInvalidUTF8Offset() -> Int? {
        // The common case, valid text, is checked by the standard library in one pass.
        if String(validating: bytes, as: UTF8.self) != nil { return nil }
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            let length: Int
            if byte < 0x80 { length = 1 }
            else if byte & 0xE0 == 0xC0, byte >= 0xC2 { length = 2 }
            else if byte & 0xF0 == 0xE0 { length = 3 }
            else if byte & 0xF8 == 0xF0, byte <= 0xF4 { length = 4 }
            else { return index }
            if index + length > count { return index }
            for next in 1..<length where bytes[index + next] & 0xC0 != 0x80 { return index }
            if length == 3 {
                let second = bytes[index + 1]
                if byte == 0xE0 && second < 0xA0 { return index }  // overlong
                if byte == 0xED && second >= 0xA0 { return index }  // surrogate
            }
            if length == 4 {
                let second = bytes[index + 1]
                if byte == 0xF0 && second < 0x90 { return index }
                if byte == 0xF4 && second >= 0x90 { return index }
            }
            index += length
        }
        return nil
    }
}

/// A point in a source file as a person reads it.
public struct SourceLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let file: String
    public let line: Int
    public let column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String { "\(file):\(line):\(column)" }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.file, lhs.line, lhs.column) < (rhs.file, rhs.line, rhs.column)
    }
}

/// A span of bytes in one source file. Every token, syntax node, plan fact and
/// diagnostic carries one, so outputs can point at the exact place.
public struct SourceRange: Sendable, Hashable {
    public let file: SourceFile
    public let start: Int
    public let end: Int

    public init(file: SourceFile, start: Int, end: Int) {
        self.file = file
        self.start = start
        self.end = max(start, end)
    }

    public var location: SourceLocation { file.location(of: start) }
    public var endLocation: SourceLocation { file.location(of: end) }

    /// The smallest range covering both.
    public func union(_ other: SourceRange) -> SourceRange {
        SourceRange(file: file, start: min(start, other.start), end: max(end, other.end))
    }

    public static func == (lhs: SourceRange, rhs: SourceRange) -> Bool {
        lhs.file === rhs.file && lhs.start == rhs.start && lhs.end == rhs.end
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(ObjectIdentifier(file))
        hasher.combine(start)
        hasher.combine(end)
    }
}

extension SourceRange {
    /// The text of the range as written, on one line (whitespace runs become one space),
    /// for quoting a condition in a trace or in documentation.
    public var text: String {
        let bytes = file.bytes[min(start, file.bytes.count)..<min(end, file.bytes.count)]
        return String(decoding: bytes, as: UTF8.self).split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
