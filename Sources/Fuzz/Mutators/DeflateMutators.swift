import PerMessageDeflate
import Wire

/// Mutations of the permessage-deflate layer, RFC 7692: the offer, compressed messages made
/// valid under the channel (with the window of the messages before them), and the ways to
/// break them — the compressed bit where §6.1 forbids it, damaged or cut DEFLATE data, the
/// `00 00 ff ff` tail the sender must remove (§7.2.1), a back-reference to data never sent
/// (§7.2.2), a decompression bomb (§8).
extension Mutator {
    public static let deflateFamily: [Mutator] = [
        Mutator("deflate-offer", .deflate, "offers permessage-deflate, with other parameters, or withdraws the offer (RFC 7692 §5, §7.1)") {
            script, _, generator in
            guard script.offersDeflate, generator.chance(70) else {
                script = script.offering(generator.chance(60) ? SessionScript.deflateOffer : generator.pick(offerVariants))
                return
            }
            script = script.withoutDeflateOffer()
        },
        Mutator(
            "deflate-compress-message", .deflate,
            "compresses a message under the channel, with the window of the messages before it (valid, RFC 7692 §7.2.1)"
        ) { script, _, generator in
            let plain = script.wholeMessages(opcode: 1) + script.wholeMessages(opcode: 2)
            let candidates = plain.filter { script.steps[$0].frame?.rsv1 == false }
            if !candidates.isEmpty, generator.chance(40) {
                let index = generator.pick(candidates)
                script.ensureDeflateOffer()
                guard let frame = script.steps[index].frame, let octets = script.compressed(frame.payload, before: index) else { return }
                script.updateFrame(at: index) {
                    $0.compressedFrom = frame.payload.count <= ScriptLimits.maxCompressedFrom ? frame.payload : nil
                    $0.payload = octets
                    $0.rsv1 = true
                    $0.declaredLength = nil
                }
                script.recompress(from: index + 1)
                return
            }
            // A message repeated from before the place refers back to it (RFC 7692 §7.2.3.2).
            let earlier = script.compressedMessages().compactMap { script.steps[$0.steps[0]].frame?.compressedFrom }
            let (opcode, message) = messageToCompress(earlier: earlier, using: &generator)
            script.insertCompressed(opcode, message, pieces: generator.chance(30) ? generator.within(2...4) : 1, using: &generator)
        },
        Mutator(
            "deflate-recompress", .deflate,
            "compresses every compressed message again from what it was compressed from, in the script's order (valid again)"
        ) { script, _, _ in
            script.recompress(from: 0)
        },
        Mutator(
            "deflate-edit-message", .deflate,
            "edits what a compressed message was compressed from (an octet, invalid UTF-8) and compresses it again"
        ) { script, _, generator in
            var messages = script.compressedMessages().filter { script.steps[$0.steps[0]].frame?.compressedFrom != nil }
            if messages.isEmpty, let added = script.compressedMessageToBreak(using: &generator) { messages = [added] }
            guard !messages.isEmpty else { return }
            let first = generator.pick(messages).steps[0]
            guard var original = script.steps[first].frame?.compressedFrom else { return }
            switch generator.below(3) {
            case 0 where !original.isEmpty: original[generator.below(original.count)] = generator.pick(interestingBytes)
            case 1: original.insert(contentsOf: generator.pick(invalidUTF8), at: generator.below(original.count + 1))
            default: original += original.prefix(generator.within(1...32))
            }
            guard original.count <= ScriptLimits.maxCompressedFrom else { return }
            script.updateFrame(at: first) { $0.compressedFrom = original }
            script.recompress(from: first)
        },
        Mutator("deflate-rsv1-misplaced", .deflate, "sets RSV1 on a continuation or a control frame (RFC 7692 §6.1: MUST fail)") {
            script, _, generator in
            script.ensureDeflateOffer()
            if let index = script.randomFrameStep(using: &generator, where: { !$0.rsv1 && ($0.opcode == 0 || $0.opcode >= 8) }),
                generator.chance(70)
            {
                script.updateFrame(at: index) { $0.rsv1 = true }
                return
            }
            var ping = ScriptFrame.masked(generator.chance(70) ? .ping : .pong, Array("compressed?".utf8), using: &generator)
            ping.rsv1 = true
            let places = script.boundariesBeforeClose()
            script.insertFrame(ping, at: places.isEmpty ? script.steps.count : generator.pick(places))
        },
        Mutator(
            "deflate-rsv1-clear", .deflate, "clears RSV1 on a compressed message: its DEFLATE octets become the message (RFC 7692 §6)"
        ) { script, _, generator in
            guard let message = script.compressedMessageToBreak(using: &generator) else { return }
            script.updateFrame(at: message.steps[0]) {
                $0.rsv1 = false
                $0.compressedFrom = nil
            }
        },
        Mutator("deflate-corrupt", .deflate, "flips 1–3 bits inside a compressed payload (DEFLATE data that no longer inflates as sent)") {
            script, _, generator in
            guard let message = script.compressedMessageToBreak(using: &generator) else { return }
            let index = generator.pick(message.steps)
            script.updateFrame(at: index) { frame in
                guard !frame.payload.isEmpty else { return }
                for _ in 0..<generator.within(1...3) {
                    frame.payload[generator.below(frame.payload.count)] ^= 1 << UInt8(generator.below(8))
                }
            }
        },
        Mutator(
            "deflate-truncate", .deflate, "cuts octets off the end of a compressed message (its last block unfinished, RFC 7692 §7.2.1)"
        ) {
            script, _, generator in
            guard let message = script.compressedMessageToBreak(using: &generator), let last = message.steps.last else { return }
            script.updateFrame(at: last) { frame in
                guard !frame.payload.isEmpty else { return }
                let cut =
                    generator.chance(50) ? generator.within(1...min(4, frame.payload.count)) : generator.within(1...frame.payload.count)
                frame.payload.removeLast(cut)
                frame.declaredLength = nil
            }
        },
        Mutator(
            "deflate-tail", .deflate, "keeps, doubles or drops the 00 00 ff ff a sender removes from a compressed message (RFC 7692 §7.2.1)"
        ) { script, _, generator in
            guard let message = script.compressedMessageToBreak(using: &generator) else { return }
            let index = generator.chance(80) ? (message.steps.last ?? message.steps[0]) : generator.pick(message.steps)
            let tail: [UInt8] = [0x00, 0x00, 0xFF, 0xFF]
            script.updateFrame(at: index) { frame in
                switch generator.below(3) {
                case 0: frame.payload += tail
                case 1: frame.payload += tail + tail
                default: while frame.payload.count >= 4, Array(frame.payload.suffix(4)) == tail { frame.payload.removeLast(4) }
                }
                frame.declaredLength = nil
            }
        },
        Mutator(
            "deflate-distance-too-far", .deflate,
            "adds a compressed message that refers back beyond every octet sent before it (RFC 7692 §7.2.2: it cannot inflate)"
        ) { script, _, generator in
            script.ensureDeflateOffer()
            let places = script.boundariesBeforeClose()
            let place = places.isEmpty ? script.steps.count : generator.pick(places)
            let history = script.compressionHistory(before: place).count
            let literals = Array("far".utf8)
            let distance = history + literals.count + 1 + generator.below(64)
            guard distance <= 32768 else { return }
            var frame = ScriptFrame.masked(
                generator.chance(50) ? .text : .binary,
                DeflateBits.message(literals: literals, length: generator.within(3...16), distance: distance), using: &generator)
            frame.rsv1 = true
            script.insertFrame(frame, at: place)
        },
        Mutator(
            "deflate-bomb", .deflate,
            "adds a compressed message of a few kilobytes that inflates to 1, 4 or 15 MiB (RFC 7692 §8; echo it or fail with 1009)"
        ) { script, _, generator in
            let which = generator.below(SessionScript.bombs.count)
            script.insertCrafted(generator.chance(50) ? .text : .binary, payload: SessionScript.bombs[which], using: &generator)
        },
        Mutator(
            "deflate-final-block", .deflate,
            "sends a short compressed message as one block with BFINAL set and the octet 00, as RFC 7692 §7.2.3.4 allows"
        ) { script, _, generator in
            let short = script.compressedMessages().filter { message in
                message.steps.count == 1 && (script.steps[message.steps[0]].frame?.compressedFrom?.count ?? .max) <= 512
            }
            if let message = short.isEmpty ? nil : generator.pick(short),
                let original = script.steps[message.steps[0]].frame?.compressedFrom
            {
                script.updateFrame(at: message.steps[0]) {
                    $0.payload = DeflateBits.finalBlock(literals: original)
                    $0.declaredLength = nil
                }
                return
            }
            let text = generator.pick(SessionScript.deflateTexts.filter { $0.count <= 512 })
            guard let place = script.insertCrafted(.text, payload: DeflateBits.finalBlock(literals: text), using: &generator) else {
                return
            }
            script.updateFrame(at: place) { $0.compressedFrom = text }
        },
    ]

