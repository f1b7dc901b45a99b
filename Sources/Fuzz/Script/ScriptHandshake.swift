import Wire

/// The opening handshake of a script, RFC 6455 §4.1: the standard request with overrides, or
/// a request written out in full (every part can be dropped, repeated or malformed).
///
/// Both forms may use the placeholder `{host}` in a field value; `SessionScript.wire(host:)`
/// puts the target's host there, so one corpus file works against any target.
public enum ScriptHandshake: Hashable, Sendable {
    /// The request a conforming client sends, with these fields set or removed, in order.
    case standard(overrides: [HeaderOverride])
    /// This exact request.
    case explicit(RequestHead)

    /// The key the standard request sends: the RFC 6455 §1.3 sample, so scripts are
    /// deterministic and the accept value is known (`s3pPLMBiTxaQ9kYGzzhZRbK+xOo=`).
    public static let standardKey = "dGhlIHNhbXBsZSBub25jZQ=="

    /// The placeholder replaced by the target's host.
    public static let hostPlaceholder = "{host}"

    /// The standard request without overrides.
    public static let standard = ScriptHandshake.standard(overrides: [])

    /// The request this handshake sends, written out (placeholders kept).
    public var head: RequestHead {
        switch self {
        case .explicit(let head): return head
        case .standard(let overrides):
            let request = HandshakeRequest.standard(host: Self.hostPlaceholder, key: Self.standardKey)
            var fields = request.fields
            for override in overrides {
                if let value = override.value { fields.set(override.name, value) } else { fields.remove(override.name) }
            }
            return RequestHead(
                method: request.method, target: request.target, version: request.version,
                fields: fields.map { HeaderField(name: $0.name, value: $0.value) }, lineEnding: request.lineEnding)
        }
    }

    /// The octets of the request, with `host` in place of the placeholder.
    public func serialized(host: String) -> [UInt8] { head.serialized(host: host) }
}

/// One change to the standard request: set a field (replacing any of the same name, at the
/// first one's place) or, with a nil value, remove it.
public struct HeaderOverride: Hashable, Sendable, Codable {
    public var name: String
    public var value: String?

    public init(name: String, value: String?) {
        self.name = name
        self.value = value
    }
}

/// One header field as written: exact spelling, no normalisation (RFC 9110 §5.1 makes names
/// case-insensitive for the server; the script keeps what was sent).
public struct HeaderField: Hashable, Sendable, Codable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// A request written out in full: request line parts, ordered fields, line ending.
public struct RequestHead: Hashable, Sendable, Codable {
    public var method: String
    public var target: String
    public var version: String
    public var fields: [HeaderField]
    /// CR LF per RFC 9112 §2.1; a bare LF and others test lenient or strict servers.
    public var lineEnding: String

    public init(
        method: String = "GET", target: String = "/", version: String = "HTTP/1.1", fields: [HeaderField], lineEnding: String = "\r\n"
    ) {
        self.method = method
        self.target = target
        self.version = version
        self.fields = fields
        self.lineEnding = lineEnding
    }

    /// The request octets, written by Wire's `HandshakeRequest`, with `host` for the placeholder.
    public func serialized(host: String) -> [UInt8] {
        let fields = HeaderFields(
            self.fields.map { HeaderFields.Field($0.name, $0.value.replacingPlaceholder(ScriptHandshake.hostPlaceholder, with: host)) })
        return HandshakeRequest(method: method, target: target, version: version, fields: fields, lineEnding: lineEnding).serialized()
    }
}

extension String {
    /// `self` with every `placeholder` replaced (no Foundation needed).
    func replacingPlaceholder(_ placeholder: String, with value: String) -> String {
        // A scan for the first octet first: Foundation's substring search is slow, and most
        // values (and every padding field) hold no placeholder.
        guard let first = placeholder.utf8.first, utf8.contains(first), contains(placeholder) else { return self }
        return split(separator: placeholder, omittingEmptySubsequences: false).joined(separator: value)
    }
}

extension ScriptHandshake: Codable {
    private enum CodingKeys: String, CodingKey {
        case standard, method, target, version, fields, lineEnding
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if container.contains(.standard) {
            let overrides = try container.decode([HeaderOverride].self, forKey: .standard)
            guard overrides.count <= ScriptLimits.maxHeaderFields else {
                throw container.corrupt(.standard, "\(overrides.count) overrides, over the cap of \(ScriptLimits.maxHeaderFields)")
            }
            let sizes = overrides.map { $0.name.utf8.count + ($0.value?.utf8.count ?? 0) }
            if sizes.contains(where: { $0 > ScriptLimits.maxHeaderText }) {
                throw container.corrupt(.standard, "a field over \(ScriptLimits.maxHeaderText) octets")
            }
            guard sizes.reduce(0, +) <= ScriptLimits.maxHandshakeBytes else {
                throw container.corrupt(.standard, "overrides over \(ScriptLimits.maxHandshakeBytes) octets in all")
            }
            self = .standard(overrides: overrides)
            return
        }
        let limit = ScriptLimits.maxHeaderText
        let fields = try container.decode([HeaderField].self, forKey: .fields)
        guard fields.count <= ScriptLimits.maxHeaderFields else {
            throw container.corrupt(.fields, "\(fields.count) fields, over the cap of \(ScriptLimits.maxHeaderFields)")
        }
        for field in fields where field.name.utf8.count + field.value.utf8.count > limit {
            throw container.corrupt(.fields, "a field over \(limit) octets")
        }
        let head = RequestHead(
            method: try container.decodeText(.method, limit: limit), target: try container.decodeText(.target, limit: limit),
            version: try container.decodeText(.version, limit: limit), fields: fields,
            lineEnding: try container.decodeText(.lineEnding, limit: ScriptLimits.maxLineEnding))
        let size = head.fields.reduce(0) { $0 + $1.name.utf8.count + $1.value.utf8.count + 4 }
        guard size <= ScriptLimits.maxHandshakeBytes else {
            throw container.corrupt(.fields, "a head of \(size) octets, over the cap of \(ScriptLimits.maxHandshakeBytes)")
        }
        self = .explicit(head)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .standard(let overrides):
            try container.encode(overrides, forKey: .standard)
        case .explicit(let head):
            try container.encode(head.method, forKey: .method)
            try container.encode(head.target, forKey: .target)
            try container.encode(head.version, forKey: .version)
            try container.encode(head.fields, forKey: .fields)
            try container.encode(head.lineEnding, forKey: .lineEnding)
        }
    }
}
