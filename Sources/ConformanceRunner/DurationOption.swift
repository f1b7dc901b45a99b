/// `--duration 90`, `90s`, `10m`, `2h`: a campaign's time budget.
enum DurationOption {
    static func parse(_ text: String, option: String) throws(UsageError) -> Duration {
        let units: [(String, Int64)] = [("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000)]
        for (suffix, milliseconds) in units where text.hasSuffix(suffix) {
            if let number = Int64(text.dropLast(suffix.count)), number > 0, number <= 7 * 24 * 3_600_000 / milliseconds {
                return .milliseconds(number * milliseconds)
            }
        }
        if let seconds = Int64(text), seconds > 0, seconds <= 7 * 24 * 3600 { return .seconds(seconds) }
        throw UsageError("\(option) must be a duration such as 90s, 10m or 2h (at most 7 days), not \"\(text)\"")
    }
}
