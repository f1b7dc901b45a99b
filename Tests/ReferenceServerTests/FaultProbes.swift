import Wire

@testable import ReferenceServer

/// One short client script and the server's observable reaction to it.
struct Probe: Sendable, CustomStringConvertible {
    let name: String
    let bytes: [UInt8]
    var description: String { name }
}

/// What the server did: the frames it sent (opcode and payload) and how it ended.
struct Reaction: Hashable, CustomStringConvertible {
    var frames: [String]
    var ending: String

    var description: String { frames.joined(separator: ", ") + " → " + ending }
}

enum Probes {
    static let key = MaskingKey(0x11, 0x22, 0x33, 0x44)

    static func masked(_ frame: Frame, declared: UInt64? = nil, encoding: LengthEncoding = .minimal) -> [UInt8] {
        var frame = frame
        frame.maskingKey = key
        return FrameEncoder.encode(frame, declaredLength: declared, lengthEncoding: encoding)
    }

    static func close(_ code: UInt16?, _ reason: [UInt8] = []) -> [UInt8] {
        masked(Frame(opcode: .close, payload: ClosePayload(code: code.map(CloseCode.init(rawValue:)), reason: reason).encoded()))
    }

    static let invalidUTF8: [UInt8] = [0xCE, 0xBA, 0xE1, 0xBD, 0xB9, 0xCF, 0x83, 0xCE, 0xBC, 0xCE, 0xB5, 0xED, 0xA0, 0x80, 0x65]

    /// The message size limit the probes run with, so "too big" stays small.
    static let maxMessageSize = 1024

    static let all: [Probe] = [
        Probe(name: "text echo", bytes: masked(.text("Hello"))),
        Probe(name: "zero-key text", bytes: FrameEncoder.encode(Frame.text("zero", maskingKey: .zero))),
        Probe(name: "binary echo", bytes: masked(Frame(opcode: .binary, payload: [0, 1, 2, 255]))),
        Probe(
            name: "fragmented text with ping",
            bytes: masked(Frame(fin: false, opcode: .text, payload: Array("Hel".utf8)))
                + masked(Frame(opcode: .ping, payload: Array("p".utf8))) + masked(Frame(opcode: .continuation, payload: Array("lo".utf8)))),
        Probe(name: "ping", bytes: masked(Frame(opcode: .ping, payload: Array("abc".utf8)))),
        Probe(name: "empty ping", bytes: masked(Frame(opcode: .ping))),
        Probe(name: "unsolicited pong", bytes: masked(Frame(opcode: .pong, payload: [1])) + masked(.text("after"))),
        Probe(name: "close 1000", bytes: close(1000, Array("bye".utf8))),
        Probe(name: "close empty", bytes: close(nil)),
        Probe(name: "close 3000", bytes: close(3000)),
        Probe(name: "close with RSV1", bytes: masked(Frame(rsv: .rsv1, opcode: .close))),
        Probe(name: "two text messages", bytes: masked(.text("first")) + masked(.text("second"))),
        Probe(name: "unmasked text", bytes: FrameEncoder.encode(.text("Hello"))),
        Probe(name: "invalid UTF-8 text", bytes: masked(Frame(opcode: .text, payload: invalidUTF8))),
        Probe(name: "invalid UTF-8 first fragment", bytes: masked(Frame(fin: false, opcode: .text, payload: invalidUTF8))),
        Probe(name: "RSV1 without extension", bytes: masked(Frame(rsv: .rsv1, opcode: .text, payload: [0x41]))),
        Probe(name: "RSV3", bytes: masked(Frame(rsv: .rsv3, opcode: .text, payload: [0x41]))),
        Probe(name: "reserved opcode 3", bytes: masked(Frame(opcode: Opcode(rawValue: 3))) + masked(.text("after"))),
        Probe(name: "ping of 126 bytes", bytes: masked(Frame(opcode: .ping, payload: .init(repeating: 0x2A, count: 126)))),
        Probe(
            name: "fragmented ping",
            bytes: masked(Frame(fin: false, opcode: .ping, payload: [1])) + masked(Frame(opcode: .continuation, payload: [2]))),
        Probe(name: "continuation without start", bytes: masked(Frame(opcode: .continuation, payload: [0x41]))),
        Probe(
            name: "text inside fragmented message", bytes: masked(Frame(fin: false, opcode: .text, payload: [0x41])) + masked(.text("B"))),
        Probe(name: "non-minimal length", bytes: masked(.text("Hi"), encoding: .sixteenBit)),
        Probe(name: "64-bit length with MSB", bytes: masked(Frame(opcode: .binary), declared: 1 << 63)),
        Probe(name: "close 1005", bytes: close(1005)),
        Probe(name: "close 999", bytes: close(999)),
        Probe(name: "close 5000", bytes: close(5000)),
        Probe(name: "close with 1-byte body", bytes: masked(Frame(opcode: .close, payload: [0x03]))),
        Probe(name: "close reason not UTF-8", bytes: close(1000, invalidUTF8)),
        Probe(
            name: "message over the limit", bytes: masked(Frame(opcode: .binary, payload: .init(repeating: 1, count: maxMessageSize + 1)))),
    ]

    /// Runs `probe` through a session with `fault` and describes the reaction.
    static func react(_ probe: Probe, fault: Fault?) -> Reaction {
        var configuration = ServerConfiguration(fault: fault)
        configuration.maxMessageSize = maxMessageSize
        var session = EchoSession(configuration: configuration)
        var frames: [String] = []
        var ending = "open"
        var decoder = FrameAssembler(decoder: FrameDecoder(sender: .server))
        // Byte by byte, so fail-fast behaviour is visible exactly where it happens.
        outer: for byte in probe.bytes {
            for action in session.receive([byte]) {
                switch action {
                case .send(let bytes):
                    for decoded in decoder.feed(bytes) {
                        let frame = decoded.frame
                        let body =
                            frame.opcode == .close
                            ? "\(ClosePayload.parse(frame.payload).payload.code?.rawValue ?? 0)"
                            : frame.opcode == .binary
                                ? frame.payload.prefix(16).map { String($0, radix: 16) }.joined(separator: " ")
                                    + (frame.payload.count > 16 ? "…" : "")
                                : String(decoding: frame.payload.prefix(16), as: UTF8.self) + (frame.payload.count > 16 ? "…" : "")
                        frames.append("\(frame.opcode)(\(body))" + (frame.maskingKey == nil ? "" : " masked"))
                    }
                case .closeTCP: ending = "close TCP"
                case .dropTCP: ending = "drop TCP"
                case .crashServer: ending = "crash"
                case .hangServer: ending = "hang"
                }
                if ending != "open" { break outer }
            }
        }
        return Reaction(frames: frames, ending: ending)
    }
}
