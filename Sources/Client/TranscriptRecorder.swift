import Cases
import Platform
import Wire

/// Collects a case's transcript with a bound on its size: the first entries and the latest ones,
/// and a count of those left out between them, so a 1000-round-trip case does not fill memory
/// with lines and still shows how it ended (where a late failure is). Notes (timers,
/// checkpoints, verdict notes) are never left out. Cases and fuzz findings both keep one.
public struct TranscriptRecorder: Sendable {
    let start: ContinuousClock.Instant
    let limit: Int
    /// The first entries, up to `headLimit`, and every note after them that left the tail.
    private var head: [TranscriptEntry] = []
    /// The latest entries past the head, at most `tailLimit`, a ring starting at `tailStart`.
    private var tail: [TranscriptEntry] = []
    private var tailStart = 0
    private var dropped = 0
    /// Octets written so far: the offset the next write starts at.
    public private(set) var sentOffset: UInt64 = 0
    private(set) var receivedOffset: UInt64 = 0

    /// A transcript timed from `start` keeping at most `limit` entries besides notes: the first
    /// three quarters of them and the latest quarter.
    public init(start: ContinuousClock.Instant, limit: Int) {
        self.start = start
        self.limit = limit
    }

    private var tailLimit: Int { limit / 4 }
    private var headLimit: Int { limit - tailLimit }

    /// The entries kept so far, in order (`finish` adds the count of those left out).
    public var entries: [TranscriptEntry] { head + tail[tailStart...] + tail[..<tailStart] }

    var micros: Int64 { (ContinuousClock.now - start).wholeMicroseconds }

    /// True while every entry is still kept: past that, an entry only passes through the tail
    /// (describing every frame of a long exchange is then wasted work, the latest few kept).
    public var hasRoom: Bool { head.count < headLimit }

    public mutating func add(
        _ kind: TranscriptEntry.Kind, _ text: String, offset: UInt64? = nil, bytes: [UInt8]? = nil, count: Int? = nil, cuts: [Int]? = nil
    ) {
        let hex = bytes.map { Hex.encode(Array($0.prefix(64))) }
        let entry = TranscriptEntry(micros: micros, kind: kind, text: text, offset: offset, octets: count ?? bytes?.count, hex: hex, cuts: cuts)
        if head.count < headLimit { return head.append(entry) }
        if tail.count < tailLimit { return tail.append(entry) }
        // The oldest of the tail (or this entry, with no tail) leaves it: a note joins the head,
        // all of which precedes the tail; anything else is counted.
        var leaving = entry
        if tailLimit > 0 {
            swap(&leaving, &tail[tailStart])
            tailStart = (tailStart + 1) % tailLimit
        }
        if leaving.kind == .note { head.append(leaving) } else { dropped += 1 }
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
        let latest = Array(tail[tailStart...] + tail[..<tailStart])
        let omission = TranscriptEntry(micros: latest.first?.micros ?? micros, kind: .note, text: "\(dropped) entries not kept")
        return head + [omission] + latest
    }
}
