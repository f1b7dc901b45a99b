/// A sentence of an RFC quoted word for word (line breaks folded into single spaces), which
/// a case rests on: a FAILED verdict needs one with MUST, MUST NOT, REQUIRED or SHALL.
///
/// RFC 2119 §1–§3: only the upper-case keywords are normative. The catalogue keeps the
/// sentences in one table per RFC (`RFC6455Sentence`, `RFC7692Sentence`, …) so a family of
/// cases cites the same words.
public struct NormativeSentence: Hashable, Sendable, CustomStringConvertible {
    /// Where the sentence stands, e.g. "RFC 6455 §5.2".
    public let source: String
    /// The sentence (or two adjacent sentences) exactly as the RFC words it.
    public let text: String

    public init(_ source: String, _ text: String) {
        self.source = source
        self.text = text
    }

    /// The strongest RFC 2119 keyword in the text, upper case only (RFC 2119; RFC 8174 §2).
    public var keyword: Requirement? {
        let words = text.split { !$0.isLetter }.map(String.init)
        if words.contains(where: { ["MUST", "REQUIRED", "SHALL"].contains($0) }) { return .must }
        if words.contains(where: { ["SHOULD", "RECOMMENDED"].contains($0) }) { return .should }
        if words.contains(where: { ["MAY", "OPTIONAL"].contains($0) }) { return .may }
        return nil
    }

    public var description: String { "\(source): \u{201C}\(text)\u{201D}" }
}
