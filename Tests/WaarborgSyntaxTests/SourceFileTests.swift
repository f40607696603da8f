import Testing
import WaarborgSyntax

@Suite struct SourceFileTests {
    /// The line table the straightforward way: LF, CR LF and a lone CR each end a line.
    func naiveLineStarts(_ bytes: [UInt8]) -> [Int] {
        var starts = [0]
        var index = 0
        while index < bytes.count {
            if bytes[index] == 0x0A {
                starts.append(index + 1)
            } else if bytes[index] == 0x0D {
                if index + 1 < bytes.count, bytes[index + 1] == 0x0A { index += 1 }
                starts.append(index + 1)
            }
            index += 1
        }
        return starts
    }

    /// The scan skips eight bytes at a time; line ends at every offset within and across
    /// those words, next to tabs and multi-byte characters, must all be found.
    @Test func lineStartsMatchAByteByByteScan() {
        let pieces: [[UInt8]] = [[0x61], [0x0A], [0x0D], [0x0D, 0x0A], [0x09], [0x20], [0xC3, 0xA9], [0x0B], [0x7F], [0x0E]]
        var generator = SystemRandomNumberGenerator()
        for length in 0..<200 {
            var bytes: [UInt8] = []
            while bytes.count < length { bytes += pieces.randomElement(using: &generator)! }
            let file = SourceFile(path: "t", bytes: bytes)
            #expect(file.lineStarts == naiveLineStarts(bytes), "\(bytes)")
        }
        let long = [UInt8](repeating: 0x61, count: 37) + [0x0D] + [UInt8](repeating: 0x62, count: 7) + [0x0A, 0x0D, 0x0A]
        #expect(SourceFile(path: "t", bytes: long).lineStarts == [0, 38, 46, 48])
    }

    @Test func aByteOrderMarkIsRemovedAndRemembered() {
        let file = SourceFile(path: "t", bytes: [0xEF, 0xBB, 0xBF, 0x61, 0x0A, 0x62])
        #expect(file.hadByteOrderMark)
        #expect(file.bytes == [0x61, 0x0A, 0x62])
        #expect(file.lineStarts == [0, 2])
    }
}

/// Columns from the line table: the same as counting scalars from the line's start, for
/// offsets near and far from it (the table is used beyond 256 bytes), in long lines of
/// mixed one- to four-byte characters.
@Suite struct ColumnTableTests {
    func naiveColumn(_ bytes: [UInt8], _ offset: Int) -> Int {
        var start = offset
        while start > 0, bytes[start - 1] != 0x0A { start -= 1 }
        return bytes[start..<offset].filter { $0 & 0xC0 != 0x80 }.count + 1
    }

    @Test func columnsMatchCountingFromTheLineStart() {
        let pieces: [[UInt8]] = [[0x61], [0x0A], [0xC3, 0xA9], [0xE2, 0x80, 0x9C], [0xF0, 0x9F, 0x98, 0x80], [0x20]]
        var generator = SystemRandomNumberGenerator()
        for round in 0..<20 {
            var bytes: [UInt8] = []
            // Few line ends: most lines are long.
            while bytes.count < 3_000 + round * 97 {
                let piece = pieces.randomElement(using: &generator)!
                if piece == [0x0A], Int.random(in: 0..<200, using: &generator) != 0 { continue }
                bytes += piece
            }
            let file = SourceFile(path: "t", bytes: bytes)
            for offset in 0...bytes.count where offset == bytes.count || bytes[offset] & 0xC0 != 0x80 {
                #expect(file.location(of: offset).column == naiveColumn(bytes, offset), "offset \(offset)")
            }
        }
    }

    /// 200,000 keys on one line: a location at every key takes linear time, not quadratic
    /// (the old rescan took minutes; a guard against a hang, not a timing of the product).
    @Test func aMinifiedFileHasCheapColumns() {
        var text = "{"
        for index in 0..<200_000 { text += "\"k\(index)\":1," }
        text += "\"é\":1}"
        let file = SourceFile(path: "m.json", text: text)
        var last = 0
        var offset = 0
        for (index, byte) in file.bytes.enumerated() where byte == UInt8(ascii: ",") {
            last = file.location(of: index).column
            offset = index
        }
        #expect(last == offset + 1)
        #expect(file.location(of: file.bytes.count).column == file.bytes.count)
    }
}
