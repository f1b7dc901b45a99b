/// A point in time by which an operation must finish.
///
/// Every read, write, connect and handshake in wsconform has one, so a silent or slow target
/// can never hang the tool.
public struct Deadline: Hashable, Sendable, Comparable {
    /// The instant on the monotonic clock.
    public let instant: ContinuousClock.Instant

    public init(_ instant: ContinuousClock.Instant) { self.instant = instant }

    /// A deadline `duration` from now.
    public static func after(_ duration: Duration) -> Deadline { Deadline(.now + duration) }

    /// Now: a poll with this deadline returns at once.
    public static var now: Deadline { Deadline(.now) }

    /// True once the deadline is in the past.
    public var hasPassed: Bool { ContinuousClock.now >= instant }

    /// Time left, never negative.
    public var remaining: Duration { max(.zero, instant - .now) }

    /// Time left in whole milliseconds for `poll`, rounded up, capped to Int32.
    public var remainingMilliseconds: Int32 {
        let left = remaining.components
        let ms = left.seconds * 1000 + (left.attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        return Int32(clamping: ms)
    }

    /// The earlier of two deadlines.
    public static func earliest(_ a: Deadline, _ b: Deadline) -> Deadline { a < b ? a : b }

    public static func < (lhs: Deadline, rhs: Deadline) -> Bool { lhs.instant < rhs.instant }
}
