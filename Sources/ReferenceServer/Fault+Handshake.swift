import Wire

/// Faults of the opening handshake, RFC 6455 §4.2: what the server answers before any frame.
extension Fault {
    /// Every fault of this family, in `serve --list-faults` order.
    static let openingHandshake: [Fault] = [
        .acceptAnyVersion, .refuseVersionWithoutField, .slowHandshake, .acceptAnyMethod, .acceptHTTP10, .skipHostCheck,
        .skipUpgradeCheck, .skipConnectionCheck, .skipKeyCheck, .exactConnectionValue, .caseSensitiveUpgrade,
        .caseSensitiveFieldNames, .acceptHixie76, .answerUnofferedSubprotocol, .dropBadHandshake, .wrongAcceptKey,
        .omitUpgradeField, .answerUnofferedExtension, .acceptUnknownExtension,
    ]

    public static let acceptAnyVersion = Fault(
        name: "accept-any-version", summary: "upgrades a request whatever its Sec-WebSocket-Version, or without one",
        section: "RFC 6455 §4.2.2 item 4, §4.4 (MUST abort the handshake on a version it does not understand)")
    public static let refuseVersionWithoutField = Fault(
        name: "426-without-version", summary: "refuses an unsupported version with 426 but no Sec-WebSocket-Version field",
        section: "RFC 6455 §4.4 (MUST respond with a Sec-WebSocket-Version field listing the versions it supports)")
    public static let slowHandshake = Fault(
        name: "slow-handshake", summary: "waits 1.2 s before answering each opening handshake",
        section: "no rule: the handshake.round-trip measurement reports it (fail above 1000 ms)")
    public static let acceptAnyMethod = Fault(
        name: "accept-any-method", summary: "upgrades a request whatever its method",
        section: "RFC 6455 §4.2.1 item 1 (the method MUST be GET), §4.1")
    public static let acceptHTTP10 = Fault(
        name: "accept-http-1.0", summary: "upgrades a request whatever its HTTP version",
        section: "RFC 6455 §4.2.1 item 1 (HTTP/1.1 or higher), §4.1")
    public static let skipHostCheck = Fault(
        name: "skip-host-check", summary: "upgrades a request without a Host field, or with two",
        section: "RFC 6455 §4.2.1 item 2; RFC 9112 §3.2 (MUST answer 400)")
    public static let skipUpgradeCheck = Fault(
        name: "skip-upgrade-check", summary: "upgrades a request whose Upgrade field is missing or names another protocol",
        section: "RFC 6455 §4.2.1 item 3")
    public static let skipConnectionCheck = Fault(
        name: "skip-connection-check", summary: "upgrades a request without the Upgrade token in Connection",
        section: "RFC 6455 §4.2.1 item 4")
    public static let skipKeyCheck = Fault(
        name: "skip-key-check", summary: "upgrades a request whose Sec-WebSocket-Key is missing, repeated or not 16 octets in base64",
        section: "RFC 6455 §4.2.1 item 5, §11.3.1 (MUST NOT appear more than once)")
    public static let exactConnectionValue = Fault(
        name: "exact-connection-value", summary: "refuses a Connection field that is not exactly \"Upgrade\" (a list, another case)",
        section: "RFC 6455 §4.2.1 item 4 (includes the token, case-insensitively); RFC 9110 §7.6.1 (a list)")
    public static let caseSensitiveUpgrade = Fault(
        name: "case-sensitive-upgrade", summary: "refuses an Upgrade field that is not exactly \"websocket\"",
        section: "RFC 6455 §4.2.1 item 3 (treated as an ASCII case-insensitive value)")
    public static let caseSensitiveFieldNames = Fault(
        name: "case-sensitive-field-names", summary: "refuses a request whose WebSocket field names are not spelt as RFC 6455 prints them",
        section: "RFC 9110 §5.1 (field names are case-insensitive)")
    public static let acceptHixie76 = Fault(
        name: "accept-hixie-76", summary: "answers a draft-76 (hixie-76) request with that draft's 101",
        section: "RFC 6455 §4.2.1 items 5, 6 (a request without Sec-WebSocket-Key and -Version MUST be refused)")
    public static let answerUnofferedSubprotocol = Fault(
        name: "answer-unoffered-subprotocol", summary: "answers a subprotocol offer with one the client did not offer",
        section: "RFC 6455 §4.2.2 item 5 (one of the client's values, or none); §4.1 (the client MUST fail the connection)")
    public static let dropBadHandshake = Fault(
        name: "drop-bad-handshake", summary: "closes the connection without any response on a request it refuses",
        section: "RFC 6455 §4.2.1 (MUST return an HTTP response with an appropriate error code)")

