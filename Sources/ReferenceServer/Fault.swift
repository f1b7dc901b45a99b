/// One named, documented way for the reference server to misbehave.
///
/// A conformance check that cannot fail checks nothing: every catalogue case must fail
/// against at least one fault. Each fault breaks exactly one rule, so a case → fault pair
/// says precisely which rule the case detects.
public struct Fault: Hashable, Sendable, CustomStringConvertible {
    /// The name used on the command line: `wsconform serve --fault NAME`.
    public let name: String
    /// What the server does wrong, in one sentence.
    public let summary: String
    /// The rule it breaks.
    public let section: String

    public var description: String { name }

    /// Every fault, in the order `serve --list-faults` prints them.
    public static let all: [Fault] =
        [
            .acceptUnmasked, .skipUTF8Validation, .validateUTF8AtMessageEnd, .ignoreReservedBits,
            .acceptReservedOpcodes, .acceptOversizedControl, .acceptFragmentedControl, .acceptBadFragmentation,
            .acceptNonMinimalLength, .acceptInvalidCloseCodes, .acceptMalformedClose, .noPong, .wrongPongPayload,
            .wrongCloseCode, .noCloseReply, .dropTCP, .noSizeLimit, .textAsBinary, .binaryAsText, .wholeFrameReads, .maskFrames,
            .processAfterClose, .answerUnsolicitedPong, .maskOffsetAcrossFrames, .zeroKeyAsUnmasked,
            .ignoreReservedBitsOnClose,
        ] + openingHandshake + permessageDeflate + deflateNegotiation + echoContent + [.crashOnInput, .hangOnInput, .unsynchronisedWriters] + process

    /// Looks a fault up by its command-line name.
    public static func named(_ name: String) -> Fault? { all.first { $0.name == name } }

