/// UTF-8 in close reasons, RFC 6455 §5.5.1 with §8.1: beyond Autobahn, which checks one invalid
/// reason (7.5.1, a surrogate after valid text) and no multi-byte valid one.
///
/// "Following the 2-byte integer, the body MAY contain UTF-8-encoded data with value /reason/"
/// (§5.5.1), and §8.1 applies to any octets an endpoint interprets as UTF-8: a close reason that
/// is not valid UTF-8 fails the connection. As for Autobahn 7.5.1, the reply may carry 1007
/// (invalid data) or 1002 (a malformed close frame), or the server may just drop TCP.
extension Section8_1_UTF8 {
    static let closeReasonRule =
        "The reason in a close frame is UTF-8 (§5.5.1); an endpoint that finds it is not MUST fail the connection (§8.1), with 1007 or 1002 (§7.4.1)."

    /// The tester closes with 1000 and `reason`; the server must fail the connection instead
    /// of answering normally.
    static func invalidReason(_ id: String, _ summary: String, reason: [UInt8], file: String = #filePath, line: Int = #line)
        -> TestCase
    {
        TestCase(
            id: id, section: "RFC 6455 §8.1", rule: closeReasonRule, level: .must, sentence: RFC6455Sentence.invalidUTF8, summary: summary,
            steps: [.startClose(.close([0x03, 0xE8] + reason))],
            expect: Expectation(
                outcomes: [ExpectedOutcome(.ok, [])],
                close: CloseExpectation(initiator: .tester, codes: [1002, 1007], requireClean: false, wrongCodeFailsBehaviour: true),
                timer: .kill(.seconds(1))),
            file: file, line: line)
    }

    static let closeReasonCases: [TestCase] = [
        invalidReason(
            "utf8.close-reason.truncated", "close 1000 with reason 'κόσμε' CE: the reason ends inside a code point",
            reason: kosme + [0xCE]),
        invalidReason(
            "utf8.close-reason.overlong", "close 1000 with reason 'bye ' C0 AF (an overlong '/')",
            reason: Array("bye ".utf8) + [0xC0, 0xAF]),
        invalidReason(
            "utf8.close-reason.surrogate", "close 1000 with reason ED B0 80 (U+DC00, a lone low surrogate)",
            reason: [0xED, 0xB0, 0x80]),
        invalidReason(
            "utf8.close-reason.above-max", "close 1000 with reason 'bye ' F4 90 80 80 (U+110000, beyond Unicode)",
            reason: Array("bye ".utf8) + [0xF4, 0x90, 0x80, 0x80]),
        TestCase(
            id: "utf8.close-reason.valid-multibyte", section: "RFC 6455 §5.5.1",
            rule:
                "A close body MAY carry a UTF-8 reason after the code (§5.5.1); a valid reason with 2-, 3- and 4-byte code points MUST be accepted and the close answered.",
            level: .must, sentence: RFC6455Sentence.closeAnsweredThenTCP, summary: "close 1000 with reason 'κόσμε €𤭢' (valid 2-, 3- and 4-byte code points)",
            steps: [.startClose(.close(code: 1000, reason: "κόσμε €𤭢"))],
            expect: Expectation(outcomes: [ExpectedOutcome(.ok, [])], close: .normalClose, timer: .kill(.seconds(1)))),
    ]
}
