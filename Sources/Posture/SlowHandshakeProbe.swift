import Cases
import Client
import Platform
import Wire

/// `timeouts.handshake-seconds` (slowloris): a request head that never ends, one octet a
/// second after its request line. A server without a handshake timeout keeps every such
/// connection, so a few hundred slow clients exhaust it. The value is when the server gave
/// up (closed, reset or answered), observed up to the bound (`--observe`).
enum SlowHandshakeProbe {
    static let id = "timeouts.handshake-seconds"
    static let title = "Slow request head given up after"
    static let step: Duration = .seconds(1)

    static func run(_ context: PostureContext) -> Measurement {
        let bound = context.policy.observationBound
        let client = ClientConnection()
        do {
            try client.dial(context.target, dialer: context.options.dialer, deadline: .after(context.scaled(.seconds(5))))
        } catch {
            return .notMeasured(id: id, title: title, unit: .seconds, advice: "no connection: \(error.description)")
        }
        defer { client.close(abortive: true) }
        let started = ContinuousClock.now
        let end = Deadline(started + bound)
        let line = Array("GET \(context.target.resource) HTTP/1.1\r\nHost: \(context.target.hostHeader)\r\nX-Wsconform-Slow: ".utf8)
        guard case .written = (try? client.connection?.write(line, deadline: .after(.seconds(2)))) ?? .timedOut(written: 0) else {
            return ended(after: ContinuousClock.now - started, how: "closed before the request line was written")
        }
        var next = started + step
        while !end.hasPassed {
            switch (try? client.read(until: Deadline(min(next, end.instant)))) ?? .ended(.reset) {
            case .ended(let ending):
                return ended(after: ContinuousClock.now - started, how: ending == .fin ? "closed TCP" : "reset TCP")
            case .response(let head, _):
                return ended(after: ContinuousClock.now - started, how: "answered \(head.statusCode ?? 0)")
            case .unreadableResponse(let why):
                return ended(after: ContinuousClock.now - started, how: "answered with no HTTP response (\(why))")
            case .octets, .timedOut:
                guard ContinuousClock.now >= next else { continue }
                next = next + step
                let outcome = (try? client.connection?.write([0x61], deadline: .after(.seconds(1)))) ?? .peerClosed(written: 0)
                if case .peerClosed = outcome { return ended(after: ContinuousClock.now - started, how: "closed TCP") }
            }
        }
        var measurement = Measurement.notMeasured(
            id: id, title: title, unit: .seconds,
            advice:
                "still waiting after \(Int(bound.seconds)) s (--observe): a slow client holds a connection as long as it likes; time out the opening handshake (10–30 s)"
        )
        measurement.status = .warn
        measurement.observed = "open after \(Int(bound.seconds)) s"
        return measurement
    }

    static func ended(after duration: Duration, how: String) -> Measurement {
        let seconds = (duration.seconds * 10).rounded() / 10
        return Measurement(
            id: id, title: title, value: seconds, unit: .seconds, policy: Measurement.Policy(warn: 60),
            observed: "\(how) after \(seconds) s", advice: "the server times out slow opening handshakes")
    }
}
