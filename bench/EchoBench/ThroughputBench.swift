/// `--mode throughput`: `--count` large binary messages, one at a time; each echo must come
/// back octet for octet before the next message goes.
struct ThroughputBench {
    let options: BenchOptions

    /// The report of the whole run.
    struct Report: Codable {
        var schemaVersion = 1
        var mode = "throughput"
        var label: String?
        var url: String
        var size: Int
        var payload: String
        var deflateOffered: Bool
        /// zlib level of our own compression, when deflate was offered.
        var clientLevel: Int?
        var extensions: String?
        var count: Int
        /// Octets of one message as sent on the wire (after compression, header included).
        var wireSize: Int
        var seconds: Double
        /// Payload octets each way per second, in MB (10^6 octets).
        var megabytesPerSecond: Double
        var perMessageMilliseconds: Summary
        var verified: Bool
    }

    func run() throws(BenchFailure) -> Report {
        let payload = Payload.make(size: options.size, kind: options.payload)
        let connection = try EchoConnection(
            url: options.url, deflate: options.deflate, compressionLevel: options.clientLevel, timeout: .seconds(options.timeout))
        defer { connection.close() }
        for _ in 0..<options.warmup { try Self.check(connection.roundTrip(payload), payload) }
        var times: [Double] = []
        var total = Duration.zero
        for _ in 0..<options.count {
            // Timed: compress and mask, send, receive, inflate; the comparison is not.
            let start = ContinuousClock.now
            let echoed = try connection.roundTrip(payload)
            let elapsed = ContinuousClock.now - start
            try Self.check(echoed, payload)
            total += elapsed
            times.append(elapsed.seconds * 1e3)
        }
        let bytes = Double(options.size) * Double(options.count)
        return Report(
            label: options.label, url: options.url.description, size: options.size, payload: options.payload.rawValue,
            deflateOffered: options.deflate, clientLevel: options.deflate ? options.clientLevel : nil, extensions: connection.extensions,
            count: options.count,
            wireSize: connection.lastWireSize, seconds: total.seconds.rounded(3),
            megabytesPerSecond: (bytes / total.seconds / 1e6).rounded(1), perMessageMilliseconds: Summary(times).rounded(),
            verified: true)
    }

    private static func check(_ echoed: [UInt8], _ payload: [UInt8]) throws(BenchFailure) {
        guard echoed.count == payload.count else { throw BenchFailure("the echo has \(echoed.count) octets, the message \(payload.count)") }
        guard echoed != payload else { return }
        let index = zip(echoed, payload).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? 0
        throw BenchFailure("the echo differs from the message at octet \(index)")
    }
}
