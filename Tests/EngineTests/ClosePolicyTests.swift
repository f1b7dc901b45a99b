import Cases
import Testing

@testable import Engine

/// The closing rules after a case's steps, as pure logic: no socket, no clock but the instants
/// given (RFC 6455 §5.5.1, §7.1.1, §7.1.2, §7.1.7).
@Suite("Engine: the close policy")
struct ClosePolicyTests {
    static let start = ContinuousClock.now
    static let grace = Duration.seconds(1)

    static func policy(testerCloses: Bool = true, timer: CaseTimer = .kill(.seconds(10))) -> ClosePolicy {
        ClosePolicy(testerCloses: testerCloses, timer: timer, timerDeadline: start + timer.duration, grace: grace)
    }

    @Test("the tester closes with 1000 once the expected events are in, and not before")
    func closesWhenEventsAreIn() {
        var policy = Self.policy()
        #expect(policy.next(ClosePolicy.State(events: 1)) == [.read(until: Self.start + .seconds(10))])
        #expect(
            policy.next(ClosePolicy.State(expectedEventsIn: true)) == [
                .sendClose(1000, note: "the expected events are in: closing with 1000")
            ])
    }

    @Test("the tester closes at once when no acceptable outcome is reachable, once only")
    func closesOnDivergence() {
        var policy = Self.policy()
        let lost = ClosePolicy.State(canStillMatch: false, events: 2)
        #expect(policy.next(lost) == [.sendClose(1000, note: "the events left every acceptable outcome: closing with 1000")])
        #expect(policy.diverged)
        guard case .read = policy.next(lost).first else {
            Issue.record("a second close was asked for")
            return
        }
    }

    @Test("a case the server must close never has the tester close on its events")
    func serverCloses() {
        var policy = Self.policy(testerCloses: false)
        guard case .read = policy.next(ClosePolicy.State(expectedEventsIn: true, canStillMatch: false)).first else {
            Issue.record("the tester closed a case the server must close")
            return
        }
    }

    @Test("a case the server must close still has the tester close when its events are an outcome answered normally")
    func lenientOutcomeClosedByTester() {
        var policy = ClosePolicy(
            testerCloses: false, someOutcomeTesterCloses: true, timer: .kill(.seconds(10)), timerDeadline: Self.start + .seconds(10),
            grace: Self.grace)
        let echoed = ClosePolicy.State(expectedEventsIn: true, finalOutcomeTesterCloses: true, events: 1)
        #expect(policy.next(echoed) == [.sendClose(1000, note: "the events are an outcome the tester closes: closing with 1000")])
        #expect(policy.interrupts(from: ClosePolicy.State(), to: ClosePolicy.State(events: 1)))
        #expect(!Self.policy(testerCloses: false).interrupts(from: ClosePolicy.State(), to: ClosePolicy.State(events: 1)))
    }

    @Test("after the tester's Close the server has one grace period to answer, then TCP is dropped as not clean")
    func closeReplyDeadline() {
        var policy = Self.policy()
        let sent = Self.start + .milliseconds(200)
        let waiting = ClosePolicy.State(testerSentClose: true, closeSentAt: sent)
        #expect(policy.deadline(waiting) == sent + Self.grace)
        #expect(
            policy.expired(waiting, at: sent + Self.grace) == [
                .note("no close reply within 1.0 seconds: dropping TCP"), .notClean("the server did not answer the close (in time)"), .drop,
            ])
    }

    @Test("after both Closes the server has one grace period to close TCP (RFC 6455 §7.1.1)")
    func tcpCloseDeadline() {
        var policy = Self.policy()
        let done = Self.start + .milliseconds(300)
        let closed = ClosePolicy.State(testerSentClose: true, serverSentClose: true, closeSentAt: done, handshakeDoneAt: done)
        #expect(policy.deadline(closed) == done + Self.grace)
        #expect(policy.expired(closed, at: done + Self.grace).last == .drop)
        #expect(policy.expired(closed, at: done + Self.grace).contains(.notClean("the server did not drop TCP (in time)")))
    }

    @Test("a kill timer fails the connection with 1001 when no Close went either way; a closing handshake under way keeps its deadlines")
    func killTimer() {
        var idle = Self.policy()
        #expect(
            idle.expired(ClosePolicy.State(), at: Self.start + .seconds(10)) == [
                .note("kill timer (10.0 seconds) fired"), .failByTimer,
                .sendClose(1001, note: "failing the connection with 1001 (going away)"),
            ])
        var closing = Self.policy()
        let sent = Self.start + .milliseconds(9_500)
        let underWay = ClosePolicy.State(testerSentClose: true, closeSentAt: sent)
        #expect(
            closing.expired(underWay, at: Self.start + .seconds(10)) == [
                .note("kill timer (10.0 seconds) fired during the closing handshake: it keeps its deadlines")
            ])
        // The server's Close is still due one grace period after the tester's, not at the timer.
        #expect(closing.expired(underWay, at: sent + Self.grace).contains(.notClean("the server did not answer the close (in time)")))
    }

    @Test("a close timer starts the closing handshake with an empty Close, only when none is under way")
    func closeTimer() {
        var idle = Self.policy(timer: .close(.seconds(2)))
        #expect(
            idle.expired(ClosePolicy.State(), at: Self.start + .seconds(2)) == [
                .note("close timer (2.0 seconds) fired"), .sendClose(nil, note: "starting the closing handshake (no code)"),
            ])
        var closing = Self.policy(timer: .close(.seconds(2)))
        #expect(
            closing.expired(ClosePolicy.State(testerSentClose: true), at: Self.start + .seconds(2)) == [
                .note("close timer (2.0 seconds) fired")
            ])
    }

    @Test("once the timer has fired, the next expiry gives up and drops TCP; the wait is bounded by ten grace periods")
    func timerFiresOnce() {
        var policy = Self.policy(timer: .close(.seconds(2)))
        _ = policy.expired(ClosePolicy.State(testerSentClose: true), at: Self.start + .seconds(2))
        #expect(policy.timerFired)
        #expect(policy.deadline(ClosePolicy.State()) <= ContinuousClock.now + Self.grace * 10)
        #expect(policy.expired(ClosePolicy.State(), at: .now) == [.note("the case timer expired long ago: dropping TCP"), .drop])
    }

    @Test("a read stops for a Close either way, and for a new event only while the tester must close")
    func interruptions() {
        let policy = Self.policy()
        let before = ClosePolicy.State(events: 1)
        #expect(policy.interrupts(from: before, to: ClosePolicy.State(serverSentClose: true, events: 1)))
        #expect(policy.interrupts(from: before, to: ClosePolicy.State(events: 2)))
        #expect(!policy.interrupts(from: before, to: before))
        let serverCloses = Self.policy(testerCloses: false)
        #expect(!serverCloses.interrupts(from: before, to: ClosePolicy.State(events: 2)))
    }
}
