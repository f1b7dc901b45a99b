import Testing
import Wire

@testable import PerMessageDeflate

/// A seeded generator (Wire's SplitMix64), so every run compresses the same bytes.
struct DeflateTestRandom: RandomNumberGenerator {
    private var base: SplitMix64
    init(state: UInt64) { base = SplitMix64(seed: state) }
    mutating func next() -> UInt64 { base.next() }

    /// `count` octets that compress: runs of fresh bytes from a small alphabet mixed with copies
    /// of earlier text at distances up to `maxDistance`, so the compressor finds matches near
    /// and far (relative to small windows).
    mutating func compressibleBytes(_ count: Int, maxDistance: Int = 4096) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count)
        while bytes.count < count {
            let length = Int.random(in: 3...40, using: &self)
            if bytes.count > 300, Bool.random(using: &self) {
                let distance = Int.random(in: 1...min(maxDistance, bytes.count), using: &self)
                for _ in 0..<length { bytes.append(bytes[bytes.count - distance]) }
            } else {
                for _ in 0..<length { bytes.append(UInt8.random(in: 0x61...0x70, using: &self)) }
            }
        }
        return Array(bytes.prefix(count))
    }
}

/// Payload transformation, RFC 7692 §7.2: the RFC's own byte vectors, round trips at every
/// window size, the cap on output, and corrupt input.
@Suite("Deflate: compressor and decompressor")
struct PerMessageDeflateCodecTests {
    private let hello = Array("Hello".utf8)

    private func decompressor(_ bits: Int = 15, reset: Bool = false) throws -> MessageDecompressor {
        try MessageDecompressor(windowBits: bits, noContextTakeover: reset)
    }

    @Test("\"Hello\" compresses to f2 48 cd c9 c9 07 00 (RFC 7692 §7.2.3.1)")
    func helloVector() throws {
        #expect(try MessageCompressor().compress(hello) == [0xF2, 0x48, 0xCD, 0xC9, 0xC9, 0x07, 0x00])
    }

    @Test("with context takeover a second \"Hello\" is f2 00 11 00 00 (RFC 7692 §7.2.3.2)")
    func sharedWindowVector() throws {
        let compressor = try MessageCompressor()
        _ = compressor.compress(hello)
        #expect(compressor.compress(hello) == [0xF2, 0x00, 0x11, 0x00, 0x00])
        let decompressor = try decompressor()
        #expect(decompressor.decompress([0xF2, 0x48, 0xCD, 0xC9, 0xC9, 0x07, 0x00], maxOutput: 100) == .ok(hello))
        #expect(decompressor.decompress([0xF2, 0x00, 0x11, 0x00, 0x00], maxOutput: 100) == .ok(hello))
    }

    @Test("without context takeover every \"Hello\" compresses the same (RFC 7692 §7.1.1)")
    func noContextTakeover() throws {
        let compressor = try MessageCompressor(noContextTakeover: true)
        #expect(compressor.compress(hello) == compressor.compress(hello))
    }

    @Test("a message in a stored block decompresses like a compressed one (RFC 7692 §7.2.3.3)")
    func storedBlock() throws {
        #expect(try decompressor().decompress([0xF2, 0x48, 0xCD, 0xC9, 0xC9, 0x07, 0x00], maxOutput: 5) == .ok(hello))
        let stored: [UInt8] = [0x00, 0x05, 0x00, 0xFA, 0xFF, 0x48, 0x65, 0x6C, 0x6C, 0x6F, 0x00]
        #expect(try decompressor().decompress(stored, maxOutput: 5) == .ok(hello))
    }

