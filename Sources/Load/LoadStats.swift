import Platform
import Reports

/// What one thread of a load run counted: latencies overall and per second of the run, the
/// handshakes, and the errors by kind. Each thread keeps its own (no lock on the hot path);
/// the run merges them at the end, exactly.
public struct LoadStats: Sendable {
    public var latency = LatencyHistogram()
    public var handshakes = LatencyHistogram()
    /// Echo latencies per second since the start.
    public var perSecond: [Int: LatencyHistogram] = [:]
    public var sentPerSecond: [Int: Int] = [:]
    public var errorsPerSecond: [Int: Int] = [:]
    /// Errors by kind: refused, reset, timeout, wrong-echo, handshake-status-503, close-1011, …
    public var errors: [String: Int] = [:]
    /// What errors of a kind were, where there is more to say than the kind (which message,
    /// which octet): at most `LoadReport.examplesPerKind` per kind, each thread's earliest.
    public var examples: [String: [String]] = [:]
    public var opened = 0
    public var sent = 0
    public var echoes = 0
    public var octetsSent = 0
    public var closedCleanly = 0
    /// Connections on which the server agreed to permessage-deflate.
    public var compressedConnections = 0

    /// Seconds past this are counted in the last one (a run is at most an hour).
    static let lastSecond = 3600

    static func second(_ elapsed: Duration) -> Int { min(lastSecond, max(0, Int(elapsed.components.seconds))) }

    mutating func echo(_ latency: Duration, at second: Int) {
        let micros = UInt64(max(0, latency.wholeMicroseconds))
        self.latency.record(micros)
        perSecond[second, default: LatencyHistogram()].record(micros)
        echoes += 1
    }

    mutating func handshake(_ latency: Duration) {
        handshakes.record(UInt64(max(0, latency.wholeMicroseconds)))
        opened += 1
    }

    mutating func sent(_ octets: Int, at second: Int) {
        sent += 1
        octetsSent += octets
        sentPerSecond[second, default: 0] += 1
    }

    mutating func error(_ kind: String, at second: Int, detail: String? = nil) {
        errors[kind, default: 0] += 1
        errorsPerSecond[second, default: 0] += 1
        if let detail, examples[kind, default: []].count < LoadReport.examplesPerKind { examples[kind, default: []].append(detail) }
    }

    public mutating func merge(_ other: LoadStats) {
        latency.merge(other.latency)
        handshakes.merge(other.handshakes)
        for (second, histogram) in other.perSecond { perSecond[second, default: LatencyHistogram()].merge(histogram) }
        sentPerSecond.merge(other.sentPerSecond, uniquingKeysWith: +)
        errorsPerSecond.merge(other.errorsPerSecond, uniquingKeysWith: +)
        errors.merge(other.errors, uniquingKeysWith: +)
        examples.merge(other.examples) { mine, theirs in Array((mine + theirs).prefix(LoadReport.examplesPerKind)) }
        opened += other.opened
        sent += other.sent
        echoes += other.echoes
        octetsSent += other.octetsSent
        closedCleanly += other.closedCleanly
        compressedConnections += other.compressedConnections
    }

    public var errorCount: Int { errors.values.reduce(0, +) }
}
