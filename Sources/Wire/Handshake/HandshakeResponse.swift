/// A server's answer to the opening handshake, RFC 6455 §4.2.2: 101 on success, or an HTTP
/// error status (400, 426 with `Sec-WebSocket-Version`) when the request is refused.
public struct HandshakeResponse: Hashable, Sendable {
    public var status: Int
    public var reason: String
    public var fields: HeaderFields
    public var body: String

    public init(status: Int, reason: String, fields: HeaderFields = [], body: String = "") {
        self.status = status
        self.reason = reason
        self.fields = fields
        self.body = body
    }

    /// The 101 response accepting `key`, with the negotiated subprotocol and extensions.
    public static func switchingProtocols(key: String, subprotocol: String? = nil, extensions: String? = nil, server: String? = nil)
        -> HandshakeResponse
    {
        var fields: HeaderFields = [
            ("Upgrade", "websocket"), ("Connection", "Upgrade"), ("Sec-WebSocket-Accept", AcceptKey.accept(forKey: key)),
        ]
        if let subprotocol { fields.add("Sec-WebSocket-Protocol", subprotocol) }
        if let extensions { fields.add("Sec-WebSocket-Extensions", extensions) }
        if let server { fields.add("Server", server) }
        return HandshakeResponse(status: 101, reason: "Switching Protocols", fields: fields)
    }

    /// The response as octets; error responses carry a body and close the connection.
    public func serialized() -> [UInt8] {
        var text = "HTTP/1.1 \(status) \(reason)\r\n"
        var fields = self.fields
        if status != 101 {
            fields.set("Content-Type", "text/plain; charset=utf-8")
            fields.set("Content-Length", String(body.utf8.count))
            fields.set("Connection", "close")
        }
        for field in fields { text += "\(field.name): \(field.value)\r\n" }
        text += "\r\n" + body
        return Array(text.utf8)
    }
}
