import Cases

/// Event lists as a report carries them: whole up to a length, and beyond it the first and the
/// last events around one entry saying how many were left out. An Autobahn compression case
/// expects and records a thousand echoes of up to 128 KiB each; listing every one made a report
/// of all 216 such cases a hundred megabytes. Where the lists part, `firstDivergence` says.
extension CaseReport {
    /// Events kept before and after the omission (as many as `CaseResult.compacted` keeps).
    static let eventsKeptFirst = CaseResult.eventsKeptFirst
    static let eventsKeptLast = CaseResult.eventsKeptLast

    /// The descriptions of `events`, elided as above; only the kept events are described.
    /// `omitted` events were already left out after the first `eventsKeptFirst`
    /// (`CaseResult.compacted`).
    static func eventDescriptions<Event>(_ events: [Event], omitted: Int = 0, _ describe: (Event) -> String) -> [String] {
        if omitted > 0 {
            return events.prefix(eventsKeptFirst).map(describe) + [omission(omitted)]
                + events.dropFirst(eventsKeptFirst).map(describe)
        }
        guard events.count > eventsKeptFirst + eventsKeptLast + 1 else { return events.map(describe) }
        let omitted = events.count - eventsKeptFirst - eventsKeptLast
        return events.prefix(eventsKeptFirst).map(describe) + [omission(omitted)]
            + events.suffix(eventsKeptLast).map(describe)
    }

    /// The entry standing for `count` left-out events.
    static func omission(_ count: Int) -> String { "… \(count) events omitted …" }

    /// How many events `entry` stands for when it is an omission entry, else nil.
    public static func omittedEvents(in entry: String) -> Int? {
        guard entry.hasPrefix("… "), entry.hasSuffix(" events omitted …") else { return nil }
        return Int(entry.dropFirst(2).prefix { $0.isNumber })
    }
}
