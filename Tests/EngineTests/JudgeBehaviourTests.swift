import Cases
import Testing
import Wire

@testable import Engine

/// The behaviour verdict: the outcome the events match, then what overrides it — a server that
/// broke a rule, a close that fails behaviour — then the requirement level that bounds the cost
/// of a deviation (RFC 2119: a missed SHOULD is not a broken MUST), then "informational".
@Suite("Judge: the behaviour verdict, its overrides and the requirement level")
struct JudgeBehaviourTests {
    private let echo = Cases.Expectation.events([.text("Hello")])
    private let wrongEcho = [receivedText("Hellp")]

    private func judge(
        _ expectation: Cases.Expectation, level: Requirement = .must, _ events: [ObservedEvent], _ facts: CloseFacts,
        violations: [String] = []
    ) -> Judge.Judgement {
        Judge.judge(makeCase(expectation, level: level), events: events, facts: facts, serverViolations: violations)
    }

    @Test("the expected echo is OK; anything else at MUST level is FAILED")
    func mustLevel() {
        #expect(judge(echo, [receivedText("Hello")], cleanTesterClose()).behaviour == .ok)
        #expect(judge(echo, wrongEcho, cleanTesterClose()).behaviour == .failed)
        #expect(judge(echo, [], cleanTesterClose()).behaviour == .failed)
    }

    @Test("a missed SHOULD is NON-STRICT and says why; a deviation from a MAY is INFORMATIONAL")
    func levelsBound() {
        let should = judge(echo, level: .should, wrongEcho, cleanTesterClose())
        #expect(should.behaviour == .nonStrict)
        #expect(should.reasons.contains("a SHOULD-level requirement: the deviation is NON-STRICT, not FAILED"))
        #expect(judge(echo, level: .may, wrongEcho, cleanTesterClose()).behaviour == .informational)
        // The level bounds only deviations: conforming behaviour stays OK at every level.
        for level in Requirement.allCases {
            #expect(judge(echo, level: level, [receivedText("Hello")], cleanTesterClose()).behaviour == .ok)
        }
    }

    @Test("a later outcome earns its own verdict, with its note first among the reasons")
    func laterOutcome() {
        let expectation = Cases.Expectation.serverFails([1002], before: [.text("valid")], nonStrictWithout: true)
        let judgement = judge(expectation, [], serverFailed(code: 1002))
        #expect(judgement.behaviour == .nonStrict)
        #expect(judgement.reasons.first == "failed the connection without first echoing the valid message")
        #expect(judge(expectation, [receivedText("valid")], serverFailed(code: 1002)).behaviour == .ok)
    }

    @Test("a server rule break fails behaviour even when the events match, at every level")
    func violationsFail() {
        for level in Requirement.allCases {
            let judgement = judge(echo, level: level, [receivedText("Hello")], cleanTesterClose(), violations: ["masked server frame"])
            #expect(judgement.behaviour == .failed, "\(level)")
            #expect(judgement.reasons.contains("the server broke a rule: masked server frame"))
        }
    }

    @Test("an outcome's own close expectation replaces the case's when that outcome matched")
    func outcomeClose() {
        let tooBig = ExpectedOutcome(
            .ok, [], note: "refused the message as too big", close: .serverFails([1009]))
        let expectation = Cases.Expectation(
            outcomes: [ExpectedOutcome(.ok, [.message(.binary, .filled(0, count: 1 << 20))]), tooBig], close: .normalClose,
            timer: .kill(.seconds(1)))
        let refused = judge(expectation, [], serverFailed(code: 1009))
        #expect(refused.behaviour == .ok)
        #expect(refused.close == .ok)
        #expect(refused.reasons == ["refused the message as too big"])
        // The echo outcome keeps the case's close: the server closing with 1009 is then wrong.
        let echoed = judge(expectation, [received(.message(.binary), Array(repeating: 0, count: 1 << 20))], serverFailed(code: 1009))
        #expect(echoed.close == .failed)
    }

