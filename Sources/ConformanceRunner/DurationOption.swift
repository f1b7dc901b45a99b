/// `--duration 90`, `90s`, `500ms`, `0.3ms`, `1.5m`, `2h`: a time given on the command line, to
/// the microsecond (a latency bound on loopback may be under a millisecond), more than zero and
/// at most 7 days.
enum DurationOption {
    static let limitMilliseconds: Int64 = 7 * 24 * 3_600_000

    static func parse(_ text: String, option: String) throws(UsageError) -> Duration {
        let units: [(String, Int64)] = [("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000)]
        let unit = units.first { text.hasSuffix($0.0) }
        let number = unit.map { String(text.dropLast($0.0.count)) } ?? text
        if let microseconds = microseconds(number, unit: unit?.1 ?? 1000), microseconds > 0, microseconds <= limitMilliseconds * 1000 {
            return .microseconds(microseconds)
        }
        throw UsageError("\(option) must be a duration such as 90s, 500ms, 1.5m or 2h (at most 7 days, at least 1µs), not \"\(text)\"")
    }

    /// `digits[.digits]` times `unit` milliseconds, in microseconds (rounded to the nearest);
    /// nil for any other text (signs, exponents, "inf" and "nan" included) or a value past the
    /// limit.
    private static func microseconds(_ number: String, unit: Int64) -> Int64? {
        let parts = number.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = parts.first, !whole.isEmpty, whole.count <= 12, whole.allSatisfy(\.isASCII), let integer = Int64(whole),
            whole.allSatisfy({ $0.isNumber })
        else { return nil }
        var fraction: Int64 = 0
        if parts.count == 2 {
            let digits = parts[1]
            guard !digits.isEmpty, digits.count <= 6, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int64(digits) else {
                return nil
            }
            // The fraction in millionths of the unit.
            fraction = value * Int64(pow10(6 - digits.count))
        }
        guard integer <= limitMilliseconds / unit else { return nil }
        // fraction is in millionths of the unit: times unit milliseconds, over 1,000 for µs.
        return integer * unit * 1000 + (fraction * unit + 500) / 1000
    }

    private static func pow10(_ exponent: Int) -> Int {
        (0..<exponent).reduce(1) { value, _ in value * 10 }
    }
}
