import Wire

/// RFC 6455 §5.5.1 The Close frame, and §7.1–§7.4 closing the connection (Autobahn category 7).
///
/// "If an endpoint receives a Close frame and did not previously send a Close frame, the
/// endpoint MUST send a Close frame in response." Once it has both sent and received one, the
/// connection is closed: "The server MUST close the underlying TCP connection immediately."
/// In every case here the tester starts the closing handshake, with a close frame that is
/// valid (the server answers it and drops TCP) or broken (the server fails the connection,
/// §7.1.7). The close codes of §7.4 are in `Section7_Closing+Codes.swift`.
public enum Section7_Closing {
    public static let cases: [TestCase] = basicCases + payloadCases + codeCases

    /// Autobahn's timer for every close case: the server has one second to finish.
    static let timer = CaseTimer.kill(.seconds(1))

    /// The tester closes; the server answers with a close frame carrying one of `codes` (or
    /// no code) and then drops TCP, RFC 6455 §5.5.1. A wrong code fails the behaviour too.
    static func answered(_ codes: Set<UInt16>, after events: [Event] = []) -> Expectation {
        Expectation(
            outcomes: [ExpectedOutcome(.ok, events)],
            close: CloseExpectation(initiator: .tester, codes: codes, requireClean: true, wrongCodeFailsBehaviour: true), timer: timer)
    }

    /// The tester closes with a broken close frame; the server fails the connection, RFC 6455
    /// §7.1.7: a close frame with one of `codes` (or no code), or just a TCP drop.
    static func rejected(_ codes: Set<UInt16>) -> Expectation {
        Expectation(
            outcomes: [ExpectedOutcome(.ok, [])],
            close: CloseExpectation(initiator: .tester, codes: codes, requireClean: false, wrongCodeFailsBehaviour: true), timer: timer)
    }

    /// A close frame with code 1000 and `reason`.
    static func normalClose(reason: String = "") -> FrameSpec { .close(code: 1000, reason: reason) }

    // MARK: 7.1 Basic close behaviour

    /// 256 KiB of Autobahn's text pattern, the large message of 7.1.6.
    static let largeText = Payload.repeating(pattern: Array("BAsd7&jh23".utf8), count: 262_144)

    static let basicCases: [TestCase] = [
        // §5.5.1: "If an endpoint receives a Close frame and did not previously send a Close
        // frame, the endpoint MUST send a Close frame in response."
        TestCase(
            id: "close.basic.after-echo", autobahn: "7.1.1", section: "RFC 6455 §5.5.1",
            rule: "A server that receives a Close frame MUST answer with a Close frame, then MUST close TCP at once.",
            level: .must, sentence: RFC6455Sentence.closeAnsweredThenTCP, summary: "text message; once it is echoed the tester closes with 1000",
            steps: [.send([.text("Hello World!")], .oneWrite)],
            expect: answered([1000], after: [.text("Hello World!")])),
        // §5.5.1: "After both sending and receiving a Close message, an endpoint considers the
        // WebSocket connection closed and MUST close the underlying TCP connection."
        TestCase(
            id: "close.basic.second-close", autobahn: "7.1.2", section: "RFC 6455 §5.5.1",
            rule:
                "Once a server has both sent and received a Close frame the connection is closed: it MUST close TCP, not answer a second Close.",
            level: .must, sentence: RFC6455Sentence.closeTCP, summary: "close 1000, then a second (empty) close frame",
            steps: [.startClose(normalClose()), .send([.close([])], .oneWrite)], expect: answered([1000])),
        TestCase(
            id: "close.basic.ping-after-close", autobahn: "7.1.3", section: "RFC 6455 §5.5.1",
            rule:
                "Once a server has both sent and received a Close frame the connection is closed: it MUST close TCP, and a later Ping gets no Pong.",
            level: .must, sentence: RFC6455Sentence.closeTCP, summary: "close 1000, then a ping",
            steps: [.startClose(normalClose()), .send([.ping()], .oneWrite)], expect: answered([1000])),
        // §5.5.1: "After sending a Close frame, the application MUST NOT send any more data frames."
        TestCase(
            id: "close.basic.text-after-close", autobahn: "7.1.4", section: "RFC 6455 §5.5.1",
            rule:
                "After sending its Close frame a server MUST NOT send data frames, so a message that follows the client's Close is not echoed.",
            level: .must, sentence: RFC6455Sentence.noDataAfterClose, summary: "close 1000, then a text message",
            steps: [.startClose(normalClose()), .send([.text("Hello World!")], .oneWrite)], expect: answered([1000])),
        // §5.4: "Control frames (see Section 5.5) MAY be injected in the middle of a fragmented message."
        TestCase(
            id: "close.basic.inside-fragmented-message", autobahn: "7.1.5", section: "RFC 6455 §5.4, §5.5.1",
            rule:
                "A Close frame MAY arrive between the fragments of a message (§5.4); the server MUST answer it normally and send no data after its Close.",
            level: .must, sentence: RFC6455Sentence.noDataAfterClose, summary: "first text fragment, close 1000, then the final continuation",
            steps: [
                .send([.text("fragment1", fin: false)], .oneWrite), .startClose(normalClose()),
                .send([.continuation(.text("fragment2"))], .oneWrite),
            ],
            expect: answered([1000])),
        // §5.5.1: "An endpoint MAY delay sending a Close frame until its current message is
        // sent" and "there is no guarantee that the endpoint that has already sent a Close
        // frame will continue to process data."
        TestCase(
            id: "close.basic.after-large-message", autobahn: "7.1.6", section: "RFC 6455 §5.5.1",
            rule:
                "Whether messages received just before a Close are still echoed is up to the server (it MAY delay its Close reply); no Pong after the Close.",
            level: .may, summary: "256 KiB text message, a short text message, close 1000, then a ping",
            steps: [
                .send([FrameSpec(opcode: .text, payload: largeText), .text("Hello World!")], .writePerFrame),
                .startClose(normalClose()), .send([.ping()], .oneWrite),
            ],
            expect: Expectation(
                outcomes: [
                    ExpectedOutcome(
                        .informational, [.message(.text, largeText), .text("Hello World!")],
                        note: "both messages were echoed before the close"),
                    ExpectedOutcome(.informational, [], note: "the server answered the close without echoing the messages"),
                ],
                close: CloseExpectation(initiator: .tester, codes: [1000], requireClean: true), timer: timer, informational: true)),
    ]

