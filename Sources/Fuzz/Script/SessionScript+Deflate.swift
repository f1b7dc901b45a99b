import Cases
import PerMessageDeflate
import Wire

/// Compressed messages in scripts (RFC 7692).
///
/// A script offers permessage-deflate in its head (`Sec-WebSocket-Extensions`); a compressed
/// message is a data message with RSV1 on its first frame (RFC 7692 §6) whose payloads hold the
/// compressed octets themselves, so a finding replays the same octets on any machine. They are
/// made, by the catalogue conversion and the mutators, under the reference server's answer to
/// the offer, each message compressed with the window the server holds when it arrives: the
/// messages compressed before it, in script order, unless client_no_context_takeover is agreed
/// (RFC 7692 §7.2.1, §7.2.3.2). What a real server answers is judged when it answers.
extension SessionScript {
    /// The offer the fuzzer makes: permessage-deflate with no parameters, so the server picks
    /// its own (RFC 7692 §7.1) and cannot limit the client's window, which it may only do when
    /// the offer has client_max_window_bits (§7.1.2.2).
    public static let deflateOffer = PerMessageDeflateParameters.extensionName

    /// The field that carries extension offers, RFC 6455 §9.1.
    static let extensionsField = "Sec-WebSocket-Extensions"

    /// The head's `Sec-WebSocket-Extensions` values, in order.
    public var extensionOffer: [String] {
        handshake.head.fields.filter { $0.name.lowercased() == Self.extensionsField.lowercased() }.map(\.value)
    }

    /// True when the head offers permessage-deflate.
    public var offersDeflate: Bool {
        ExtensionOffer.parseList(extensionOffer).offers.contains { $0.hasName(PerMessageDeflateParameters.extensionName) }
    }

    /// The reference server's response to the head's offer (RFC 7692 §5); nil when it would
    /// agree to nothing.
    public var expectedAgreement: PerMessageDeflateParameters? { DeflateReading.asOffered.agreement(offers: extensionOffer) }

    /// The script with `offer` as the head's one `Sec-WebSocket-Extensions` field.
    public func offering(_ offer: String) -> SessionScript {
        with { $0.handshake = $0.handshake.setting(Self.extensionsField, offer) }
    }

    /// The script without any field offering permessage-deflate (`wsconform fuzz --no-deflate`):
    /// its compressed messages are then RSV1 frames no extension explains (RFC 6455 §5.2).
    public func withoutDeflateOffer() -> SessionScript {
        guard offersDeflate else { return self }
        return with { $0.handshake = $0.handshake.setting(Self.extensionsField, nil) }
    }

    /// The compressor a client applies for the head's offer and the reference server's answer
    /// (RFC 7692 §7.1), or nil when nothing would be agreed.
    func clientCompressor() -> (compressor: MessageCompressor, configuration: PerMessageDeflateConfiguration)? {
        guard let response = expectedAgreement else { return nil }
        let offers = ExtensionOffer.parseList(extensionOffer).offers.filter { $0.hasName(PerMessageDeflateParameters.extensionName) }
        let offered = offers.map { PerMessageDeflateParameters.parse($0, as: .offer).parameters }
        let applied = (offered.first { $0.validateResponse(response).isEmpty } ?? PerMessageDeflateParameters()).appliedByClient(
            after: response)
        let configuration = PerMessageDeflateConfiguration(agreed: applied, role: .client)
        guard let compressor = try? MessageCompressor(configuration) else { return nil }
        return (compressor, configuration)
    }

    /// `message` compressed as the compressed message that follows the steps before `index`:
    /// with their messages in the window unless the agreement resets it (RFC 7692 §7.2.1). Nil
    /// when the head's offer would agree to nothing.
    func compressed(_ message: [UInt8], before index: Int) -> [UInt8]? {
        guard let (compressor, configuration) = clientCompressor() else { return nil }
        if !configuration.compressorNoContextTakeover {
            let history = compressionHistory(before: index)
            // Compressing the history first leaves it in the window, as the server holds it.
            if !history.isEmpty { _ = compressor.compress(history) }
        }
        return compressor.compress(message)
    }

