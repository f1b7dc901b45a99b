import Client
import Transport
import Wire

/// How cases are run against a target: connection settings and timing.
public struct RunOptions: Sendable {
    public var dialer: Dialer
    /// Multiplies every timer (case timers, close-handshake and drop timeouts) for slow targets.
    public var timeoutScale: Double
    /// Extra request header fields (`--header`), `Origin`, subprotocols.
    public var extraFields: HeaderFields
    public var origin: String?
    public var subprotocols: [String]
    /// Seed for masking keys and handshake nonces; a case's own seed derives from it and its id.
    public var seed: UInt64
    /// Transcript entries kept per case besides notes: the first three quarters and the latest
    /// quarter (`TranscriptRecorder`). 200 shows a long case's start and end; a run keeps every
    /// case's transcript until its reports are written.
    public var transcriptLimit: Int
    /// The largest inflated message the target may accept (`--max-inflate`): the inflation
    /// probe's measurement fails past it. Nil: measured, never judged.
    public var maxInflate: Int?
    /// The wait at fail-fast checkpoints and pauses, from the target's measured latency
    /// (`TargetLatency.checkpointWait`); nil: each case's own (Autobahn's). Never longer than
    /// the case's own; scaled by `timeoutScale` as every timer is.
    public var checkpointWait: Duration?
    /// The target's slowest measured echo round trip (`TargetLatency.slowest`): each case's
    /// timer grows by it once per sequential exchange. Nil: not measured.
    public var roundTrip: Duration?
    /// Send a fresh W3C `traceparent` field with each case's opening handshake, its trace id
    /// kept in the case's result (`--no-traceparent` turns it off; see `TraceParent`).
    public var traceparent = true

    public init(
        dialer: Dialer = Dialer(), timeoutScale: Double = 1, extraFields: HeaderFields = [], origin: String? = nil,
        subprotocols: [String] = [], seed: UInt64 = 0x5753_434F_4E46, transcriptLimit: Int = 200, maxInflate: Int? = nil
    ) {
        self.maxInflate = maxInflate
        self.dialer = dialer
        self.timeoutScale = timeoutScale
        self.extraFields = extraFields
        self.origin = origin
        self.subprotocols = subprotocols
        self.seed = seed
        self.transcriptLimit = transcriptLimit
    }

    /// A checkpoint's or a pause's wait: the measured one when shorter, scaled.
    func settle(_ duration: Duration) -> Duration { scaled(checkpointWait.map { min($0, duration) } ?? duration) }

    /// `duration` scaled by `timeoutScale`.
    func scaled(_ duration: Duration) -> Duration { duration * timeoutScale }
}
