import Cases
import Platform
import Wire

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// The launched target asked to shut down: with `connections` upgraded connections open,
/// SIGTERM (to the command, not to the shell that runs it), then watch. RFC 6455 §7.4.1 names
/// the code for it: "1001 indicates that an endpoint is 'going away', such as a server going
/// down"; §7.1.7 has an endpoint send a Close frame before it closes the connection. So each
/// open connection should get a Close with 1001, and the process should then exit by itself
/// within `grace`, after which it is killed.
///
/// - `process.shutdown-close`: what the open connections got.
/// - `process.shutdown-exit`: how and when the process ended.
enum ShutdownProbe {
    static let ids = ["process.shutdown-close", "process.shutdown-exit"]

    /// What one open connection saw after SIGTERM.
    enum Seen: Equatable {
        case close(code: UInt16?, after: Duration)
        case ended(String, after: Duration)
        case stillOpen

        var isClose: Bool { if case .close = self { true } else { false } }
        var code: UInt16? { if case .close(let code, _) = self { code } else { nil } }
        var after: Duration? {
            switch self {
            case .close(_, let after), .ended(_, let after): after
            case .stillOpen: nil
            }
        }
    }

    static func run(_ context: PostureContext, process: TargetProcess, grace: Duration, connections: Int = 3) -> (
        [Measurement], TargetExit?
    ) {
        var links: [ProbeLink] = []
        if process.status == .running {
            for _ in 0..<connections {
                guard case .upgraded(let link) = context.open() else { break }
                links.append(link)
            }
        }
        let signalled = ContinuousClock.now
        let watchers = links.map { link in
            ProbeThread.start("wsconform-shutdown") { watch(link, from: signalled, until: Deadline(signalled + grace + .seconds(2))) }
        }
        let exit = process.stop(grace: grace)
        // A connection that ended only when the process was killed stayed open after SIGTERM.
        let seen = watchers.map { $0.join() }.map { seen -> Seen in
            if exit?.killedAfterGrace == true, case .ended(_, let after) = seen, after >= grace { return .stillOpen }
            return seen
        }
        return ([close(seen, opened: links.count, grace: grace), ended(exit, grace: grace)], exit)
    }

    /// Reads until a Close, the end of TCP or the deadline; a Close is answered with its code,
    /// as §5.5.1 has the receiver of a Close do, so the server's closing handshake completes.
    static func watch(_ link: ProbeLink, from start: ContinuousClock.Instant, until deadline: Deadline) -> Seen {
        defer { link.client.close(abortive: false) }
        while true {
            switch link.next(until: deadline) {
            case .frame(let frame) where frame.opcode == .close:
                let code = ClosePayload.parse(frame.control).payload.code
                let reply = code.map { ClosePayload(code: $0).encoded() } ?? []
                link.write(link.encoded(.close, reply), deadline: .after(.milliseconds(500)))
                return .close(code: code?.rawValue, after: frame.at - start)
            case .frame:
                continue
            case .ended(let ending):
                return .ended(ending == .fin ? "TCP closed" : "TCP reset", after: ContinuousClock.now - start)
            case .timedOut:
                return .stillOpen
            }
        }
    }

    static func close(_ seen: [Seen], opened: Int, grace: Duration) -> Measurement {
        let (id, title) = (ids[0], "Open connections on SIGTERM")
        guard opened > 0 else {
            return .notMeasured(id: id, title: title, unit: .text, advice: "no connection could be opened before the shutdown")
        }
        let goingAway = seen.filter { $0.code == 1001 }.count
        let closes = seen.filter(\.isClose).count
        let slowest = seen.compactMap(\.after).max()
        let within = slowest.map { " within \(Self.seconds($0)) s" } ?? ""
        if goingAway == opened {
            return .text(
                id: id, title: title, "Close 1001 on \(opened) of \(opened)\(within)",
                advice: "open connections are told the server is going away (RFC 6455 §7.4.1), so clients reconnect elsewhere at once")
        }
        let words = Dictionary(grouping: seen.map(Self.words), by: { $0 }).sorted { $0.key < $1.key }
            .map { "\($0.key) on \($0.value.count) of \(opened)" }.joined(separator: "; ")
        if closes == opened {
            return .text(
                id: id, title: title, words, status: .warn,
                advice: "a Close came, but RFC 6455 §7.4.1 has 1001 (going away) for a server going down; clients may take another code for an error")
        }
        return .text(
            id: id, title: title, words, status: .fail,
            advice: seen.contains(.stillOpen)
                ? "connections stayed open after SIGTERM (\(Self.seconds(grace)) s): handle SIGTERM by closing each with 1001 (RFC 6455 §7.4.1)"
                : "connections were cut without a Close frame (clients see 1006, abnormal closure): on SIGTERM close each with 1001 first (RFC 6455 §7.4.1, §7.1.7)")
    }

    static func words(_ seen: Seen) -> String {
        switch seen {
        case .close(let code?, _): return "Close \(code)"
        case .close(nil, _): return "Close with no code"
        case .ended(let how, _): return "\(how) with no Close"
        case .stillOpen: return "still open"
        }
    }

    static func ended(_ exit: TargetExit?, grace: Duration) -> Measurement {
        let (id, title) = (ids[1], "Exit after SIGTERM")
        guard let exit else { return .notMeasured(id: id, title: title, unit: .seconds, advice: "the target was not running") }
        guard let took = exit.stopDuration else {
            return .text(
                id: id, title: title, "had already ended before SIGTERM: \(exit.status)", status: .fail,
                advice: "the target ended during the run; its output tail is in the report")
        }
        var measurement = Measurement(
            id: id, title: title, value: Self.seconds(took), unit: .seconds, policy: Measurement.Policy(fail: grace.seconds),
            observed: "", advice: "")
        let after = "after \(Self.seconds(took)) s"
        if exit.killedAfterGrace {
            measurement.observed = "still running \(Self.seconds(grace)) s after SIGTERM: killed with SIGKILL"
            measurement.status = .fail
            measurement.advice =
                "the process ignores SIGTERM or hangs in its shutdown: an orchestrator kills it, cutting every connection with no Close"
            return measurement
        }
        switch exit.status {
        case .exited(0):
            measurement.observed = "exited with code 0 \(after)"
            measurement.status = .ok
            measurement.advice = "the process stops by itself when asked"
        case .signalled(SIGTERM), .exited(128 + SIGTERM):
            measurement.observed = "ended by SIGTERM's default action \(after) (no handler)"
            measurement.status = .ok
            measurement.advice = "the process stops when asked, but without a handler it cannot close its connections first"
        case .exited(let code):
            measurement.observed = "exited with code \(code) \(after)"
            measurement.status = .warn
            measurement.advice = "a non-zero exit on a requested shutdown reads as a failure to supervisors"
        default:
            measurement.observed = "\(exit.status) \(after)"
            measurement.status = .fail
            measurement.advice = "the process crashed while shutting down; its output tail is in the report"
        }
        return measurement
    }

    static func seconds(_ duration: Duration) -> Double { (duration.seconds * 10).rounded() / 10 }
}
