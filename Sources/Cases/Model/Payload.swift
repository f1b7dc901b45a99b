import Wire

/// The octets of a message or frame, described rather than stored when large.
///
/// A 16 MiB case must not hold 16 MiB per case in memory before it runs: a pattern repeated
/// to a length is kept as the pattern, and its octets are produced when sent.
public enum Payload: Hashable, Sendable, CustomStringConvertible {
    /// Literal octets.
    case bytes([UInt8])
    /// `pattern` repeated and truncated to `count` octets (Autobahn's large payloads).
    case repeating(pattern: [UInt8], count: Int)

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
        case .repeating(let pattern, _):
            guard !pattern.isEmpty else { return [] }
            var result: [UInt8] = []
            result.reserveCapacity(upper - lower)
            var index = lower
            while index < upper {
                let phase = index % pattern.count
                let take = min(pattern.count - phase, upper - index)
                result.append(contentsOf: pattern[phase..<phase + take])
                index += take
            }
            return result
        }
    }

    /// A digest of the octets, the same as `MessageDigest` computes from received data.
    public var digest: MessageDigest {
        var digest = MessageDigest()
        var offset = 0
        while offset < count {
            let end = min(count, offset + (1 << 16))
            digest.update(octets(in: offset..<end))
            offset = end
        }
        return digest
    }

    public var description: String {
        switch self {
        case .bytes(let bytes): return PayloadText.describe(bytes, total: bytes.count)
        case .repeating(let pattern, let count):
            return "\(count) octets of " + PayloadText.describe(pattern, total: pattern.count) + " repeated"
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

/// A running digest of a message (64-bit FNV-1a plus length), so that a received message can
/// be compared with the expected one without keeping either in memory.
public struct MessageDigest: Hashable, Sendable {
    public private(set) var length = 0
    private var hasher = FNV1a()
    /// The FNV-1a hash of the octets so far.
    public var hash: UInt64 { hasher.value }

    public init() {}

    public mutating func update(_ bytes: [UInt8]) {
        hasher.update(bytes)
        length += bytes.count
    }
}