    /// Offers other than the plain one: each parameter of RFC 7692 §7.1, two offers in order
    /// of preference (§5), and offers a server must decline (§7: a window below 8, an unknown
    /// parameter).
    static let offerVariants = [
        "permessage-deflate; client_no_context_takeover", "permessage-deflate; server_no_context_takeover",
        "permessage-deflate; server_max_window_bits=10", "permessage-deflate; client_max_window_bits",
        "permessage-deflate; client_max_window_bits=9", "permessage-deflate; server_max_window_bits=7, permessage-deflate",
        "permessage-deflate; x-unknown=1", "PerMessage-Deflate",
    ]

    /// Invalid UTF-8 sequences for text inside compressed messages (RFC 3629; RFC 6455 §8.1
    /// applies to the inflated message).
    static let invalidUTF8: [[UInt8]] = [[0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xFF], [0xE2, 0x82]]

    /// A message to compress: a text from `SessionScript.deflateTexts`, one sent before (a
    /// back-reference into the window), invalid UTF-8, random binary, or the empty message
    /// (RFC 7692 §7.2.3.6).
    static func messageToCompress(earlier: [[UInt8]], using generator: inout SplitMix64) -> (Opcode, [UInt8]) {
        switch generator.below(10) {
        case 0...3: return (.text, generator.pick(SessionScript.deflateTexts))
        case 4...5 where !earlier.isEmpty: return (generator.chance(50) ? .text : .binary, generator.pick(earlier))
        case 6: return (.text, Array("ok ".utf8) + generator.pick(invalidUTF8))
        case 7: return (.binary, (0..<generator.within(1...64)).map { _ in generator.byte() })
        case 8: return (generator.chance(50) ? .text : .binary, [])
        default: return (.text, Array(generator.pick(SessionScript.deflateTexts).reversed()))
        }
    }
}