    public static let acceptUnmasked = Fault(
        name: "accept-unmasked", summary: "treats unmasked client frames as if they were masked",
        section: "RFC 6455 §5.1 (server MUST close on an unmasked frame)")
    public static let skipUTF8Validation = Fault(
        name: "skip-utf8", summary: "never validates UTF-8 in text messages or close reasons",
        section: "RFC 6455 §8.1 (MUST fail on invalid UTF-8)")
    public static let validateUTF8AtMessageEnd = Fault(
        name: "utf8-at-message-end", summary: "validates UTF-8 only once a text message is complete (no fail-fast)",
        section: "RFC 6455 §8.1, §5.6 (SHOULD fail as soon as the data is known invalid)")
    public static let ignoreReservedBits = Fault(
        name: "ignore-rsv", summary: "ignores RSV1-3 set without a negotiated extension",
        section: "RFC 6455 §5.2 (MUST fail on non-zero RSV)")
    public static let acceptReservedOpcodes = Fault(
        name: "accept-reserved-opcodes", summary: "silently skips frames with reserved opcodes",
        section: "RFC 6455 §5.2 (MUST fail on an unknown opcode)")
    public static let acceptOversizedControl = Fault(
        name: "accept-oversized-control", summary: "accepts control frames with payloads over 125 bytes",
        section: "RFC 6455 §5.5")
    public static let acceptFragmentedControl = Fault(
        name: "accept-fragmented-control",
        summary: "accepts control frames with FIN clear and completes them with the continuations that follow",
        section: "RFC 6455 §5.5")
    public static let acceptBadFragmentation = Fault(
        name: "accept-bad-fragmentation",
        summary: "accepts continuations without a start and new data frames inside a fragmented message",
        section: "RFC 6455 §5.4")
    public static let acceptNonMinimalLength = Fault(
        name: "accept-non-minimal-length", summary: "accepts lengths not written in the minimal number of bytes",
        section: "RFC 6455 §5.2")
    public static let acceptInvalidCloseCodes = Fault(
        name: "accept-invalid-close-codes", summary: "echoes close codes that must never be sent instead of failing",
        section: "RFC 6455 §7.4")
    public static let acceptMalformedClose = Fault(
        name: "accept-malformed-close", summary: "answers a 1-byte close payload with a normal close",
        section: "RFC 6455 §5.5.1")
    public static let noPong = Fault(
        name: "no-pong", summary: "never answers pings", section: "RFC 6455 §5.5.2 (MUST send a Pong)")
    public static let wrongPongPayload = Fault(
        name: "wrong-pong-payload", summary: "answers pings with a different payload",
        section: "RFC 6455 §5.5.3 (identical Application data)")
    public static let wrongCloseCode = Fault(
        name: "wrong-close-code",
        summary: "answers a close with neither the code it received nor 1000 (with 1001, or 1011 to a 1001)",
        section: "RFC 6455 §5.5.1 (typically echoes the status code)")
    public static let noCloseReply = Fault(
        name: "no-close-reply", summary: "never answers a close frame and keeps the connection open",
        section: "RFC 6455 §5.5.1 (MUST send a Close frame in response)")
    public static let dropTCP = Fault(
        name: "drop-tcp", summary: "drops TCP without a close frame where it should send one",
        section: "RFC 6455 §7.1.7 (SHOULD send a Close frame before failing)")
    public static let noSizeLimit = Fault(
        name: "no-size-limit", summary: "buffers messages of any size instead of failing with 1009",
        section: "RFC 6455 §10.4 (SHOULD limit frame and message size)")
    public static let textAsBinary = Fault(
        name: "text-as-binary", summary: "echoes text messages as binary messages",
        section: "RFC 6455 §5.6 (the opcode says how to interpret the data)")
    public static let binaryAsText = Fault(
        name: "binary-as-text", summary: "echoes binary messages as text messages",
        section: "RFC 6455 §5.6")
    public static let wholeFrameReads = Fault(
        name: "whole-frame-reads", summary: "fails the connection when a read ends inside a frame (assumes whole frames per read)",
        section: "RFC 6455 §5.2 (frames are a byte stream; TCP may cut them anywhere)")
    public static let maskFrames = Fault(
        name: "mask-frames", summary: "masks the frames it sends",
        section: "RFC 6455 §5.1 (a server MUST NOT mask any frames)")
    public static let processAfterClose = Fault(
        name: "process-after-close", summary: "answers a close but goes on processing frames and leaves TCP open",
        section: "RFC 6455 §5.5.1, §7.1.1 (no data after Close; the server closes TCP first)")
    public static let answerUnsolicitedPong = Fault(
        name: "answer-unsolicited-pong", summary: "answers an unsolicited pong with a pong",
        section: "RFC 6455 §5.5.3 (a response to an unsolicited Pong is not expected)")
    public static let maskOffsetAcrossFrames = Fault(
        name: "mask-offset-across-frames", summary: "unmasks each frame with the key position running on from the previous frame",
        section: "RFC 6455 §5.3 (each frame's masking starts at its first payload octet)")
    public static let zeroKeyAsUnmasked = Fault(
        name: "zero-key-as-unmasked", summary: "takes a frame masked with the key 00000000 for an unmasked frame and fails",
        section: "RFC 6455 §5.3 (any 32-bit value is a valid masking key)")
    public static let ignoreReservedBitsOnClose = Fault(
        name: "ignore-rsv-on-close",
        summary: "ignores RSV1-3 on Close frames only, answering such a Close with 1000 (as many servers answer a Close without a code)",
        section: "RFC 6455 §5.2 (MUST fail on non-zero RSV, control frames included)")
    public static let crashOnInput = Fault(
        name: "crash-on-input", summary: "the whole server crashes on receiving a close frame with code 1005",
        section: "RFC 6455 §7.4.1 (1005 MUST NOT be sent; the server must fail the connection, not die)")
    public static let hangOnInput = Fault(
        name: "hang-on-input", summary: "the whole server stops serving on receiving a frame with RSV3 set",
        section: "RFC 6455 §5.2 (must fail the connection and keep serving others)")
}
