/// How much running a case costs, so that a quick run (a commit's CI job, the test command)
/// can take a representative part of a long family and a full run (nightly, a release) all of
/// it. Autobahn's users leave categories 12 and 13 out by hand for the same reason; here the
/// catalogue says which members stand for the rest.
public enum Tier: String, Hashable, Sendable, CaseIterable, Comparable, Codable {
    /// In every run: a cheap case, or the representative members of a long family.
    case quick
    /// Only in a full run: the remaining members of a long family (Autobahn 12.x/13.x sizes).
    case full

    public static func < (lhs: Tier, rhs: Tier) -> Bool { lhs == .quick && rhs == .full }
}
