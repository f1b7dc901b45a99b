import Cases
import Testing
import Wire

@testable import Engine

/// The answer to a case's opening request, judged without sockets (RFC 6455 §4.1, §4.2.2, §4.4).
@Suite("Engine: the opening handshake's answer")
struct OpeningJudgeTests {
    static let refusal = Refusal(statuses: 400...499, fields: [.init("Sec-WebSocket-Version", containing: "13")])

    static func head(_ text: String) throws -> HTTPHead {
        var parser = HTTPHeadParser()
        guard case .complete(let head, _) = parser.feed(Array((text + "\r\n\r\n").utf8)) else { throw ParseFailed() }
        return head
    }

    struct ParseFailed: Error {}

    @Test("a 101 proceeds when the case needs an upgrade, and is FAILED when it needs a refusal")
    func upgrade() throws {
        let upgraded = try Self.head("HTTP/1.1 101 Switching Protocols")
        #expect(OpeningJudge.judge(upgraded, .upgraded, problems: []) == .proceed)
        #expect(OpeningJudge.judge(upgraded, .either(Self.refusal), problems: []) == .proceed)
        guard case .upgradedWrongly(let reason) = OpeningJudge.judge(upgraded, .refused(Self.refusal), problems: []) else {
            Issue.record("an upgrade where a refusal was needed was not caught")
            return
        }
        #expect(reason.contains("upgraded a request it must refuse"))
    }

    @Test("a 101 with a problem is a broken upgrade, whatever the case expects")
    func broken() throws {
        let upgraded = try Self.head("HTTP/1.1 101 Switching Protocols")
        let problem = HandshakeProblem("RFC 6455 §4.1", "Sec-WebSocket-Accept is wrong")
        for expectation in [OpeningExpectation.upgraded, .either(Self.refusal), .refused(Self.refusal)] {
            guard case .brokenUpgrade(let reason) = OpeningJudge.judge(upgraded, expectation, problems: [problem]) else {
                Issue.record("a broken 101 was not caught for \(expectation)")
                continue
            }
            #expect(reason.contains("Sec-WebSocket-Accept is wrong"))
        }
    }

    @Test("a refusal is a target error when the case needs an upgrade")
    func unexpectedRefusal() throws {
        #expect(OpeningJudge.judge(try Self.head("HTTP/1.1 403 Forbidden"), .upgraded, problems: []) == nil)
    }

    @Test("a refusal of a valid request is the case's verdict, not a target error, where the case expects the upgrade as for the standard one")
    func refusedValid() throws {
        let refused = try Self.head("HTTP/1.1 400 Bad Request")
        #expect(OpeningJudge.judge(refused, .upgradedAsStandard, problems: []).map(Self.kind) == "wrong")
        #expect(OpeningJudge.judge(try Self.head("HTTP/1.1 101 Switching Protocols"), .upgradedAsStandard, problems: []) == .proceed)
    }

    @Test("a refusal may accept statuses outside its range (505 beside 4xx), and any answer but the upgrade")
    func otherStatuses() throws {
        let version = Refusal(statuses: 400...499, also: [505])
        #expect(OpeningJudge.judge(try Self.head("HTTP/1.1 505 HTTP Version Not Supported"), .refused(version), problems: []).map(Self.kind) == "accepted")
        #expect(OpeningJudge.judge(try Self.head("HTTP/1.1 500 Internal Server Error"), .refused(version), problems: []).map(Self.kind) == "wrong")
        #expect(OpeningJudge.judge(try Self.head("HTTP/1.1 200 OK"), .refused(.anythingButUpgrade), problems: []).map(Self.kind) == "accepted")
        #expect(OpeningJudge.judge(try Self.head("HTTP/1.1 101 Switching Protocols"), .refused(.anythingButUpgrade), problems: []).map(Self.kind) != "accepted")
    }

    @Test("a refusal is accepted only with a status in range and every required field")
    func refusals() throws {
        let good = try Self.head("HTTP/1.1 426 Upgrade Required\r\nSec-WebSocket-Version: 8, 13")
        #expect(OpeningJudge.judge(good, .refused(Self.refusal), problems: []).map(Self.kind) == "accepted")
        #expect(OpeningJudge.judge(good, .either(Self.refusal), problems: []).map(Self.kind) == "accepted")
        let split = try Self.head("HTTP/1.1 400 Bad Request\r\nSec-WebSocket-Version: 7\r\nSec-WebSocket-Version: 13")
        #expect(OpeningJudge.judge(split, .refused(Self.refusal), problems: []).map(Self.kind) == "accepted")
        for wrong in [
            "HTTP/1.1 426 Upgrade Required", "HTTP/1.1 426 Upgrade Required\r\nSec-WebSocket-Version: 12",
            "HTTP/1.1 500 Internal Server Error\r\nSec-WebSocket-Version: 13",
            "HTTP/1.1 399 Odd\r\nSec-WebSocket-Version: 13", "HTTP/1.1 500 Odd\r\nSec-WebSocket-Version: 13",
        ] {
            #expect(OpeningJudge.judge(try Self.head(wrong), .refused(Self.refusal), problems: []).map(Self.kind) == "wrong", "\(wrong)")
        }
    }

