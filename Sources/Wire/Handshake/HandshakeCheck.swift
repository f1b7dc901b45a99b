/// A way in which an opening handshake breaks RFC 6455 §4, found by either side.
public struct HandshakeProblem: Hashable, Sendable, CustomStringConvertible {
    /// The RFC section that states the rule, e.g. "RFC 6455 §4.1".
    public var section: String
    public var text: String

    public init(_ section: String, _ text: String) {
        self.section = section
        self.text = text
    }

    public var description: String { "\(text) (\(section))" }
}

/// The server's view of a valid client request, RFC 6455 §4.2.1.
public struct ClientOpening: Hashable, Sendable {
    public var target: String
    public var key: String
    public var subprotocols: [String]
    /// Raw `Sec-WebSocket-Extensions` values, for the extension negotiation to parse.
    public var extensionValues: [String]
    public var origin: String?
}

/// The rules of the opening handshake, checked from either side.
public enum HandshakeCheck {
    /// Checks a request as a server must, RFC 6455 §4.2.1; on failure, the response to send
    /// (400, or 426 with `Sec-WebSocket-Version: 13` for an unsupported version, §4.4).
    public static func checkRequest(_ head: HTTPHead) -> Result<ClientOpening, HandshakeRejection> {
        func reject(_ text: String, _ section: String = "RFC 6455 §4.2.1") -> Result<ClientOpening, HandshakeRejection> {
            .failure(
                HandshakeRejection(
                    problem: HandshakeProblem(section, text),
                    response: HandshakeResponse(status: 400, reason: "Bad Request", body: text + "\n")))
        }
        guard head.method == "GET" else { return reject("method is not GET") }
        guard let version = head.version, version.hasPrefix("HTTP/1."), let minor = Int(version.dropFirst(7)), minor >= 1 else {
            return reject("HTTP version is not 1.1 or higher")
        }
        guard let target = head.target, target.hasPrefix("/") || target.hasPrefix("http") else {
            return reject("request target is not a path or absolute URI")
        }
        guard head.fields.values("Host").count == 1 else { return reject("Host must appear exactly once", "RFC 9112 §3.2") }
        guard head.fields.listContains("Upgrade", token: "websocket") else { return reject("Upgrade does not hold websocket") }
        guard head.fields.listContains("Connection", token: "upgrade") else { return reject("Connection does not hold Upgrade") }
        let keys = head.fields.values("Sec-WebSocket-Key")
        guard keys.count == 1, AcceptKey.isWellFormed(key: keys[0]) else {
            return reject("Sec-WebSocket-Key is missing, repeated, or not 16 octets in base64")
        }
        let versions = head.fields.values("Sec-WebSocket-Version")
        guard versions == ["13"] else {
            let text = "Sec-WebSocket-Version is not 13"
            return .failure(
                HandshakeRejection(
                    problem: HandshakeProblem("RFC 6455 §4.4", text),
                    response: HandshakeResponse(
                        status: 426, reason: "Upgrade Required", fields: [("Sec-WebSocket-Version", "13")], body: text + "\n")))
        }
        return .success(
            ClientOpening(
                target: target, key: keys[0], subprotocols: head.fields.listElements("Sec-WebSocket-Protocol"),
                extensionValues: head.fields.values("Sec-WebSocket-Extensions"), origin: head.fields["Origin"]))
    }

    /// Checks a response as a client must, RFC 6455 §4.1 (the items after "the client MUST
    /// validate the server's response"): empty when the connection is established.
    public static func checkResponse(
        _ head: HTTPHead, key: String, offeredSubprotocols: [String] = [], offeredExtensions: [String] = []
    ) -> [HandshakeProblem] {
        var problems: [HandshakeProblem] = []
        let section = "RFC 6455 §4.1"
        guard head.statusCode == 101 else {
            return [
                HandshakeProblem(
                    section, "status is \(head.statusCode.map(String.init) ?? "missing"), not 101: \(head.startLine.prefix(80))")
            ]
        }
        if !head.fields.listContains("Upgrade", token: "websocket") {
            problems.append(HandshakeProblem(section, "Upgrade does not hold websocket"))
        }
        if !head.fields.listContains("Connection", token: "upgrade") {
            problems.append(HandshakeProblem(section, "Connection does not hold Upgrade"))
        }
        let accepts = head.fields.values("Sec-WebSocket-Accept")
        if accepts != [AcceptKey.accept(forKey: key)] {
            problems.append(HandshakeProblem(section, "Sec-WebSocket-Accept is \(accepts), expected \(AcceptKey.accept(forKey: key))"))
        }
        let offeredNames = Set(
            offeredExtensions.map { $0.split(separator: ";").first.map { $0.trimmingASCIIWhitespace().lowercased() } ?? "" })
        for element in head.fields.listElements("Sec-WebSocket-Extensions") {
            let name = element.split(separator: ";").first.map { $0.trimmingASCIIWhitespace().lowercased() } ?? ""
            if !offeredNames.contains(name) {
                problems.append(HandshakeProblem(section, "extension \(name) was not offered"))
            }
        }
        let protocols = head.fields.listElements("Sec-WebSocket-Protocol")
        if protocols.count > 1 || protocols.contains(where: { !offeredSubprotocols.contains($0) }) {
            problems.append(HandshakeProblem(section, "Sec-WebSocket-Protocol \(protocols) is not one offered subprotocol"))
        }
        return problems
    }
}

/// A refused request: what was wrong, and the HTTP response that says so.
public struct HandshakeRejection: Error, Hashable, Sendable {
    public var problem: HandshakeProblem
    public var response: HandshakeResponse
}
