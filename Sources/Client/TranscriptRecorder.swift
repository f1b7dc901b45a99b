import Cases
import Wire

/// Collects a case's transcript with a bound on its size: past the limit, entries are counted,
/// not kept, so a 1000-round-trip case does not fill memory with lines. Cases and fuzz findings
/// both keep one.
public struct TranscriptRecorder: Sendable {
    let start: ContinuousClock.Instant
    let limit: Int
    /// The entries kept so far (`finish` adds the count of those left out).
    public private(set) var entries: [TranscriptEntry] = []
    private var dropped = 0
    /// Octets written so far: the offset the next write starts at.
    public private(set) var sentOffset: UInt64 = 0
    private(set) var receivedOffset: UInt64 = 0

    /// A transcript timed from `start` keeping at most `limit` entries besides notes.
    public init(start: ContinuousClock.Instant, limit: Int) {
        self.start = start
        self.limit = limit
    }

    var micros: Int64 {
        let elapsed = (ContinuousClock.now - start).components
        return elapsed.seconds * 1_000_000 + elapsed.attoseconds / 1_000_000_000_000
    }

    /// True while entries are still kept (describing frames beyond that is wasted work).
    public var hasRoom: Bool { entries.count < limit }

    public mutating func add(
        _ kind: TranscriptEntry.Kind, _ text: String, offset: UInt64? = nil, bytes: [UInt8]? = nil, count: Int? = nil, cuts: [Int]? = nil
    ) {
        guard entries.count < limit || kind == .note else {
            dropped += 1
            return
        }
        let hex = bytes.map { Hex.encode(Array($0.prefix(64))) }
        entries.append(
            TranscriptEntry(micros: micros, kind: kind, text: text, offset: offset, octets: count ?? bytes?.count, hex: hex, cuts: cuts))
    }

    /// Records octets written; `shown` replaces them in the transcript when they hold secrets
    /// (a handshake with credentials), while offsets still count what went on the wire.
    public mutating func sent(_ bytes: [UInt8], cuts: [Int], shown: [UInt8]? = nil) {
        add(
            .sent, "wrote \(bytes.count) octets" + (cuts.isEmpty ? "" : " in \(cuts.count + 1) writes"), offset: sentOffset,
            bytes: shown ?? bytes, count: bytes.count, cuts: cuts.isEmpty ? nil : cuts)
        sentOffset += UInt64(bytes.count)
    }

    public mutating func received(_ bytes: [UInt8]) {
        add(.received, "read \(bytes.count) octets", offset: receivedOffset, bytes: bytes)
        receivedOffset += UInt64(bytes.count)
    }

    /// The entries, with a last line saying how many were left out.
    public func finish() -> [TranscriptEntry] {
        guard dropped > 0 else { return entries }
        return entries + [TranscriptEntry(micros: micros, kind: .note, text: "\(dropped) more entries not kept")]
    }
}