    @Test("with wrongCodeFailsBehaviour, a WRONG CODE close fails behaviour; without it, only the close")
    func wrongCodeFails() {
        let plain = Cases.Expectation(outcomes: [ExpectedOutcome(.ok, [])], close: .serverFails([1002]), timer: .kill(.seconds(1)))
        var strict = plain
        strict.close.wrongCodeFailsBehaviour = true
        let loose = judge(plain, [], serverFailed(code: 1000))
        #expect(loose.close == .wrongCode)
        #expect(loose.behaviour == .ok)
        let failed = judge(strict, [], serverFailed(code: 1000))
        #expect(failed.close == .wrongCode)
        #expect(failed.behaviour == .failed)
        // Only WRONG CODE does so: a dropped TCP connection is a close matter alone.
        var dropped = serverFailed(code: 1002)
        dropped.droppedByTester = true
        let byClient = judge(strict, [], dropped)
        #expect(byClient.close == .failedByClient)
        #expect(byClient.behaviour == .ok)
        // And the requirement level still bounds it.
        #expect(judge(strict, level: .should, [], serverFailed(code: 1000)).behaviour == .nonStrict)
    }

    @Test("with wrongEndpointFailsBehaviour, a tester that had to close fails behaviour (a violation never detected)")
    func wrongEndpointFails() {
        let detect = Cases.Expectation.serverFails([1007], wrongEndpointFails: true)
        let undetected = judge(detect, [], cleanTesterClose())
        #expect(undetected.close == .failed)
        #expect(undetected.behaviour == .failed)
        let detected = judge(detect, [], serverFailed(code: 1007))
        #expect(detected.behaviour == .ok)
        #expect(detected.close == .ok)
        let lenient = judge(.serverFails([1007]), [], cleanTesterClose())
        #expect(lenient.close == .failed)
        #expect(lenient.behaviour == .ok)
        // A normal-close case never fails behaviour for who closed.
        var normal = CloseExpectation.normalClose
        normal.wrongEndpointFailsBehaviour = true
        let expectation = Cases.Expectation(outcomes: [ExpectedOutcome(.ok, [])], close: normal, timer: .kill(.seconds(1)))
        #expect(judge(expectation, [], cleanTesterClose()).behaviour == .ok)
    }

    @Test("an outcome's note is dropped when something overrode its verdict")
    func noteOnlyWhenUnchanged() {
        let expectation = Cases.Expectation.serverFails([1002], before: [.text("valid")], nonStrictWithout: true)
        let judgement = judge(expectation, [], serverFailed(code: 1002), violations: ["RSV1 without a negotiated extension"])
        #expect(judgement.behaviour == .failed)
        #expect(!judgement.reasons.contains("failed the connection without first echoing the valid message"))
    }

    @Test("an informational case is INFORMATIONAL on both axes whatever happens, and says what it saw")
    func informational() {
        var expectation = echo
        expectation.informational = true
        let judgement = judge(expectation, wrongEcho, serverFailed(code: 4999, clean: false))
        #expect(judgement.behaviour == .informational)
        #expect(judgement.close == .informational)
        #expect(judgement.reasons.first == "informational: the RFC allows either behaviour; observed text 'Hellp'")
        let silent = judge(expectation, [], cleanTesterClose())
        #expect(silent.reasons.first == "informational: the RFC allows either behaviour; observed no events")
        #expect(silent.firstDivergence == "event 1: expected text 'Hello', received nothing more")
    }

    @Test("an informational case is still FAILED when the server broke a rule")
    func informationalViolation() {
        var expectation = echo
        expectation.informational = true
        let judgement = judge(expectation, [receivedText("Hello")], serverFailed(code: 1000), violations: ["masked server frame"])
        #expect(judgement.behaviour == .failed)
        #expect(judgement.close == .failed)
        #expect(!(judgement.reasons.first?.hasPrefix("informational") ?? false))
    }
}
