import Foundation
import Testing

@testable import Reports

/// The load run's histogram: bounded memory, stated precision, exact merges.
@Suite("Reports: latency histogram")
struct LatencyHistogramTests {
    @Test("every value lies in its bucket, and a bucket is at most 1/128 of its values wide")
    func buckets() {
        var values: [UInt64] = Array(0...4096)
        var mixer = UInt64(0x1234_5678)
        for _ in 0..<20_000 {
            mixer = mixer &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            values.append(mixer >> UInt64(mixer % 40 + 24))
        }
        values += [LatencyHistogram.maxTracked, LatencyHistogram.maxTracked - 1, 255, 256, 257, 511, 512]
        for value in values where value <= LatencyHistogram.maxTracked {
            let index = LatencyHistogram.index(of: value)
            let range = LatencyHistogram.range(of: index)
            #expect(range.contains(value), "\(value) in bucket \(index) \(range)")
            #expect(Double(range.upperBound - range.lowerBound) <= Double(value) / 128, "\(value): bucket \(range) too wide")
        }
        #expect(LatencyHistogram.index(of: .max) == LatencyHistogram.bucketCount - 1)
        #expect(LatencyHistogram.bucketCount == 3328)
    }

    @Test("percentiles are never below the exact value and at most 0.78% above it")
    func percentiles() throws {
        var histogram = LatencyHistogram()
        var values: [UInt64] = []
        var mixer = UInt64(42)
        for _ in 0..<50_000 {
            mixer = mixer &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let value = 50 + (mixer >> 44) % 200_000
            values.append(value)
            histogram.record(value)
        }
        values.sort()
        for percentile in [1.0, 50, 90, 99, 99.9, 100] {
            let exact = values[max(0, Int((percentile / 100 * Double(values.count)).rounded(.up)) - 1)]
            let reported = try #require(histogram.value(atPercentile: percentile))
            #expect(reported >= exact && Double(reported) <= Double(exact) * (1 + 1.0 / 128), "p\(percentile): \(reported) for \(exact)")
        }
        #expect(histogram.value(atPercentile: 100) == values.last)
        #expect(histogram.minValue == values.first && histogram.total == 50_000)
        #expect(LatencyHistogram().value(atPercentile: 50) == nil)
    }

    @Test("two histograms merged are the one that recorded every value; the sparse form rebuilds it exactly")
    func merge() throws {
        var left = LatencyHistogram()
        var right = LatencyHistogram()
        var whole = LatencyHistogram()
        for value in stride(from: UInt64(1), to: 2_000_000, by: 997) {
            if value % 3 == 0 { left.record(value) } else { right.record(value) }
            whole.record(value)
        }
        var merged = left
        merged.merge(right)
        #expect(merged == whole)
        let summary = HistogramSummary(whole)
        #expect(try #require(summary.histogram) == whole)
        let decoded = try JSONDecoder().decode(HistogramSummary.self, from: try JSONEncoder().encode(summary))
        #expect(decoded == summary)
        #expect(LatencyHistogram(sparse: [[UInt64(LatencyHistogram.bucketCount), 1]], min: 0, max: 0, sum: 0) == nil)
    }
}
