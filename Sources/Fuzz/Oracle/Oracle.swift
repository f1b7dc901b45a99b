import Wire

/// The protocol oracle: what a conforming RFC 6455 echo server does with a script's octets,
/// under the permessage-deflate agreement of `OracleOptions.deflate` (RFC 7692).
///
/// It judges the octets, not the script's structure, because that is what a server sees: a
/// length that lies makes the next frame's octets payload, and havoc can tear a header in
/// two. It reuses Wire's judges — `HTTPHeadParser` and `HandshakeCheck` for the opening
/// handshake (RFC 6455 §4.2.1), `FrameDecoder` for the per-frame rules (§5.1–§5.5),
/// `UTF8Validator` for text (§8.1), `ClosePayload.parse` for Close bodies (§5.5.1, §7.4),
/// PerMessageDeflate's negotiation and inflater for compressed messages (RFC 7692 §5, §7.2.2)
/// — so the oracle and the reference server read the wire the same way.
public enum Oracle {
    /// The reaction of a conforming server making the choices in `options`.
    public static func expect(_ script: SessionScript, options: OracleOptions = .strict) -> ExpectedReaction {
        expect(script.wire(host: options.host), options: options)
    }

    /// Every reaction RFC 6455 allows, one per way a conforming server may choose where the
    /// RFC leaves a choice (`WireLayout.choices`), without duplicates; the reference
    /// server's first.
    public static func acceptable(_ script: SessionScript, host: String = OracleOptions.strict.host) -> [ExpectedReaction] {
        acceptable(script.wire(host: host), host: host)
    }

    /// `acceptable` for already serialised octets, under the permessage-deflate reading of
    /// `layout` (or `deflate`, when no layout is given).
    public static func acceptable(
        _ wire: ScriptWire, layout: WireLayout? = nil, host: String = OracleOptions.strict.host, deflate: DeflateReading = .asOffered
    ) -> [ExpectedReaction] {
        var reactions: [ExpectedReaction] = []
        for options in (layout ?? WireLayout(wire, deflate: deflate)).choices(host: host) {
            let reaction = expect(wire, options: options)
            if !reactions.contains(reaction) { reactions.append(reaction) }
        }
        return reactions
    }

    /// The reaction to already serialised octets.
    public static func expect(_ wire: ScriptWire, options: OracleOptions = .strict) -> ExpectedReaction {
        var parser = HTTPHeadParser(maxSize: options.maxHandshakeSize)
        func refused(_ rule: Rule, _ detail: String, decidedAt: Int, also: [ReactionClass] = []) -> ExpectedReaction {
            let decided = min(decidedAt, wire.bytes.count)
            let step = decided > 0 ? wire.step(containing: decided - 1) : nil
            return ExpectedReaction(
                replies: [], ending: .refused(RuleBreak(rule: rule, detail: detail, frameOffset: 0, decidedAt: decided, step: step)),
                alsoAdmitted: also)
        }
        // A server that cannot parse the head SHOULD answer 400 (RFC 9112 §2.2); closing
        // without one is a SHOULD, not a MUST, so a drop conforms too.
        let unparsable: [ReactionClass] = [.dropped]
        // A server that does not take a bare LF for a line end is still waiting for the head's
        // end (RFC 9112 §2.2: a recipient "MAY recognize a single LF"): no answer conforms.
        let unended: [ReactionClass] = [.dropped, .silent]
        switch parser.feed(wire.bytes) {
        case .needMore:
            return ExpectedReaction(replies: [], ending: .awaitingData)
        case .tooLarge(let limit):
            return refused(.handshakeTooLarge, "request head over \(limit) octets", decidedAt: limit + 3)
        case .malformed(let text):
            return refused(.handshakeMalformed, text, decidedAt: headEnd(wire.bytes), also: unparsable)
        case .complete(let head, let remainder):
            let end = wire.bytes.count - remainder.count
            if options.strictAboutHead {
                if head.bareLineFeeds { return refused(.bareLineFeed, "a line ends in a bare LF", decidedAt: end, also: unended) }
                if let version = head.version, version != "HTTP/1.1", version.hasPrefix("HTTP/1.") {
                    return refused(.handshakeRequest, "HTTP version \(version) is not 1.1", decidedAt: end, also: [.refused(505)])
                }
            }
            if case .failure(let rejection) = HandshakeCheck.checkRequest(head),
                !(options.understandsDraftVersions && rejection.response.status == 426 && WireLayout.namesDraftVersion(head))
            {
                let rule: Rule = rejection.response.status == 426 ? .handshakeVersion : .handshakeRequest
                // 505 HTTP Version Not Supported is the appropriate refusal of another
                // version (RFC 9110 §15.6.6); RFC 6455 §4.2.1 asks for "an appropriate error
                // code (such as 400 Bad Request)". A request in another major version is not
                // HTTP/1.x at all: a server need not answer it in HTTP/1.1 (RFC 9112 §2.3).
                var also: [ReactionClass] = head.version == "HTTP/1.1" ? [] : [.refused(505)]
                if head.version?.hasPrefix("HTTP/1.") != true { also.append(.dropped) }
                // A request without the Upgrade token is not an opening handshake at all: a
                // server "MAY ignore a received Upgrade header field" (RFC 9110 §7.8) and serve
                // the resource over HTTP, as autobahn-python does with a 200 page.
                if !head.fields.listContains("Upgrade", token: "websocket") { also.append(.refused(200)) }
                return refused(rule, rejection.problem.text, decidedAt: end, also: also)
            }
            // The head passed the checks above, so the server upgrades; under the reading's
            // permessage-deflate agreement for the offer it carries (RFC 7692 §5).
            let agreement = options.deflate.agreement(offers: head.fields.values("Sec-WebSocket-Extensions"))
            var model = EchoModel(options: options, agreement: agreement, base: end, stepOf: wire.step(containing:))
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
