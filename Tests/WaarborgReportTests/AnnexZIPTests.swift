import Testing
@testable import WaarborgReport

/// The ZIP writer behind the Word annex: CRC-32 of known strings, the byte layout of an
/// archive, entry order, determinism, and the reader that the DOCX tests rely on.
@Suite struct AnnexZIPTests {
    @Test func crc32OfKnownStrings() {
        #expect(CRC32.checksum([UInt8]()) == 0)
        #expect(CRC32.checksum(Array("a".utf8)) == 0xE8B7_BE43)
        #expect(CRC32.checksum(Array("abc".utf8)) == 0x3524_41C2)
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(CRC32.checksum(Array("The quick brown fox jumps over the lazy dog".utf8)) == 0x414F_A339)
        #expect(CRC32.checksum([UInt8](repeating: 0, count: 32)) == 0x190A_55AD)
    }

    @Test func oneStoredEntryByteForByte() throws {
        let bytes = try ZIPArchive.archive([ZIPArchive.Entry(name: "a.txt", text: "hi")])
        // Local header (30 + name 5) + data 2, central header (46 + name 5), end record 22.
        #expect(bytes.count == 30 + 5 + 2 + 46 + 5 + 22)
        let crc = CRC32.checksum(Array("hi".utf8))
        let local: [UInt8] = [
            0x50, 0x4B, 0x03, 0x04,  // local file header signature
            20, 0,  // version needed to extract: 2.0
            0, 0,  // flags
            0, 0,  // method: stored
            0, 0,  // time 00:00:00
            0x21, 0x00,  // date 1980-01-01
        ] + le32(crc) + le32(2) + le32(2) + [5, 0, 0, 0] + Array("a.txt".utf8) + Array("hi".utf8)
        #expect(Array(bytes[0..<37]) == local)
        let central: [UInt8] = [0x50, 0x4B, 0x01, 0x02, 20, 0, 20, 0, 0, 0, 0, 0, 0, 0, 0x21, 0x00]
            + le32(crc) + le32(2) + le32(2) + [5, 0, 0, 0, 0, 0, 0, 0, 0, 0] + le32(0) + le32(0) + Array("a.txt".utf8)
        #expect(Array(bytes[37..<88]) == central)
        let end: [UInt8] = [0x50, 0x4B, 0x05, 0x06, 0, 0, 0, 0, 1, 0, 1, 0] + le32(51) + le32(37) + [0, 0]
        #expect(Array(bytes[88...]) == end)
    }

    func le32(_ value: UInt32) -> [UInt8] {
        [UInt8(value & 0xFF), UInt8((value >> 8) & 0xFF), UInt8((value >> 16) & 0xFF), UInt8(value >> 24)]
    }

    @Test func entriesAreSortedWithContentTypesFirstAndReadBack() throws {
        let entries = [
            ZIPArchive.Entry(name: "word/document.xml", text: "<w:document/>"),
            ZIPArchive.Entry(name: "_rels/.rels", text: "<Relationships/>"),
            ZIPArchive.Entry(name: "docProps/core.xml", text: "<cp:coreProperties/>"),
            ZIPArchive.Entry(name: "[Content_Types].xml", text: "<Types/>"),
            ZIPArchive.Entry(name: "word/_rels/document.xml.rels", text: ""),
            ZIPArchive.Entry(name: "mappé/é.txt", text: "ü"),
        ]
        let bytes = try ZIPArchive.archive(entries)
        let read = try ZIPArchive.entries(of: bytes)
        #expect(read.map(\.name) == [
            "[Content_Types].xml", "_rels/.rels", "docProps/core.xml", "mappé/é.txt", "word/_rels/document.xml.rels", "word/document.xml",
        ])
        for entry in entries {
            #expect(read.first { $0.name == entry.name }?.bytes == entry.bytes)
        }
        // A UTF-8 name sets general purpose bit 11; ASCII names do not.
        let offset = bytes.indices.dropLast(4).first { index in
            bytes[index] == 0x50 && bytes[index + 1] == 0x4B && bytes[index + 2] == 3 && bytes[index + 3] == 4
                && String(decoding: bytes[(index + 30)..<(index + 30 + Int(bytes[index + 26]))], as: UTF8.self) == "mappé/é.txt"
        }
        let index = try #require(offset)
        #expect(bytes[index + 7] == 0x08)
        #expect(bytes[7] == 0)
    }

    @Test func sameEntriesInAnyOrderGiveTheSameBytes() throws {
        let entries = (0..<20).map { ZIPArchive.Entry(name: "part\($0).xml", text: String(repeating: "x", count: $0)) }
        let once = try ZIPArchive.archive(entries)
        let again = try ZIPArchive.archive(entries.reversed())
        #expect(once == again)
    }

    @Test func badNamesAndDuplicatesAreRefused() {
        #expect(throws: ZIPArchive.Failure.duplicateName("a.xml")) {
            try ZIPArchive.archive([ZIPArchive.Entry(name: "a.xml", text: "1"), ZIPArchive.Entry(name: "a.xml", text: "2")])
        }
        for name in ["", "/abs.xml", "a/../b.xml", "a//b.xml", "a\\b.xml", "dir/"] {
            #expect(throws: ZIPArchive.Failure.invalidName(name)) { try ZIPArchive.archive([ZIPArchive.Entry(name: name, text: "")]) }
        }
    }

    @Test func theReaderNoticesDamage() throws {
        var bytes = try ZIPArchive.archive([ZIPArchive.Entry(name: "a.txt", text: "hello")])
        bytes[30 + 5] ^= 0xFF  // the first byte of the data
        #expect(throws: ZIPArchive.Failure.malformed("the CRC-32 of `a.txt` does not match its data")) { try ZIPArchive.entries(of: bytes) }
        #expect(throws: (any Error).self) { try ZIPArchive.entries(of: Array(bytes.dropLast())) }
        #expect(throws: (any Error).self) { try ZIPArchive.entries(of: [0x50, 0x4B]) }
    }

    @Test func anEmptyArchiveIsJustTheEndRecord() throws {
        #expect(try ZIPArchive.archive([]) == [0x50, 0x4B, 0x05, 0x06] + [UInt8](repeating: 0, count: 18))
        #expect(try ZIPArchive.entries(of: ZIPArchive.archive([])).isEmpty)
    }
}
