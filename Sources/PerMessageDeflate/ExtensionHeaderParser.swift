import Wire

/// A place where a `Sec-WebSocket-Extensions` value breaks the grammar of RFC 6455 §9.1.
///
/// Reported, not thrown: a client MUST fail the connection on a response it cannot parse and a
/// server declines such an offer, but a conformance tool also wants to see the rest of the list.
public struct ExtensionHeaderProblem: Hashable, Sendable, CustomStringConvertible {
    /// What was wrong.
    public enum Kind: Hashable, Sendable {
        /// The field was present but held no element; `1#extension` needs one, RFC 6455 §9.1.
        case noExtensions
        /// An element did not start with an `extension-token`.
        case expectedExtensionName
        /// A `;` was not followed by a parameter token.
        case expectedParameterName
        /// An `=` was not followed by a token or a quoted-string.
        case expectedParameterValue
        /// A quoted-string ran to the end of the field value.
        case unterminatedQuotedString
        /// An octet where only `;`, `,` or the end may follow.
        case unexpectedCharacter(UInt8)
        /// A quoted value that is not a token after unquoting: RFC 6455 §9.1 requires it to be.
        /// The parameter is kept (lenient); this records the rule break.
        case quotedValueNotToken(parameter: String, value: String)
    }

    /// Which header line (index into the values given to the parser) and which octet in it.
    public struct Position: Hashable, Sendable {
        public var line: Int
        public var offset: Int
    }

    public var kind: Kind
    /// Where the problem starts; nil for problems of the whole field (`noExtensions`).
    public var position: Position?

    public init(_ kind: Kind, at position: Position?) {
        self.kind = kind
        self.position = position
    }

    public var description: String {
        let what: String
        switch kind {
        case .noExtensions: what = "empty extension list"
        case .expectedExtensionName: what = "expected an extension token"
        case .expectedParameterName: what = "expected a parameter token after ';'"
        case .expectedParameterValue: what = "expected a token or quoted-string after '='"
        case .unterminatedQuotedString: what = "unterminated quoted-string"
        case .unexpectedCharacter(let byte): what = "unexpected octet 0x\(String(byte, radix: 16))"
        case .quotedValueNotToken(let parameter, let value):
            what = "quoted value \(ExtensionOffer.quote(value)) of \(parameter) is not a token"
        }
        guard let position else { return "\(what) (RFC 6455 §9.1)" }
        return "\(what) at line \(position.line) offset \(position.offset) (RFC 6455 §9.1)"
    }
}

/// The elements a `Sec-WebSocket-Extensions` field holds and the grammar rules it breaks.
public struct ExtensionHeaderParse: Hashable, Sendable {
    /// Every element that parsed, in order across all lines; a malformed element is left out.
    public var offers: [ExtensionOffer]
    /// Every rule broken, in order; empty for a well-formed field.
    public var problems: [ExtensionHeaderProblem]

    /// True when the field follows RFC 6455 §9.1 exactly.
    public var isWellFormed: Bool { problems.isEmpty }
}

extension ExtensionOffer {
    /// Parses every `Sec-WebSocket-Extensions` line of a message, RFC 6455 §9.1.
    ///
    /// The field "MAY be split or combined across multiple lines" (RFC 6455 §9.1), so the lines
    /// are one list in order. Lenient: optional whitespace is allowed around `,` `;` and `=`,
    /// empty list elements are skipped (RFC 7230 §7), and a malformed element is reported and
    /// skipped up to the next `,` outside quotes, so the remaining elements are still seen.
    /// No lines at all means no field, which is not a problem.
    public static func parseList(_ headerValues: [String]) -> ExtensionHeaderParse {
        var result = ExtensionHeaderParse(offers: [], problems: [])
        for (line, value) in headerValues.enumerated() {
            var scanner = ExtensionListScanner(bytes: Array(value.utf8), line: line)
            scanner.scanList(into: &result)
        }
        if !headerValues.isEmpty, result.offers.isEmpty, result.problems.isEmpty {
            result.problems.append(ExtensionHeaderProblem(.noExtensions, at: nil))
        }
        return result
    }
}

/// A cursor over one header line; the grammar's productions are its methods.
private struct ExtensionListScanner {
    let bytes: [UInt8]
    let line: Int
    var index = 0

    init(bytes: [UInt8], line: Int) {
        self.bytes = bytes
        self.line = line
    }

