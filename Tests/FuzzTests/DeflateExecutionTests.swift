import Client
import ReferenceServer
import Testing
import Transport
import Wire

@testable import Fuzz

/// The executor's side of permessage-deflate: the server's answer to the offer read as a client
/// must read it (RFC 6455 §9.1, RFC 7692 §7), its compressed replies inflated, and a session
/// judged under the agreement the server really made.
@Suite("Fuzz: executing scripts under permessage-deflate")
struct DeflateExecutionTests {
    static let hello = OracleDeflateTests.hello

    static func serverFrame(_ opcode: Opcode, _ payload: [UInt8], fin: Bool = true, rsv1: Bool = false) -> [UInt8] {
        FrameEncoder.encode(Frame(fin: fin, rsv: rsv1 ? .rsv1 : [], opcode: opcode, payload: payload))
    }

    @Test("compressed replies are inflated, whole or in frames; plain ones pass as they are")
    func inflatesReplies() {
        var reader = ReplyReader(maxPayload: 1 << 20, maxReplies: 16)
        reader.agreeDeflate()
        _ = reader.feed(
            Self.serverFrame(.text, Self.hello, rsv1: true) + Self.serverFrame(.binary, [0xF2, 0x00], fin: false, rsv1: true)
                + Self.serverFrame(.continuation, [0x11, 0x00, 0x00]) + Self.serverFrame(.text, Array("plain".utf8)))
        #expect(reader.replies.map(\.payload) == [Array("Hello".utf8), Array("Hello".utf8), Array("plain".utf8)])
        #expect(reader.violations.isEmpty)
    }

    @Test("a compressed reply that does not inflate, or RSV1 on a server's Ping, is the server's violation")
    func replyViolations() {
        var reader = ReplyReader(maxPayload: 1 << 20, maxReplies: 16)
        reader.agreeDeflate()
        _ = reader.feed(Self.serverFrame(.text, [0xFF, 0xFF], rsv1: true))
        #expect(reader.violations.count == 1)
        var ping = ReplyReader(maxPayload: 1 << 20, maxReplies: 16)
        ping.agreeDeflate()
        _ = ping.feed(Self.serverFrame(.ping, [], rsv1: true))
        #expect(!ping.violations.isEmpty)
        // Without an agreement RSV1 is a reserved bit (RFC 6455 §5.2).
        var plain = ReplyReader(maxPayload: 1 << 20, maxReplies: 16)
        _ = plain.feed(Self.serverFrame(.text, Self.hello, rsv1: true))
        #expect(!plain.violations.isEmpty)
    }

    @Test("the server's extension answer, judged against the offer")
    func answers() {
        let offer = ["permessage-deflate"]
        #expect(ExtensionAnswer.read(offer: offer, answer: nil) == .none)
        if case .permessageDeflate(let parameters) = ExtensionAnswer.read(
            offer: offer, answer: "permessage-deflate; server_max_window_bits=12")
        {
            #expect(parameters.serverMaxWindowBits == 12)
        } else {
            Issue.record("a valid answer")
        }
        // RFC 6455 §9.1: never offered; RFC 7692 §7.1.2.2: a client window the offer did not allow.
        for answer in ["permessage-deflate", "x-webkit-deflate-frame"] {
            guard case .broken = ExtensionAnswer.read(offer: [], answer: answer) else {
                Issue.record("\(answer) without an offer")
                continue
            }
        }
        guard case .broken = ExtensionAnswer.read(offer: offer, answer: "permessage-deflate; client_max_window_bits=10") else {
            Issue.record("client_max_window_bits was not offered")
            return
        }
        guard case .unmodelled = ExtensionAnswer.read(offer: ["x-custom", "permessage-deflate"], answer: "x-custom") else {
            Issue.record("another offered extension")
            return
        }
    }

    /// The built-in deflate seed against a reference server configured by `change`.
    static func run(_ change: (inout ServerConfiguration) -> Void) throws -> (Observation, Judgement) {
        var configuration = ServerConfiguration()
        change(&configuration)
        let server = try ReferenceServer(configuration: configuration)
        server.start()
        defer { server.stop() }
        let executor = ScriptExecutor(target: TargetURL(secure: false, host: "127.0.0.1", port: server.port), reactionTimeout: .seconds(30))
        return executor.trial(InputSource.builtInDeflateSeed).run(executor)
    }

    @Test("a server that agrees echoes the compressed messages; one that declines must fail at the first (both conform)")
    func judgedUnderTheServersAnswer() throws {
        let (agreed, agreedJudgement) = try Self.run { _ in }
        #expect(agreed.extensions == "permessage-deflate")
        #expect(agreedJudgement == .conforming)
        #expect(
            agreed.replies.prefix(2).map(\.payload) == [Array("Hello, permessage-deflate!".utf8), Array("Hello, permessage-deflate!".utf8)])
        let (plainEchoes, plainJudgement) = try Self.run { $0.compressEchoes = false }
        #expect(plainEchoes.replies.count == agreed.replies.count)
        #expect(plainJudgement == .conforming)
        let (declined, declinedJudgement) = try Self.run { $0.permessageDeflate = false }
        #expect(declined.extensions == nil)
        #expect(declined.reaction == .closed(1002))
        #expect(declinedJudgement == .conforming)
    }
}
