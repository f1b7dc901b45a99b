import Wire

/// One change to the standard request beyond setting or removing a field (`HeaderOverride`):
/// the shapes the opening-handshake cases send to see whether a server reads RFC 6455 §4.2.1,
/// RFC 9110 and RFC 9112 as they are written. The edits apply after the run's own additions
/// (`--origin`, `--header`), so a case against a server that needs credentials still sends them.
public enum RequestEdit: Hashable, Sendable, CustomStringConvertible {
    /// The request method (RFC 6455 §4.1: GET).
    case method(String)
    /// The HTTP version of the request line (RFC 6455 §4.1: at least HTTP/1.1).
    case version(String)
    /// One more field line with this name and value, after the others: a repeated field.
    case append(name: String, value: String)
    /// The field's name spelt this way (field names are case-insensitive, RFC 9110 §5.1).
    case spell(String, as: String)

    public var description: String {
        switch self {
        case .method(let method): return "method \(method)"
        case .version(let version): return "request line version \(version)"
        case .append(let name, let value): return "a second line \(name): \(value)"
        case .spell(let name, let spelling): return "\(name) spelt \(spelling)"
        }
    }
}

extension HandshakeRequest {
    /// This request with `edits` applied in order.
    public mutating func apply(_ edits: [RequestEdit]) {
        for edit in edits {
            switch edit {
            case .method(let method): self.method = method
            case .version(let version): self.version = version
            case .append(let name, let value): fields.add(name, value)
            case .spell(let name, let spelling):
                for index in fields.fields.indices where fields.fields[index].name.lowercased() == name.lowercased() {
                    fields.fields[index].name = spelling
                }
            }
        }
    }
}

extension OpeningRequest {
    /// This request with `edits` applied, written out (the placeholders kept); itself when there
    /// is no edit. For a fuzz seed made from a case, which sends its request as written.
    public func edited(_ edits: [RequestEdit]) -> OpeningRequest {
        guard !edits.isEmpty else { return self }
        var request = head.request(host: Self.hostPlaceholder)
        request.apply(edits)
        return .explicit(
            RequestHead(
                method: request.method, target: request.target, version: request.version,
                fields: request.fields.map { HeaderField(name: $0.name, value: $0.value) }, lineEnding: request.lineEnding))
    }
}
