import Cases
import Wire

/// Mutations of the opening handshake, RFC 6455 §4.1 (what a client sends) and §4.2.1 (what a
/// server MUST check: GET, HTTP/1.1, Host, Upgrade, Connection, a 16-octet key, version 13).
extension Mutator {
    public static let handshakeFamily: [Mutator] = [
        head("handshake-drop-field", "removes one header field of the request") { head, generator in
            guard !head.fields.isEmpty else { return }
            head.fields.remove(at: generator.below(head.fields.count))
        },
        head("handshake-repeat-field", "sends one header field twice") { head, generator in
            guard !head.fields.isEmpty, head.fields.count < ScriptLimits.maxHeaderFields else { return }
            let index = generator.below(head.fields.count)
            head.fields.insert(head.fields[index], at: generator.below(head.fields.count + 1))
        },
        head("handshake-reorder-fields", "shuffles the order of the header fields (valid: order carries no meaning)") {
            head, generator in
            for index in head.fields.indices.reversed() where index > 0 {
                head.fields.swapAt(index, generator.below(index + 1))
            }
        },
        head("handshake-case-change", "changes the case of one field name (valid: names are case-insensitive, RFC 9110 §5.1)") {
            head, generator in
            guard !head.fields.isEmpty else { return }
            let index = generator.below(head.fields.count)
            let name = head.fields[index].name
            head.fields[index].name =
                generator.chance(50) ? name.uppercased() : name.map { generator.chance(50) ? $0.lowercased() : String($0) }.joined()
        },
        head("handshake-wrong-version", "sends a Sec-WebSocket-Version other than 13 (§4.2.1, §4.4)") { head, generator in
            head.set("Sec-WebSocket-Version", generator.pick(["8", "12", "14", "0", "13, 8", "", "thirteen"]))
        },
        head("handshake-bad-key", "sends a Sec-WebSocket-Key that is not 16 octets in base64 (§4.2.1)") { head, generator in
            head.set(
                "Sec-WebSocket-Key",
                generator.pick(["", "dGhlIHNhbXBsZSBub25jZQ", "dGhlIHNhbXBsZSBub25jZQ==AA", "!!!!!!!!!!!!!!!!!!!!!!==", "AAAA"]))
        },
        head("handshake-line-ending", "ends request lines in a bare LF, or restores CR LF (RFC 9112 §2.2)") { head, _ in
            head.lineEnding = head.lineEnding == "\r\n" ? "\n" : "\r\n"
        },
        head("handshake-oversize-header", "adds a header field of 8, 17 or 60 KiB") { head, generator in
            let size = generator.pick([8 << 10, 17 << 10, 60 << 10])
            guard head.fields.count < ScriptLimits.maxHeaderFields else { return }
            // Built from octets in one go: String(repeating:count:) appends 60 KiB a slice at a time.
            head.fields.append(
                HeaderField(name: "X-Padding", value: String(decoding: [UInt8](repeating: 0x61, count: size), as: UTF8.self)))
        },
        head("handshake-method", "sends a method other than GET (§4.2.1)") { head, generator in
            head.method = generator.pick(["POST", "get", "HEAD", "PUT"])
        },
        head("handshake-http-version", "sends an HTTP version other than 1.1 (§4.2.1)") { head, generator in
            head.version = generator.pick(["HTTP/1.0", "HTTP/2.0", "HTTP/1.2", "HTTP/0.9"])
        },
    ]

    /// A mutator that rewrites the request head; the result is always an explicit handshake,
    /// kept within the handshake caps.
    static func head(_ name: String, _ summary: String, _ change: @escaping @Sendable (inout RequestHead, inout SplitMix64) -> Void)
        -> Mutator
    {
        Mutator(name, .handshake, summary) { script, _, generator in
            var head = script.handshake.head
            change(&head, &generator)
            let size = head.fields.reduce(0) { $0 + $1.name.utf8.count + $1.value.utf8.count + 4 }
            if size <= ScriptLimits.maxHandshakeBytes { script.handshake = .explicit(head) }
        }
    }
}

extension RequestHead {
    /// Replaces every field named `name` (case-insensitively) by one, or appends it.
    mutating func set(_ name: String, _ value: String) {
        let lower = name.lowercased()
        if let first = fields.firstIndex(where: { $0.name.lowercased() == lower }) {
            fields[first].value = value
            fields = fields.enumerated().filter { $0.offset == first || $0.element.name.lowercased() != lower }.map(\.element)
        } else {
            fields.append(HeaderField(name: name, value: value))
        }
    }
}
