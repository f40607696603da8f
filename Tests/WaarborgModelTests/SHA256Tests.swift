import Testing
import WaarborgModel

/// SHA-256 and HMAC-SHA256 against the published test vectors: FIPS 180-2 (appendix B)
/// and the NIST example of a million `a`s, and RFC 4231 for HMAC.
@Suite struct SHA256Tests {
    func bytes(_ hex: String) -> [UInt8] {
        var result: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            result.append(UInt8(hex[index..<next], radix: 16)!)
            index = next
        }
        return result
    }

    @Test func fipsVectors() {
        #expect(SHA256.hash([]).hex == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hash(Array("abc".utf8)).hex == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(
            SHA256.hash(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)).hex
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(
            SHA256.hash([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)).hex
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    /// Fed in pieces of every size, the digest is the same as in one piece.
    @Test func piecesGiveTheSameDigest() {
        let message = (0..<1_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let whole = SHA256.hash(message)
        for size in [1, 3, 63, 64, 65, 127, 500] {
            var hash = SHA256()
            var offset = 0
            while offset < message.count {
                hash.update(message[offset..<min(offset + size, message.count)])
                offset += size
            }
            #expect(hash.finalize() == whole, "pieces of \(size)")
        }
    }

    @Test func rfc4231Vectors() {
        // Test case 1: a 20-byte key of 0x0b, "Hi There".
        #expect(
            HMACSHA256.mac(key: [UInt8](repeating: 0x0b, count: 20), Array("Hi There".utf8)).hex
                == "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7")
        // Test case 2: key "Jefe".
        #expect(
            HMACSHA256.mac(key: Array("Jefe".utf8), Array("what do ya want for nothing?".utf8)).hex
                == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
        // Test case 6: a 131-byte key (longer than a block, so hashed first).
        #expect(
            HMACSHA256.mac(
                key: [UInt8](repeating: 0xaa, count: 131), Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8)
            ).hex == "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54")
        #expect(HMACSHA256.equal(bytes("00ff"), bytes("00ff")[...]))
        #expect(!HMACSHA256.equal(bytes("00ff"), bytes("00fe")[...]))
    }
}
