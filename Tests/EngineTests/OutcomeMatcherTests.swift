import Cases
import Testing
import Wire

@testable import Engine

/// The running comparison of received events with a case's outcomes: it must answer exactly as
/// comparing the whole lists anew did, while comparing each received event once per outcome
/// and computing each expected digest at most once, so a 1000-message case is linear.
@Suite("Outcome matcher: the judge's answers, each event compared once")
struct OutcomeMatcherTests {
    /// One comparison problem: acceptable lists (best first), what arrived, how to compare.
    struct Scenario: CustomTestStringConvertible, Sendable {
        var name: String
        var outcomes: [[Event]]
        var received: [ObservedEvent]
        var matching: EventMatching = .exact
        var testDescription: String { name }
    }

    static let scenarios: [Scenario] = {
        let abc: [Event] = [.text("a"), .text("b"), .text("c")]
        let a = receivedText("a")
        let b = receivedText("b")
        let c = receivedText("c")
        let shaped: [Event] = [.message(.binary, .filled(0, count: 10)), .text("xy")]
        return [
            Scenario(name: "the expected list", outcomes: [abc], received: [a, b, c]),
            Scenario(name: "one more than expected", outcomes: [abc], received: [a, b, c, receivedText("d")]),
            Scenario(name: "a different second event", outcomes: [abc], received: [a, receivedText("x"), c]),
            Scenario(name: "reordered", outcomes: [abc], received: [b, a, c]),
            Scenario(name: "nothing expected, something received", outcomes: [[]], received: [a, a]),
            Scenario(name: "no outcome at all", outcomes: [], received: [a]),
            Scenario(name: "an echo or nothing", outcomes: [[.text("a")], []], received: [a]),
            Scenario(name: "an echo or nothing, a wrong echo", outcomes: [[.text("a")], []], received: [receivedText("q")]),
            Scenario(name: "a shorter acceptable list first", outcomes: [[.text("a")], [.text("a"), .text("b")]], received: [a, b]),
            Scenario(
                name: "type and length, same shape", outcomes: [shaped],
                received: [received(.message(.binary), Array(repeating: 7, count: 10)), receivedText("zz")], matching: .typeAndLength),
            Scenario(
                name: "type and length, one longer", outcomes: [shaped],
                received: [received(.message(.binary), Array(repeating: 7, count: 11)), receivedText("zz")], matching: .typeAndLength),
            Scenario(
                name: "pongs and markers",
                outcomes: [[.pong(.text("p")), .marker("m1"), .text("a")], [.pong(.text("p")), .marker("m2")]],
                received: [received(.pong, Array("p".utf8)), receivedMarker("m1"), a]),
            Scenario(
                name: "a pong with other octets in type-and-length mode", outcomes: [[.pong(.text("pq"))]],
                received: [received(.pong, Array("pp".utf8))], matching: .typeAndLength),
        ]
    }()

    // The judge's comparisons as they were written before the matcher: whole lists, anew.

    private static func referencePrefix(_ events: [ObservedEvent], _ expected: [Event], _ matching: EventMatching) -> Bool {
        events.count <= expected.count
            && zip(events, expected).allSatisfy { matching == .exact ? $0.matches($1) : $0.matchesLength($1) }
    }

    private static func referenceMatches(_ events: [ObservedEvent], _ expected: [Event], _ matching: EventMatching) -> Bool {
        events.count == expected.count && referencePrefix(events, expected, matching)
    }

    private static func referenceDivergence(_ events: [ObservedEvent], _ expected: [Event], _ matching: EventMatching) -> String {
        for (index, pair) in zip(events, expected).enumerated() {
            let ok = matching == .exact ? pair.0.matches(pair.1) : pair.0.matchesLength(pair.1)
            if !ok { return "event \(index + 1): expected \(pair.1), received \(pair.0)" }
        }
        if events.count < expected.count {
            return "event \(events.count + 1): expected \(expected[events.count]), received nothing more"
        }
        return "event \(expected.count + 1): expected nothing more, received \(events[expected.count])"
    }

    @Test("fed one event at a time, the matcher gives the answers of comparing the whole lists anew", arguments: scenarios)
    func sameAnswers(_ scenario: Scenario) {
        var matcher = OutcomeMatcher(scenario.outcomes, matching: scenario.matching)
        let first = scenario.outcomes.first ?? []
        for count in 0...scenario.received.count {
            let events = Array(scenario.received.prefix(count))
            matcher.observe(events)
            for (index, expected) in scenario.outcomes.enumerated() {
                #expect(matcher.isPrefix(index) == Self.referencePrefix(events, expected, scenario.matching), "\(count) events")
                #expect(matcher.matches(index) == Self.referenceMatches(events, expected, scenario.matching), "\(count) events")
            }
            let matched = scenario.outcomes.firstIndex { Self.referenceMatches(events, $0, scenario.matching) }
            #expect(matcher.matchedOutcome == matched)
            #expect(matcher.canStillMatch == scenario.outcomes.contains { Self.referencePrefix(events, $0, scenario.matching) })
            let final =
                scenario.outcomes.contains { Self.referenceMatches(events, $0, scenario.matching) }
                && !scenario.outcomes.contains { $0.count > events.count && Self.referencePrefix(events, $0, scenario.matching) }
            #expect(matcher.isFinal == final)
            #expect(matcher.firstCount == first.count)
            #expect(matcher.matchesFirst == Self.referenceMatches(events, first, scenario.matching))
            #expect(matcher.isPrefixOfFirst == Self.referencePrefix(events, first, scenario.matching))
            if !Self.referenceMatches(events, first, scenario.matching), !events.isEmpty || !first.isEmpty {
                #expect(matcher.firstDivergence(events) == Self.referenceDivergence(events, first, scenario.matching))
            }
        }
    }

