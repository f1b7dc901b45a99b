import Testing
import Wire

@Suite("StreamHash: the echo digest")
struct StreamHashTests {
    static let octets: [UInt8] = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ $0 >> 3) }

    @Test("the hash is the same however the stream is split", arguments: [1, 3, 7, 8, 9, 64, 999])
    func splitIndependent(piece: Int) {
        var whole = StreamHash()
        whole.update(Self.octets)
        var pieces = StreamHash()
        var start = 0
        while start < Self.octets.count {
            pieces.update(Array(Self.octets[start..<min(Self.octets.count, start + piece)]))
            start += piece
        }
        #expect(pieces.value == whole.value)
        #expect(pieces == whole)
    }

    @Test("one changed octet, one more octet or a trailing zero changes the hash")
    func differences() {
        let base = hash(Self.octets)
        for index in [0, 7, 8, 500, 999] {
            var changed = Self.octets
            changed[index] ^= 0x80
            #expect(hash(changed) != base, "octet \(index)")
        }
        #expect(hash(Self.octets + [0]) != base)
        #expect(hash(Array(Self.octets.dropLast())) != base)
        #expect(hash([]) != hash([0]))
        #expect(hash([0]) != hash([0, 0]))
    }

    func hash(_ octets: [UInt8]) -> UInt64 {
        var hasher = StreamHash()
        hasher.update(octets)
        return hasher.value
    }
}
