import Testing
import Wire

@testable import Cases
@testable import Engine

/// A long run's payloads are windows over one shared corpus (Autobahn 12.x/13.x: consecutive
/// slices of a data file, wrapping around). A window must be the very octets of its slice, in
/// whatever piece the sender asks for them, and digest as those octets do when received.
@Suite("Window payloads: slices of a shared corpus, wrapping around")
struct PayloadWindowTests {
    /// 100 octets, each different from its neighbours.
    private static let small = PayloadCorpus(id: "test-100", octets: (0..<100).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) })

    /// The slice as the definition says, octet by octet.
    private static func slice(_ corpus: PayloadCorpus, _ offset: Int, _ count: Int) -> [UInt8] {
        (0..<count).map { corpus.octets[(offset + $0) % corpus.count] }
    }

    @Test(
        "a window's octets are the corpus's from its offset, wrapping around at the end",
        arguments: [(0, 0), (0, 10), (90, 10), (95, 10), (99, 1), (99, 2), (0, 100), (1, 100), (37, 250), (250, 30)])
    func octets(_ offset: Int, _ count: Int) {
        let payload = Self.small.window(at: offset, count: count)
        #expect(payload.count == count)
        #expect(payload.materialize() == Self.slice(Self.small, offset, count))
    }

    @Test("any range of a window's octets is that range of its materialised octets, clamped to the window")
    func ranges() {
        let payload = Self.small.window(at: 95, count: 230)
        let whole = payload.materialize()
        for range in [0..<0, 0..<5, 3..<9, 4..<6, 5..<105, 99..<101, 200..<230, 225..<400, 300..<310] {
            let lower = min(range.lowerBound, whole.count)
            let upper = min(range.upperBound, whole.count)
            #expect(payload.octets(in: range) == Array(whole[lower..<upper]), "\(range)")
        }
    }

    @Test("the fragments of a window payload, put together, are its octets")
    func fragments() {
        let payload = Self.small.window(at: 60, count: 130)
        var joined: [UInt8] = []
        var index = 0
        while let frame = Step.fragment(.binary, payload, size: 16, index: index) {
            joined += frame.payload.materialize()
            index += 1
        }
        #expect(joined == payload.materialize())
    }

    /// Lengths around the 64 KiB pieces a payload's digest is computed in.
    static let digestCounts = [0, 1, 65535, 65536, 65537, 131_072]

    @Test("a window's digest is the digest of its materialised octets, as received", arguments: digestCounts)
    func digest(_ count: Int) {
        let corpus = PayloadCorpus.jsonText(count: 100_003)
        for offset in [0, 77, 100_000] {
            let payload = corpus.window(at: offset, count: count)
            var expected = MessageDigest()
            expected.update(Self.slice(corpus, offset, count))
            #expect(payload.digest == expected, "offset \(offset)")
            #expect(received(.message(.text), Self.slice(corpus, offset, count), chunk: 4096).matches(.message(.text, payload)))
        }
    }

    @Test("a window's facts, kept for the run, are its digest and whether its octets are valid UTF-8, at any piece boundary")
    func facts() {
        // "é" (c3 a9) straddling the 64 KiB piece boundary, and a lone continuation octet.
        var octets = [UInt8](repeating: 0x61, count: 70_000)
        octets[65535] = 0xC3
        octets[65536] = 0xA9
        octets[69_000] = 0x80
        let corpus = PayloadCorpus(id: "facts-test", octets: octets)
        let valid = corpus.window(at: 0, count: 69_000)
        #expect(valid.facts.validUTF8)
        #expect(valid.facts.digest == valid.digest)
        #expect(!corpus.window(at: 0, count: 69_001).facts.validUTF8)
        // Cut inside the sequence: not valid at its end.
        #expect(!corpus.window(at: 0, count: 65536).facts.validUTF8)
        // Asked again, the kept facts are the same; literal octets have facts too.
        #expect(valid.facts == valid.facts)
        #expect(Payload.bytes([0xC3, 0xA9]).facts.validUTF8 && !Payload.bytes([0xC3]).facts.validUTF8)
    }

    @Test("the kept facts are bounded: two generations of half the capacity each, over the shards")
    func factsBounded() {
        let memo = WindowFactsMemo(capacity: 8, shards: 2)
        let corpus = PayloadCorpus(id: "bound-test", octets: Array(0..<100))
        for offset in 0..<20 {
            let payload = corpus.window(at: offset, count: 10)
            _ = memo.facts(.init(corpus: corpus.id, offset: offset, count: 10)) { payload.facts }
            #expect(memo.count <= 8)
        }
    }

    @Test("consecutive messages of a run are consecutive slices of the corpus, wrapping around")
    func consecutive() {
        var joined: [UInt8] = []
        for index in 0..<30 {
            let message = Self.small.message(index, size: 16)
            #expect(message == Self.small.window(at: index * 16, count: 16))
            joined += message.materialize()
        }
        #expect(joined == Self.slice(Self.small, 0, 30 * 16))
        #expect(Self.small.message(1_000_000_007, size: 131_072) == Self.small.window(at: 1_000_000_007 * 131_072, count: 131_072))
    }

    @Test("an offset past the end is the same window as its remainder")
    func offsetsModulo() {
        #expect(Self.small.window(at: 205, count: 3) == Self.small.window(at: 5, count: 3))
        #expect(Self.small.window(at: -1, count: 3) == Self.small.window(at: 99, count: 3))
        #expect(Self.small.window(at: 205, count: 3).materialize() == Self.slice(Self.small, 5, 3))
    }

    @Test("windows are equal, and hash alike, when corpus id and octets, offset and length are")
    func equality() {
        let copy = PayloadCorpus(id: "test-100", octets: Array(Self.small.octets))
        let other = PayloadCorpus(id: "test-100b", octets: Self.small.octets)
        #expect(copy.window(at: 3, count: 9) == Self.small.window(at: 3, count: 9))
        #expect(copy.window(at: 3, count: 9).hashValue == Self.small.window(at: 3, count: 9).hashValue)
        #expect(other.window(at: 3, count: 9) != Self.small.window(at: 3, count: 9))
        #expect(Self.small.window(at: 4, count: 9) != Self.small.window(at: 3, count: 9))
        #expect(Self.small.window(at: 3, count: 10) != Self.small.window(at: 3, count: 9))
        let run = Set((0..<1000).map { Self.small.message($0, size: 1) })
        #expect(run.count == 100)
    }

    @Test("a window over an empty corpus is empty")
    func emptyCorpus() {
        let empty = PayloadCorpus(id: "empty", octets: [])
        #expect(empty.window(at: 5, count: 10).count == 0)
        #expect(empty.message(3, size: 10).materialize() == [])
        #expect(empty.window(at: 5, count: 10).digest == MessageDigest())
    }

    @Test("a window describes itself by length, corpus and offset, then its first octets")
    func description() {
        let corpus = PayloadCorpus(id: "words", octets: Array("hello world ".utf8))
        #expect("\(corpus.window(at: 6, count: 8))" == "8 octets of words at 6: 'world he'")
        #expect(Event.message(.text, corpus.window(at: 0, count: 5)).description == "text 5 octets of words at 0: 'hello'")
    }

    @Test("the JSON-like corpus has the asked length, is ASCII, and is the same for the same seed only")
    func jsonCorpus() {
        let corpus = PayloadCorpus.jsonText(count: 20_011)
        #expect(corpus.count == 20_011)
        #expect(corpus.octets.allSatisfy { $0 >= 0x20 && $0 < 0x7F || $0 == 0x0A })
        #expect(corpus.octets.first == UInt8(ascii: "{"))
        #expect(PayloadCorpus.jsonText(count: 20_011) == corpus)
        #expect(PayloadCorpus.jsonText(count: 20_011).octets == corpus.octets)
        let reseeded = PayloadCorpus.jsonText(count: 20_011, seed: 7)
        #expect(reseeded.octets != corpus.octets)
        #expect(reseeded != corpus)
        #expect(PayloadCorpus.jsonText(count: 0).count == 0)
        #expect(Array(PayloadCorpus.jsonText(count: 500).octets) == Array(PayloadCorpus.jsonText(count: 20_011).octets.prefix(500)))
    }
}
