import Cases

/// Checks both config formats share: target URLs, header fields, case globs.
enum TargetChecks {
    /// A `ws://` or `wss://` URL with a host (RFC 6455 §3); other schemes are refused here so a
    /// typo such as `http://` fails before any connection is tried.
    static func url(_ node: ConfigNode) throws(ConfigError) -> String {
        let text = try node.string()
        guard let colon = text.firstIndex(of: ":"), ["ws", "wss"].contains(text[..<colon].lowercased()) else {
            throw node.error("\"\(text)\" is not a ws:// or wss:// URL")
        }
        let rest = text[text.index(after: colon)...]
        guard rest.hasPrefix("//"), let host = rest.dropFirst(2).split(separator: "/", omittingEmptySubsequences: false).first,
            !host.isEmpty, !text.contains(where: { $0.isWhitespace })
        else {
            throw node.error("\"\(text)\" is not a ws:// or wss:// URL with a host")
        }
        return text
    }

    /// RFC 7230 §3.2.6 `tchar`: what a field name may consist of.
    static func isToken(_ name: String) -> Bool {
        !name.isEmpty
            && name.unicodeScalars.allSatisfy {
                $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "!#$%&'*+-.^_`|~".unicodeScalars.contains($0))
            }
    }

    /// A field name and value fit for the handshake: the name a token, the value free of CR, LF
    /// and NUL (which would let a value start a new field, RFC 7230 §3.2.4).
    static func header(name: String, value: String, at node: ConfigNode) throws(ConfigError) -> RunPlan.HeaderField {
        guard isToken(name) else { throw node.error("\"\(name)\" is not a valid header field name") }
        guard !value.unicodeScalars.contains(where: { $0 == "\r" || $0 == "\n" || $0 == "\0" }) else {
            throw node.error("a header field value may not contain CR, LF or NUL")
        }
        return RunPlan.HeaderField(name: name, value: value.trimmingSpaces)
    }

    /// Whether `pattern` selects at least one case of `catalogue`.
    static func matchesSomething(_ pattern: String, in catalogue: [TestCase]) -> Bool {
        CaseSelection(include: [pattern]).unmatched(in: catalogue).isEmpty
    }
}

extension String {
    /// Without leading and trailing spaces and tabs (optional whitespace around a field value, RFC 7230 §3.2.4).
    var trimmingSpaces: String {
        let scalars = unicodeScalars
        let isSpace: (Unicode.Scalar) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = scalars.firstIndex(where: { !isSpace($0) }), let last = scalars.lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(scalars[first...last])
    }
}
