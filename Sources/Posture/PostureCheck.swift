import Cases
import Client
import Engine

/// The pre-launch posture of one target: every probe, run side by side so the check lasts
/// about as long as its longest observation, each within its own budget of time, connections
/// and octets. Peer misbehaviour is a measurement, never an error.
public enum PostureCheck {
    /// Every posture measurement id, in report order (docs/report.schema.json lists them).
    public static let ids = [
        "tls.version", "tls.cipher", "tls.certificate-trusted", "tls.certificate-days-left", "tls.hostname-match",
        "tls.legacy-versions-accepted", "transport.plain-ws-reachable", "origin.allowed", "origin.absent", "origin.foreign",
        "origin.null", "origin.lookalike", "auth.without-credentials", "limits.max-message-octets", "limits.max-frame-octets",
        "limits.huge-length", "limits.fragments", "limits.request-head-octets", "limits.ping-flood", "timeouts.handshake-seconds",
        "timeouts.idle-seconds", "heartbeat.ping-interval-seconds", "heartbeat.dead-peer-seconds", "handshake.server-header",
        "handshake.legacy-versions", "concurrency.interleaved-frames",
    ]

    /// Runs every probe against `context`'s target; the measurements in `ids` order.
    public static func run(_ context: PostureContext) -> [Measurement] {
        let running = start(context)
        return ordered(running.finishShort() + running.finish())
    }

    /// Starts every probe: the short ones (handshakes, size searches, hostile frames), whose
    /// load a run lets end before its cases start, and the long observations (slow handshake,
    /// idle, heartbeat), which mostly wait and so run beside the cases.
    public static func start(_ context: PostureContext) -> Running {
        let short: [(String, @Sendable () -> [Measurement])] = [
            ("tls", { TLSProbes.run(context) }),
            (
                "handshake",
                {
                    OriginProbes.run(context) + [
                        HandshakeProbes.withoutCredentials(context), HandshakeProbes.serverHeader(context),
                        HandshakeProbes.legacyVersions(context),
                    ]
                }
            ),
            ("sizes", { SizeLimitProbes.run(context) }),
            ("interleaving", { [InterleavingProbe.run(context)] }),
            (
                "hostile",
                {
                    [
                        RequestHeadProbe.run(context), HostileFrameProbes.hugeLength(context), HostileFrameProbes.fragments(context),
                        HostileFrameProbes.pingFlood(context),
                    ]
                }
            ),
        ]
        let long: [(String, @Sendable () -> [Measurement])] = [
            ("slow-handshake", { [SlowHandshakeProbe.run(context)] }),
            ("idle", { IdleProbes.run(context) }),
        ]
        return Running(
            long: long.map { ProbeThread.start("wsconform-posture-\($0.0)", $0.1) },
            short: short.map { ProbeThread.start("wsconform-posture-\($0.0)", $0.1) })
    }

    /// Probes under way.
    public struct Running: Sendable {
        let long: [ProbeThread<[Measurement]>]
        let short: [ProbeThread<[Measurement]>]

        /// Waits for the short probes; their measurements.
        public func finishShort() -> [Measurement] { short.flatMap { $0.join() } }

        /// Waits for the long observations; their measurements.
        public func finish() -> [Measurement] { long.flatMap { $0.join() } }
    }

    /// `measurements` in `ids` order (others after, as they came).
    public static func ordered(_ measurements: [Measurement]) -> [Measurement] {
        measurements.enumerated().sorted {
            let (a, b) = (ids.firstIndex(of: $0.element.id) ?? ids.count, ids.firstIndex(of: $1.element.id) ?? ids.count)
            return a != b ? a < b : $0.offset < $1.offset
        }.map(\.element)
    }
}
