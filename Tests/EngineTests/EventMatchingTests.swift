import Cases
import Testing
import Wire

/// A received message is compared with the expected one by kind, length and a digest of its
/// octets (the server's data is never kept whole). These tests pin down that the digest sees
/// every octet: the echo of RFC 6455 §5.6 data must be the data, not something like it.
@Suite("Event matching: content compared by digest, kind and length")
struct EventMatchingTests {
    /// 300 octets that are all different from their neighbours.
    private let octets: [UInt8] = (0..<300).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 3) }

    @Test("a message with the same opcode and octets matches, by content and by length")
    func sameContentMatches() {
        for opcode in [Opcode.text, .binary] {
            for payload in [[], [0x41], octets] {
                let event = received(.message(opcode), payload)
                #expect(event.matches(.message(opcode, .bytes(payload))))
                #expect(event.matchesLength(.message(opcode, .bytes(payload))))
            }
        }
        #expect(receivedText("Hello").matches(.text("Hello")))
    }

    @Test(
        "a message differing in one bit of one octet does not match, whichever octet and bit",
        arguments: [0, 1, 150, 298, 299], [0x01, 0x10, 0x80] as [UInt8])
    func oneOctetDiffers(_ index: Int, _ bit: UInt8) {
        var changed = octets
        changed[index] ^= bit
        let event = received(.message(.binary), changed)
        #expect(!event.matches(.message(.binary, .bytes(octets))))
        // Same type and length: only content differs, which the length mode does not compare.
        #expect(event.matchesLength(.message(.binary, .bytes(octets))))
    }

    @Test("a message one octet shorter or one octet longer matches neither by content nor by length")
    func lengthDiffers() {
        let shorter = received(.message(.binary), Array(octets.dropLast()))
        let longer = received(.message(.binary), octets + [0])
        for event in [shorter, longer] {
            #expect(!event.matches(.message(.binary, .bytes(octets))))
            #expect(!event.matchesLength(.message(.binary, .bytes(octets))))
        }
        #expect(!received(.message(.text), []).matches(.text("a")))
        #expect(!receivedText("a").matches(.message(.text, .bytes([]))))
    }

    @Test("a message of another opcode with the same octets matches neither by content nor by length")
    func opcodeDiffers() {
        let binary = received(.message(.binary), Array("Hello".utf8))
        #expect(!binary.matches(.text("Hello")))
        #expect(!binary.matchesLength(.text("Hello")))
        #expect(!receivedText("Hello").matches(.message(.binary, .text("Hello"))))
        let reserved = received(.message(Opcode(rawValue: 3)), Array("Hello".utf8))
        #expect(!reserved.matches(.text("Hello")))
    }

    @Test("a pong matches a pong with the same octets only, and never a message")
    func pongs() {
        let pong = received(.pong, Array("ping me".utf8))
        #expect(pong.matches(.pong(.text("ping me"))))
        #expect(!pong.matches(.pong(.text("ping mE"))))
        #expect(!pong.matches(.pong(.text("ping m"))))
        #expect(!pong.matches(.text("ping me")))
        #expect(!receivedText("ping me").matches(.pong(.text("ping me"))))
        // The length mode compares only data messages leniently: a pong's content still counts.
        #expect(!pong.matchesLength(.pong(.text("ping mE"))))
        #expect(pong.matchesLength(.pong(.text("ping me"))))
    }

    @Test("a marker matches the marker of the same name only")
    func markers() {
        #expect(receivedMarker("after-frame-1").matches(.marker("after-frame-1")))
        #expect(!receivedMarker("after-frame-1").matches(.marker("after-frame-2")))
        #expect(!receivedMarker("x").matchesLength(.marker("y")))
        #expect(!receivedMarker("x").matches(.text("")))
        #expect(!received(.message(.text), []).matches(.marker("x")))
    }

    /// Lengths around the 64 KiB pieces `Payload.digest` is computed in.
    static let repeatingCounts = [0, 1, 2, 125, 65535, 65536, 65537, 100_000, 131_073]

    @Test("a payload's pieces join to its octets, one empty piece for an empty payload", arguments: repeatingCounts)
    func piecesJoinToTheOctets(_ count: Int) {
        let payload = Payload.repeating(pattern: octets, count: count)
        let pieces = Array(payload.pieces(of: 1 << 16))
        #expect(pieces.joined().elementsEqual(payload.materialize()))
        #expect(pieces.count == max(1, (count + (1 << 16) - 1) >> 16))
        #expect(pieces.allSatisfy { $0.count <= 1 << 16 })
    }

    @Test("a repeating payload matches the same octets received in pieces of any size", arguments: repeatingCounts)
    func repeatingMatchesChunks(_ count: Int) {
        let pattern: [UInt8] = [0xCE, 0xBA, 0xE1]  // 3 does not divide 65536: pieces start mid-pattern
        let expected = Payload.repeating(pattern: pattern, count: count)
        let octets = (0..<count).map { pattern[$0 % 3] }
        for chunk in [1 << 20, 65536, 4096, 7] {
            let event = received(.message(.binary), octets, chunk: chunk)
            #expect(event.matches(.message(.binary, expected)), "count \(count), pieces of \(chunk)")
        }
    }

    @Test("a repeating payload does not match octets one short, one long or one changed")
    func repeatingMismatches() {
        let expected = Event.message(.binary, .filled(0x2A, count: 70_000))
        let octets = [UInt8](repeating: 0x2A, count: 70_000)
        var changed = octets
        changed[69_999] = 0x2B
        #expect(received(.message(.binary), octets, chunk: 1000).matches(expected))
        #expect(!received(.message(.binary), Array(octets.dropLast()), chunk: 1000).matches(expected))
        #expect(!received(.message(.binary), octets + [0x2A], chunk: 1000).matches(expected))
        #expect(!received(.message(.binary), changed, chunk: 1000).matches(expected))
    }
}

