import Testing
import Wire

@testable import PerMessageDeflate

/// The edges of decompression: the 8-bit window (RFC 7692 §7.1.2), the output cap against
/// decompression bombs (RFC 7692 §8), and corrupt input, all reported as data.
@Suite("Deflate: windows, caps and corrupt input")
struct PerMessageDeflateLimitsTests {
    private let hello = Array("Hello".utf8)

    @Test("a cap of Int.max means no cap, without overflow")
    func unboundedCap() throws {
        let compressor = try MessageCompressor()
        let decompressor = try MessageDecompressor()
        #expect(decompressor.decompress(compressor.compress(hello), maxOutput: Int.max) == .ok(hello))
    }

    @Test(
        "a bomb of zeros inflates to exactly its size, about a thousand times smaller",
        arguments: [0, 1, 1 << 20, (1 << 20) + 1, (3 << 20) + 5])
    func zeroBomb(count: Int) throws {
        let bomb = try MessageCompressor.zeros(count: count)
        let inflated = try MessageDecompressor().decompress(bomb, maxOutput: count)
        #expect(inflated == .ok([UInt8](repeating: 0, count: count)))
        if count >= 1 << 20 { #expect(bomb.count * 900 < count, "\(bomb.count) octets for \(count)") }
    }

    @Test("a 64 MiB bomb stays under 70 KiB and is refused past a cap")
    func largeZeroBomb() throws {
        let bomb = try MessageCompressor.zeros(count: 64 << 20)
        #expect(bomb.count < 70 << 10)
        #expect(try MessageDecompressor().decompress(bomb, maxOutput: 1 << 20) == .tooLarge(producedSoFar: (1 << 20) + 1))
    }

    @Test("blocks with BFINAL set are counted, and inflating goes on after them (RFC 7692 §7.2.3.4)")
    func finalBlocksCounted() throws {
        let decompressor = try MessageDecompressor()
        // The RFC's example: "Hello" in a BFINAL block, then the empty stored block's header.
        #expect(decompressor.decompress([0xF3, 0x48, 0xCD, 0xC9, 0xC9, 0x07, 0x00, 0x00], maxOutput: 100) == .ok(hello))
        #expect(decompressor.finalBlocks == 1)
        #expect(decompressor.decompress([0xF2, 0x48, 0xCD, 0xC9, 0xC9, 0x07, 0x00], maxOutput: 100) == .ok(hello))
        #expect(decompressor.finalBlocks == 1)
    }

    @Test("a compressor limited to 8 bits never reaches back more than 256 octets")
    func eightBitCompressorStaysInWindow() throws {
        var random = DeflateTestRandom(state: 8)
        let compressor = try MessageCompressor(windowBits: 8)
        #expect(compressor.zlibWindowBits == 9)
        let strict = try MessageDecompressor(windowBits: 8, strictWindow: true)
        for _ in 0..<4 {
            // Repeats at distances up to 1000 tempt a 512-octet zlib window to reach past 256.
            let message = random.compressibleBytes(20000, maxDistance: 1000)
            let compressed = compressor.compress(message)
            #expect(compressed.count < message.count * 3 / 4)
            #expect(strict.decompress(compressed, maxOutput: message.count) == .ok(message))
        }
    }

    @Test("the strict decompressor honours every window size a compressor of ours was given", arguments: 8...15)
    func strictAcceptsOwnOutput(bits: Int) throws {
        var random = DeflateTestRandom(state: UInt64(100 + bits))
        let compressor = try MessageCompressor(windowBits: bits)
        let strict = try MessageDecompressor(windowBits: bits, strictWindow: true)
        for _ in 0..<2 {
            let message = random.compressibleBytes(12000, maxDistance: 2 << bits)
            #expect(strict.decompress(compressor.compress(message), maxOutput: message.count) == .ok(message))
        }
    }

    @Test("a distance of 257–512 octets, which a true 9-bit window allows, fails a strict 8-bit window")
    func strictWindowHasTeeth() throws {
        var random = DeflateTestRandom(state: 7)
        for distance in [257, 300, 500] {
            let block = (0..<distance).map { _ in UInt8.random(in: 0...255, using: &random) }
            let compressed = try MessageCompressor(windowBits: 15).compress(block + block)
            let strict = try MessageDecompressor(windowBits: 8, strictWindow: true)
            guard case .invalidData(let message) = strict.decompress(compressed, maxOutput: 2 * distance) else {
                Issue.record("a \(distance)-octet distance passed an 8-bit strict window")
                continue
            }
            #expect(message.contains("too far back"))
            let lenient = try MessageDecompressor(windowBits: 8)
            #expect(lenient.decompress(compressed, maxOutput: 2 * distance) == .ok(block + block))
        }
        let block = (0..<256).map { _ in UInt8.random(in: 0...255, using: &random) }
        let compressed = try MessageCompressor(windowBits: 15).compress(block + block)
        let strict = try MessageDecompressor(windowBits: 8, strictWindow: true)
        #expect(strict.decompress(compressed, maxOutput: 512) == .ok(block + block))
    }

    /// How fast it is refused is measured by `bench/deadlines.sh` (deflate.bomb-refused).
    @Test("a decompression bomb is reported as too large without inflating it all")
    func bomb() throws {
        let zeros = [UInt8](repeating: 0, count: 100 << 20)
        let bomb = try MessageCompressor(level: 1).compress(zeros)
        #expect(bomb.count < 1 << 20)
        let decompressor = try MessageDecompressor()
        let cap = 1 << 20
        #expect(decompressor.decompress(bomb, maxOutput: cap) == .tooLarge(producedSoFar: cap + 1))
    }

    @Test("the cap is inclusive: a message of exactly maxOutput octets passes")
    func capBoundary() throws {
        let message = Array(String(repeating: "abc", count: 1000).utf8)
        let compressed = try MessageCompressor().compress(message)
        #expect(try MessageDecompressor().decompress(compressed, maxOutput: 3000) == .ok(message))
        #expect(try MessageDecompressor().decompress(compressed, maxOutput: 2999) == .tooLarge(producedSoFar: 3000))
        #expect(try MessageDecompressor().decompress(compressed, maxOutput: 0) == .tooLarge(producedSoFar: 1))
    }

    @Test("the cap covers a whole message across its fragments")
    func capAcrossFragments() throws {
        var random = DeflateTestRandom(state: 3)
        let message = random.compressibleBytes(3000)
        let compressed = try MessageCompressor().compress(message)
        let half = compressed.count / 2
        let decompressor = try MessageDecompressor()
        let first = decompressor.decompress(fragment: Array(compressed[..<half]), isFinal: false, maxOutput: 2000)
        guard case .ok(let bytes) = first else {
            Issue.record("first half: \(first)")
            return
        }
        #expect(bytes.count <= 2000)
        let second = decompressor.decompress(fragment: Array(compressed[half...]), isFinal: true, maxOutput: 2000)
        #expect(second == .tooLarge(producedSoFar: 2001))
    }

    /// Corrupt input and the words zlib uses for it.
    struct Corrupt: CustomTestStringConvertible, Sendable {
        let name: String
        let payload: [UInt8]
        let message: String
        var testDescription: String { name }
    }

    static let corrupt: [Corrupt] = [
        Corrupt(name: "block type 11", payload: [0xFF, 0xFF], message: "invalid block type"),
        Corrupt(
            name: "stored block with a wrong NLEN", payload: [0x00, 0x05, 0x00, 0x00, 0x00, 0x48],
            message: "invalid stored block lengths"),
        Corrupt(
            name: "a reference to history that does not exist", payload: [0xF2, 0x00, 0x11, 0x00, 0x00],
            message: "invalid distance too far back"),
    ]

    @Test("corrupt input is reported in zlib's words, not thrown", arguments: corrupt)
    func corruptInput(_ row: Corrupt) throws {
        let outcome = try MessageDecompressor().decompress(row.payload, maxOutput: 1000)
        #expect(outcome == .invalidData(row.message))
    }

    @Test("after a failure the decompressor refuses to guess until reset")
    func failureIsSticky() throws {
        let decompressor = try MessageDecompressor()
        #expect(decompressor.decompress([0xFF], maxOutput: 10) == .invalidData("invalid block type"))
        guard case .invalidData(let message) = decompressor.decompress([0x00], maxOutput: 10) else {
            Issue.record("a broken decompressor decoded data")
            return
        }
        #expect(message.contains("earlier failure"))
        decompressor.reset()
        #expect(decompressor.decompress([0xF2, 0x48, 0xCD, 0xC9, 0xC9, 0x07, 0x00], maxOutput: 10) == .ok(hello))
    }
}
