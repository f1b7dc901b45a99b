import Cases

/// How far the events received so far agree with each acceptable outcome of a case, kept up to
/// date as events arrive. The expected events are prepared once per case (`ExpectedEvent`:
/// each payload's digest computed at most once), and each received event is compared once
/// with each outcome it can still follow: an outcome left behind is not looked at again. So
/// matching a thousand echoes costs a thousand comparisons and a thousand digests, where
/// comparing the whole list anew on each arrival cost half a million.
struct OutcomeMatcher {
    /// One acceptable outcome's expected events and how many received events agree with them.
    private struct Track {
        var expected: [ExpectedEvent]
        /// The number of leading received events equal to the expected ones; it stops growing
        /// at the first disagreement or at the end of the list.
        var agreed = 0
    }

    private var tracks: [Track]
    private let matching: EventMatching
    /// How many received events have been compared.
    private(set) var observed = 0
    /// How many comparisons of a received event with an expected one were made: at most one
    /// per received event and outcome, the measure of the matcher's work with `digestsComputed`.
    private(set) var comparisons = 0

    /// The expected lists, best first (the first is the one the tester waits for).
    init(_ lists: [[Event]], matching: EventMatching) {
        tracks = lists.map { Track(expected: $0.map(ExpectedEvent.init)) }
        self.matching = matching
    }

    /// The acceptable outcomes of `expectation`.
    init(_ expectation: Expectation) {
        self.init(expectation.outcomes.map(\.events), matching: expectation.matching)
    }

    /// Compares the events not compared yet: `events` are all the events received so far, of
    /// which the first `observed` have been seen before (events are only ever appended).
    mutating func observe(_ events: [ObservedEvent]) {
        precondition(events.count >= observed, "received events are only appended")
        while observed < events.count {
            let event = events[observed]
            for index in tracks.indices where tracks[index].agreed == observed && observed < tracks[index].expected.count {
                comparisons += 1
                if tracks[index].expected[observed].isMatched(by: event, matching) { tracks[index].agreed += 1 }
            }
            observed += 1
        }
    }

    /// The number of acceptable outcomes.
    var outcomeCount: Int { tracks.count }

    /// True when the events so far are exactly outcome `index`'s list.
    func matches(_ index: Int) -> Bool { Self.matches(tracks[index], observed) }

    /// True when the events so far are a prefix of outcome `index`'s list (nothing wrong yet).
    func isPrefix(_ index: Int) -> Bool { Self.isPrefix(tracks[index], observed) }

    /// The first outcome the events equal, if any (the judge's choice: the best one).
    var matchedOutcome: Int? { tracks.indices.first { matches($0) } }

    /// True when some acceptable outcome can still be reached.
    var canStillMatch: Bool { tracks.contains { Self.isPrefix($0, observed) } }

    /// True when the events equal an acceptable outcome that no other acceptable outcome
    /// extends: nothing more can improve the verdict.
    var isFinal: Bool {
        tracks.contains { Self.matches($0, observed) }
            && !tracks.contains { $0.expected.count > observed && Self.isPrefix($0, observed) }
    }

    /// The first outcome's list, or none when the case lists no outcome: what the tester waits
    /// for before it closes.
    private var first: Track { tracks.first ?? Track(expected: []) }

    /// The number of events in the first outcome.
    var firstCount: Int { first.expected.count }

    /// True when the events so far are exactly the first outcome's list.
    var matchesFirst: Bool { Self.matches(first, observed) }

    /// True when the events so far are a prefix of the first outcome's list.
    var isPrefixOfFirst: Bool { Self.isPrefix(first, observed) }

    /// Where `events` (those observed) first part from the first outcome, for the report:
    /// "event N: expected …, received …" counting from 1; nil when they are its list.
    func firstDivergence(_ events: [ObservedEvent]) -> String? {
        precondition(events.count == observed, "the events compared are the events described")
        let track = first
        let expected = track.expected
        if track.agreed < min(observed, expected.count) {
            return "event \(track.agreed + 1): expected \(expected[track.agreed]), received \(events[track.agreed])"
        }
        if observed < expected.count {
            return "event \(observed + 1): expected \(expected[observed]), received nothing more"
        }
        if observed > expected.count {
            return "event \(expected.count + 1): expected nothing more, received \(events[expected.count])"
        }
        return nil
    }

    /// How many expected payload digests have been computed, over all outcomes (each at most
    /// once).
    var digestsComputed: Int { tracks.reduce(0) { $0 + $1.expected.count { $0.digest != nil } } }

    private static func matches(_ track: Track, _ observed: Int) -> Bool {
        observed == track.expected.count && track.agreed == observed
    }

    private static func isPrefix(_ track: Track, _ observed: Int) -> Bool {
        observed <= track.expected.count && track.agreed == observed
    }
}
