import CZlib
import Testing
import Wire

@testable import PerMessageDeflate

/// The reach of a compressed message read from its blocks (RFC 1951 §3.2), which decides
/// whether a peer's compressed octets can be sent on as one's own message (RFC 7692 §7.1.2,
/// §7.2.3.2): it must agree with a strict inflater on every input, valid or not.
@Suite("Deflate: how far a message's matches reach")
struct DeflateReachTests {
    /// `block`, `gap` octets of noise, then `block` again: one match reaching `block + gap` back.
    private func repeated(block: Int, gap: Int, seed: UInt64) -> [UInt8] {
        var random = DeflateTestRandom(state: seed)
        let first = (0..<block).map { _ in UInt8.random(in: 0...255, using: &random) }
        return first + (0..<gap).map { _ in UInt8.random(in: 0...255, using: &random) } + first
    }

    @Test("a match's distance is read exactly, and decides the windows the message fits", arguments: [300, 2100, 20000])
    func distanceRead(distance: Int) throws {
        let message = repeated(block: 200, gap: distance - 200, seed: UInt64(distance))
        let compressed = try MessageCompressor(windowBits: 15, noContextTakeover: true).compress(message)
        let reach = try #require(DeflateReach.of(compressed))
        #expect(reach.longestDistance == distance)
        #expect(!reach.reachesBeforeMessage && !reach.hasFinalBlock)
        for bits in 8...15 { #expect(reach.selfContained(within: bits) == (distance <= 1 << bits), "window \(bits)") }
    }

    @Test("our own messages, from an empty window, fit the window they were compressed for", arguments: 8...15)
    func ownMessagesFit(bits: Int) throws {
        var random = DeflateTestRandom(state: UInt64(bits))
        let compressor = try MessageCompressor(windowBits: bits, noContextTakeover: true, level: 1)
        for size in [0, 1, 100, 5000, 70000] {
            let reach = try #require(DeflateReach.of(compressor.compress(random.compressibleBytes(size, maxDistance: 40000))))
            #expect(reach.selfContained(within: bits), "\(size) octets: \(reach)")
        }
    }

    @Test("a message that refers into the one before it reaches before its first octet")
    func contextTakeoverSeen() throws {
        let compressor = try MessageCompressor(windowBits: 15)
        let message = Array("a message long enough to be matched as a whole".utf8)
        #expect(try #require(DeflateReach.of(compressor.compress(message))).reachesBeforeMessage == false)
        let second = try #require(DeflateReach.of(compressor.compress(message)))
        #expect(second.reachesBeforeMessage)
        #expect(!second.selfContained(within: 15))
    }

    @Test("a final block, stored blocks and the empty message are read as RFC 7692 §7.2.3 shows")
    func blockKinds() throws {
        // "Hello" in a BFINAL block with fixed codes (RFC 7692 §7.2.3.1), then an empty stored block.
        #expect(DeflateReach.of([0xF3, 0x48, 0xCD, 0xC9, 0xC9, 0x07, 0x00, 0x00])?.hasFinalBlock == true)
        #expect(DeflateReach.of([0xF2, 0x48, 0xCD, 0xC9, 0xC9, 0x07, 0x00])?.selfContained(within: 8) == true)
        // A stored block holding "Hello" (§7.2.3.3), and the empty message `00` (§7.2.3.6).
        #expect(DeflateReach.of([0x00, 0x05, 0x00, 0xFA, 0xFF, 0x48, 0x65, 0x6C, 0x6C, 0x6F, 0x00]) == DeflateReach())
        #expect(DeflateReach.of([0x00]) == DeflateReach())
        // Two "Hello"s, the second a match 5 back (§7.2.3.2's shape, in one message).
        let twice = try #require(DeflateReach.of(MessageCompressor(noContextTakeover: true).compress(Array("HelloHello".utf8))))
        #expect(twice.longestDistance == 5)
    }

    @Test("invalid or cut data has no reach: block type 3, a bad stored length, codes cut short")
    func invalidData() throws {
        #expect(DeflateReach.of([0x06]) == nil)
        #expect(DeflateReach.of([0x00, 0x05, 0x00, 0xFB, 0xFF, 0x48]) == nil)
        let compressed = try MessageCompressor(noContextTakeover: true).compress(Array(repeating: 0x41, count: 3000) + Array("tail".utf8))
        #expect(DeflateReach.of(Array(compressed.prefix(compressed.count / 2))) == nil)
    }

    /// The property the reference server relies on: whatever the octets, when the reach says a
    /// message fits a window, an inflater holding exactly that window from nothing reads it.
    @Test("on mutated messages, a reach within a window means a strict inflater of that window reads them")
    func agreesWithStrictInflater() throws {
        var random = DeflateTestRandom(state: 77)
        var fitted = 0
        for round in 0..<300 {
            let bits = 9 + round % 4
            var compressed = try MessageCompressor(windowBits: 15, noContextTakeover: true)
                .compress(random.compressibleBytes(600 + round * 7, maxDistance: 3 << bits))
            for _ in 0..<(round % 3) {
                let index = Int.random(in: 0..<compressed.count, using: &random)
                compressed[index] ^= 1 << UInt8.random(in: 0...7, using: &random)
            }
            guard let reach = DeflateReach.of(compressed), reach.selfContained(within: bits) else { continue }
            let lenient = try MessageDecompressor(windowBits: 15).decompress(compressed, maxOutput: 1 << 20)
            guard case .ok(let plain) = lenient else { continue }
            fitted += 1
            let strict = try MessageDecompressor(windowBits: bits, strictWindow: true)
            #expect(strict.decompress(compressed, maxOutput: 1 << 20) == .ok(plain), "round \(round)")
        }
        #expect(fitted > 50)
    }
}

/// When a server may echo a client's compressed message as it came (`DeflateChannel.sendsAsOwn`):
/// the client reads it as the server's own message only if it fits the server's window.
@Suite("Deflate: a peer's compressed message sent on as one's own")
struct SendsAsOwnTests {
    private func channels(serverBits: Int?, clientFresh: Bool = true) throws -> (client: DeflateChannel, server: DeflateChannel) {
        let agreed = PerMessageDeflateParameters(clientNoContextTakeover: clientFresh, serverMaxWindowBits: serverBits)
        return (try DeflateChannel(agreed: agreed, role: .client), try DeflateChannel(agreed: agreed, role: .server))
    }