    /// What the server's window holds after the steps before `index`: the last 32 KiB its
    /// inflater produced for the compressed messages there, in order (RFC 7692 §7.2.2), as far
    /// as they inflate (each bounded by `DeflateReading.inflateCap`).
    func compressionHistory(before index: Int) -> [UInt8] {
        guard let agreement = expectedAgreement, !agreement.clientNoContextTakeover,
            let inflater = try? MessageDecompressor(windowBits: 15)
        else { return [] }
        let window = 1 << 15
        var history: [UInt8] = []
        for message in compressedMessages() where message.steps[0] < index {
            for (position, step) in message.steps.enumerated() where step < index {
                guard let frame = steps[step].frame else { continue }
                let isFinal = position == message.steps.count - 1 && frame.fin
                switch inflater.decompress(fragment: frame.payload, isFinal: isFinal, maxOutput: DeflateReading.inflateCap) {
                case .ok(let octets), .unterminated(let octets):
                    history += octets
                    if history.count > 2 * window { history.removeFirst(history.count - window) }
                case .tooLarge, .invalidData:
                    return Array(history.suffix(window))
                }
            }
        }
        return Array(history.suffix(window))
    }

    /// A compressed message of the script as its frame steps say: the step indices of its
    /// frames (the first has RSV1) and its opcode.
    struct CompressedMessage: Hashable {
        var steps: [Int]
        var opcode: UInt8
        /// True when its last frame has FIN set.
        var complete: Bool
    }

    /// The compressed messages, read from the frame steps as written (raw steps are taken as
    /// neutral): a text or binary frame with RSV1 and the continuations that follow it.
    func compressedMessages() -> [CompressedMessage] {
        var messages: [CompressedMessage] = []
        var open = false
        for (index, step) in steps.enumerated() {
            guard let frame = step.frame, frame.isData else { continue }
            if frame.opcode != 0 {
                open = frame.rsv1 && !frame.fin
                if frame.rsv1 { messages.append(CompressedMessage(steps: [index], opcode: frame.opcode, complete: frame.fin)) }
            } else if open, let last = messages.indices.last {
                messages[last].steps.append(index)
                messages[last].complete = frame.fin
                open = !frame.fin
            }
        }
        return messages
    }

    /// The steps of a message compressed under the channel, RSV1 on its first frame only
    /// (RFC 7692 §6.1): the compressed octets cut into frames of `fragment` octets (nil: one
    /// frame), masked with keys from `generator`, the message recorded on the first frame when
    /// short enough (`ScriptFrame.compressedFrom`).
    static func compressedFrames(
        _ opcode: Opcode, message: [UInt8], compressed: [UInt8], fragment: Int? = nil, using generator: inout SplitMix64
    ) -> [ScriptFrame] {
        let size = max(1, fragment ?? max(1, compressed.count))
        var frames: [ScriptFrame] = []
        var start = 0
        repeat {
            let end = min(compressed.count, start + size)
            var frame = ScriptFrame.masked(
                frames.isEmpty ? opcode : .continuation, Array(compressed[start..<end]), fin: end == compressed.count, using: &generator)
            if frames.isEmpty {
                frame.rsv1 = true
                frame.compressedFrom = message.count <= ScriptLimits.maxCompressedFrom ? message : nil
            }
            frames.append(frame)
            start = end
        } while start < compressed.count
        return frames
    }
}

extension OpeningRequest {
    /// The request with the field `name` set to `value` (nil removes it): an override of the
    /// standard request, or the field of an explicit head (its first line, the others removed).
    func setting(_ name: String, _ value: String?) -> OpeningRequest {
        let lower = name.lowercased()
        switch self {
        case .standard(var overrides):
            overrides.removeAll { $0.name.lowercased() == lower }
            if let value { overrides.append(HeaderOverride(name: name, value: value)) }
            return .standard(overrides: overrides)
        case .explicit(var head):
            if let value {
                head.set(name, value)
            } else {
                head.fields.removeAll { $0.name.lowercased() == lower }
            }
            return .explicit(head)
        }
    }
}
