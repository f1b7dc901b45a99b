import Wire

/// RFC 6455 §8.1 Handling Errors in UTF-8-Encoded Data, with §5.6's rule that a text frame may
/// end inside a code point (Autobahn category 6, and cases it lacks).
///
/// "When an endpoint is to interpret a byte stream as UTF-8 but finds that the byte stream is
/// not, in fact, a valid UTF-8 stream, that endpoint MUST _Fail the WebSocket Connection_."
/// The code for it is 1007 (§7.4.1). Validity is that of RFC 3629: no overlong forms, no
/// surrogates, nothing above U+10FFFF; noncharacters and specials are valid. Only the whole
/// message is judged (§5.6), so frames may cut code points anywhere.
///
/// The cases are split by topic: messages split in frames here, the fail-fast checkpoints
/// (`+FailFast`), Markus Kuhn's sequence tables (`+Sequences`) and close reasons
/// (`+CloseReason`).
public enum Section8_1_UTF8 {
    /// RFC 6455 §5.6 for valid text: any fragmentation of valid UTF-8 must be accepted.
    static let validRule =
        "A text frame may hold a partial UTF-8 sequence; only the whole message MUST be valid UTF-8, so a valid message MUST be accepted (and echoed) however its frames cut it."
    /// RFC 6455 §8.1 for invalid text.
    static let invalidRule =
        "An endpoint that finds a text message is not valid UTF-8 MUST fail the WebSocket connection, with close code 1007 (§7.4.1)."

    /// 'κόσμε' (Greek "cosmos"), the multi-byte sample of RFC 3629 tests and of Autobahn.
    static let kosme: [UInt8] = [0xCE, 0xBA, 0xE1, 0xBD, 0xB9, 0xCF, 0x83, 0xCE, 0xBC, 0xCE, 0xB5]
    /// 'Hello-µ@ßöäüàá-UTF-8!!': 29 octets mixing ASCII and 2-byte code points.
    static let hello = Array("Hello-µ@ßöäüàá-UTF-8!!".utf8)
    /// 'κόσμε' + ED A0 80 (U+D800, a surrogate: invalid at the A0) + 'edited'.
    static let kosmeSurrogate = kosme + [0xED, 0xA0, 0x80] + Array("edited".utf8)

    /// The text frame that starts a message, FIN clear unless `fin`.
    static func text(_ bytes: [UInt8], fin: Bool = true) -> FrameSpec {
        FrameSpec(fin: fin, opcode: .text, payload: .bytes(bytes))
    }

    /// A text message sent one octet per frame, then an empty final continuation frame (how
    /// Autobahn fragments a message whose length is a multiple of the fragment size).
    static func octetPerFrame(_ bytes: [UInt8]) -> [FrameSpec] {
        bytes.enumerated().map { index, byte in
            FrameSpec(fin: false, opcode: index == 0 ? .text : .continuation, payload: .bytes([byte]))
        } + [.continuation(.bytes([]))]
    }

    /// An echo of valid text, RFC 6455 §5.6.
    static func echo(
        _ id: String, autobahn: String, _ summary: String, _ frames: [FrameSpec], delivery: Delivery, message: [UInt8],
        timer: CaseTimer, file: String = #filePath, line: Int = #line
    ) -> TestCase {
        TestCase(
            id: id, autobahn: autobahn, section: "RFC 6455 §5.6", rule: validRule, level: .must, sentence: RFC6455Sentence.wholeMessageUTF8, summary: summary,
            steps: [.send(frames, delivery)], expect: .events([.message(.text, .bytes(message))], timer: timer), file: file, line: line)
    }

    /// Invalid text the server must fail with 1007 before `timer`, RFC 6455 §8.1; if the
    /// tester has to close, the violation went unseen and the behaviour is FAILED too.
    static func failure(
        _ id: String, autobahn: String, _ summary: String, _ frames: [FrameSpec], delivery: Delivery, timer: CaseTimer,
        file: String = #filePath, line: Int = #line
    ) -> TestCase {
        TestCase(
            id: id, autobahn: autobahn, section: "RFC 6455 §8.1", rule: invalidRule, level: .must, sentence: RFC6455Sentence.invalidUTF8, summary: summary,
            steps: [.send(frames, delivery)], expect: .serverFails([1007], timer: timer, wrongEndpointFails: true), file: file,
            line: line)
    }

    /// Autobahn 6.1: empty text, whole and in empty fragments.
    static let emptyCases: [TestCase] = [
        echo(
            "utf8.valid.empty", autobahn: "6.1.1", "empty text message in one frame", [text([])], delivery: .oneWrite, message: [],
            timer: .close(.seconds(1))),
        echo(
            "utf8.valid.empty-fragments", autobahn: "6.1.2", "empty text message in three empty frames",
            [text([], fin: false), .continuation(.bytes([]), fin: false), .continuation(.bytes([]))], delivery: .writePerFrame,
            message: [], timer: .close(.seconds(1))),
        echo(
            "utf8.valid.empty-outer-fragments", autobahn: "6.1.3", "text message whose first and last of three frames are empty",
            [text([], fin: false), .continuation(.text("middle frame payload"), fin: false), .continuation(.bytes([]))],
            delivery: .writePerFrame, message: Array("middle frame payload".utf8), timer: .close(.seconds(1))),
    ]

    /// Autobahn 6.2: valid text whole, split between code points, and split inside them.
    static let fragmentedCases: [TestCase] = [
        echo(
            "utf8.valid.one-frame", autobahn: "6.2.1", "29-octet mixed ASCII/2-byte text in one frame", [text(hello)],
            delivery: .oneWrite, message: hello, timer: .close(.seconds(1))),
        echo(
            "utf8.valid.split-between-code-points", autobahn: "6.2.2", "the same text in two frames cut between code points",
            [text(Array(hello[..<15]), fin: false), .continuation(.bytes(Array(hello[15...])))], delivery: .writePerFrame,
            message: hello, timer: .close(.seconds(1))),
        echo(
            "utf8.valid.octet-per-frame", autobahn: "6.2.3", "the same text one octet per frame, so frames end inside code points",
            octetPerFrame(hello), delivery: .writePerFrame, message: hello, timer: .close(.seconds(1))),
        echo(
            "utf8.valid.kosme-octet-per-frame", autobahn: "6.2.4", "'κόσμε' (2- and 3-byte code points) one octet per frame",
            octetPerFrame(kosme), delivery: .writePerFrame, message: kosme, timer: .close(.seconds(1))),
    ]

    /// Autobahn 6.3: a surrogate in the middle of a message, whole and one octet per frame.
    static let surrogateCases: [TestCase] = [
        failure(
            "utf8.invalid.surrogate-in-message", autobahn: "6.3.1", "'κόσμε' + U+D800 (ED A0 80) + 'edited' in one frame",
            [text(kosmeSurrogate)], delivery: .oneWrite, timer: .kill(.seconds(1))),
        failure(
            "utf8.invalid.surrogate-octet-per-frame", autobahn: "6.3.2", "the same 20 octets one octet per frame",
            octetPerFrame(kosmeSurrogate), delivery: .writePerFrame, timer: .kill(.seconds(1))),
    ]

    public static let cases: [TestCase] =
        emptyCases + fragmentedCases + surrogateCases + autobahnFailFastCases + sequenceCases + failFastCases + closeReasonCases
}
