/// A WebSocket URI as RFC 6455 §3 defines it: `ws://` or `wss://`, host, port, resource name.
public struct TargetURL: Hashable, Sendable, CustomStringConvertible {
    /// True for `wss://` (TLS).
    public var secure: Bool
    /// Host name or address; IPv6 literals are kept without brackets.
    public var host: String
    public var port: UInt16
    /// Path and query, "/" when empty (RFC 6455 §3 "resource-name").
    public var resource: String

    public init(secure: Bool, host: String, port: UInt16? = nil, resource: String = "/") {
        self.secure = secure
        self.host = host
        self.port = port ?? (secure ? 443 : 80)
        self.resource = resource
    }

    /// Parses `text`, or says in one line what is wrong with it.
    public static func parse(_ text: String) -> Result<TargetURL, URLProblem> {
        let secure: Bool
        let rest: Substring
        if text.lowercased().hasPrefix("ws://") {
            secure = false
            rest = text.dropFirst(5)
        } else if text.lowercased().hasPrefix("wss://") {
            secure = true
            rest = text.dropFirst(6)
        } else {
            return .failure(URLProblem("\(text): the scheme must be ws:// or wss:// (RFC 6455 §3)"))
        }
        if rest.contains("#") { return .failure(URLProblem("\(text): fragment identifiers are not allowed (RFC 6455 §3)")) }
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        var resource = String(rest[authorityEnd...])
        if resource.isEmpty { resource = "/" } else if resource.hasPrefix("?") { resource = "/" + resource }
        if authority.contains("@") { return .failure(URLProblem("\(text): user information is not supported")) }
        var host: Substring
        var portText: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { return .failure(URLProblem("\(text): unclosed IPv6 literal")) }
            host = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            if after.hasPrefix(":") {
                portText = after.dropFirst()
            } else if !after.isEmpty {
                return .failure(URLProblem("\(text): unexpected text after the IPv6 literal"))
            }
        } else if let colon = authority.lastIndex(of: ":") {
            host = authority[..<colon]
            portText = authority[authority.index(after: colon)...]
        } else {
            host = authority
        }
        if host.isEmpty { return .failure(URLProblem("\(text): the host is empty")) }
        var port: UInt16?
        if let portText {
            guard let value = UInt16(portText), value > 0 else {
                return .failure(URLProblem("\(text): port \"\(portText)\" is not 1-65535"))
            }
            port = value
        }
        return .success(TargetURL(secure: secure, host: String(host), port: port, resource: resource))
    }

    /// The `Host` header value: host, with the port when it is not the scheme's default.
    public var hostHeader: String {
        let name = host.contains(":") ? "[\(host)]" : host
        return port == (secure ? 443 : 80) ? name : "\(name):\(port)"
    }

    public var description: String { "\(secure ? "wss" : "ws")://\(hostHeader)\(resource)" }
}

/// Why a target URL was refused, in one line.
public struct URLProblem: Error, Hashable, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
