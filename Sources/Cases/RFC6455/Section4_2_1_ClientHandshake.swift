/// RFC 6455 §4.2.1 Reading the client's opening handshake.
///
/// "If the server, while reading the handshake, finds that the client did not send a handshake
/// that matches the description below (note that as per [RFC2616], the order of the header
/// fields is not important), including but not limited to any violations of the ABNF grammar
/// specified for the components of the handshake, the server MUST stop processing the client's
/// handshake and return an HTTP response with an appropriate error code (such as 400 Bad
/// Request)." The description: a GET of HTTP/1.1 or higher (item 1), a Host (item 2), an Upgrade
/// holding "websocket" and a Connection holding "Upgrade", each case-insensitively (items 3, 4),
/// a Sec-WebSocket-Key of 16 octets in base64 (item 5), Sec-WebSocket-Version 13 (item 6).
///
/// Each request below breaks one item and must be refused with an HTTP error (dropping the
/// connection instead breaks the same sentence); the valid forms after them must be upgraded
/// as the standard request is.
public enum Section4_2_1_ClientHandshake {
    public static let cases: [TestCase] = refusals + validForms

    static let mustRefuse =
        "A server that finds the client's handshake does not match §4.2.1 MUST stop processing it and return an HTTP response with an appropriate error code (such as 400 Bad Request)."

    /// A request breaking one item of §4.2.1, refused as `refusal` accepts.
    static func refused(
        _ id: String, _ item: String, _ summary: String, overrides: [HeaderOverride] = [], edits: [RequestEdit] = [],
        refusal: Refusal = .clientError, rule: String = mustRefuse, sentence: NormativeSentence = RFC6455Sentence.stopProcessingHandshake,
        file: String = #filePath, line: Int = #line
    ) -> TestCase {
        TestCase(
            id: id, section: "RFC 6455 §4.2.1 \(item)", rule: rule, level: .must, sentence: sentence, summary: summary,
            opening: Opening(request: .standard(overrides: overrides), edits: edits, expect: .refused(refusal)), steps: [],
            expect: .events([]), file: file, line: line)
    }

    /// The standard request with `Host` written as the target's host (the placeholder).
    static let host = OpeningRequest.hostPlaceholder

    static let refusals: [TestCase] = [
        refused("handshake.method.post", "item 1", "opening request with method POST", edits: [.method("POST")]),
        refused(
            "handshake.http-version.1.0", "item 1", "opening request sent as HTTP/1.0", edits: [.version("HTTP/1.0")],
            refusal: Refusal(statuses: 400...499, also: [505])),
        refused(
            "handshake.host.missing", "item 2", "opening request without Host", overrides: [HeaderOverride(name: "Host", value: nil)],
            rule: mustRefuse + " RFC 9112 §3.2: a server MUST respond with 400 to a request without exactly one Host.",
            sentence: RFC6455Sentence.hostField),
        refused(
            "handshake.host.repeated", "item 2", "opening request with Host on two field lines",
            edits: [.append(name: "Host", value: host)],
            rule: mustRefuse + " RFC 9112 §3.2: a server MUST respond with 400 to a request with more than one Host.",
            sentence: RFC6455Sentence.hostField),
        // Without the Upgrade token the request is no WebSocket handshake at all: a server may
        // answer it as the plain HTTP request it is, so any answer but the upgrade is right.
        refused(
            "handshake.upgrade.missing", "item 3", "opening request without Upgrade",
            overrides: [HeaderOverride(name: "Upgrade", value: nil)], refusal: .anythingButUpgrade),
        refused(
            "handshake.upgrade.other-protocol", "item 3", "opening request with Upgrade: h2c (another protocol)",
            overrides: [HeaderOverride(name: "Upgrade", value: "h2c")], refusal: .anythingButUpgrade),
        refused(
            "handshake.connection.missing", "item 4", "opening request without Connection",
            overrides: [HeaderOverride(name: "Connection", value: nil)], refusal: .anythingButUpgrade),
        refused(
            "handshake.connection.without-upgrade", "item 4", "opening request with Connection: keep-alive (no Upgrade token)",
            overrides: [HeaderOverride(name: "Connection", value: "keep-alive")], refusal: .anythingButUpgrade),
        refused(
            "handshake.key.missing", "item 5", "opening request without Sec-WebSocket-Key",
            overrides: [HeaderOverride(name: "Sec-WebSocket-Key", value: nil)]),
        refused(
            "handshake.key.not-base64", "item 5", "opening request whose Sec-WebSocket-Key is not base64 (24 characters, with -)",
            overrides: [HeaderOverride(name: "Sec-WebSocket-Key", value: "wsconform-not-base64-key")]),
        refused(
            "handshake.key.15-octets", "item 5", "opening request whose Sec-WebSocket-Key is 15 octets in base64",
            overrides: [HeaderOverride(name: "Sec-WebSocket-Key", value: "AAECAwQFBgcICQoLDA0O")]),
        refused(
            "handshake.key.repeated", "item 5, §11.3.1", "opening request with Sec-WebSocket-Key on two field lines",
            edits: [.append(name: "Sec-WebSocket-Key", value: "AQIDBAUGBwgJCgsMDQ4PEA==")],
            rule: mustRefuse + " §11.3.1: the Sec-WebSocket-Key header field MUST NOT appear more than once in an HTTP request.",
            sentence: RFC6455Sentence.keyOnce),
        refused(
            "handshake.version.missing", "item 6", "opening request without Sec-WebSocket-Version",
            overrides: [HeaderOverride(name: "Sec-WebSocket-Version", value: nil)]),
        refused(
            "handshake.version.not-a-number", "item 6", "opening request with Sec-WebSocket-Version: thirteen",
            overrides: [HeaderOverride(name: "Sec-WebSocket-Version", value: "thirteen")]),
        refused(
            "handshake.version.repeated", "item 6", "opening request with Sec-WebSocket-Version: 13 on two field lines",
            edits: [.append(name: "Sec-WebSocket-Version", value: "13")],
            rule: mustRefuse + " Two lines are one field \"13, 13\" (RFC 9110 §5.3), which is not the version 13 item 6 asks for."),
        // Draft 76 (hixie-76, also hybi-00) sent two keys and no version; it predates masking.
        refused(
            "handshake.legacy.hixie-76", "items 5, 6", "a draft-76 (hixie-76) request: Sec-WebSocket-Key1 and -Key2, no Key or Version",
            overrides: [
                HeaderOverride(name: "Sec-WebSocket-Key", value: nil), HeaderOverride(name: "Sec-WebSocket-Version", value: nil),
                HeaderOverride(name: "Sec-WebSocket-Key1", value: "4 @1  46546xW%0l 1 5"),
                HeaderOverride(name: "Sec-WebSocket-Key2", value: "12998 5 Y3 1  .P00"),
            ]),
    ]