    @Test("the judgement: an accepted refusal is OK on both axes; a wrong one FAILED for a MUST, NON-STRICT for a SHOULD")
    func verdicts() {
        let must = makeCase(.events([]), level: .must)
        let should = makeCase(.events([]), level: .should)
        let clean = Judge.Judgement(behaviour: .ok, close: .ok, reasons: [], firstDivergence: nil)
        let accepted = Judge.opening(must, .refusedAsAccepted("refused as expected"), then: clean)
        #expect(accepted.behaviour == .ok && accepted.close == .ok && accepted.reasons == ["refused as expected"])
        let wrong = Judge.opening(must, .refusedWrongly("no field"), then: clean)
        #expect(wrong.behaviour == .failed && wrong.firstDivergence == "no field")
        #expect(Judge.opening(should, .refusedWrongly("no field"), then: clean).behaviour == .nonStrict)
        let upgraded = Judge.opening(must, .upgradedWrongly("upgraded"), then: clean)
        #expect(upgraded.behaviour == .failed && upgraded.close == .ok && upgraded.reasons.first == "upgraded")
        #expect(Judge.opening(must, .proceed, then: clean).behaviour == .ok)
    }

    @Test("a declined offer is UNIMPLEMENTED, and the tester's at-once close is judged as a normal close whatever the case expects")
    func declined() {
        let failCase = makeCase(.serverFails([1002]))
        let closedByTheCaseRules = Judge.Judgement(behaviour: .failed, close: .failed, reasons: ["the tester closed"], firstDivergence: nil)
        let declined = Judge.opening(failCase, .declined("declined"), then: closedByTheCaseRules, facts: cleanTesterClose())
        #expect(declined.behaviour == .unimplemented)
        #expect(declined.close == .ok)
        #expect(declined.reasons == ["declined"])
        var unanswered = CloseFacts()
        unanswered.closedByTester = true
        unanswered.localCode = 1000
        unanswered.notCleanReason = "the server did not answer the close (in time)"
        #expect(Judge.opening(failCase, .declined("declined"), then: closedByTheCaseRules, facts: unanswered).close != .ok)
    }

    @Test("a decline the offers require (RFC 7692 §7) is OK, its close judged as a normal close; accepting is FAILED")
    func declinedAsRequired() {
        let must = makeCase(.events([]), level: .must)
        let clean = Judge.Judgement(behaviour: .ok, close: .ok, reasons: [], firstDivergence: nil)
        let declined = Judge.opening(must, .declinedAsRequired("declined, as it must"), then: clean, facts: cleanTesterClose())
        #expect(declined.behaviour == .ok && declined.close == .ok && declined.reasons == ["declined, as it must"])
        var unanswered = CloseFacts()
        unanswered.closedByTester = true
        unanswered.localCode = 1000
        unanswered.notCleanReason = "the server did not answer the close (in time)"
        #expect(Judge.opening(must, .declinedAsRequired("declined"), then: clean, facts: unanswered).close != .ok)
        let accepted = Judge.opening(must, .upgradedWrongly("accepted an offer it MUST decline"), then: clean, facts: cleanTesterClose())
        #expect(accepted.behaviour == .failed && accepted.firstDivergence == "accepted an offer it MUST decline")
    }

    @Test("a 4xx refusal of a request carrying permessage-deflate offers is OK where they must be declined, else UNIMPLEMENTED")
    func refusedOffer() throws {
        let refused = try Self.head("HTTP/1.1 400 illegal extension parameter")
        let mustDecline = Opening.deflate(lines: ["permessage-deflate; x-unknown-parameter"], decline: .required)
        #expect(OpeningJudge.refusedOffer(refused, mustDecline).map(Self.kind) == "accepted")
        let optional = Opening.deflate("permessage-deflate; server_max_window_bits=8")
        let outcome = try #require(OpeningJudge.refusedOffer(refused, optional))
        #expect(Self.kind(outcome) == "refused an offer")
        let judged = Judge.opening(
            makeCase(.events([]), level: .must), outcome,
            then: Judge.Judgement(behaviour: .ok, close: .ok, reasons: [], firstDivergence: nil))
        #expect(judged.behaviour == .unimplemented && judged.close == .ok)
        // Without an offer, or with another status, a refusal stays a target error.
        #expect(OpeningJudge.refusedOffer(refused, .standard) == nil)
        #expect(OpeningJudge.refusedOffer(try Self.head("HTTP/1.1 500 Internal Server Error"), mustDecline) == nil)
    }

    static func kind(_ outcome: OpeningOutcome) -> String {
        switch outcome {
        case .proceed: return "proceed"
        case .refusedAsAccepted: return "accepted"
        case .refusedWrongly: return "wrong"
        case .upgradedWrongly: return "upgraded"
        case .brokenUpgrade: return "broken"
        case .declined: return "declined"
        case .declinedAsRequired: return "declined as required"
        case .refusedOffer: return "refused an offer"
        }
    }
}
