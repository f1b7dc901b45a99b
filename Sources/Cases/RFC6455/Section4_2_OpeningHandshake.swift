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
    public static let cases: [TestCase] = [standardResponse] + versionCases + [subprotocolOffered, unknownExtension]

    /// §4.2.2 item 5: the 101 holds "An |Upgrade| header field with value "websocket"", "A
    /// |Connection| header field with value "Upgrade"", and "A |Sec-WebSocket-Accept| header
    /// field" whose value is the base64 SHA-1 of the key and the GUID; §4.1: a client receiving
    /// anything else, or an extension or subprotocol it did not offer, "MUST _Fail the WebSocket
    /// Connection_". The standard request offers neither, so the 101 names neither.
    public static let standardResponse = TestCase(
        id: "handshake.response.standard", section: "RFC 6455 §4.2.2 item 5, §4.1",
        rule:
            "The 101 MUST carry Upgrade: websocket, Connection: Upgrade and the exact Sec-WebSocket-Accept of the key, and name no extension or subprotocol the client did not offer (the client MUST fail the connection otherwise).",
        level: .must, sentence: RFC6455Sentence.acceptResponse, summary: "the standard request: the 101 checked field by field", opening: .standard, steps: [],
        expect: .events([]))

    /// §4.2.2 item 5 /extensions/: the server answers with the extensions it "is ready to use";
    /// an extension no server implements (the name is wsconform's own) cannot be one of them.
    /// No sentence forbids naming it with a MUST, so accepting it is NON-STRICT.
    public static let unknownExtension = TestCase(
        id: "handshake.extension.unknown", section: "RFC 6455 §4.2.2 item 5, §9.1",
        rule: "A server lists in its 101 only extensions it is ready to use, so an extension it does not know is left out.",
        level: .should, summary: "opening request offering the extension x-wsconform-unknown, which no server implements",
        opening: Opening(expect: .either(.clientError), unknownExtensions: ["x-wsconform-unknown"]), steps: [], expect: .events([]))

    /// §4.2.2 item 5 /subprotocol/: "Either a single value representing the subprotocol the
    /// server is ready to use or null. The value chosen MUST be derived from the client's
    /// handshake, specifically by selecting one of the values from the |Sec-WebSocket-Protocol|
    /// field". A server may also refuse a client whose subprotocols it does not speak.
    public static let subprotocolOffered = TestCase(
        id: "handshake.subprotocol.offered", section: "RFC 6455 §4.2.2 item 5, §4.1",
        rule:
            "The subprotocol a server answers MUST be one of the values the client offered, or none (the client MUST fail a connection whose 101 names another).",
        level: .must, sentence: RFC6455Sentence.subprotocolChosen, summary: "opening request offering the subprotocols wsconform.a and wsconform.b",
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
            level: .must, sentence: RFC6455Sentence.unsupportedVersion, summary: "opening request with Sec-WebSocket-Version: 12, a version no RFC or draft defines",
            opening: Opening(request: version("12"), expect: .refused(versionRefusal)), steps: [], expect: .events([])),
        TestCase(
            id: "handshake.version.unsupported-14", section: "RFC 6455 §4.2.2, §4.4",
            rule:
                "A server MUST abort the handshake for a version it does not understand, with an HTTP error code (such as 426; a client error, 4xx, is what the case accepts) and a Sec-WebSocket-Version field listing the versions it supports.",
            level: .must, sentence: RFC6455Sentence.unsupportedVersion, summary: "opening request with Sec-WebSocket-Version: 14, a version after 13 that no RFC defines",
            opening: Opening(request: version("14"), expect: .refused(versionRefusal)), steps: [], expect: .events([])),
        // §4.4 gives guidance for servers that support several versions (the drafts before RFC
        // 6455 among them): a client speaking draft hybi-08 (version 8) may be upgraded, or
        // refused as any other unsupported version.
        TestCase(
            id: "handshake.version.draft-8", section: "RFC 6455 §4.4",
            rule:
                "A server MAY speak an earlier draft's version 8; if it does not, it MUST refuse with an HTTP error code and a Sec-WebSocket-Version field listing the versions it supports.",
            level: .must, sentence: RFC6455Sentence.unsupportedVersion, summary: "opening request with Sec-WebSocket-Version: 8 (draft hybi-08)",
            opening: Opening(request: version("8"), expect: .either(versionRefusal)), steps: [], expect: .events([])),
    ]
}
