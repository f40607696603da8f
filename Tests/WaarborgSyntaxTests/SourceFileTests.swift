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
