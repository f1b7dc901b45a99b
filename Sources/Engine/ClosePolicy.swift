import Cases

/// The closing rules of a case once its steps are done, as pure logic that returns actions
/// (hummingbird's `WebSocketStateMachine` shape): when the tester starts the closing handshake
/// (RFC 6455 §5.5.1, §7.1.2), how long it waits for the server's Close and then for the server
/// to close TCP (§7.1.1: the server closes first), and what the case timer does when it fires.
/// `CaseSession.settle` performs the actions; the rules are tested without a socket.
struct ClosePolicy: Sendable {
    /// What the session knows at one moment.
    struct State: Hashable, Sendable {
        var testerSentClose = false
        var serverSentClose = false
        /// The events equal the first acceptable outcome, or one no other outcome extends.
        var expectedEventsIn = false
        /// Some acceptable outcome still starts with the events seen.
        var canStillMatch = true
        /// In a case the server must close, the events equal an outcome no other extends whose
        /// own close expectation has the tester close (a lenient echo answered normally).
        var finalOutcomeTesterCloses = false
        /// How many events the observer has seen.
        var events = 0
        var closeSentAt: ContinuousClock.Instant?
        var handshakeDoneAt: ContinuousClock.Instant?
    }

    /// One thing for the session to do.
    enum Action: Hashable, Sendable {
        /// Send the tester's Close (nil code: an empty Close) with this transcript note.
        case sendClose(UInt16?, note: String)
        /// Read the server's side until this instant, or until `interrupts` says to stop.
        case read(until: ContinuousClock.Instant)
        /// Add a note to the transcript.
        case note(String)
        /// Record that the tester failed the connection because its kill timer fired.
        case failByTimer
        /// Record why the connection did not close cleanly.
        case notClean(String)
        /// Close TCP: the case is over.
        case drop
    }

    /// True when the case expects the tester to start the closing handshake.
    let testerCloses: Bool
    /// True when some outcome of the case has the tester close, whatever the case expects.
    let someOutcomeTesterCloses: Bool
    let timer: CaseTimer
    /// When the case timer fires (it runs from the opening).
    let timerDeadline: ContinuousClock.Instant
    /// How long the server has to answer a Close and then to close TCP (one second, scaled).
    let grace: Duration
    private(set) var diverged = false
    private(set) var timerFired = false

    init(
        testerCloses: Bool, someOutcomeTesterCloses: Bool = false, timer: CaseTimer, timerDeadline: ContinuousClock.Instant,
        grace: Duration
    ) {
        self.testerCloses = testerCloses
        self.someOutcomeTesterCloses = someOutcomeTesterCloses
        self.timer = timer
        self.timerDeadline = timerDeadline
        self.grace = grace
    }

    /// The next action: close when the expected events are in, or as soon as no acceptable
    /// outcome can be reached (the behaviour is FAILED whatever comes next, so the timer need not
    /// run out); otherwise read until the nearest deadline.
    mutating func next(_ state: State) -> [Action] {
        if state.finalOutcomeTesterCloses, !testerCloses, !state.testerSentClose, !state.serverSentClose {
            return [.sendClose(1000, note: "the events are an outcome the tester closes: closing with 1000")]
        }
        if testerCloses, !state.testerSentClose, !state.serverSentClose {
            if state.expectedEventsIn { return [.sendClose(1000, note: "the expected events are in: closing with 1000")] }
            if !diverged, !state.canStillMatch {
                diverged = true
                return [.sendClose(1000, note: "the events left every acceptable outcome: closing with 1000")]
            }
        }
        return [.read(until: deadline(state))]
    }

    /// The nearest instant something is due: the case timer (or, once it fired, a last bound of
    /// ten grace periods), the server's Close after the tester's, TCP's end after both Closes.
    func deadline(_ state: State) -> ContinuousClock.Instant {
        var deadline = timerFired ? ContinuousClock.now + grace * 10 : timerDeadline
        if let sent = state.closeSentAt, !state.serverSentClose { deadline = min(deadline, sent + grace) }
        if let done = state.handshakeDoneAt { deadline = min(deadline, done + grace) }
        return deadline
    }

    /// True when a read that began in `before` should stop at `now` for the session to act:
    /// a Close went either way (the deadline depends on it), or a new event arrived while the
    /// tester must close.
    func interrupts(from before: State, to now: State) -> Bool {
        (now.testerSentClose, now.serverSentClose) != (before.testerSentClose, before.serverSentClose)
            || (testerCloses || someOutcomeTesterCloses) && !now.testerSentClose && !now.serverSentClose
                && now.events != before.events
    }

    /// What to do once a read ended at `now` with its deadline passed: drop a server that did
    /// not close TCP after the closing handshake, or did not answer the tester's Close, in time;
    /// fire the case timer; or, long after it fired, give up.
    mutating func expired(_ state: State, at now: ContinuousClock.Instant) -> [Action] {
        if let done = state.handshakeDoneAt, now >= done + grace {
            return [
                .note("the server did not close TCP within \(grace) of the closing handshake: dropping"),
                .notClean("the server did not drop TCP (in time)"), .drop,
            ]
        }
        if let sent = state.closeSentAt, !state.serverSentClose, now >= sent + grace {
            return [
                .note("no close reply within \(grace): dropping TCP"), .notClean("the server did not answer the close (in time)"), .drop,
            ]
        }
        guard !timerFired else { return [.note("the case timer expired long ago: dropping TCP"), .drop] }
        timerFired = true
        let closing = state.testerSentClose || state.serverSentClose
        switch timer {
        case .kill(let duration):
            // RFC 6455 §7.1.7: the tester fails the connection. A closing handshake already under
            // way keeps its own deadlines (a grace period for the server's Close, then one for
            // TCP's end): cutting it at the timer would make the verdict depend on how busy the
            // server was in the milliseconds around the timer, not on whether it closes.
            guard !closing else { return [.note("kill timer (\(duration)) fired during the closing handshake: it keeps its deadlines")] }
            return [
                .note("kill timer (\(duration)) fired"), .failByTimer,
                .sendClose(1001, note: "failing the connection with 1001 (going away)"),
            ]
        case .close(let duration):
            guard !closing else { return [.note("close timer (\(duration)) fired")] }
            return [.note("close timer (\(duration)) fired"), .sendClose(nil, note: "starting the closing handshake (no code)")]
        }
    }
}
