import Cases
import Testing
import Wire

@testable import Engine

/// The close verdict, RFC 6455 §7: who started closing, whether the handshake was clean, the
/// server's code, who dropped TCP — checked in that order, the first broken rule deciding.
@Suite("Judge: the close verdict and the order of its rules")
struct JudgeCloseTests {
    /// A case whose events are none, so behaviour is OK and only the close is judged.
    private func close(_ expectation: CloseExpectation, _ facts: CloseFacts) -> Judge.Judgement {
        let expected = Cases.Expectation(outcomes: [ExpectedOutcome(.ok, [])], close: expectation, timer: .kill(.seconds(1)))
        return Judge.judge(makeCase(expected), events: [], facts: facts, serverViolations: [])
    }

    @Test("a clean close the tester started, answered with 1000 or with no code, is OK")
    func cleanNormalClose() {
        for code: UInt16? in [1000, nil] {
            let judgement = close(.normalClose, cleanTesterClose(remoteCode: code))
            #expect(judgement.close == .ok)
            #expect(judgement.behaviour == .ok)
            #expect(judgement.reasons.isEmpty)
            #expect(judgement.firstDivergence == nil)
        }
    }

    @Test("the server starting the close where the tester was to close is FAILED (§7.1.2)")
    func serverClosedFirst() {
        let judgement = close(.normalClose, serverFailed(code: 1000))
        #expect(judgement.close == .failed)
        #expect(judgement.reasons.last?.contains("§7.1.2") == true)
        #expect(judgement.firstDivergence == judgement.reasons.last)
    }

    @Test("the tester closing at its timer where the server was to fail the connection is FAILED (§7.1.7)")
    func serverNeverFailed() {
        let judgement = close(.serverFails([1002]), cleanTesterClose())
        #expect(judgement.close == .failed)
        #expect(judgement.reasons.last?.contains("§7.1.7") == true)
    }

    @Test("a server that fails the connection with an accepted code, no code, or only a TCP drop is OK")
    func serverFailsAccepted() {
        #expect(close(.serverFails([1002]), serverFailed(code: 1002)).close == .ok)
        #expect(close(.serverFails([1002, 1007]), serverFailed(code: 1007)).close == .ok)
        #expect(close(.serverFails([1002]), serverFailed(code: nil)).close == .ok)
        // A server failing the connection need not finish a clean handshake.
        #expect(close(.serverFails([1002]), serverFailed(code: nil, clean: false)).close == .ok)
        #expect(close(.serverFails([1002]), serverFailed(code: 1002, clean: false)).close == .ok)
    }

    @Test("a required clean close that is not clean is UNCLEAN, with the reason (§7.1.1)")
    func unclean() {
        var facts = cleanTesterClose()
        facts.wasClean = false
        facts.notCleanReason = "the server did not answer the close (in time)"
        let judgement = close(.normalClose, facts)
        #expect(judgement.close == .unclean)
        #expect(judgement.reasons.last == "closing handshake not clean: the server did not answer the close (in time) (RFC 6455 §7.1.1)")
    }

    @Test("a code the case does not accept is WRONG CODE, naming the accepted codes (§7.4.1)")
    func wrongCode() {
        let judgement = close(.serverFails([1007, 1002]), serverFailed(code: 1000))
        #expect(judgement.close == .wrongCode)
        #expect(judgement.reasons.last == "the server closed with 1000, expected 1002 or 1007 or no code (RFC 6455 §7.4.1)")
        #expect(close(.normalClose, cleanTesterClose(remoteCode: 1001)).close == .wrongCode)
    }

    @Test("a tester that had to drop TCP is FAILED BY CLIENT (§7.1.1: the server SHOULD close first)")
    func failedByClient() {
        var facts = serverFailed(code: 1002)
        facts.droppedByTester = true
        #expect(close(.serverFails([1002]), facts).close == .failedByClient)
        var normal = cleanTesterClose()
        normal.droppedByTester = true
        #expect(close(.normalClose, normal).close == .failedByClient)
    }

    @Test("a tester that failed the connection with a close frame, answered cleanly by the server, is OK: the server closed TCP")
    func failedByCloseFrameIsNotADrop() {
        var facts = cleanTesterClose()
        facts.failedByTester = true
        facts.localCode = 1001
        #expect(close(.normalClose, facts).close == .ok)
        var detected = serverFailed(code: 1002)
        detected.failedByTester = true
        #expect(close(.serverFails([1002]), detected).close == .ok)
    }

    @Test("the wrong initiator outranks an unclean close, a wrong code and a TCP drop")
    func initiatorFirst() {
        var facts = serverFailed(code: 4999, clean: false)
        facts.droppedByTester = true
        #expect(close(.normalClose, facts).close == .failed)
        var tester = cleanTesterClose(remoteCode: 4999)
        tester.droppedByTester = true
        #expect(close(.serverFails([1002]), tester).close == .failed)
    }

    @Test("an unclean close outranks a wrong code and a TCP drop")
    func uncleanBeforeCode() {
        var facts = cleanTesterClose(remoteCode: 4999)
        facts.wasClean = false
        facts.droppedByTester = true
        #expect(close(.normalClose, facts).close == .unclean)
    }

    @Test("a wrong code outranks a TCP drop")
    func codeBeforeDrop() {
        var facts = serverFailed(code: 1000)
        facts.droppedByTester = true
        #expect(close(.serverFails([1002]), facts).close == .wrongCode)
    }

    @Test("each close verdict gives one reason, and a bad close is the first divergence when the events matched")
    func oneReason() {
        var facts = serverFailed(code: 1000)
        facts.droppedByTester = true
        let judgement = close(.serverFails([1002]), facts)
        #expect(judgement.reasons.count == 1)
        #expect(judgement.firstDivergence == judgement.reasons[0])
    }

    /// Without a MUST the close axis is bounded as the behaviour is: a SHOULD case that closes
    /// unclean is NON-STRICT (close INFORMATIONAL), a MAY case INFORMATIONAL, the reason kept.
    @Test("a close deviation in a SHOULD or MAY case is bounded, the MUST case keeps it")
    func closeBoundedByLevel() {
        var facts = cleanTesterClose()
        facts.wasClean = false
        facts.notCleanReason = "the server dropped TCP"
        let expected = Cases.Expectation(outcomes: [ExpectedOutcome(.ok, [])], close: .normalClose, timer: .kill(.seconds(1)))
        let must = Judge.judge(makeCase(expected, level: .must), events: [], facts: facts, serverViolations: [])
        #expect(must.behaviour == .ok && must.close == .unclean)
        let should = Judge.judge(makeCase(expected, level: .should), events: [], facts: facts, serverViolations: [])
        #expect(should.behaviour == .nonStrict && should.close == .informational)
        #expect(should.firstDivergence?.contains("the server dropped TCP") == true)
        #expect(should.reasons.last?.contains("SHOULD-level") == true)
        let may = Judge.judge(makeCase(expected, level: .may), events: [], facts: facts, serverViolations: [])
        #expect(may.behaviour == .informational && may.close == .informational)
        let broke = Judge.judge(makeCase(expected, level: .should), events: [], facts: facts, serverViolations: ["a masked frame"])
        #expect(broke.behaviour == .failed && broke.close == .unclean)
    }
}
