import Wire

/// `--header 'Name: value'`: a request field sent with every opening handshake (credentials for
/// a staging server, a routing cookie). Checked before anything runs: a field that could not go
/// on the wire as given, or one the handshake itself owns, is a usage error.
enum HeaderOption {
    /// Fields the opening handshake sets itself (RFC 6455 §4.1); `Origin` and
    /// `Sec-WebSocket-Protocol` have options of their own.
    static let owned: [String: String] = [
        "host": "the target URL sets it", "upgrade": "the handshake sets it", "connection": "the handshake sets it",
        "sec-websocket-key": "the handshake sets it", "sec-websocket-version": "the handshake sets it",
        "sec-websocket-extensions": "cases choose their own offer", "origin": "use --origin",
        "sec-websocket-protocol": "use --subprotocol",
    ]

    static func parse(_ text: String) throws(UsageError) -> HeaderFields.Field {
        guard let colon = text.firstIndex(of: ":") else { throw UsageError("--header needs 'Name: value', not \"\(text)\"") }
        let name = String(text[..<colon])
        let value = text[text.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        // RFC 9110 §5.1: a field name is a token.
        guard !name.isEmpty, name.unicodeScalars.allSatisfy(isTokenCharacter) else {
            throw UsageError("--header: \"\(name)\" is not a valid field name")
        }
        // RFC 9110 §5.5: no CR, LF or NUL in a field value.
        guard !value.unicodeScalars.contains(where: { $0 == "\r" || $0 == "\n" || $0 == "\0" }) else {
            throw UsageError("--header \(name): the value may not contain CR, LF or NUL")
        }
        if let why = owned[name.lowercased()] { throw UsageError("--header cannot set \(name): \(why)") }
        return HeaderFields.Field(name, value)
    }

    static func isTokenCharacter(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII && (("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar))
            || "!#$%&'*+-.^_`|~".unicodeScalars.contains(scalar)
    }
}
