import Cases
import Client
import Platform
import Wire

/// The target's echo round trips, timed before the cases on a connection of their own, and the
/// wait derived from them.
///
/// A fail-fast checkpoint (RFC 6455 §8.1; Autobahn 6.4.x) asks whether the server has failed
/// the connection by the time it has surely read and judged what was sent. Autobahn waits a
/// fixed second: on loopback nearly all of it idle, and for a target far enough away not long
/// enough. wsconform waits what the target's own slowest echo says a reaction takes, with a
/// floor for a server that is busy with other cases, and Autobahn's second as the upper bound
/// (`--timeout-scale` multiplies both). The report says what was measured and what was used.
public struct TargetLatency: Sendable, Equatable {
    /// Each echo round trip, in the order measured.
    public var samples: [Duration]

    public init(samples: [Duration]) { self.samples = samples }

    /// How many echoes are timed.
    public static let sampleCount = 8
    /// The shortest wait: what a server busy with the other cases of the run may take (an
    /// interpreted server on a loaded machine answers in hundreds of milliseconds).
    public static let floor = Duration.milliseconds(500)
    /// Autobahn's continue timer: the longest wait.
    public static let ceiling = Duration.seconds(1)

    public var slowest: Duration { samples.max() ?? .zero }
    public var median: Duration { samples.isEmpty ? .zero : samples.sorted()[samples.count / 2] }

    /// The wait at a checkpoint (and at a case's pause): eight slowest round trips on top of the
    /// floor, at most the ceiling.
    public var checkpointWait: Duration { min(Self.ceiling, Self.floor + slowest * 8) }

    /// `options` with the waits this latency gives: the checkpoint wait, and the round trip each
    /// sequential exchange adds to a case's timer.
    public func configured(_ options: RunOptions) -> RunOptions {
        var options = options
        options.checkpointWait = checkpointWait
        options.roundTrip = slowest
        return options
    }

    /// Times `sampleCount` echoes of a short text message, one after another, on a fresh
    /// connection with no extension; nil when any is not echoed in time.
    public static func measure(_ target: TargetURL, options: RunOptions) -> TargetLatency? {
        let deadline = Deadline.after(options.scaled(.seconds(5)))
        guard let session = try? TargetProbe.plainSession(target, options: options, deadline: deadline) else { return nil }
        defer { session.client.close(abortive: false) }
        var samples: [Duration] = []
        for index in 0..<sampleCount {
            let start = ContinuousClock.now
            guard (try? session.send(Frame.text("wsconform latency \(index)"), deadline: deadline)) != nil,
                case .success = (try? session.nextMessage(deadline: deadline)) ?? .failure(.timedOut)
            else { return nil }
            samples.append(ContinuousClock.now - start)
        }
        _ = try? session.send(Frame(opcode: .close, payload: ClosePayload(code: .normalClosure).encoded()), deadline: deadline)
        return TargetLatency(samples: samples)
    }

    /// `latency.echo-round-trip` and `timers.checkpoint-wait`: what was measured and used.
    public func measurements(timeoutScale: Double) -> [Measurement] {
        let used = checkpointWait * timeoutScale
        return [
            Measurement(
                id: "latency.echo-round-trip", title: "Echo round trip (median of \(samples.count))", value: Self.milliseconds(median),
                unit: .milliseconds, observed: "min \(Self.milliseconds(samples.min() ?? .zero)) ms, slowest \(Self.milliseconds(slowest)) ms",
                advice: "a short text message echoed, one at a time, before the cases"),
            Measurement(
                id: "timers.checkpoint-wait", title: "Wait at fail-fast checkpoints", value: Self.milliseconds(used), unit: .milliseconds,
                observed: "500 ms + 8 × the slowest echo, at most Autobahn's 1 s, × --timeout-scale \(timeoutScale)",
                advice: "how long a case waits for the target to react before it judges the connection still open"),
        ]
    }

    public static func milliseconds(_ duration: Duration) -> Double {
        duration.roundedMilliseconds
    }
}
