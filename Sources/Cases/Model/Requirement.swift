/// How strongly the RFC states the rule a case checks (RFC 2119 keywords).
///
/// The level decides what a deviation costs: a broken MUST is FAILED, a missed SHOULD is
/// NON-STRICT, and a MAY only ever yields INFORMATIONAL.
public enum Requirement: String, Hashable, Sendable, CaseIterable, Codable {
    /// "MUST", "MUST NOT", "REQUIRED", "SHALL": a deviation is a conformance failure.
    case must = "MUST"
    /// "SHOULD", "SHOULD NOT", "RECOMMENDED": a deviation is non-strict behaviour.
    case should = "SHOULD"
    /// "MAY", "OPTIONAL": any behaviour is acceptable; the outcome is recorded for information.
    case may = "MAY"
}
