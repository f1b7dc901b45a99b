import Cases
import Testing

@testable import Engine

/// The bookkeeping of `--confirm` runs, which now run right after each case: which cases are
/// confirmed, within the limit, and which are marked timing-dependent.
@Suite("Confirmations: which cases run again, and what they are marked")
struct ConfirmationsTests {
    static func judged(_ behaviour: BehaviourVerdict, _ close: CloseVerdict = .ok) -> CaseResult {
        CaseResult(caseID: "c", outcome: .judged(behaviour: behaviour, close: close))
    }

    @Test("only a judged case that does not pass strictly is confirmed; never with 0 runs")
    func admission() {
        let confirming = Confirmations(runs: 1, limit: 64)
        #expect(!confirming.admits(0, Self.judged(.ok)))
        #expect(!confirming.admits(1, CaseResult(caseID: "c", outcome: .error("connect: refused"))))
        #expect(confirming.admits(2, Self.judged(.failed)))
        #expect(confirming.admits(3, Self.judged(.nonStrict)))
        #expect(!Confirmations(runs: 0, limit: 64).admits(0, Self.judged(.failed)))
    }

    @Test("at most `limit` cases are confirmed; forgetting one frees its place")
    func limit() {
        let confirming = Confirmations(runs: 1, limit: 2)
        #expect(confirming.admits(0, Self.judged(.failed)))
        #expect(confirming.admits(1, Self.judged(.failed)))
        #expect(!confirming.admits(2, Self.judged(.failed)))
        confirming.forget([1])
        #expect(confirming.admits(2, Self.judged(.failed)))
    }

    @Test("a case whose runs disagree is marked with every verdict seen; one that agrees, or was forgotten, is not")
    func marking() {
        let confirming = Confirmations(runs: 2, limit: 64)
        var results: [CaseResult?] = [Self.judged(.failed), Self.judged(.failed), Self.judged(.failed), nil]
        for index in 0..<3 { #expect(confirming.admits(index, results[index]!)) }
        confirming.record(0, Self.judged(.ok))
        confirming.record(0, Self.judged(.failed))
        confirming.record(1, Self.judged(.failed))
        confirming.record(1, CaseResult(caseID: "c", outcome: .error("connect: refused")))
        confirming.record(2, Self.judged(.ok))
        confirming.forget([2])
        confirming.apply(to: &results)
        #expect(results[0]?.verdictsSeen == ["FAILED / OK ×2", "OK / OK ×1"])
        #expect(results[0]?.reasons.last?.hasPrefix("timing-dependent: 3 runs gave") == true)
        #expect(results[1]?.verdictsSeen == [], "an unjudged run says nothing about the verdict")
        #expect(results[2]?.verdictsSeen == [], "forgotten: the target was away")
    }
}
