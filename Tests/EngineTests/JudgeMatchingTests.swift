import Cases
import Testing
import Wire

@testable import Engine

/// The judge's comparison of what the server did with what a case expects: whole lists for the
/// verdict, prefixes for "nothing wrong yet", and the first divergence for the report.
@Suite("Judge: event lists, prefixes and the first divergence")
struct JudgeMatchingTests {
    private let abc: [Event] = [.text("a"), .text("b"), .text("c")]
    private var abcReceived: [ObservedEvent] { [receivedText("a"), receivedText("b"), receivedText("c")] }

    @Test("a list matches only the same events in the same order, no fewer and no more")
    func wholeLists() {
        #expect(Judge.matches(abcReceived, abc, .exact))
        #expect(Judge.matches([], [], .exact))
        #expect(!Judge.matches(Array(abcReceived.prefix(2)), abc, .exact))
        #expect(!Judge.matches(abcReceived + [receivedText("d")], abc, .exact))
        #expect(!Judge.matches([receivedText("b"), receivedText("a"), receivedText("c")], abc, .exact))
        #expect(!Judge.matches([receivedText("a"), receivedText("b"), receivedText("C")], abc, .exact))
        #expect(!Judge.matches([], abc, .exact))
    }

    @Test("in type-and-length mode, content is not compared but kind, order and lengths are")
    func typeAndLength() {
        let expected: [Event] = [.message(.binary, .filled(0, count: 10)), .text("xy")]
        let sameShape = [received(.message(.binary), Array(repeating: 7, count: 10)), receivedText("zz")]
        #expect(Judge.matches(sameShape, expected, .typeAndLength))
        #expect(!Judge.matches(sameShape, expected, .exact))
        let longer = [received(.message(.binary), Array(repeating: 7, count: 11)), receivedText("zz")]
        #expect(!Judge.matches(longer, expected, .typeAndLength))
        let swapped = [received(.message(.text), Array(repeating: 7, count: 10)), receivedText("zz")]
        #expect(!Judge.matches(swapped, expected, .typeAndLength))
        #expect(!Judge.matches(Array(sameShape.prefix(1)), expected, .typeAndLength))
    }

    @Test("nothing, a proper prefix and the whole list are prefixes; a longer or different list is not")
    func prefixes() {
        #expect(Judge.isPrefix([], of: abc, .exact))
        #expect(Judge.isPrefix([], of: [], .exact))
        #expect(Judge.isPrefix(Array(abcReceived.prefix(2)), of: abc, .exact))
        #expect(Judge.isPrefix(abcReceived, of: abc, .exact))
        #expect(!Judge.isPrefix(abcReceived + [receivedText("d")], of: abc, .exact))
        #expect(!Judge.isPrefix([receivedText("a"), receivedText("x")], of: abc, .exact))
        #expect(!Judge.isPrefix([receivedText("x")], of: [], .exact))
        #expect(Judge.isPrefix([receivedText("z")], of: abc, .typeAndLength))
        #expect(!Judge.isPrefix([receivedText("zz")], of: abc, .typeAndLength))
    }

    private func divergence(_ events: [ObservedEvent], _ expected: [Event]) -> Judge.Judgement {
        Judge.judge(makeCase(.events(expected)), events: events, facts: cleanTesterClose(), serverViolations: [])
    }

    @Test("the first divergence names the first differing event, counting from 1")
    func divergenceAtEvent() {
        let judgement = divergence([receivedText("a"), receivedText("x"), receivedText("c")], abc)
        #expect(judgement.behaviour == .failed)
        #expect(judgement.firstDivergence == "event 2: expected text 'b', received text 'x'")
        #expect(judgement.reasons == ["event 2: expected text 'b', received text 'x'"])
    }

    @Test("the first divergence says when events are missing or extra")
    func divergenceAtEnd() {
        let missing = divergence([receivedText("a")], abc)
        #expect(missing.firstDivergence == "event 2: expected text 'b', received nothing more")
        let extra = divergence(abcReceived + [received(.pong, [1, 2])], abc)
        #expect(extra.firstDivergence == "event 4: expected nothing more, received pong 0x0102")
        let nothing = divergence([], [.text("a")])
        #expect(nothing.firstDivergence == "event 1: expected text 'a', received nothing more")
    }

    @Test("the divergence is measured against the first (best) outcome")
    func divergenceAgainstFirstOutcome() {
        let expectation = Cases.Expectation(
            outcomes: [ExpectedOutcome(.ok, [.text("a")]), ExpectedOutcome(.nonStrict, [])], close: .normalClose, timer: .kill(.seconds(1)))
        let judgement = Judge.judge(
            makeCase(expectation), events: [receivedText("q")], facts: cleanTesterClose(), serverViolations: [])
        #expect(judgement.behaviour == .failed)
        #expect(judgement.firstDivergence == "event 1: expected text 'a', received text 'q'")
    }

    @Test("a matched outcome has no divergence, even when it is not the first")
    func noDivergenceWhenMatched() {
        let expectation = Cases.Expectation(
            outcomes: [ExpectedOutcome(.ok, [.text("a")]), ExpectedOutcome(.nonStrict, [])], close: .normalClose, timer: .kill(.seconds(1)))
        let judgement = Judge.judge(makeCase(expectation), events: [], facts: cleanTesterClose(), serverViolations: [])
        #expect(judgement.behaviour == .nonStrict)
        #expect(judgement.firstDivergence == nil)
    }
}
