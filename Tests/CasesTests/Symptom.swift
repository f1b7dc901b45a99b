import Cases

/// What a case's reasons must say when it fails under a fault: the divergence or violation
/// the fault causes, so a pair proves its own rule. A case that fails for another reason
/// (an error, a timer on a loaded machine, a broken rule the fault does not touch) fails the
/// pairing test instead of counting as caught.
struct Symptom: Sendable {
    /// What the reasons must show, in words, for failure messages.
    let meaning: String
    /// Regular expressions; one must match one of the result's reasons (the first divergence
    /// is among them).
    let patterns: [String]

    func shows(in result: CaseResult) throws -> Bool {
        let expressions = try patterns.map { try Regex($0) }
        return result.reasons.contains { reason in expressions.contains { reason.contains($0) } }
    }

    /// A server took what it must refuse: it answered it (an echo, a pong, a normal close) or
    /// never failed the connection.
    static let accepted = Symptom(
        meaning: "an answer to what it must refuse, or no failure",
        patterns: [
            "expected nothing more, received (text|binary|pong)", "never failed the connection",
            "closed with 1000, expected 1002 or (1007 or )?no code",
        ])
    /// An echo with the right opcode and the wrong octets, length or order.
    static let echoContent = Symptom(
        meaning: "an echo of the right type with other content",
        patterns: ["^event [0-9]+: expected text .*, received text ", "^event [0-9]+: expected binary .*, received binary "])
    /// The server failed a valid exchange.
    static let failedValid = Symptom(
        meaning: "the server failing a valid exchange",
        patterns: ["the server started the closing handshake", "closed with 1002, expected"])

    /// A request the server must refuse, upgraded.
    static let upgradedInvalid = Symptom(meaning: "a request it must refuse upgraded", patterns: ["upgraded a request it must refuse"])
    /// A valid request refused.
    static let refusedValid = Symptom(meaning: "a valid request refused", patterns: ["refused a valid request"])