    @Test("fed all events at once, the matcher gives the answers of feeding them one at a time", arguments: scenarios)
    func batchEqualsSteps(_ scenario: Scenario) {
        var stepped = OutcomeMatcher(scenario.outcomes, matching: scenario.matching)
        for count in 0...scenario.received.count { stepped.observe(Array(scenario.received.prefix(count))) }
        var batch = OutcomeMatcher(scenario.outcomes, matching: scenario.matching)
        batch.observe(scenario.received)
        #expect(batch.observed == stepped.observed)
        for index in scenario.outcomes.indices {
            #expect(batch.isPrefix(index) == stepped.isPrefix(index))
            #expect(batch.matches(index) == stepped.matches(index))
        }
        #expect(batch.firstDivergence(scenario.received) == stepped.firstDivergence(scenario.received))
        #expect(batch.comparisons == stepped.comparisons)
        #expect(batch.digestsComputed == stepped.digestsComputed)
    }

    // MARK: A long run

    /// A JSON-like corpus shorter than the run, so the windows wrap around.
    private static let corpus = PayloadCorpus.jsonText(count: 50_021)
    private static let size = 1024
    private static let run: [Event] = (0..<1000).map { .message(.text, corpus.message($0, size: size)) }

    /// The echo of message `index` as the observer records it, from the corpus's octets (never
    /// from `Payload.digest`).
    private static func echo(_ index: Int) -> ObservedEvent {
        let start = index * size % corpus.count
        let octets = (0..<size).map { corpus.octets[(start + $0) % corpus.count] }
        return received(.message(.text), octets, chunk: 300)
    }

    private static let echoes: [ObservedEvent] = (0..<1000).map(echo)

    @Test("matching 1000 echoes as they arrive makes 1000 comparisons and computes 1000 expected digests, each once")
    func linearWork() {
        var matcher = OutcomeMatcher([Self.run], matching: .exact)
        var events: [ObservedEvent] = []
        for echo in Self.echoes {
            events.append(echo)
            matcher.observe(events)
            // What a running case asks after each arrival.
            #expect(matcher.isPrefixOfFirst)
            _ = matcher.isFinal
            _ = matcher.canStillMatch
        }
        #expect(matcher.matchesFirst)
        #expect(matcher.comparisons == 1000)
        #expect(matcher.digestsComputed == 1000)
        // Asking again compares nothing again.
        matcher.observe(events)
        #expect(matcher.matchedOutcome == 0)
        #expect(matcher.comparisons == 1000)
        #expect(matcher.digestsComputed == 1000)
        let judgement = Judge.judge(
            makeCase(.events(Self.run)), events: events, facts: cleanTesterClose(), serverViolations: [], progress: matcher)
        #expect(judgement.behaviour == .ok)
        #expect(judgement.firstDivergence == nil)
    }

    @Test("after a wrong echo an outcome is not compared again: later echoes compute no digest")
    func stopsAtDivergence() {
        var events = Self.echoes
        events[9] = Self.echo(10)  // the 10th echo is the 11th message: same length, other octets
        var matcher = OutcomeMatcher([Self.run], matching: .exact)
        for count in 1...events.count { matcher.observe(Array(events.prefix(count))) }
        #expect(!matcher.canStillMatch)
        #expect(matcher.comparisons == 10)
        #expect(matcher.digestsComputed == 10)
        let divergence = matcher.firstDivergence(events)
        #expect(divergence?.hasPrefix("event 10: expected \(Self.run[9]), received text ") == true)
    }

    @Test("an echo of the wrong length or kind is rejected without computing a digest")
    func cheapRejections() {
        var short = OutcomeMatcher([Self.run], matching: .exact)
        short.observe([received(.message(.text), Array(repeating: 0x20, count: Self.size - 1))])
        #expect(!short.isPrefixOfFirst)
        var binary = OutcomeMatcher([Self.run], matching: .exact)
        binary.observe([received(.message(.binary), Self.corpus.message(0, size: Self.size).materialize())])
        #expect(!binary.isPrefixOfFirst)
        #expect(short.digestsComputed == 0 && binary.digestsComputed == 0)
    }

    @Test("a running case of 1000 windowed messages is judged OK, each expected digest computed once")
    func sessionOfAThousand() throws {
        let corpus = PayloadCorpus.jsonText(count: 5_003)
        let sizes = 16
        let steps = (0..<1000).map { Step.send(FrameSpec(opcode: .text, payload: corpus.message($0, size: sizes))) }
        let events = (0..<1000).map { Event.message(.text, corpus.message($0, size: sizes)) }
        let testCase = makeCase(.events(events, timer: .kill(.seconds(30)))).with(steps: steps)
        let run = try SessionRun(testCase, server: ScriptedServer.conforming)
        #expect(run.judgement.behaviour == .ok)
        #expect(run.judgement.close == .ok)
        #expect(run.session.observer.events.count == 1000)
        #expect(run.session.progress.comparisons == 1000)
        #expect(run.session.progress.digestsComputed == 1000)
        #expect(run.notes.contains("the expected events are in: closing with 1000"))
    }
}
