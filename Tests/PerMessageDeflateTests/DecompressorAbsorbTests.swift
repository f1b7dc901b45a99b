import PerMessageDeflate
import Testing

/// A message read without inflating joins the window, so the next may refer back into it.
@Suite("PerMessageDeflate: absorbing a message into the window")
struct DecompressorAbsorbTests {
    static let text = Array("permessage-deflate keeps its window across messages: ".utf8) + Array(repeating: UInt8(ascii: "x"), count: 100)

    @Test("a second message compressed with the first's context inflates after the first was absorbed, not before")
    func absorbed() throws {
        let compressor = try MessageCompressor(windowBits: 15)
        _ = compressor.compress(Self.text)
        let second = compressor.compress(Self.text)
        let reader = try MessageDecompressor(windowBits: 15)
        reader.absorb(Self.text)
        #expect(reader.decompress(second, maxOutput: 1 << 20) == .ok(Self.text))
        let fresh = try MessageDecompressor(windowBits: 15)
        if case .ok = fresh.decompress(second, maxOutput: 1 << 20) { Issue.record("inflated without the first message's window") }
    }

    @Test("the window keeps only its last 2^bits octets, and a window left by inflating is extended, not replaced")
    func extended() throws {
        let compressor = try MessageCompressor(windowBits: 15)
        let reader = try MessageDecompressor(windowBits: 15)
        let one = Array("first message, inflated normally. ".utf8)
        #expect(reader.decompress(compressor.compress(one), maxOutput: 1 << 20) == .ok(one))
        _ = compressor.compress(Self.text)
        reader.absorb(Self.text)
        let both = one + Self.text
        let third = compressor.compress(both)
        #expect(reader.decompress(third, maxOutput: 1 << 20) == .ok(both))
    }
}
