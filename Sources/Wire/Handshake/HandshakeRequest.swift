/// The client's opening handshake, RFC 6455 §4.1: a GET request with upgrade headers.
///
/// Every part can be set, omitted, repeated or malformed: the method, the request target, the
/// HTTP version, each header field, and the line ending, because handshake cases and the
/// fuzzer must send requests a server has to refuse.
public struct HandshakeRequest: Hashable, Sendable {
    public var method: String
    public var target: String
    public var version: String
    public var fields: HeaderFields
    /// "\r\n" per RFC 9112 §2.1; other values exist to test lenient or strict servers.
    public var lineEnding: String

    public init(method: String = "GET", target: String, version: String = "HTTP/1.1", fields: HeaderFields, lineEnding: String = "\r\n") {
        self.method = method
        self.target = target
        self.version = version
        self.fields = fields
        self.lineEnding = lineEnding
    }

    /// A well-formed request for `host` (with port when not the default) and `target`.
    ///
    /// `extensions` and `subprotocols` become `Sec-WebSocket-Extensions` and
    /// `Sec-WebSocket-Protocol` when not empty; `extraFields` are appended as given.
    public static func standard(
        host: String, target: String = "/", key: String, origin: String? = nil,
        subprotocols: [String] = [], extensions: [String] = [], extraFields: HeaderFields = []
    ) -> HandshakeRequest {
        var fields: HeaderFields = [
            ("Host", host), ("Upgrade", "websocket"), ("Connection", "Upgrade"),
            ("Sec-WebSocket-Key", key), ("Sec-WebSocket-Version", "13"),
        ]
        if let origin { fields.add("Origin", origin) }
        if !subprotocols.isEmpty { fields.add("Sec-WebSocket-Protocol", subprotocols.joined(separator: ", ")) }
        if !extensions.isEmpty { fields.add("Sec-WebSocket-Extensions", extensions.joined(separator: ", ")) }
        for field in extraFields { fields.add(field.name, field.value) }
        return HandshakeRequest(target: target, fields: fields)
    }

    /// The request as octets: request line, fields, empty line.
    public func serialized() -> [UInt8] {
        var text = "\(method) \(target) \(version)\(lineEnding)"
        for field in fields { text += "\(field.name): \(field.value)\(lineEnding)" }
        text += lineEnding
        return Array(text.utf8)
    }

    /// The key this request carries (first `Sec-WebSocket-Key` field), for checking the accept value.
    public var key: String? { fields.values("Sec-WebSocket-Key").first }
}
