import Wire

/// The protocol oracle: what a conforming RFC 6455 echo server does with a script's octets.
///
/// It judges the octets, not the script's structure, because that is what a server sees: a
/// length that lies makes the next frame's octets payload, and havoc can tear a header in
/// two. It reuses Wire's judges — `HTTPHeadParser` and `HandshakeCheck` for the opening
/// handshake (RFC 6455 §4.2.1), `FrameDecoder` for the per-frame rules (§5.1–§5.5),
/// `UTF8Validator` for text (§8.1), `ClosePayload.parse` for Close bodies (§5.5.1, §7.4) —
/// so the oracle and the reference server read the wire the same way.
public enum Oracle {
    /// The reaction of a conforming server making the choices in `options`.
    public static func expect(_ script: SessionScript, options: OracleOptions = .strict) -> ExpectedReaction {
        expect(script.wire(host: options.host), options: options)
    }

    /// Every reaction RFC 6455 allows, one per way a conforming server may choose where the
    /// RFC leaves a choice (strict, lenient, strict about the head), without duplicates.
    public static func acceptable(_ script: SessionScript) -> [ExpectedReaction] {
        var reactions: [ExpectedReaction] = []
        for options in [OracleOptions.strict, .lenient, .strictHead] {
            let reaction = expect(script, options: options)
            if !reactions.contains(reaction) { reactions.append(reaction) }
        }
        return reactions
    }

    /// The reaction to already serialised octets.
    public static func expect(_ wire: ScriptWire, options: OracleOptions = .strict) -> ExpectedReaction {
        var parser = HTTPHeadParser(maxSize: options.maxHandshakeSize)
        func refused(_ rule: Rule, _ detail: String, decidedAt: Int) -> ExpectedReaction {
            let decided = min(decidedAt, wire.bytes.count)
            let step = decided > 0 ? wire.step(containing: decided - 1) : nil
            return ExpectedReaction(
                replies: [], ending: .refused(RuleBreak(rule: rule, detail: detail, frameOffset: 0, decidedAt: decided, step: step)))
        }
        switch parser.feed(wire.bytes) {
        case .needMore:
            return ExpectedReaction(replies: [], ending: .awaitingData)
        case .tooLarge(let limit):
            return refused(.handshakeTooLarge, "request head over \(limit) octets", decidedAt: limit + 3)
        case .malformed(let text):
            return refused(.handshakeMalformed, text, decidedAt: headEnd(wire.bytes))
        case .complete(let head, let remainder):
            let end = wire.bytes.count - remainder.count
            if head.bareLineFeeds, options.refusesBareLineFeeds {
                return refused(.bareLineFeed, "a line ends in a bare LF", decidedAt: end)
            }
            if case .failure(let rejection) = HandshakeCheck.checkRequest(head) {
                let rule: Rule = rejection.response.status == 426 ? .handshakeVersion : .handshakeRequest
                return refused(rule, rejection.problem.text, decidedAt: end)
            }
            var model = EchoModel(options: options, base: end, stepOf: wire.step(containing:))
            return model.run(remainder)
        }
    }

    /// Octets up to the empty line that ends a head (LF [CR] LF), or all of them.
    static func headEnd(_ bytes: [UInt8]) -> Int {
        var index = 0
        while index < bytes.count {
            if bytes[index] == 0x0A {
                var next = index + 1
                if next < bytes.count, bytes[next] == 0x0D { next += 1 }
                if next < bytes.count, bytes[next] == 0x0A { return next + 1 }
            }
            index += 1
        }
        return bytes.count
    }
}
