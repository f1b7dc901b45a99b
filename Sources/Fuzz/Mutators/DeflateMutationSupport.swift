import PerMessageDeflate
import Wire

/// What the permessage-deflate mutators share: making sure the head offers the extension,
/// adding a compressed message where the server will read it, compressing messages again
/// after an edit, and the decompression bombs.
extension SessionScript {
    /// Adds the fuzzer's offer to a head that makes none, so that RSV1 means "compressed"
    /// (RFC 7692 §6) when the server agrees.
    mutating func ensureDeflateOffer() {
        if !offersDeflate { self = offering(Self.deflateOffer) }
    }

    /// A random compressed message, or nil when there is none.
    func randomCompressedMessage(using generator: inout SplitMix64) -> CompressedMessage? {
        let messages = compressedMessages()
        return messages.isEmpty ? nil : generator.pick(messages)
    }

    /// Inserts `message` compressed under the channel at a message boundary before any
    /// start-close step (where the server still reads it, RFC 6455 §5.5.1), cut into `pieces`
    /// frames; returns where its first frame went, or nil when there was no room or no
    /// agreement for the offer.
    @discardableResult
    mutating func insertCompressed(_ opcode: Opcode, _ message: [UInt8], pieces: Int = 1, using generator: inout SplitMix64) -> Int? {
        ensureDeflateOffer()
        let places = boundariesBeforeClose()
        let place = places.isEmpty ? steps.count : generator.pick(places)
        guard let compressed = compressed(message, before: place) else { return nil }
        let size = max(1, (compressed.count + max(1, pieces) - 1) / max(1, pieces))
        return insertFrames(
            Self.compressedFrames(opcode, message: message, compressed: compressed, fragment: size, using: &generator), at: place)
    }

    /// Inserts a message whose compressed octets are `payload` as they are (crafted, not
    /// compressed here) at a message boundary before any start-close step.
    @discardableResult
    mutating func insertCrafted(_ opcode: Opcode, payload: [UInt8], using generator: inout SplitMix64) -> Int? {
        ensureDeflateOffer()
        let places = boundariesBeforeClose()
        let place = places.isEmpty ? steps.count : generator.pick(places)
        var frame = ScriptFrame.masked(opcode, payload, using: &generator)
        frame.rsv1 = true
        return insertFrames([frame], at: place)
    }

    private mutating func insertFrames(_ frames: [ScriptFrame], at place: Int) -> Int? {
        guard hasRoom(for: frames.count), frames.allSatisfy({ $0.payload.count <= ScriptLimits.maxPayload }) else { return nil }
        steps.insert(contentsOf: frames.map { ScriptStep.frame($0) }, at: place)
        return place
    }

    /// A compressed message to damage: one of the script's, or a new short one when it has
    /// none (with the offer added).
    mutating func compressedMessageToBreak(using generator: inout SplitMix64) -> CompressedMessage? {
        if let message = randomCompressedMessage(using: &generator) { return message }
        let text = generator.pick(Self.deflateTexts)
        insertCompressed(.text, text, pieces: generator.chance(25) ? 2 : 1, using: &generator)
        return randomCompressedMessage(using: &generator)
    }

    /// Compresses again every compressed message from step `start` on that records what it
    /// was compressed from, in order, each with the window the messages before it leave
    /// (RFC 7692 §7.2.1): the octets match the script again after an edit or a reordering.
    /// Each keeps its frames (count, keys, controls); only the payloads are cut anew.
    mutating func recompress(from start: Int) {
        for message in compressedMessages() where message.steps[0] >= start {
            guard let original = steps[message.steps[0]].frame?.compressedFrom,
                let octets = compressed(original, before: message.steps[0])
            else { continue }
            let count = message.steps.count
            let size = max(1, (octets.count + count - 1) / count)
            for (position, index) in message.steps.enumerated() {
                let from = min(octets.count, position * size)
                let to = position == count - 1 ? octets.count : min(octets.count, from + size)
                updateFrame(at: index) {
                    $0.payload = Array(octets[from..<to])
                    $0.declaredLength = nil
                }
            }
        }
    }

    /// Messages the mutators compress: short texts, one that repeats a word (LZ77 matches
    /// within the message), and a longer one.
    static let deflateTexts: [[UInt8]] = [
        Array("Hello".utf8), Array("permessage-deflate".utf8), Array("Hello, Hello, Hello, Hello!".utf8),
        Array(String(repeating: "The same words, compressed again. ", count: 40).utf8),
    ]

    /// Inflated sizes of the decompression bombs: large, and within the oracle's cap
    /// (`DeflateReading.inflateCap`) and a 16 MiB message limit.
    static let bombSizes = [1 << 20, 4 << 20, 15 << 20]

    /// Each bomb: one octet repeated to `bombSizes[i]`, compressed from an empty window (so it
    /// refers to nothing before it), a few kilobytes of payload. Made once per process.
    static let bombs: [[UInt8]] = bombSizes.map { size in
        guard let compressor = try? MessageCompressor(windowBits: 15, level: 9) else { return [] }
        return compressor.compress([UInt8](repeating: 0x61, count: size))
    }
}
