import Cases
import Client
import Platform
import Wire

/// Long observations of an open connection with no data, up to the bound (`--observe`), run
/// side by side: one link answers the server's pings as a live client does, one ignores them as
/// a vanished client would (RFC 6455 §5.5.2: a ping checks "that the remote endpoint is still
/// responsive").
///
/// - `timeouts.idle-seconds`: when the server closes the live link.
/// - `heartbeat.ping-interval-seconds`: when its first ping came (the interval from the
///   upgrade), or the gap between its first two.
/// - `heartbeat.dead-peer-seconds`: when it closes the link that never answers.
enum IdleProbes {
    /// What one link saw.
    struct Watch {
        var pings: [Duration] = []
        var closedAfter: Duration?
        var how = ""
        var failed: String?
    }

    static func run(_ context: PostureContext) -> [Measurement] {
        var live = Watch()
        var dead = Watch()
        let thread = ProbeThread.start("wsconform-dead-peer") { watch(context, answersPings: false) }
        live = watch(context, answersPings: true)
        dead = thread.join()
        return [idle(context, live), pingInterval(context, live), deadPeer(context, dead)]
    }

    static func watch(_ context: PostureContext, answersPings: Bool) -> Watch {
        var watch = Watch()
        guard case .upgraded(let link) = context.open() else {
            watch.failed = "the opening handshake did not upgrade"
            return watch
        }
        defer { link.close() }
        link.answersPings = answersPings
        let end = Deadline(link.openedAt + context.policy.observationBound)
        while true {
            switch link.next(until: end) {
            case .frame(let frame):
                if frame.opcode == .ping, watch.pings.count < 16 { watch.pings.append(frame.at - link.openedAt) }
                if frame.opcode == .close {
                    watch.closedAfter = frame.at - link.openedAt
                    watch.how = "closed with \(ClosePayload.parse(frame.control).payload.code.map { String($0.rawValue) } ?? "no code")"
                    return watch
                }
            case .ended(let ending):
                watch.closedAfter = ContinuousClock.now - link.openedAt
                watch.how = ending == .fin ? "closed TCP" : "reset TCP"
                return watch
            case .timedOut:
                return watch
            }
        }
    }

    static func seconds(_ duration: Duration) -> Double { (duration.seconds * 10).rounded() / 10 }

    static func idle(_ context: PostureContext, _ live: Watch) -> Measurement {
        let id = "timeouts.idle-seconds"
        let title = "Idle connection closed after"
        if let failed = live.failed { return .notMeasured(id: id, title: title, unit: .seconds, advice: failed) }
        let bound = Int(context.policy.observationBound.seconds)
        guard let after = live.closedAfter else {
            var measurement = Measurement.notMeasured(
                id: id, title: title, unit: .seconds,
                advice: live.pings.isEmpty
                    ? "open after \(bound) s with no traffic and no ping from the server: dead connections pile up; close idle connections or send pings"
                    : "open after \(bound) s: kept alive by the server's pings, which the probe answered")
            measurement.observed = "open after \(bound) s (--observe)"
            measurement.status = live.pings.isEmpty ? .warn : .ok
            return measurement
        }
        return Measurement(
            id: id, title: title, value: seconds(after), unit: .seconds, observed: "\(live.how) after \(seconds(after)) s",
            advice: "the server closes a connection with no traffic")
    }

    static func pingInterval(_ context: PostureContext, _ live: Watch) -> Measurement {
        let id = "heartbeat.ping-interval-seconds"
        let title = "Server ping interval"
        if let failed = live.failed { return .notMeasured(id: id, title: title, unit: .seconds, advice: failed) }
        guard let first = live.pings.first else {
            var measurement = Measurement.notMeasured(
                id: id, title: title, unit: .seconds,
                advice:
                    "no ping within \(live.closedAfter.map { "the \(seconds($0)) s the connection lasted" } ?? "\(Int(context.policy.observationBound.seconds)) s"): without pings the server cannot tell a vanished client from a quiet one"
            )
            measurement.observed = "no ping"
            measurement.status = live.closedAfter == nil ? .warn : .ok
            return measurement
        }
        let interval = live.pings.count > 1 ? live.pings[1] - live.pings[0] : first
        return Measurement(
            id: id, title: title, value: seconds(interval), unit: .seconds,
            observed: "\(live.pings.count) ping(s), first after \(seconds(first)) s",
            advice: "the server checks that idle clients are still there")
    }

    static func deadPeer(_ context: PostureContext, _ dead: Watch) -> Measurement {
        let id = "heartbeat.dead-peer-seconds"
        let title = "Unanswering client closed after"
        if let failed = dead.failed { return .notMeasured(id: id, title: title, unit: .seconds, advice: failed) }
        guard !dead.pings.isEmpty else {
            return .notMeasured(id: id, title: title, unit: .seconds, advice: "the server sent no ping, so no pong could be missing")
        }
        guard let after = dead.closedAfter else {
            var measurement = Measurement.notMeasured(
                id: id, title: title, unit: .seconds,
                advice: "pinged, got no pong, and kept the connection \(Int(context.policy.observationBound.seconds)) s: close it when a pong is overdue")
            measurement.observed = "open after \(Int(context.policy.observationBound.seconds)) s"
            measurement.status = .warn
            return measurement
        }
        return Measurement(
            id: id, title: title, value: seconds(after), unit: .seconds, observed: "\(dead.how) after \(seconds(after)) s",
            advice: "the server drops a client that stops answering pings")
    }
}