    public static let wrongAcceptKey = Fault(
        name: "wrong-accept-key", summary: "answers with Sec-WebSocket-Accept computed without the RFC's GUID",
        section: "RFC 6455 §4.2.2 item 5 (the base64 SHA-1 of the key and the GUID); §4.1 (the client MUST fail the connection)")
    public static let omitUpgradeField = Fault(
        name: "omit-upgrade-field", summary: "answers the upgrade with no Upgrade field in the 101",
        section: "RFC 6455 §4.2.2 item 5 (an Upgrade header field with value \"websocket\"); §4.1 (the client MUST fail the connection)")
    public static let answerUnofferedExtension = Fault(
        name: "answer-unoffered-extension", summary: "names permessage-deflate in every 101, offered or not",
        section: "RFC 6455 §4.1 (an extension not present in the client's handshake: the client MUST fail the connection)")
    public static let acceptUnknownExtension = Fault(
        name: "accept-unknown-extension", summary: "answers every extension it does not know by naming it in the 101",
        section: "RFC 6455 §4.2.2 item 5 /extensions/ (only extensions the server is ready to use), §9.1")

    /// The 101 as a server with a response fault sends it for `key`; nil for every other fault.
    func switchingProtocols(
        key: String, subprotocol: String?, extensions: String?, server: String, offered: [String]
    ) -> HandshakeResponse? {
        var response = HandshakeResponse.switchingProtocols(key: key, subprotocol: subprotocol, extensions: extensions, server: server)
        switch self {
        case .wrongAcceptKey:
            response.fields.set("Sec-WebSocket-Accept", Base64.encode(SHA1.digest(Array(key.utf8))))
        case .omitUpgradeField:
            response.fields.remove("Upgrade")
        case .answerUnofferedExtension where extensions == nil:
            response.fields.add("Sec-WebSocket-Extensions", "permessage-deflate")
        case .acceptUnknownExtension:
            let unknown = offered.compactMap { $0.split(separator: ";").first.map { String($0).trimmingSpaces } }
                .filter { !$0.isEmpty && $0.lowercased() != "permessage-deflate" }
            guard !unknown.isEmpty else { return nil }
            response.fields.add("Sec-WebSocket-Extensions", unknown.joined(separator: ", "))
        default:
            return nil
        }
        return response
    }

    /// The protocol the `answer-unoffered-subprotocol` fault names.
    static let unofferedSubprotocol = "wsconform.never-offered"

    /// `head` as a server with a check-skipping fault reads it: the field or line it does not
    /// check made to pass `HandshakeCheck`. Nil for every other fault.
    func overlooking(_ head: HTTPHead) -> HTTPHead? {
        var head = head
        let parts = head.startLine.split(separator: " ", maxSplits: 2).map(String.init)
        switch self {
        case .acceptAnyVersion:
            head.fields.set("Sec-WebSocket-Version", "13")
        case .acceptAnyMethod where parts.count == 3:
            head.startLine = "GET \(parts[1]) \(parts[2])"
        case .acceptHTTP10 where parts.count == 3:
            head.startLine = "\(parts[0]) \(parts[1]) HTTP/1.1"
        case .skipHostCheck:
            let host = head.fields.values("Host").first ?? "localhost"
            head.fields.set("Host", host)
        case .skipUpgradeCheck:
            head.fields.set("Upgrade", "websocket")
        case .skipConnectionCheck:
            head.fields.set("Connection", "Upgrade")
        case .skipKeyCheck:
            head.fields.set("Sec-WebSocket-Key", OpeningKeys.wellFormed)
        default:
            return nil
        }
        return head
    }

    /// Why a server with a too-strict fault refuses `head`, a valid request; nil when it does not.
    func refusesValid(_ head: HTTPHead) -> String? {
        switch self {
        case .exactConnectionValue where head.fields.values("Connection") != ["Upgrade"]:
            return "Connection is not exactly Upgrade"
        case .caseSensitiveUpgrade where head.fields.values("Upgrade") != ["websocket"]:
            return "Upgrade is not exactly websocket"
        case .caseSensitiveFieldNames:
            let spelt = ["Host", "Upgrade", "Connection", "Sec-WebSocket-Key", "Sec-WebSocket-Version"]
            let odd = head.fields.fields.filter { field in
                spelt.contains { $0.lowercased() == field.name.lowercased() && $0 != field.name }
            }
            return odd.isEmpty ? nil : "field \(odd[0].name) not spelt as RFC 6455 prints it"
        default:
            return nil
        }
    }

    /// The draft-76 answer of `accept-hixie-76` to a request with Sec-WebSocket-Key1: a 101 in
    /// that draft's form, with no Sec-WebSocket-Accept. Nil for any other request or fault.
    func hixie76Answer(_ head: HTTPHead) -> [UInt8]? {
        guard self == .acceptHixie76, head.fields["Sec-WebSocket-Key1"] != nil else { return nil }
        let response = HandshakeResponse(
            status: 101, reason: "WebSocket Protocol Handshake", fields: [("Upgrade", "WebSocket"), ("Connection", "Upgrade")])
        return response.serialized()
    }
}

/// Keys the faults need.
enum OpeningKeys {
    /// A key of 16 octets in base64, RFC 6455 §4.1 (the §1.3 sample).
    static let wellFormed = "dGhlIHNhbXBsZSBub25jZQ=="
}

extension String {
    /// The text without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        let scalars = unicodeScalars.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed()
        return String(String.UnicodeScalarView(scalars))
    }
}
