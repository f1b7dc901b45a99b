/// One line of a case's wire transcript: both directions, decoded, with offsets and times.
public struct TranscriptEntry: Hashable, Sendable, Codable {
    public enum Kind: String, Hashable, Sendable, Codable {
        /// Octets written (with the offsets where writes were cut).
        case sent
        /// Octets read.
        case received
        /// A frame the tester sent, decoded.
        case frameSent = "frame-sent"
        /// A frame the server sent, decoded, with any rule it broke.
        case frameReceived = "frame-received"
        /// A timer, a checkpoint, a TCP event, a verdict note.
        case note
    }

    /// Microseconds since the TCP connection opened.
    public var micros: Int64
    public var kind: Kind
    public var text: String
    /// Stream offset (sent or received direction) of the first octet, when it applies.
    public var offset: UInt64?
    /// Number of octets, when it applies.
    public var octets: Int?
    /// The first octets in hex (at most 64).
    public var hex: String?
    /// Offsets inside this write where it was cut into separate writes.
    public var cuts: [Int]?

    public init(micros: Int64, kind: Kind, text: String, offset: UInt64? = nil, octets: Int? = nil, hex: String? = nil, cuts: [Int]? = nil)
    {
        self.micros = micros
        self.kind = kind
        self.text = text
        self.offset = offset
        self.octets = octets
        self.hex = hex
        self.cuts = cuts
    }
}

/// How a case ended for the closing handshake: the facts the close verdict is judged from.
public struct CloseFacts: Hashable, Sendable {
    /// The tester sent the first close frame.
    public var closedByTester = false
    /// The tester closed the TCP connection (the server did not, in time).
    public var droppedByTester = false
    /// Close frames went both ways and the server then closed TCP.
    public var wasClean = false
    /// The tester failed the connection (a server rule break, or the kill timer).
    public var failedByTester = false
    public var remoteCode: UInt16?
    public var remoteReason: String?
    public var localCode: UInt16?
    /// Why it was not clean, in words.
    public var notCleanReason: String?

    public init() {}
}

/// The result of one case on one target.
public struct CaseResult: Hashable, Sendable {
    public enum Outcome: Hashable, Sendable {
        case judged(behaviour: BehaviourVerdict, close: CloseVerdict)
        /// The case could not run: refused, TLS failure, handshake never completed. A tool or
        /// target error, never a conformance verdict.
        case error(String)
    }

    public var caseID: String
    public var outcome: Outcome
    /// Why the verdicts are what they are, most important first.
    public var reasons: [String]
    /// The first point where what happened left what was expected.
    public var firstDivergence: String?
    public var observed: [ObservedEvent]
    /// Events left out of the middle of `observed` (`compacted`), 0 when it holds them all.
    public var observedOmitted = 0
    public var close: CloseFacts
    /// From TCP connect to TCP close.
    public var duration: Duration
    public var transcript: [TranscriptEntry]
    /// Each verdict pair the case gave when it was run again to confirm a result that did not
    /// pass, with how often, when they differ ("OK / OK ×1", "FAILED / OK ×1"): the verdict
    /// depends on timing. Empty when every run agreed (or none was repeated).
    public var verdictsSeen: [String] = []
    /// The trace id (32 hex digits) of the W3C `traceparent` field the case's opening handshake
    /// carried, to find the case in the target's logs; nil when it carried none.
    public var traceID: String?

    public init(
        caseID: String, outcome: Outcome, reasons: [String] = [], firstDivergence: String? = nil, observed: [ObservedEvent] = [],
        close: CloseFacts = CloseFacts(), duration: Duration = .zero, transcript: [TranscriptEntry] = []
    ) {
        self.caseID = caseID
        self.outcome = outcome
        self.reasons = reasons
        self.firstDivergence = firstDivergence
        self.observed = observed
        self.close = close
        self.duration = duration
        self.transcript = transcript
    }

    /// The events a compacted result keeps before and after the omission: those a report shows
    /// (`CaseReport.eventDescriptions`).
    public static let eventsKeptFirst = 40
    public static let eventsKeptLast = 10

    /// This result with only the observed events a report shows: the first and the last, and
    /// how many were left out between them. A compression case observes a thousand echoes; a
    /// run keeps every case's result until its reports are written, so the runner compacts each
    /// as it finishes (the verdicts and the first divergence were judged from all events).
    public func compacted() -> CaseResult {
        let kept = Self.eventsKeptFirst + Self.eventsKeptLast
        guard observed.count > kept + 1 else { return self }
        var compact = self
        compact.observedOmitted += observed.count - kept
        compact.observed = Array(observed.prefix(Self.eventsKeptFirst) + observed.suffix(Self.eventsKeptLast))
        return compact
    }

    /// True when both verdicts are acceptable. NON-STRICT and FAILED BY CLIENT miss only a
    /// SHOULD (RFC 6455 §7.1.1: the server SHOULD close TCP first), so they pass unless `strict`;
    /// UNIMPLEMENTED is an optional extension the server does not offer (RFC 7692 is optional).
    public func passes(strict: Bool = false) -> Bool {
        guard case .judged(let behaviour, let close) = outcome else { return false }
        let behaviours: Set<BehaviourVerdict> =
            strict ? [.ok, .informational, .unimplemented] : [.ok, .nonStrict, .informational, .unimplemented]
        let closes: Set<CloseVerdict> = strict ? [.ok, .informational] : [.ok, .informational, .failedByClient]
        return behaviours.contains(behaviour) && closes.contains(close)
    }

    /// The verdict pair in words, "FAILED / OK", or the error.
    public var verdictWords: String {
        switch outcome {
        case .judged(let behaviour, let close): return "\(behaviour.rawValue) / \(close.rawValue)"
        case .error(let text): return "not run: \(text)"
        }
    }
}
