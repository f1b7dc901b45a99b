/// Chooses cases by glob patterns over ids and Autobahn aliases (`--cases 6.4.*,framing.*`).
///
/// `*` matches any run of characters and `?` one character; a pattern must match a whole id
/// or alias. Autobahn anchored its patterns only at the start, so `6.1*` there also picked
/// 6.10–6.19; here `6.1.*` says what it means.
public struct CaseSelection: Sendable {
    public var include: [String]
    public var exclude: [String]
    /// The costliest tier selected: `.quick` leaves out the full tier's cases (`Tier`).
    public var tier: Tier

    public init(include: [String] = [], exclude: [String] = [], tier: Tier = .full) {
        self.include = include
        self.exclude = exclude
        self.tier = tier
    }

    /// The selected cases in catalogue order.
    public func apply(to cases: [TestCase]) -> [TestCase] {
        cases.filter { testCase in
            testCase.tier <= tier && (include.isEmpty || include.contains { Self.matches($0, testCase) })
                && !exclude.contains { Self.matches($0, testCase) }
        }
    }

    /// Patterns that select nothing in `cases` (each is a usage error: a typo must not half-run).
    public func unmatched(in cases: [TestCase]) -> [String] {
        (include + exclude).filter { pattern in !cases.contains { Self.matches(pattern, $0) } }
    }

    static func matches(_ pattern: String, _ testCase: TestCase) -> Bool {
        glob(pattern, testCase.id) || testCase.autobahn.map { glob(pattern, $0) } == true
    }

    /// Whole-string glob match with `*` and `?`.
    public static func glob(_ pattern: String, _ text: String) -> Bool {
        let p = Array(pattern)
        let t = Array(text)
        var pi = 0
        var ti = 0
        var star = -1
        var mark = 0
        while ti < t.count {
            if pi < p.count, p[pi] == "?" || p[pi] == t[ti] {
                pi += 1
                ti += 1
            } else if pi < p.count, p[pi] == "*" {
                star = pi
                mark = ti
                pi += 1
            } else if star >= 0 {
                pi = star + 1
                mark += 1
                ti = mark
            } else {
                return false
            }
        }
        while pi < p.count, p[pi] == "*" { pi += 1 }
        return pi == p.count
    }
}
