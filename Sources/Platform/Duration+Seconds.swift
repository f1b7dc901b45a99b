extension Duration {
    /// The duration in seconds, for reports and progress lines.
    public var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }

    /// Whole microseconds, truncated: how transcripts and load histograms count time.
    public var wholeMicroseconds: Int64 { components.seconds * 1_000_000 + components.attoseconds / 1_000_000_000_000 }

    /// The duration in milliseconds, to a tenth: how measurements report times.
    public var roundedMilliseconds: Double { (seconds * 10_000).rounded() / 10 }
}