    @Test("a BFINAL block ends a message and later messages still refer back (RFC 7692 §7.2.3.4)")
    func finalBlock() throws {
        let decompressor = try decompressor()
        #expect(
            decompressor.decompress([0xF3, 0x48, 0xCD, 0xC9, 0xC9, 0x07, 0x00, 0x00], maxOutput: 100) == .ok(hello))
        #expect(decompressor.decompress([0xF3, 0x48, 0xCD, 0xC9, 0xC9, 0x07, 0x00], maxOutput: 100) == .ok(hello))
        #expect(decompressor.decompress([0xF2, 0x00, 0x11, 0x00, 0x00], maxOutput: 100) == .ok(hello))
        let more = try MessageCompressor().compress(Array(" world".utf8))
        let blocksAfterFinal = [0xF3, 0x48, 0xCD, 0xC9, 0xC9, 0x07, 0x00] + more
        #expect(decompressor.decompress(blocksAfterFinal, maxOutput: 100) == .ok(Array("Hello world".utf8)))
    }

    @Test("two DEFLATE blocks in one message decompress to one text (RFC 7692 §7.2.3.5)")
    func twoBlocks() throws {
        let payload: [UInt8] = [0xF2, 0x48, 0x05, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0xCA, 0xC9, 0xC9, 0x07, 0x00]
        #expect(try decompressor().decompress(payload, maxOutput: 100) == .ok(hello))
    }

    @Test("\"Hello\" split over two frames decompresses fragment by fragment (RFC 7692 §7.2.3.1)")
    func fragments() throws {
        let decompressor = try decompressor()
        guard
            case .ok(let first) = decompressor.decompress(fragment: [0xF2, 0x48, 0xCD], isFinal: false, maxOutput: 5),
            case .ok(let second) = decompressor.decompress(
                fragment: [0xC9, 0xC9, 0x07, 0x00], isFinal: true, maxOutput: 5)
        else {
            Issue.record("a fragment failed")
            return
        }
        #expect(first + second == hello)
        #expect(!decompressor.isInsideMessage)
    }

    @Test("an empty message is the single octet 00 (RFC 7692 §7.2.3.6)")
    func emptyMessage() throws {
        #expect(try MessageCompressor().compress([]) == [0x00])
        #expect(try decompressor().decompress([0x00], maxOutput: 0) == .ok([]))
    }

    @Test("an empty message after another is 00 too, and inflates to nothing on the same window")
    func emptyMessageAfterAnother() throws {
        let compressor = try MessageCompressor()
        let decompressor = try decompressor()
        #expect(decompressor.decompress(compressor.compress(hello), maxOutput: 10) == .ok(hello))
        #expect(compressor.compress([]) == [0x00])
        #expect(decompressor.decompress([0x00], maxOutput: 10) == .ok([]))
        #expect(decompressor.decompress(compressor.compress(hello), maxOutput: 10) == .ok(hello))
    }

    @Test("a message given in pieces compresses to the octets of the whole, message after message, empty pieces too")
    func piecesCompressAsTheWhole() throws {
        var random = DeflateTestRandom(state: 7)
        let messages = [random.compressibleBytes(200_000), random.compressibleBytes(3), [], random.compressibleBytes(70_000)]
        for noContextTakeover in [false, true] {
            let whole = try MessageCompressor(noContextTakeover: noContextTakeover)
            let pieced = try MessageCompressor(noContextTakeover: noContextTakeover)
            for (index, message) in messages.enumerated() {
                let size = [1 << 16, 1, 7, 1 << 10][index]
                var pieces = stride(from: 0, to: message.count, by: size).map { Array(message[$0..<min(message.count, $0 + size)]) }
                pieces.insert([], at: pieces.count / 2)
                #expect(pieced.compress(pieces: pieces) == whole.compress(message), "message \(index)")
            }
        }
    }

    @Test("an empty compressed payload is reported as unterminated and the stream recovers")
    func emptyPayload() throws {
        let decompressor = try decompressor()
        #expect(decompressor.decompress([], maxOutput: 10) == .unterminated([]))
        #expect(decompressor.decompress([0xF2, 0x48, 0xCD, 0xC9, 0xC9, 0x07, 0x00], maxOutput: 10) == .ok(hello))
    }

    @Test(
        "random messages round-trip at every window size, with and without context takeover",
        arguments: Array(8...15), [false, true])
    func roundTrip(bits: Int, reset: Bool) throws {
        var random = DeflateTestRandom(state: UInt64(bits) << 1 | (reset ? 1 : 0))
        let compressor = try MessageCompressor(windowBits: bits, noContextTakeover: reset)
        let decompressor = try decompressor(bits, reset: reset)
        for size in [0, 1, 200, 5000, 70000] {
            let message = random.compressibleBytes(size)
            let compressed = compressor.compress(message)
            #expect(decompressor.decompress(compressed, maxOutput: size) == .ok(message), "size \(size)")
        }
        // A repeat the window can reach: zlib's distances stay under 2^bits − 262 (9 bits for 8).
        let reach = min(3000, (1 << max(bits, 9)) - 262 - 12)
        let repeated = random.compressibleBytes(reach)
        let once = compressor.compress(repeated)
        let twice = compressor.compress(repeated)
        #expect(reset ? once == twice : twice.count < once.count / 4)
        #expect(decompressor.decompress(once, maxOutput: reach) == .ok(repeated))
        #expect(decompressor.decompress(twice, maxOutput: reach) == .ok(repeated))
    }

    @Test("a message fed in arbitrary fragments decompresses to the same octets")
    func arbitraryFragments() throws {
        var random = DeflateTestRandom(state: 42)
        let message = random.compressibleBytes(50000)
        let compressed = try MessageCompressor(windowBits: 10).compress(message)
        let decompressor = try decompressor(10)
        var output: [UInt8] = []
        var offset = 0
        while offset < compressed.count {
            let end = min(compressed.count, offset + Int.random(in: 0...700, using: &random))
            let outcome = decompressor.decompress(
                fragment: Array(compressed[offset..<end]), isFinal: end == compressed.count, maxOutput: 50000)
            guard case .ok(let bytes) = outcome else {
                Issue.record("fragment at \(offset): \(outcome)")
                return
            }
            output += bytes
            offset = end
        }
        #expect(output == message)
    }

    @Test("the compressor and decompressor take their settings from a negotiated configuration")
    func fromConfiguration() throws {
        let response = PerMessageDeflateParameters(
            serverNoContextTakeover: true, serverMaxWindowBits: 9, clientMaxWindowBits: .limit(11))
        let server = PerMessageDeflateConfiguration(agreed: response, role: .server)
        let client = PerMessageDeflateConfiguration(agreed: response, role: .client)
        let serverCompressor = try MessageCompressor(server)
        let clientDecompressor = try MessageDecompressor(client)
        #expect(serverCompressor.windowBits == 9 && serverCompressor.noContextTakeover)
        #expect(clientDecompressor.windowBits == 9 && clientDecompressor.noContextTakeover)
        #expect(try MessageCompressor(client).windowBits == 11)
        #expect(try MessageDecompressor(server).windowBits == 11)
        let message = Array(String(repeating: "permessage-deflate ", count: 100).utf8)
        #expect(clientDecompressor.decompress(serverCompressor.compress(message), maxOutput: 1900) == .ok(message))
    }

    @Test("window bits outside 8–15 are refused with a typed error")
    func badWindowBits() {
        #expect(throws: ZlibError.self) { try MessageCompressor(windowBits: 16) }
        #expect(throws: ZlibError.self) { try MessageDecompressor(windowBits: 7) }
    }
}
