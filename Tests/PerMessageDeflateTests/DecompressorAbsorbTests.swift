import Testing

@testable import PerMessageDeflate

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

    @Test("several messages absorbed in a row join the window in order, the oldest falling out past 2^bits octets")
    func several() throws {
        let compressor = try MessageCompressor(windowBits: 9)
        let reader = try MessageDecompressor(windowBits: 9)
        // Four messages of 200 octets each, absorbed without inflating: only the last 512 remain.
        let messages = (0..<4).map { index in (0..<200).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ index &* 31) } }
        for message in messages {
            _ = compressor.compress(message)
            reader.absorb(message)
        }
        // A message repeating the last three: its matches reach 600 octets back at most, but a
        // 9-bit compressor only refers within its window, and the reader's window is the same.
        let repeated = Array(messages[1...].joined())
        #expect(reader.decompress(compressor.compress(repeated), maxOutput: 1 << 20) == .ok(repeated))
    }
}

/// The deferred window: the last 2^bits octets of what was appended, after what came before.
@Suite("PerMessageDeflate: a window of messages given to zlib later")
struct PendingWindowTests {
    @Test("the last 2^bits octets, across messages, after the window zlib already had")
    func lastOctets() {
        var window = PendingWindow(bits: 8)
        #expect(window.isEmpty)
        window.append([UInt8](repeating: 1, count: 200))
        window.append([])
        window.append([UInt8](repeating: 2, count: 100))
        #expect(window.take(after: ArraySlice([UInt8](repeating: 9, count: 300))) == [UInt8](repeating: 1, count: 156) + [UInt8](repeating: 2, count: 100))
        #expect(window.isEmpty)
        window.append([UInt8](repeating: 3, count: 10))
        #expect(window.take(after: ArraySlice([UInt8](repeating: 9, count: 300))) == [UInt8](repeating: 9, count: 246) + [UInt8](repeating: 3, count: 10))
        window.append([UInt8](repeating: 4, count: 1000))
        window.append([UInt8](repeating: 5, count: 1000))
        #expect(window.take() == [UInt8](repeating: 5, count: 256))
    }
}
