/// The head of an HTTP/1.1 message: start line and header fields, RFC 9112 §2.1.
public struct HTTPHead: Hashable, Sendable {
    /// The request line or status line, without its line ending.
    public var startLine: String
    public var fields: HeaderFields
    /// True when a line ended in a bare LF instead of CRLF (RFC 9112 §2.2 lets a recipient
    /// accept that; a conformance report still wants to know).
    public var bareLineFeeds: Bool

    public init(startLine: String, fields: HeaderFields, bareLineFeeds: Bool = false) {
        self.startLine = startLine
        self.fields = fields
        self.bareLineFeeds = bareLineFeeds
    }

    private var startParts: [Substring] {
        startLine.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
    }

    /// Status code of a status line ("HTTP/1.1 101 Switching Protocols" → 101), or nil.
    public var statusCode: Int? {
        let parts = startParts
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/"), parts[1].count == 3 else { return nil }
        return Int(parts[1])
    }

    /// The HTTP version of a status line, or of a request line's last part.
    public var version: String? {
        let parts = startParts
        if parts.first?.hasPrefix("HTTP/") == true { return String(parts[0]) }
        return parts.count == 3 ? String(parts[2]) : nil
    }

    /// The method of a request line ("GET").
    public var method: String? { startParts.count == 3 ? String(startParts[0]) : nil }

    /// The request target of a request line ("/chat?x=1").
    public var target: String? { startParts.count == 3 ? String(startParts[1]) : nil }
}

/// What the bounded head parser has seen so far.
public enum HTTPHeadParseResult: Hashable, Sendable {
    /// The empty line that ends the head has not arrived yet.
    case needMore
    /// The head, and the octets after it (the first WebSocket frames may already be there).
    case complete(HTTPHead, remainder: [UInt8])
    /// The head is not HTTP/1.1 syntax; the text says where.
    case malformed(String)
    /// The head grew past the limit without ending.
    case tooLarge(limit: Int)
}

/// An incremental HTTP/1.1 head parser with a size limit, for both handshake directions.
///
/// A peer that never ends its head, or sends megabytes of headers, costs at most `maxSize`
/// octets. Header octets are read as ISO-8859-1 so that no byte is lost or replaced.
public struct HTTPHeadParser: Sendable {
    public let maxSize: Int
    private var buffer: [UInt8] = []
    private var scanned = 0
    private var finished = false

    public init(maxSize: Int = 16 * 1024) { self.maxSize = maxSize }

    /// Consumes `bytes`; once `.complete` is returned, further octets belong to the caller.
    public mutating func feed(_ bytes: [UInt8]) -> HTTPHeadParseResult {
        guard !finished else { return .malformed("head already complete") }
        buffer.append(contentsOf: bytes)
        // Look for LF [CR] LF: the empty line, tolerating bare LFs.
        var index = max(0, scanned - 2)
        while index < buffer.count {
            if buffer[index] == 0x0A {
                var next = index + 1
                if next < buffer.count, buffer[next] == 0x0D { next += 1 }
                if next < buffer.count, buffer[next] == 0x0A {
                    finished = true
                    let head = Array(buffer[..<(index + 1)])
                    let remainder = Array(buffer[(next + 1)...])
                    buffer = []
                    if index + 1 > maxSize { return .tooLarge(limit: maxSize) }
                    return Self.parse(head).map { .complete($0, remainder: remainder) } ?? .malformed(Self.lastProblem(head))
                }
            }
            index += 1
        }
        scanned = buffer.count
        // A head of `maxSize` octets may still be followed by its empty line (CR LF): allow
        // those two octets, so the verdict does not depend on where reads end.
        if buffer.count > maxSize + 2 {
            finished = true
            buffer = []
            return .tooLarge(limit: maxSize)
        }
        return .needMore
    }

    private static func lines(_ head: [UInt8]) -> (lines: [String], bareLF: Bool) {
        var lines: [String] = []
        var bareLF = false
        for raw in head.split(separator: 0x0A, omittingEmptySubsequences: false).dropLast() {
            var line = raw
            if line.last == 0x0D { line = line.dropLast() } else { bareLF = true }
            lines.append(latin1(line))
        }
        return (lines, bareLF)
    }

    /// Octets as ISO-8859-1 text (RFC 9110 §5.5: field values are octets; obs-text reads as
    /// Latin-1), one scalar per octet; ASCII, nearly every head, takes the fast path.
    private static func latin1(_ octets: ArraySlice<UInt8>) -> String {
        if octets.allSatisfy({ $0 < 0x80 }) { return String(decoding: octets, as: UTF8.self) }
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: octets.lazy.map { Unicode.Scalar($0) })
        return String(scalars)
    }

    private static func problem(in line: String) -> String? {
        guard let colon = line.firstIndex(of: ":") else { return "header line without a colon: \(line.prefix(60))" }
        let name = line[..<colon]
        if name.isEmpty { return "empty header name" }
        if name.contains(where: { $0 == " " || $0 == "\t" }) {
            return "whitespace in header name \"\(name.prefix(60))\" (RFC 9112 §5.1)"
        }
        return nil
    }

    private static func parse(_ head: [UInt8]) -> HTTPHead? {
        let (lines, bareLF) = lines(head)
        guard let start = lines.first, !start.isEmpty else { return nil }
        var fields = HeaderFields()
        for line in lines.dropFirst() {
            if line.first == " " || line.first == "\t" { return nil }  // obs-fold, RFC 9112 §5.2
            if problem(in: line) != nil { return nil }
            let colon = line.firstIndex(of: ":")!
            fields.add(String(line[..<colon]), line[line.index(after: colon)...].trimmingASCIIWhitespace())
        }
        return HTTPHead(startLine: start, fields: fields, bareLineFeeds: bareLF)
    }

    private static func lastProblem(_ head: [UInt8]) -> String {
        let (lines, _) = lines(head)
        guard let start = lines.first, !start.isEmpty else { return "empty start line" }
        for line in lines.dropFirst() {
            if line.first == " " || line.first == "\t" { return "obsolete line folding (RFC 9112 §5.2)" }
            if let problem = problem(in: line) { return problem }
        }
        return "unparseable head"
    }
}