    /// Valid forms a conforming client may send. RFC 6455 lets a server refuse any handshake
    /// (§4.2.2: "if the server chooses to accept"), so refusing one breaks no MUST; refusing it
    /// while upgrading the standard request means the server misreads §4.2.1 (or RFC 9110), and
    /// clients that send this form cannot connect: NON-STRICT.
    static func valid(
        _ id: String, _ section: String, _ rule: String, _ summary: String, overrides: [HeaderOverride] = [],
        edits: [RequestEdit] = [], file: String = #filePath, line: Int = #line
    ) -> TestCase {
        TestCase(
            id: id, section: section, rule: rule, level: .should, summary: summary,
            opening: Opening(request: .standard(overrides: overrides), edits: edits, expect: .upgradedAsStandard), steps: [],
            expect: .events([]), file: file, line: line)
    }

    /// The fields whose names the case-spelling cases change.
    static let spelt = ["Host", "Upgrade", "Connection", "Sec-WebSocket-Key", "Sec-WebSocket-Version"]

    static let validForms: [TestCase] = [
        valid(
            "handshake.connection.list", "RFC 6455 §4.2.1 item 4; RFC 9110 §7.6.1",
            "Connection must include the token \"Upgrade\", treated as an ASCII case-insensitive value; Connection is a list (browsers send \"keep-alive, Upgrade\").",
            "opening request with Connection: keep-alive, Upgrade", overrides: [HeaderOverride(name: "Connection", value: "keep-alive, Upgrade")]),
        valid(
            "handshake.connection.lower-case", "RFC 6455 §4.2.1 item 4",
            "Connection must include the token \"Upgrade\", treated as an ASCII case-insensitive value.",
            "opening request with Connection: upgrade", overrides: [HeaderOverride(name: "Connection", value: "upgrade")]),
        valid(
            "handshake.upgrade.mixed-case", "RFC 6455 §4.2.1 item 3",
            "Upgrade must contain the value \"websocket\", treated as an ASCII case-insensitive value.",
            "opening request with Upgrade: WebSocket", overrides: [HeaderOverride(name: "Upgrade", value: "WebSocket")]),
        valid(
            "handshake.field-names.lower-case", "RFC 9110 §5.1", "Field names are case-insensitive.",
            "opening request with host, upgrade, connection, sec-websocket-key and sec-websocket-version in lower case",
            edits: spelt.map { .spell($0, as: $0.lowercased()) }),
        valid(
            "handshake.field-names.upper-case", "RFC 9110 §5.1", "Field names are case-insensitive.",
            "opening request with HOST, UPGRADE, CONNECTION, SEC-WEBSOCKET-KEY and SEC-WEBSOCKET-VERSION in upper case",
            edits: spelt.map { .spell($0, as: $0.uppercased()) }),
    ]
}
