/// Turns report text into HTML that can only ever be text. Everything a server sends (close
/// reasons, `Server` fields, payloads echoed into reasons) is hostile input: a close reason of
/// `<script>` must show as those characters, never run.
enum HTMLEscape {
    /// `text` safe in element content and in quoted attribute values: `& < > " '` become
    /// character references, and control characters (which HTML forbids or hides) become a
    /// visible `\u{XX}` so the reader sees the octets the peer sent.
    static func text(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            case "\n", "\t": result.unicodeScalars.append(scalar)
            case "\u{0}"..."\u{1F}", "\u{7F}"..."\u{9F}":
                result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// `text` cut to at most `limit` characters, with "…" marking the cut, then escaped.
    static func text(_ text: String, limit: Int) -> String {
        guard text.count > limit else { return Self.text(text) }
        return Self.text(String(text.prefix(limit))) + "…"
    }

    /// A fragment-safe token for ids and `data-` values: letters, digits, `.`, `-` and `_` kept,
    /// anything else replaced by `_`, so it never needs quoting in a URL fragment or selector.
    static func token(_ text: String) -> String {
        String(
            text.unicodeScalars.map { scalar -> Character in
                switch scalar {
                case "a"..."z", "A"..."Z", "0"..."9", ".", "-", "_": Character(scalar)
                default: "_"
                }
            })
    }
}