    /// `block`, noise, `block`: one match reaching `distance` back.
    private func message(distance: Int) -> [UInt8] {
        var random = DeflateTestRandom(state: UInt64(distance))
        let block = (0..<200).map { _ in UInt8.random(in: 0...255, using: &random) }
        return block + (0..<(distance - 200)).map { _ in UInt8.random(in: 0...255, using: &random) } + block
    }

    @Test("under a 15-bit server window every message the server inflated is sent on, and the client reads it")
    func fifteenBits() throws {
        let (client, server) = try channels(serverBits: nil)
        for distance in [20000, 32000, 300] {
            let plain = message(distance: distance)
            let compressed = client.compress(plain)
            #expect(server.decompress(compressed, maxOutput: 1 << 20) == .success(plain))
            #expect(server.sendsAsOwn(compressed, inflatedTo: plain, finalBlocks: 0))
            #expect(client.decompress(compressed, maxOutput: 1 << 20) == .success(plain))
        }
        // The server's compressor holds the forwarded message: its next echo refers back into it.
        let plain = message(distance: 300)
        let echo = server.compress(plain)
        #expect(echo.count < 40)
        #expect(client.decompress(echo, maxOutput: 1 << 20) == .success(plain))
        // And into the ones before it, as far as the window reaches.
        let earlier = Array(message(distance: 32000).suffix(2000))
        let again = server.compress(earlier)
        #expect(again.count < 40)
        #expect(client.decompress(again, maxOutput: 1 << 20) == .success(earlier))
        #expect(!server.sendsAsOwn(client.compress(plain), inflatedTo: plain, finalBlocks: 1))
    }

    @Test("under a 9-bit server window only a message whose matches stay within 512 octets is sent on")
    func nineBits() throws {
        let (client, server) = try channels(serverBits: 9)
        let near = message(distance: 400)
        let compressedNear = try MessageCompressor(windowBits: 15, noContextTakeover: true).compress(near)
        #expect(server.sendsAsOwn(compressedNear, inflatedTo: near, finalBlocks: 0))
        let far = message(distance: 2100)
        #expect(!server.sendsAsOwn(try MessageCompressor(windowBits: 15, noContextTakeover: true).compress(far), inflatedTo: far, finalBlocks: 0))
        _ = client
    }

    @Test("a client that keeps its context never has its messages sent on")
    func contextTakeover() throws {
        let (client, server) = try channels(serverBits: nil, clientFresh: false)
        let plain = message(distance: 300)
        #expect(!server.sendsAsOwn(client.compress(plain), inflatedTo: plain, finalBlocks: 0))
    }
}