    /// The symptom of each paired fault.
    static let of: [String: Symptom] = [
        "accept-unmasked": accepted, "ignore-rsv": accepted, "accept-reserved-opcodes": accepted,
        "accept-oversized-control": accepted, "accept-fragmented-control": accepted, "accept-bad-fragmentation": accepted,
        "skip-utf8": Symptom(
            meaning: "invalid UTF-8 echoed or left unfailed",
            patterns: ["invalid UTF-8", "ends inside a UTF-8 sequence"] + accepted.patterns),
        "utf8-at-message-end": Symptom(meaning: "a fail-slow checkpoint", patterns: ["failed later than it could"]),
        "accept-invalid-close-codes": Symptom(
            meaning: "a forbidden close code echoed", patterns: ["codeNotAllowed", "the server closed with [0-9]+, expected"]),
        "accept-malformed-close": Symptom(meaning: "a 1-byte close body answered normally", patterns: ["closed with 1000, expected 1002"]),
        "ignore-rsv-on-close": Symptom(meaning: "a Close with RSV bits answered normally", patterns: ["closed with 1000, expected 1002"]),
        "no-pong": Symptom(meaning: "a missing pong", patterns: ["expected pong .*, received (nothing more|text|binary)"]),
        "wrong-pong-payload": Symptom(meaning: "a pong with other data", patterns: ["expected pong .*, received pong "]),
        "answer-unsolicited-pong": Symptom(
            meaning: "a pong answering a pong", patterns: ["expected nothing more, received pong", "expected pong .*, received pong "]),
        "wrong-close-code": Symptom(meaning: "another close code in the answer", patterns: ["the server closed with 10(01|11), expected"]),
        "no-close-reply": Symptom(meaning: "a Close left unanswered", patterns: ["did not answer the close"]),
        "drop-tcp": Symptom(
            meaning: "a Close answered with a TCP drop", patterns: ["dropped TCP without a completed closing handshake"]),
        "process-after-close": Symptom(
            meaning: "frames after the server's Close, TCP left open",
            patterns: ["after the server's close frame", "did not drop TCP"]),
        "text-as-binary": Symptom(meaning: "a text echo sent as binary", patterns: ["expected text .*, received binary"]),
        "binary-as-text": Symptom(
            meaning: "a binary echo sent as text", patterns: ["expected binary .*, received text", "invalid UTF-8 in a text message"]),
        "whole-frame-reads": failedValid,
        "zero-key-as-unmasked": failedValid,
        "mask-offset-across-frames": Symptom(meaning: "a misread masked payload", patterns: failedValid.patterns + echoContent.patterns),
        "accept-any-version": upgradedInvalid, "accept-any-method": upgradedInvalid, "accept-http-1.0": upgradedInvalid,
        "skip-host-check": upgradedInvalid, "skip-upgrade-check": upgradedInvalid, "skip-connection-check": upgradedInvalid,
        "skip-key-check": upgradedInvalid,
        "accept-hixie-76": Symptom(meaning: "a draft-76 answer", patterns: ["the server's 101 breaks the opening handshake"]),
        "drop-bad-handshake": Symptom(
            meaning: "a refused request dropped without a response",
            patterns: ["without an HTTP response", "closed the connection during the request"]),
        "exact-connection-value": refusedValid, "case-sensitive-upgrade": refusedValid, "case-sensitive-field-names": refusedValid,
        "answer-unoffered-subprotocol": Symptom(
            meaning: "a subprotocol never offered", patterns: ["Sec-WebSocket-Protocol .* is not one offered subprotocol"]),
        "wrong-accept-key": Symptom(meaning: "a wrong accept value", patterns: ["Sec-WebSocket-Accept is .*, expected"]),
        "omit-upgrade-field": Symptom(meaning: "a 101 without Upgrade", patterns: ["Upgrade does not hold websocket"]),
        "answer-unoffered-extension": Symptom(meaning: "an extension never offered", patterns: ["extension permessage-deflate was not offered"]),
        "accept-unknown-extension": Symptom(meaning: "an unknown extension accepted", patterns: ["an extension no server knows"]),
        "426-without-version": Symptom(
            meaning: "a refusal that names no version", patterns: ["but no Sec-WebSocket-Version field"]),
        "deflate-reset-context": failedValid,
        "accept-misplaced-rsv1": Symptom(
            meaning: "a frame with misplaced RSV1 answered as valid", patterns: ["expected nothing more, received (text|pong)"]),
        "accept-invalid-deflate-offer": Symptom(
            meaning: "an offer it must decline accepted", patterns: ["which (it|the server) MUST decline"]),
        "answer-larger-server-window": Symptom(
            meaning: "a server window above the offer", patterns: ["response server_max_window_bits=15 above offered"]),
        "drop-server-no-context-takeover": Symptom(
            meaning: "server_no_context_takeover left out", patterns: ["offered server_no_context_takeover missing from response"]),
        "answer-unoffered-client-window": Symptom(
            meaning: "a client window never offered", patterns: ["client_max_window_bits=15 without an offer of it"]),
        "echo-valueless-client-window": Symptom(
            meaning: "a valueless client window in the response", patterns: ["missing value for client_max_window_bits"]),
        "answer-deflate-twice": Symptom(meaning: "permessage-deflate accepted twice", patterns: ["permessage-deflate accepted 2 times"]),
        "misread-missing-client-window": failedValid,
        "inflate-every-message": failedValid,
        "inflate-frames-apart": failedValid,
        "reject-bfinal": failedValid,
        "ignore-server-no-context-takeover": Symptom(
            meaning: "an echo that needs the window of an earlier message", patterns: ["does not inflate .*invalid distance too far back"]),
        "exceed-server-window": Symptom(
            meaning: "an echo with a distance past the agreed window", patterns: ["does not inflate .*invalid distance too far back"]),
        "ignore-corrupt-deflate": Symptom(
            meaning: "corrupt compressed data answered with an echo", patterns: ["expected nothing more, received binary"]),
        "utf8-before-inflate": Symptom(
            meaning: "invalid UTF-8 in inflated text echoed", patterns: ["invalid UTF-8"] + accepted.patterns),
        "inflate-without-cap": Symptom(
            meaning: "a message inflating past the server's limit echoed", patterns: ["it has no limit on inflated messages"]),
        "mask-frames": Symptom(meaning: "a masked server frame", patterns: ["masked server frame"]),
        "corrupt-echo": echoContent, "truncate-echo": echoContent, "append-to-echo": echoContent,
        "reorder-echoes": echoContent, "stale-echo": echoContent,
    ]
}
