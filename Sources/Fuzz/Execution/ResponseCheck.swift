import Wire

/// The server's 101 judged as a client must judge it (RFC 6455 §4.1: status 101, `Upgrade:
/// websocket`, `Connection: Upgrade`, the exact `Sec-WebSocket-Accept`, only an offered
/// subprotocol and extension; otherwise the client "MUST _Fail the WebSocket Connection_").
/// Judged only for a request with exactly one well-formed key: a 101 to any other request is
/// the oracle's business (a request it had to refuse).
public enum ResponseCheck {
    /// What is wrong with `response` as the answer to the request head `request`; empty when
    /// nothing is, or when the request carries no single well-formed key.
    public static func problems(request: [UInt8], response: HTTPHead) -> [String] {
        guard response.statusCode == 101 else { return [] }
        var parser = HTTPHeadParser(maxSize: max(16 << 10, request.count + 4))
        guard case .complete(let head, _) = parser.feed(request) else { return [] }
        let keys = head.fields.values("Sec-WebSocket-Key")
        guard keys.count == 1, AcceptKey.isWellFormed(key: keys[0]) else { return [] }
        return HandshakeCheck.checkResponse(
            response, key: keys[0], offeredSubprotocols: head.fields.listElements("Sec-WebSocket-Protocol"),
            offeredExtensions: head.fields.listElements("Sec-WebSocket-Extensions")
        ).map(\.description)
    }
}
