/// RFC 6455 §4.2.1 reads the opening request as HTTP (RFC 6455 §4.1: "the handshake MUST be a
/// valid HTTP request as specified by [RFC2616]", now RFC 9110 and RFC 9112), so the HTTP rules
/// for field lines apply to it: obsolete line folding, and fields larger than a server will
/// process.
public enum Section4_2_1_FieldSyntax {
    public static let cases: [TestCase] = [obsFold, longValue]

    /// RFC 9112 §5.2: "A server that receives an obs-fold in a request message that is not
    /// within a message/http container MUST either reject the message by sending a 400 (Bad
    /// Request), preferably with a representation explaining that obsolete line folding is
    /// unacceptable, or replace each received obs-fold with one or more SP octets prior to
    /// interpreting the field value". The key is folded onto a line of its own: unfolded, it is
    /// the standard key, and the 101 must carry its exact accept value.
    public static let obsFold = TestCase(
        id: "handshake.fields.obs-fold", section: "RFC 9112 §5.2; RFC 6455 §4.2.1 item 5",
        rule:
            "A server receiving obsolete line folding in a request MUST either reject it with 400 or replace each fold with a space before interpreting the field value.",
        level: .must, sentence: RFC6455Sentence.obsFold, summary: "opening request whose Sec-WebSocket-Key value is folded onto a second line (obs-fold)",
        opening: Opening(
            request: .standard(overrides: [HeaderOverride(name: "Sec-WebSocket-Key", value: "\r\n dGhlIHNhbXBsZSBub25jZQ==")]),
            expect: .either(Refusal(statuses: 400...400))), steps: [], expect: .events([]))

    /// RFC 9110 §5.4: "A server that receives a request header field line, field value, or set
    /// of fields larger than it wishes to process MUST respond with an appropriate 4xx (Client
    /// Error) status code." 24 KiB of one field: upgraded, or refused with a 4xx (431 is the
    /// usual one, RFC 6585 §5); dropping the connection instead breaks the sentence.
    public static let longValue = TestCase(
        id: "handshake.fields.long-value", section: "RFC 9110 §5.4",
        rule: "A server receiving a field larger than it wishes to process MUST respond with an appropriate 4xx status code.",
        level: .must, sentence: RFC6455Sentence.fieldTooLarge, summary: "opening request with a field value of 24,576 octets",
        opening: Opening(
            request: .standard(overrides: [HeaderOverride(name: "X-Wsconform-Padding", value: String(repeating: "a", count: 24_576))]),
            expect: .either(.clientError)), steps: [], expect: .events([]))
}
