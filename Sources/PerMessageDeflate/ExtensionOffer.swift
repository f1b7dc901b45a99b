import Wire

/// One element of a `Sec-WebSocket-Extensions` list, RFC 6455 §9.1:
/// `extension = extension-token *( ";" extension-param )`.
///
/// The same grammar serves a client's offer and a server's response, so one type holds both.
/// Parameters keep their order and their duplicates: RFC 7692 §7 makes a repeated parameter a
/// reason to decline, so the parser must not merge them away before the judge sees them.
public struct ExtensionOffer: Hashable, Sendable, CustomStringConvertible {
    /// `extension-param = token [ "=" (token | quoted-string) ]`, RFC 6455 §9.1.
    public struct Parameter: Hashable, Sendable {
        /// The parameter's token, as written.
        public var name: String
        /// The value after unquoting, or nil for a parameter written without `=`.
        public var value: String?
        /// True when the value was (or is to be) written as a quoted-string. The formatter quotes
        /// a value that is not a token anyway; this lets a fuzzer quote one that is.
        public var quoted: Bool

        public init(_ name: String, _ value: String? = nil, quoted: Bool = false) {
            self.name = name
            self.value = value
            self.quoted = quoted
        }
    }

    /// The extension token, e.g. `permessage-deflate`, as written.
    public var name: String
    /// The parameters in wire order, duplicates included.
    public var parameters: [Parameter]

    public init(_ name: String, _ parameters: [Parameter] = []) {
        self.name = name
        self.parameters = parameters
    }

    /// True when `name` equals `other` ignoring ASCII case: extension and parameter names are
    /// HTTP tokens, which this suite compares case-insensitively, as the handshake checks do.
    public func hasName(_ other: String) -> Bool {
        Self.sameToken(name, other)
    }

    /// The element as it goes on the wire: `name; p1; p2=v2; p3="v 3"`.
    public var headerValue: String {
        var text = name
        for parameter in parameters {
            text += "; " + parameter.name
            guard let value = parameter.value else { continue }
            text += "=" + (parameter.quoted || !Self.isToken(value) ? Self.quote(value) : value)
        }
        return text
    }

    public var description: String { headerValue }

    /// A whole header value: elements joined with ", ", RFC 6455 §9.1 (`1#extension`).
    public static func formatList(_ offers: [ExtensionOffer]) -> String {
        offers.map(\.headerValue).joined(separator: ", ")
    }

    /// `quoted-string` with `"` and `\` escaped as quoted-pairs (RFC 7230 §3.2.6).
    static func quote(_ value: String) -> String {
        var text = "\""
        for character in value {
            if character == "\"" || character == "\\" { text.append("\\") }
            text.append(character)
        }
        return text + "\""
    }

    /// `tchar`, RFC 7230 §3.2.6: the octets a token may contain.
    static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "A")...UInt8(ascii: "Z"):
            return true
        default:
            return Array("!#$%&'*+-.^_`|~".utf8).contains(byte)
        }
    }

    /// `token = 1*tchar`, RFC 7230 §3.2.6.
    static func isToken(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy(isTokenByte)
    }

    /// ASCII case-insensitive equality of two tokens.
    static func sameToken(_ lhs: String, _ rhs: String) -> Bool {
        lhs.utf8.count == rhs.utf8.count
            && zip(lhs.utf8, rhs.utf8).allSatisfy { lowercase($0) == lowercase($1) }
    }

    private static func lowercase(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte | 0x20 : byte
    }
}