@Suite("Message digest: a 64-bit stream hash over every octet, plus the length")
struct MessageDigestTests {
    private func digest(_ text: String) -> MessageDigest {
        var digest = MessageDigest()
        digest.update(Array(text.utf8))
        return digest
    }

    @Test("the digest is the StreamHash of the octets and their count")
    func streamHash() {
        var hash = StreamHash()
        #expect(MessageDigest().hash == hash.value)
        #expect(MessageDigest().length == 0)
        hash.update(Array("foobar".utf8))
        #expect(digest("foobar").hash == hash.value)
        #expect(digest("foobar").length == 6)
        #expect(digest("a") != digest("b") && digest("foobar") != digest("foobaR"))
    }

    @Test("feeding octets in pieces gives the digest of feeding them whole")
    func piecesEqualWhole() {
        var pieces = MessageDigest()
        for part in ["fo", "", "oba", "r"] { pieces.update(Array(part.utf8)) }
        #expect(pieces == digest("foobar"))
    }

    @Test("the digest depends on order and on every octet, and counts zero octets")
    func sensitive() {
        #expect(digest("ab") != digest("ba"))
        #expect(digest("foobar") != digest("foobaR"))
        var zeros = MessageDigest()
        zeros.update([0, 0])
        var zero = MessageDigest()
        zero.update([0])
        #expect(zeros != zero)
        #expect(zeros.length == 2)
    }

    @Test("a payload's digest is the digest of its materialised octets")
    func payloadDigest() {
        let payloads: [Payload] = [
            .bytes([]), .text("Hello"), .hex("cebae1bdb9cf83cebcceb5"), .filled(0xFE, count: 65537),
            .repeating(pattern: Array("*abc".utf8), count: 140_001), .repeating(pattern: [], count: 10),
        ]
        for payload in payloads {
            var expected = MessageDigest()
            expected.update(payload.materialize())
            #expect(payload.digest == expected, "\(payload)")
            #expect(payload.digest.length == payload.count)
        }
        #expect(Payload.repeating(pattern: [], count: 10).count == 0)
    }
}
