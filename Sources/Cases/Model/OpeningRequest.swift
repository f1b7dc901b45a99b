import Wire

/// The client's opening handshake request, RFC 6455 §4.1, as data: the standard request with
/// fields set or removed, or a request written out in full (every part can be dropped,
/// repeated, re-cased or malformed). Catalogue cases and fuzz scripts send the same type.
///
/// Both forms may use the placeholder `{host}` in a field value; the sender puts the target's
/// host there, so one case or corpus file works against any target.
public enum OpeningRequest: Hashable, Sendable {
    /// The request a conforming client sends, with these fields set or removed, in order.
    case standard(overrides: [HeaderOverride])
    /// This exact request.
    case explicit(RequestHead)

    /// The key the standard request sends unless told another: the RFC 6455 §1.3 sample, so
    /// scripts are deterministic and the accept value is known (`s3pPLMBiTxaQ9kYGzzhZRbK+xOo=`).
    public static let standardKey = "dGhlIHNhbXBsZSBub25jZQ=="

    /// The placeholder replaced by the target's host.
    public static let hostPlaceholder = "{host}"

    /// The standard request without overrides.
    public static let standard = OpeningRequest.standard(overrides: [])

    /// The request this handshake sends, written out (placeholders kept).
    public var head: RequestHead { head(key: Self.standardKey) }

    /// The request written out, the standard form carrying `key` (placeholders kept).
    public func head(key: String) -> RequestHead {
        switch self {
        case .explicit(let head): return head
        case .standard(let overrides):
            let request = HandshakeRequest.standard(host: Self.hostPlaceholder, key: key)
            let fields = Self.applying(overrides, to: request.fields)
            return RequestHead(
                method: request.method, target: request.target, version: request.version,
                fields: fields.map { HeaderField(name: $0.name, value: $0.value) }, lineEnding: request.lineEnding)
        }
    }

    /// `fields` with `overrides` applied in order: each sets a field (replacing any of the same
    /// name at the first one's place) or, without a value, removes it.
    public static func applying(_ overrides: [HeaderOverride], to fields: HeaderFields) -> HeaderFields {
        var fields = fields
        for override in overrides {
            if let value = override.value { fields.set(override.name, value) } else { fields.remove(override.name) }
        }
        return fields
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
    public func serialized(host: String) -> [UInt8] { request(host: host).serialized() }

    /// The request as Wire's `HandshakeRequest`, with `host` for the placeholder.
    public func request(host: String) -> HandshakeRequest {
        let fields = HeaderFields(
            self.fields.map { HeaderFields.Field($0.name, $0.value.replacingPlaceholder(OpeningRequest.hostPlaceholder, with: host)) })
        return HandshakeRequest(method: method, target: target, version: version, fields: fields, lineEnding: lineEnding)
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

