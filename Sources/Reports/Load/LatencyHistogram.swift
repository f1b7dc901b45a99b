/// Latencies in microseconds, counted in log-linear buckets (as HdrHistogram does): values
/// below 256 µs exactly, larger ones in 128 buckets per power of two, so a bucket's width is
/// at most 1/128 (0.78%) of its values. Memory is fixed (3,328 counters up to about 71
/// minutes, larger values counted in the last bucket) whatever the number of samples, and two
/// histograms merge exactly by adding their counts: a sharded run's percentiles are those of
/// one run.
public struct LatencyHistogram: Hashable, Sendable {
    /// Values below this are counted exactly, one bucket each.
    static let linear = 256
    /// Buckets per power of two above the linear range.
    static let subBuckets = 128
    /// The largest value told apart from those above it, in microseconds (about 71 minutes).
    public static let maxTracked: UInt64 = (1 << 32) - 1
    static let bucketCount = index(of: maxTracked) + 1

    public private(set) var counts: [UInt64]
    public private(set) var total: UInt64 = 0
    public private(set) var maxValue: UInt64 = 0
    public private(set) var minValue: UInt64 = .max
    /// Sum of the values, for the mean.
    public private(set) var sum: UInt64 = 0

    public init() { counts = Array(repeating: 0, count: Self.bucketCount) }

    /// The bucket of `value`: exact below 256; above, the 7 bits after the leading one.
    static func index(of value: UInt64) -> Int {
        let value = min(value, maxTracked)
        if value < UInt64(linear) { return Int(value) }
        let shift = 63 - value.leadingZeroBitCount - 7
        return linear + (shift - 1) * subBuckets + Int(value >> UInt64(shift)) - subBuckets
    }

    /// The smallest and largest values of bucket `index`.
    static func range(of index: Int) -> ClosedRange<UInt64> {
        if index < linear { return UInt64(index)...UInt64(index) }
        let shift = (index - linear) / subBuckets + 1
        let low = UInt64((index - linear) % subBuckets + subBuckets) << UInt64(shift)
        return low...(low + (1 << UInt64(shift)) - 1)
    }

    public mutating func record(_ microseconds: UInt64) {
        counts[Self.index(of: microseconds)] += 1
        total += 1
        sum &+= microseconds
        maxValue = max(maxValue, microseconds)
        minValue = min(minValue, microseconds)
    }

    /// Adds `other`'s counts: exact, as if every value had been recorded here.
    public mutating func merge(_ other: LatencyHistogram) {
        for index in counts.indices where other.counts[index] != 0 { counts[index] += other.counts[index] }
        total += other.total
        sum &+= other.sum
        maxValue = max(maxValue, other.maxValue)
        minValue = min(minValue, other.minValue)
    }

    /// The value at `percentile` (0–100): the highest value of the bucket holding that rank,
    /// so the figure is never below the true one and at most 0.78% above it; the exact maximum
    /// for 100. Nil when empty.
    public func value(atPercentile percentile: Double) -> UInt64? {
        guard total > 0 else { return nil }
        if percentile >= 100 { return maxValue }
        let rank = max(1, UInt64((percentile / 100 * Double(total)).rounded(.up)))
        var seen: UInt64 = 0
        for (index, count) in counts.enumerated() where count != 0 {
            seen += count
            if seen >= rank { return min(Self.range(of: index).upperBound, maxValue) }
        }
        return maxValue
    }

    public var mean: Double? { total == 0 ? nil : Double(sum) / Double(total) }

    /// Non-empty buckets as `[index, count]` pairs: how a report stores it.
    public var sparse: [[UInt64]] { counts.enumerated().filter { $0.element != 0 }.map { [UInt64($0.offset), $0.element] } }

    /// Rebuilds a histogram from `sparse` buckets and its exact extremes and sum; nil when a
    /// bucket index is out of range.
    public init?(sparse: [[UInt64]], min: UInt64, max: UInt64, sum: UInt64) {
        self.init()
        for pair in sparse {
            guard pair.count == 2, pair[0] < UInt64(Self.bucketCount) else { return nil }
            counts[Int(pair[0])] += pair[1]
            total += pair[1]
        }
        minValue = total == 0 ? .max : min
        maxValue = max
        self.sum = sum
    }
}
