import Wire

/// The octets of a message or frame, described rather than stored when large.
///
/// A 16 MiB case must not hold 16 MiB per case in memory before it runs: a pattern repeated
/// to a length is kept as the pattern, a slice of a shared corpus as the corpus and where the
/// slice lies, and their octets are produced when sent.
public enum Payload: Hashable, Sendable, CustomStringConvertible {
    /// Literal octets.
    case bytes([UInt8])
    /// `pattern` repeated and truncated to `count` octets (Autobahn's large payloads).
    case repeating(pattern: [UInt8], count: Int)
    /// `count` octets of `corpus` from `offset` on, wrapping around at its end: one message of a
    /// long run over a corpus (Autobahn's 12.x/13.x rolling window), where a thousand messages
    /// share the one corpus instead of each holding a copy. Hashing it hashes the corpus's id,
    /// not its octets.
    case window(corpus: PayloadCorpus, offset: Int, count: Int)

    /// UTF-8 text.
    public static func text(_ text: String) -> Payload { .bytes(Array(text.utf8)) }

    /// `count` copies of one octet.
    public static func filled(_ byte: UInt8, count: Int) -> Payload { .repeating(pattern: [byte], count: count) }

    /// Literal octets from hex ("cebae1", whitespace ignored). A catalogue literal that is not
    /// hex is a mistake in the catalogue, so it stops the program with the literal named.
    public static func hex(_ text: String) -> Payload {
        guard let bytes = Hex.decode(String(text.filter { !$0.isWhitespace })) else {
            preconditionFailure("not an even number of hex digits: \(text)")
        }
        return .bytes(bytes)
    }

    public var count: Int {
        switch self {
        case .bytes(let bytes): return bytes.count
        case .repeating(let pattern, let count): return pattern.isEmpty ? 0 : count
        case .window(let corpus, _, let count): return corpus.octets.isEmpty ? 0 : count
        }
    }

    /// The octets themselves.
    public func materialize() -> [UInt8] { octets(in: 0..<count) }

    /// The octets in `range` (clamped to the payload).
    public func octets(in range: Range<Int>) -> [UInt8] {
        let lower = max(0, min(range.lowerBound, count))
        let upper = max(lower, min(range.upperBound, count))
        switch self {
        case .bytes(let bytes): return Array(bytes[lower..<upper])
        case .repeating(let pattern, _): return Self.cycling(pattern, from: lower, count: upper - lower)
        case .window(let corpus, let offset, _): return Self.cycling(corpus.octets, from: offset &+ lower, count: upper - lower)
        }
    }

    /// `count` octets of `octets` repeated end to end, from `start` (any integer: taken modulo
    /// the length). Nothing when `octets` is empty.
    static func cycling(_ octets: [UInt8], from start: Int, count: Int) -> [UInt8] {
        guard !octets.isEmpty, count > 0 else { return [] }
        let phase = (start % octets.count + octets.count) % octets.count
        var result: [UInt8] = []
        result.reserveCapacity(count)
        // At most one period from the phase on (a window of a large corpus takes only its own
        // octets), then whole periods by doubling: a one-octet pattern filled to 64 KiB is 16
        // copies, not 65536 appends. Once doubling starts, `result` holds whole periods.
        result.append(contentsOf: octets[phase..<min(octets.count, phase + count)])
        if result.count < count { result.append(contentsOf: octets[0..<min(phase, count - result.count)]) }
        while result.count < count { result.append(contentsOf: result.prefix(count - result.count)) }
        return result
    }

    /// A digest of the octets, the same as `MessageDigest` computes from received data. A
    /// corpus window's is kept for the run (`facts`); any other is computed afresh, in 64 KiB
    /// pieces, on every call: a running case asks for each expected payload's digest once,
    /// through `ExpectedEvent`.
    public var digest: MessageDigest {
        if case .window = self { return facts.digest }
        var digest = MessageDigest()
        for piece in pieces() { digest.update(piece) }
        return digest
    }

    /// The octets in consecutive pieces of at most `size` (one empty piece for an empty
    /// payload), each produced when reached: a 64 MiB payload is never held whole.
    public func pieces(of size: Int = 1 << 16) -> some Sequence<[UInt8]> {
        stride(from: 0, to: max(count, 1), by: max(1, size)).lazy.map { octets(in: $0..<$0 + max(1, size)) }
    }

    public var description: String {
        switch self {
        case .bytes(let bytes): return PayloadText.describe(bytes, total: bytes.count)
        case .repeating(let pattern, let count):
            return "\(count) octets of " + PayloadText.describe(pattern, total: pattern.count) + " repeated"
        case .window(let corpus, let offset, let count):
            return "\(count) octets of \(corpus.id) at \(offset): " + PayloadText.describe(octets(in: 0..<64), total: count)
        }
    }
}

/// Short human renderings of octets for transcripts and reports: text when printable UTF-8,
/// hex otherwise, truncated.
public enum PayloadText {
    public static func describe(_ bytes: [UInt8], total: Int, limit: Int = 64) -> String {
        let shown = Array(bytes.prefix(limit))
        let suffix = total > shown.count ? "… (\(total) octets)" : ""
        if let text = String(validating: shown, as: UTF8.self), text.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7F }) {
            return "'\(text)'" + suffix
        }
        return "0x" + shown.map { $0 < 16 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined() + suffix
    }
}

/// A running digest of a message (a 64-bit `StreamHash` plus the length), so that a received
/// message can be compared with the expected one without keeping either in memory.
public struct MessageDigest: Hashable, Sendable {
    public private(set) var length = 0
    private var hasher = StreamHash()
    /// The hash of the octets so far.
    public var hash: UInt64 { hasher.value }

    public init() {}

    public mutating func update(_ bytes: [UInt8]) {
        hasher.update(bytes)
        length += bytes.count
    }
}
