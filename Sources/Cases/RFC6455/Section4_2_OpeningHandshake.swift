/// RFC 6455 §4.2 The server's opening handshake, and §4.4 supporting multiple versions.
///
/// §4.2.2 item 4 (server requirements): "If this version does not match a version understood
/// by the server, the server MUST abort the WebSocket handshake described in this section and
/// instead send an appropriate HTTP error code (such as 426 Upgrade Required) and a
/// |Sec-WebSocket-Version| header field indicating the version(s) the server is capable of
/// understanding." §4.4: "If the server doesn't support the requested version, it MUST respond
/// with a |Sec-WebSocket-Version| header field (or multiple |Sec-WebSocket-Version| header
/// fields) containing all versions it is willing to use."
public enum Section4_2_OpeningHandshake {
    public static let cases: [TestCase] = versionCases + [subprotocolOffered]

    /// §4.2.2 item 5 /subprotocol/: "Either a single value representing the subprotocol the
    /// server is ready to use or null. The value chosen MUST be derived from the client's
    /// handshake, specifically by selecting one of the values from the |Sec-WebSocket-Protocol|
    /// field". A server may also refuse a client whose subprotocols it does not speak.
    public static let subprotocolOffered = TestCase(
        id: "handshake.subprotocol.offered", section: "RFC 6455 §4.2.2 item 5, §4.1",
        rule:
            "The subprotocol a server answers MUST be one of the values the client offered, or none (the client MUST fail a connection whose 101 names another).",
        level: .must, summary: "opening request offering the subprotocols wsconform.a and wsconform.b",
        opening: Opening(
            request: .standard(overrides: [HeaderOverride(name: "Sec-WebSocket-Protocol", value: "wsconform.a, wsconform.b")]),
            expect: .either(.clientError)), steps: [], expect: .events([]))

    /// A refusal of an unsupported version: any client error (426 is the example the RFC
    /// gives), naming version 13 in `Sec-WebSocket-Version`.
    static let versionRefusal = Refusal(
        statuses: Refusal.clientError.statuses, fields: [.init("Sec-WebSocket-Version", containing: "13")])

    /// The standard request with another `Sec-WebSocket-Version`.
    static func version(_ value: String) -> OpeningRequest {
        .standard(overrides: [HeaderOverride(name: "Sec-WebSocket-Version", value: value)])
    }

    static let versionCases: [TestCase] = [
        TestCase(
            id: "handshake.version.unsupported-12", section: "RFC 6455 §4.2.2, §4.4",
            rule:
                "A server MUST abort the handshake for a version it does not understand, with an HTTP error code (such as 426; a client error, 4xx, is what the case accepts) and a Sec-WebSocket-Version field listing the versions it supports.",
            level: .must, summary: "opening request with Sec-WebSocket-Version: 12, a version no RFC or draft defines",
            opening: Opening(request: version("12"), expect: .refused(versionRefusal)), steps: [], expect: .events([])),
        // §4.4 gives guidance for servers that support several versions (the drafts before RFC
        // 6455 among them): a client speaking draft hybi-08 (version 8) may be upgraded, or
        // refused as any other unsupported version.
        TestCase(
            id: "handshake.version.draft-8", section: "RFC 6455 §4.4",
            rule:
                "A server MAY speak an earlier draft's version 8; if it does not, it MUST refuse with an HTTP error code and a Sec-WebSocket-Version field listing the versions it supports.",
            level: .must, summary: "opening request with Sec-WebSocket-Version: 8 (draft hybi-08)",
            opening: Opening(request: version("8"), expect: .either(versionRefusal)), steps: [], expect: .events([])),
    ]
}
