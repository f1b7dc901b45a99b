/// Who must start the closing handshake, and what ending is acceptable, RFC 6455 §7.
public struct CloseExpectation: Hashable, Sendable {
    public enum Initiator: String, Hashable, Sendable, Codable {
        /// The tester closes (after the expected events, or as a step); the server answers.
        case tester
        /// The server must fail the connection itself (close frame and/or TCP drop).
        case server
    }

    public var initiator: Initiator
    /// Close codes accepted from the server; a close frame without a code, or (when
    /// `requireClean` is false) no close frame at all, is also accepted.
    public var codes: Set<UInt16>
    /// The closing handshake must complete: close frames both ways, then the server drops TCP.
    public var requireClean: Bool
    /// Behaviour becomes FAILED when the wrong endpoint closed (a violation the server never
    /// detected), as for invalid UTF-8.
    public var wrongEndpointFailsBehaviour: Bool
    /// Behaviour becomes FAILED on a WRONG CODE close (Autobahn's rule for close cases).
    public var wrongCodeFailsBehaviour: Bool

    public init(
        initiator: Initiator, codes: Set<UInt16>, requireClean: Bool, wrongEndpointFailsBehaviour: Bool = false,
        wrongCodeFailsBehaviour: Bool = false
    ) {
        self.initiator = initiator
        self.codes = codes
        self.requireClean = requireClean
        self.wrongEndpointFailsBehaviour = wrongEndpointFailsBehaviour
        self.wrongCodeFailsBehaviour = wrongCodeFailsBehaviour
    }

    /// The tester closes with 1000 once the events are in; the server answers 1000 (or no
    /// code) and drops TCP, RFC 6455 §5.5.1 and §7.1.1.
    public static let normalClose = CloseExpectation(initiator: .tester, codes: [1000], requireClean: true)

    /// The server must fail the connection with one of `codes` (or none), RFC 6455 §7.1.7.
    public static func serverFails(_ codes: Set<UInt16>, wrongEndpointFails: Bool = false) -> CloseExpectation {
        CloseExpectation(initiator: .server, codes: codes, requireClean: false, wrongEndpointFailsBehaviour: wrongEndpointFails)
    }
}

/// One acceptable event list and the verdict it earns.
public struct ExpectedOutcome: Hashable, Sendable {
    public var verdict: BehaviourVerdict
    public var events: [Event]
    /// Why this outcome earns this verdict (e.g. which SHOULD is missed), for reports.
    public var note: String?
    /// How the connection must end when these are the events, if not as the case's close
    /// expectation says (e.g. a server that refuses an over-limit message with 1009).
    public var close: CloseExpectation?

    public init(_ verdict: BehaviourVerdict, _ events: [Event], note: String? = nil, close: CloseExpectation? = nil) {
        self.verdict = verdict
        self.events = events
        self.note = note
        self.close = close
    }
}

/// How recorded events are compared with expected ones.
public enum EventMatching: String, Hashable, Sendable, Codable {
    /// Same kinds, order, lengths and octets.
    case exact
    /// Same kinds, order and lengths; content not compared (Autobahn's 9.x limits cases).
    case typeAndLength
}

/// The upper bound on a case's duration once the connection is open, Autobahn's timers.
/// They bound a silent server; a case still ends as soon as its outcome is known.
public enum CaseTimer: Hashable, Sendable {
    /// When it fires the tester fails the connection (close 1001, or drops TCP if closing).
    case kill(Duration)
    /// When it fires the tester starts the closing handshake (close without a code).
    case close(Duration)

    public var duration: Duration {
        switch self {
        case .kill(let duration), .close(let duration): return duration
        }
    }
}

/// Everything a case accepts: event lists by verdict, the close, and the timer.
public struct Expectation: Hashable, Sendable {
    /// Acceptable event lists, best first; the first is the one the tester waits for before it
    /// closes. Anything else recorded is FAILED.
    public var outcomes: [ExpectedOutcome]
    public var matching: EventMatching
    public var close: CloseExpectation
    public var timer: CaseTimer
    /// Both verdicts are INFORMATIONAL whatever happens (the RFC leaves the behaviour open).
    public var informational: Bool

    public init(
        outcomes: [ExpectedOutcome], matching: EventMatching = .exact, close: CloseExpectation, timer: CaseTimer,
        informational: Bool = false
    ) {
        self.outcomes = outcomes
        self.matching = matching
        self.close = close
        self.timer = timer
        self.informational = informational
    }

    /// Echo-style: exactly `events`, then the tester closes normally.
    public static func events(_ events: [Event], timer: CaseTimer = .kill(.seconds(1))) -> Expectation {
        Expectation(outcomes: [ExpectedOutcome(.ok, events)], close: .normalClose, timer: timer)
    }

    /// Fail-style: nothing (or `before`) is echoed and the server fails with `codes`.
    public static func serverFails(
        _ codes: Set<UInt16>, before events: [Event] = [], nonStrictWithout: Bool = false, timer: CaseTimer = .kill(.seconds(1)),
        wrongEndpointFails: Bool = false
    ) -> Expectation {
        var outcomes = [ExpectedOutcome(.ok, events)]
        if nonStrictWithout, !events.isEmpty {
            outcomes.append(ExpectedOutcome(.nonStrict, [], note: "failed the connection without first echoing the valid message"))
        }
        return Expectation(outcomes: outcomes, close: .serverFails(codes, wrongEndpointFails: wrongEndpointFails), timer: timer)
    }
}
