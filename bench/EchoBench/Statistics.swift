/// Order statistics of a set of samples (nearest-rank percentiles).
struct Summary: Codable, Sendable {
    var min: Double
    var mean: Double
    var p50: Double
    var p90: Double
    var p99: Double
    var max: Double

    /// The summary of `samples`; all zero when there are none.
    init(_ samples: [Double]) {
        guard !samples.isEmpty else {
            self.min = 0
            mean = 0
            p50 = 0
            p90 = 0
            p99 = 0
            self.max = 0
            return
        }
        let sorted = samples.sorted()
        func rank(_ fraction: Double) -> Double {
            let index = Int((fraction * Double(sorted.count)).rounded(.up)) - 1
            return sorted[Swift.max(0, Swift.min(sorted.count - 1, index))]
        }
        self.min = sorted[0]
        mean = sorted.reduce(0, +) / Double(sorted.count)
        p50 = rank(0.50)
        p90 = rank(0.90)
        p99 = rank(0.99)
        self.max = sorted[sorted.count - 1]
    }

    /// Every figure rounded to `places` decimals, for readable JSON.
    func rounded(_ places: Int = 1) -> Summary {
        var copy = self
        for path in [\Summary.min, \.mean, \.p50, \.p90, \.p99, \.max] { copy[keyPath: path] = copy[keyPath: path].rounded(places) }
        return copy
    }
}

extension Duration {
    /// The duration in (fractional) seconds.
    var seconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}

extension Double {
    /// Rounded to `places` decimals.
    func rounded(_ places: Int) -> Double {
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        return (self * scale).rounded() / scale
    }
}
