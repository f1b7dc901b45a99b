/// Markdown for text the reports do not control (a server's replies, a target's name, a file's
/// contents): escaped so that it reads as written and can neither inject HTML, break a table's
/// columns, open a link nor recolour a terminal. Every Markdown writer uses these.
enum MarkdownText {
    /// Text that may come from a server, safe in a paragraph or a table cell: Markdown's own
    /// punctuation backslash-escaped (a stray backtick would otherwise open a code span that
    /// swallows the next one), then `MarkdownReporter.cell` (no HTML, no column breaks).
    static func prose(_ text: String) -> String {
        var escaped = ""
        for character in visible(text) {
            if "\\`*_[]".contains(character) { escaped.append("\\") }
            escaped.append(character)
        }
        return MarkdownReporter.cell(escaped)
    }

    /// `text` with control characters other than line breaks shown as `\u{XX}`, as the HTML page
    /// shows them: a terminal escape in a server's reply must not recolour the reader's terminal.
    static func visible(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n", "\r", "\t": result.unicodeScalars.append(scalar)
            case "\u{0}"..."\u{1F}", "\u{7F}"..."\u{9F}": result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// `text` as an inline code span: fenced with more backticks than it holds, line breaks
    /// flattened, and in a table cell `|` escaped (GFM reads `\|` as a pipe inside a cell's code span).
    static func code(_ text: String, cell: Bool = true) -> String {
        var flat = visible(text).replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
        if cell { flat = flat.replacingOccurrences(of: "|", with: "\\|") }
        let fence = String(repeating: "`", count: longestBacktickRun(flat) + 1)
        let pad = flat.hasPrefix("`") || flat.hasSuffix("`") ? " " : ""
        return fence + pad + flat + pad + fence
    }

    /// A fenced code block holding `text` verbatim, its fence longer than any backtick run in it.
    static func fenced(_ text: String) -> [String] {
        let fence = String(repeating: "`", count: max(3, longestBacktickRun(text) + 1))
        return [fence] + text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) + [fence]
    }

    /// The longest run of backticks in `text`: a fence must be longer.
    static func longestBacktickRun(_ text: String) -> Int {
        var longest = 0
        var run = 0
        for character in text {
            run = character == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        return longest
    }
}
