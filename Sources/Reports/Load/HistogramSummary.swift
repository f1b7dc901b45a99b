/// A latency histogram as a report holds it: the percentiles people read, and the buckets a
/// merge needs (`LatencyHistogram` rebuilt from them adds exactly).
public struct HistogramSummary: Codable, Sendable, Equatable {
    /// Always "microseconds".
    public var unit = "microseconds"
    /// How exact the percentiles are.
    public var precision = "each percentile is the top of its bucket: at most 0.78% above the true value, never below (exact below 256 µs)"
    public var count: UInt64
    public var min: UInt64?
    public var max: UInt64?
    public var mean: Double?
    public var p50: UInt64?
    public var p90: UInt64?
    public var p99: UInt64?
    public var p999: UInt64?
    public var sum: UInt64
    /// Non-empty buckets as [index, count] (LatencyHistogram's layout).
    public var buckets: [[UInt64]]

    public init(_ histogram: LatencyHistogram) {
        count = histogram.total
        min = histogram.total > 0 ? histogram.minValue : nil
        max = histogram.total > 0 ? histogram.maxValue : nil
        mean = histogram.mean.map { ($0 * 10).rounded() / 10 }
        p50 = histogram.value(atPercentile: 50)
        p90 = histogram.value(atPercentile: 90)
        p99 = histogram.value(atPercentile: 99)
        p999 = histogram.value(atPercentile: 99.9)
        sum = histogram.sum
        buckets = histogram.sparse
    }

    /// The histogram again, for a merge; nil when the buckets are not a histogram's.
    public var histogram: LatencyHistogram? { LatencyHistogram(sparse: buckets, min: min ?? 0, max: max ?? 0, sum: sum) }
}