    // MARK: 7.3 and 7.5 Close frame body: length and reason

    /// A reason of `count` asterisks.
    static func stars(_ count: Int) -> String { String(repeating: "*", count: count) }

    /// "κόσμε" followed by an encoded surrogate (ED A0 80) and "edited": not UTF-8 (Autobahn 7.5.1).
    static let invalidReason = Payload.hex("cebae1bdb9cf83cebcceb5eda080656469746564").materialize()

    static let payloadCases: [TestCase] = [
        // §5.5.1: "The Close frame MAY contain a body".
        TestCase(
            id: "close.payload.empty", autobahn: "7.3.1", section: "RFC 6455 §5.5.1",
            rule: "A Close frame MAY have no body; the server MUST still answer it with a Close frame and close TCP.",
            level: .must, sentence: RFC6455Sentence.closeAnsweredThenTCP, summary: "close frame with an empty body",
            steps: [.startClose(.close([]))], expect: answered([1000])),
        // §5.5.1: "If there is a body, the first two bytes of the body MUST be a 2-byte
        // unsigned integer (in network byte order) representing a status code".
        TestCase(
            id: "close.payload.one-byte", autobahn: "7.3.2", section: "RFC 6455 §5.5.1, §7.1.7",
            rule:
                "A Close body MUST start with a 2-byte status code, so a 1-octet body is a protocol error: the server MUST fail the connection.",
            level: .must, sentence: RFC6455Sentence.closeBodyCode, summary: "close frame with a 1-octet body",
            steps: [.startClose(.close(Array("a".utf8)))], expect: rejected([1002])),
        TestCase(
            id: "close.payload.code-only", autobahn: "7.3.3", section: "RFC 6455 §5.5.1",
            rule: "A Close body MAY be just a status code; the server MUST answer it with a Close frame and close TCP.",
            level: .must, sentence: RFC6455Sentence.closeAnsweredThenTCP, summary: "close frame with code 1000 and no reason",
            steps: [.startClose(normalClose())], expect: answered([1000])),
        // §5.5.1: "Following the 2-byte integer, the body MAY contain UTF-8-encoded data".
        TestCase(
            id: "close.payload.code-and-reason", autobahn: "7.3.4", section: "RFC 6455 §5.5.1",
            rule: "A status code MAY be followed by a UTF-8 reason; the server MUST answer with a Close frame and close TCP.",
            level: .must, sentence: RFC6455Sentence.closeAnsweredThenTCP, summary: "close frame with code 1000 and a 12-octet reason",
            steps: [.startClose(normalClose(reason: "Hello World!"))], expect: answered([1000])),
        // §5.5: "All control frames MUST have a payload length of 125 bytes or less".
        TestCase(
            id: "close.payload.length-125", autobahn: "7.3.5", section: "RFC 6455 §5.5, §5.5.1",
            rule: "A Close body of 125 octets (code and a 123-octet reason) is the largest allowed; the server MUST answer it normally.",
            level: .must, sentence: RFC6455Sentence.closeAnsweredThenTCP, summary: "close frame with code 1000 and a 123-octet reason (125-octet body)",
            steps: [.startClose(normalClose(reason: stars(123)))], expect: answered([1000])),
        TestCase(
            id: "close.payload.length-126", autobahn: "7.3.6", section: "RFC 6455 §5.5, §7.1.7",
            rule:
                "Control frames MUST have a payload of 125 octets or less; a 126-octet Close body is a protocol error the server MUST fail on.",
            level: .must, sentence: RFC6455Sentence.controlFrameLimits, summary: "close frame with code 1000 and a 124-octet reason (126-octet body)",
            steps: [.startClose(normalClose(reason: stars(124)))], expect: rejected([1002])),
        // §8.1: "When an endpoint is to interpret a byte stream as UTF-8 but finds that the
        // byte stream is not, in fact, a valid UTF-8 stream, that endpoint MUST _Fail the
        // WebSocket Connection_."
        TestCase(
            id: "close.reason.invalid-utf8", autobahn: "7.5.1", section: "RFC 6455 §5.5.1, §8.1",
            rule: "A Close reason MUST be UTF-8; a server that finds it is not MUST fail the connection (1002 or 1007).",
            level: .must, sentence: RFC6455Sentence.invalidUTF8, summary: "close frame with code 1000 and a 20-octet reason that is not UTF-8",
            steps: [.startClose(.close(ClosePayload(code: .normalClosure, reason: invalidReason).encoded()))],
            expect: rejected([1002, 1007])),
    ]
}