    private var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    private func position(_ offset: Int? = nil) -> ExtensionHeaderProblem.Position {
        ExtensionHeaderProblem.Position(line: line, offset: offset ?? index)
    }

    /// `#element` with empty elements allowed; each failure skips to the next comma.
    mutating func scanList(into result: inout ExtensionHeaderParse) {
        while true {
            skipWhitespace()
            guard let byte = current else { return }
            if byte == UInt8(ascii: ",") {
                index += 1
                continue
            }
            switch scanElement(problems: &result.problems) {
            case .element(let offer):
                skipWhitespace()
                if let next = current, next != UInt8(ascii: ",") {
                    result.problems.append(ExtensionHeaderProblem(.unexpectedCharacter(next), at: position()))
                    skipToNextElement()
                } else {
                    result.offers.append(offer)
                }
            case .malformed(let problem):
                result.problems.append(problem)
                skipToNextElement()
            }
        }
    }

    /// An element, or the problem that ends it.
    private enum ElementScan {
        case element(ExtensionOffer)
        case malformed(ExtensionHeaderProblem)
    }

    /// `extension-token *( ";" extension-param )`.
    private mutating func scanElement(
        problems: inout [ExtensionHeaderProblem]
    ) -> ElementScan {
        guard let name = scanToken() else {
            return .malformed(ExtensionHeaderProblem(.expectedExtensionName, at: position()))
        }
        var offer = ExtensionOffer(name)
        while true {
            skipWhitespace()
            guard current == UInt8(ascii: ";") else { return .element(offer) }
            index += 1
            skipWhitespace()
            guard let parameterName = scanToken() else {
                return .malformed(ExtensionHeaderProblem(.expectedParameterName, at: position()))
            }
            let afterName = index
            skipWhitespace()
            guard current == UInt8(ascii: "=") else {
                index = afterName
                offer.parameters.append(ExtensionOffer.Parameter(parameterName))
                continue
            }
            index += 1
            skipWhitespace()
            let valueStart = index
            if current == UInt8(ascii: "\"") {
                guard let value = scanQuotedString() else {
                    return .malformed(ExtensionHeaderProblem(.unterminatedQuotedString, at: position(valueStart)))
                }
                if !ExtensionOffer.isToken(value) {
                    let kind = ExtensionHeaderProblem.Kind.quotedValueNotToken(parameter: parameterName, value: value)
                    problems.append(ExtensionHeaderProblem(kind, at: position(valueStart)))
                }
                offer.parameters.append(ExtensionOffer.Parameter(parameterName, value, quoted: true))
            } else if let value = scanToken() {
                offer.parameters.append(ExtensionOffer.Parameter(parameterName, value))
            } else {
                return .malformed(ExtensionHeaderProblem(.expectedParameterValue, at: position()))
            }
        }
    }

    /// `1*tchar`, or nil without consuming anything.
    private mutating func scanToken() -> String? {
        let start = index
        while let byte = current, ExtensionOffer.isTokenByte(byte) { index += 1 }
        guard index > start else { return nil }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    /// `DQUOTE *( qdtext / quoted-pair ) DQUOTE`, unescaped; nil when the closing quote is
    /// missing. Lenient about which octets appear inside: the token check judges the value.
    private mutating func scanQuotedString() -> String? {
        index += 1
        var value: [UInt8] = []
        while let byte = current {
            index += 1
            if byte == UInt8(ascii: "\"") { return String(decoding: value, as: UTF8.self) }
            if byte == UInt8(ascii: "\\"), let escaped = current {
                index += 1
                value.append(escaped)
            } else {
                value.append(byte)
            }
        }
        return nil
    }

    /// OWS = *( SP / HTAB ).
    private mutating func skipWhitespace() {
        while current == UInt8(ascii: " ") || current == UInt8(ascii: "\t") { index += 1 }
    }

    /// Recovery: past the next `,` that is not inside a quoted-string, or to the end.
    private mutating func skipToNextElement() {
        var inQuotes = false
        while let byte = current {
            index += 1
            if inQuotes, byte == UInt8(ascii: "\\") {
                index += 1
            } else if byte == UInt8(ascii: "\"") {
                inQuotes.toggle()
            } else if !inQuotes, byte == UInt8(ascii: ",") {
                return
            }
        }
    }
}
