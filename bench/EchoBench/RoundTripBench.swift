import Dispatch
import Foundation
import Synchronization

/// `--mode rtt`: each connection, on a thread of its own, sends one small masked binary message
/// and waits for its echo, again and again, until the time is up or `--max-count` is reached.
struct RoundTripBench {
    let options: BenchOptions

    /// What one connection measured.
    struct ConnectionResult: Sendable {
        var roundTrips: Int
        var elapsed: Duration
        /// Each round trip's latency in microseconds.
        var latencies: [Double]
    }

    /// The report of the whole run.
    struct Report: Codable {
        var schemaVersion = 1
        var mode = "rtt"
        var label: String?
        var url: String
        var size: Int
        var payload: String
        var deflateOffered: Bool
        /// zlib level of our own compression, when deflate was offered.
        var clientLevel: Int?
        var extensions: String?
        var connections: Int
        var seconds: Double
        var roundTrips: Int
        var roundTripsPerSecond: Double
        var latencyMicroseconds: Summary
        var perConnectionRoundTrips: [Int]
    }

    func run() throws(BenchFailure) -> Report {
        let payload = Payload.make(size: options.size, kind: options.payload)
        let timeout = Duration.seconds(options.timeout)
        // Every handshake first, so all connections measure over the same interval.
        var connections: [EchoConnection] = []
        defer { for connection in connections { connection.close() } }
        for _ in 0..<options.connections {
            connections.append(
                try EchoConnection(url: options.url, deflate: options.deflate, compressionLevel: options.clientLevel, timeout: timeout))
        }
        for connection in connections {
            for _ in 0..<options.warmup { try Self.check(connection.roundTrip(payload), payload) }
        }

        let results = ResultBox(count: connections.count)
        let group = DispatchGroup()
        let start = ContinuousClock.now
        let stop = start + .seconds(options.seconds)
        let maxCount = options.maxCount
        for (index, connection) in connections.enumerated() {
            group.enter()
            let thread = Thread {
                results.set(
                    index, Result { () throws(BenchFailure) in try Self.measure(connection, payload, until: stop, maxCount: maxCount) })
                group.leave()
            }
            thread.name = "echobench-\(index)"
            thread.start()
        }
        // Each round trip has its own deadline, so the threads end by stop + timeout.
        guard group.wait(timeout: .now() + .seconds(options.seconds + options.timeout + 5)) == .success else {
            throw BenchFailure("connections still busy after the deadline")
        }
        let wall = ContinuousClock.now - start
        var finished: [ConnectionResult] = []
        for result in results.all() {
            switch result {
            case .success(let value): finished.append(value)
            case .failure(let failure): throw failure
            case nil: throw BenchFailure("a connection thread reported nothing")
            }
        }
        let total = finished.map(\.roundTrips).reduce(0, +)
        let slowest = finished.map(\.elapsed).max() ?? wall
        return Report(
            label: options.label, url: options.url.description, size: options.size, payload: options.payload.rawValue,
            deflateOffered: options.deflate, clientLevel: options.deflate ? options.clientLevel : nil,
            extensions: connections.first?.extensions, connections: connections.count,
            seconds: slowest.seconds.rounded(3), roundTrips: total, roundTripsPerSecond: (Double(total) / slowest.seconds).rounded(1),
            latencyMicroseconds: Summary(finished.flatMap(\.latencies)).rounded(),
            perConnectionRoundTrips: finished.map(\.roundTrips))
    }

    /// One connection's loop: bounded by `stop` and by `maxCount`.
    private static func measure(_ connection: EchoConnection, _ payload: [UInt8], until stop: ContinuousClock.Instant, maxCount: Int)
        throws(BenchFailure) -> ConnectionResult
    {
        var latencies: [Double] = []
        latencies.reserveCapacity(min(maxCount, 1 << 20))
        let start = ContinuousClock.now
        var now = start
        while latencies.count < maxCount, now < stop {
            let echoed = try connection.roundTrip(payload)
            let done = ContinuousClock.now
            try check(echoed, payload)
            latencies.append((done - now).seconds * 1e6)
            now = ContinuousClock.now
        }
        return ConnectionResult(roundTrips: latencies.count, elapsed: now - start, latencies: latencies)
    }

    private static func check(_ echoed: [UInt8], _ payload: [UInt8]) throws(BenchFailure) {
        guard echoed == payload else {
            throw BenchFailure("the echo differs from the message (\(echoed.count) of \(payload.count) octets)")
        }
    }
}

/// Per-connection results, written by the connection threads.
private final class ResultBox: Sendable {
    private let slots: Mutex<[Result<RoundTripBench.ConnectionResult, BenchFailure>?]>

    init(count: Int) { slots = Mutex(Array(repeating: nil, count: count)) }

    func set(_ index: Int, _ result: Result<RoundTripBench.ConnectionResult, BenchFailure>) {
        slots.withLock { $0[index] = result }
    }

    func all() -> [Result<RoundTripBench.ConnectionResult, BenchFailure>?] { slots.withLock { $0 } }
}
