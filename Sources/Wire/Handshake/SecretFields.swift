/// Credentials in the opening handshake (RFC 6455 §4.1: the client may send any field, such
/// as `Authorization` or `Cookie`) must never reach a transcript, report or log. One rule for
/// which fields are secret, used by the engine's transcripts and the reports alike.
extension HeaderFields {
    /// What is written instead of a secret value.
    public static let redactedValue = "<redacted>"

    /// Words that mark a field name as secret, compared case-insensitively as substrings.
    static let secretWords = ["authorization", "cookie", "token", "secret", "password", "passwd", "api-key", "apikey", "session", "auth"]

    /// True when a field of this name may carry a credential.
    public static func isSecret(name: String) -> Bool {
        let name = name.lowercased()
        return secretWords.contains { name.contains($0) }
    }

    /// The same fields with every secret value replaced by `redactedValue`.
    public func redacted() -> HeaderFields {
        HeaderFields(fields.map { Self.isSecret(name: $0.name) ? Field($0.name, Self.redactedValue) : $0 })
    }
}

extension HandshakeRequest {
    /// The request as it may be shown: secret field values redacted.
    public func redacted() -> HandshakeRequest {
        var copy = self
        copy.fields = fields.redacted()
        return copy
    }
}
