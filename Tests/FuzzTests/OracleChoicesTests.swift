import Cases
import Testing
import Wire

@testable import Fuzz

/// The oracle admits every conforming reading of an input (`OracleOptions`, enumerated by
/// `WireLayout.choices`), each tied to the RFC sentence that leaves the server a choice — and
/// still catches what no reading allows.
@Suite("Fuzz oracle: the choices RFC 6455 leaves a server")
struct OracleChoicesTests {
    static func observed(_ replies: [(Opcode, String)], _ reaction: ReactionClass, status: Int? = 101) -> Observation {
        Observation(status: status, replies: replies.map { Observation.Reply(opcode: $0.0, payload: Array($0.1.utf8)) }, reaction: reaction)
    }

    static func observed(_ reaction: ReactionClass, status: Int? = 101) -> Observation { observed([], reaction, status: status) }

    static func judge(_ script: SessionScript, _ observation: Observation) -> Judgement {
        Judgement.judge(Oracle.acceptable(script), observation)
    }

    static func signature(_ judgement: Judgement) -> String? {
        if case .finding(let signature, _, _) = judgement { return signature.description }
        return nil
    }

    static func head(version: String = "HTTP/1.1", _ change: (inout RequestHead) -> Void = { _ in }) -> OpeningRequest {
        var head = OpeningRequest.standard.head
        head.version = version
        change(&head)
        return .explicit(head)
    }

    static let close1000 = ScriptStep(.startClose(TestScripts.frame(8, [0x03, 0xE8])))

    @Test("a Pong may overtake the echo of a message sent before its Ping (RFC 6455 §5.5.2), but no echo may go missing")
    func pongOvertakesEcho() {
        let script = TestScripts.script([TestScripts.text("hi"), .frame(TestScripts.frame(9, Array("p".utf8)))])
        #expect(Self.judge(script, Self.observed([(.pong, "p"), (.text, "hi")], .echoed)) == .conforming)
        #expect(Self.signature(Self.judge(script, Self.observed([(.pong, "p")], .echoed))) == "protocol/valid/wrong-reply")
    }

    @Test("invalid text may be judged at once, at the message's end or on delivery (RFC 6455 §8.1), never echoed")
    func utf8Decisions() {
        let script = TestScripts.script([.frame(TestScripts.frame(1, [0xC0, 0x80])), Self.close1000])
        #expect(Self.judge(script, Self.observed(.closed(1007))) == .conforming)
        #expect(Self.judge(script, Self.observed(.closed(1000))) == .conforming, "the Close answered before delivery")
        let echoed = Self.judge(script, Self.observed([(.text, "\u{0}")], .closed(1000)))
        #expect(Self.signature(echoed) == "protocol/invalid-utf8-text/wrong-reply")
        let fragment = TestScripts.script([.frame(TestScripts.frame(1, [0xC0], fin: false))])
        #expect(Self.judge(fragment, Self.observed(.closed(1002))) == .conforming, "the tester's Close inside an unfinished message")
        #expect(Self.signature(Self.judge(fragment, Self.observed(.closed(1011)))) == "protocol/invalid-utf8-text/closed-1011")
    }

    @Test("a Close inside an unfinished message may be answered with 1002 (§5.5.1 'typically' echoes), not with 1011")
    func closeInsideMessage() {
        let script = TestScripts.script([TestScripts.text("a", fin: false), Self.close1000])
        #expect(Self.judge(script, Self.observed(.closed(1000))) == .conforming)
        #expect(Self.judge(script, Self.observed(.closed(1002))) == .conforming)
        #expect(Self.signature(Self.judge(script, Self.observed(.closed(1011)))) == "protocol/valid/closed-1011")
    }

    @Test("a header's first octet may already fail the connection, echoes due before it may be lost")
    func partialHeader() {
        let script = TestScripts.script([TestScripts.text("hi"), ScriptStep(.raw([0x83]))])
        let layout = WireLayout(script.wire(host: "localhost"))
        #expect(layout.endsInsideFrame)
        #expect(ScriptExecutor.finish(for: layout, Oracle.acceptable(script)) == .fin)
        #expect(Self.judge(script, Self.observed(.closed(1002))) == .conforming)
        #expect(Self.judge(script, Self.observed([(.text, "hi")], .echoed)) == .conforming, "a server that waits for the header")
        #expect(Self.signature(Self.judge(script, Self.observed([(.text, "hi")], .closed(1007)))) != nil)
    }

    @Test("a head over 8000 octets may be refused (RFC 9110 §5.4) or accepted; a smaller one must be accepted")
    func headSize() {
        func padded(_ size: Int) -> SessionScript {
            TestScripts.script(
                [TestScripts.text("x")],
                handshake: Self.head { $0.fields.append(HeaderField(name: "X-Pad", value: String(repeating: "a", count: size))) })
        }
        #expect(Self.judge(padded(8192), Self.observed(.refused(431), status: 431)) == .conforming)
        #expect(Self.judge(padded(8192), Self.observed([(.text, "x")], .echoed)) == .conforming)
        #expect(Self.judge(padded(40_000), Self.observed([(.text, "x")], .echoed)) == .conforming, "a server with a larger limit")
        #expect(Self.signature(Self.judge(padded(6000), Self.observed(.refused(431), status: 431))) == "protocol/valid/refused-431")
    }

    @Test("HTTP versions: 1.0 refused with 4xx or 505, never dropped; another major version may be dropped")
    func httpVersions() {
        let old = TestScripts.script([], handshake: Self.head(version: "HTTP/1.0"))
        #expect(Self.judge(old, Self.observed(.refused(505), status: 505)) == .conforming)
        #expect(Self.signature(Self.judge(old, Self.observed(.dropped, status: nil))) == "protocol/handshake-request/dropped")
        #expect(Self.signature(Self.judge(old, Self.observed(.echoed))) == "protocol/handshake-request/upgraded")
        let two = TestScripts.script([], handshake: Self.head(version: "HTTP/2.0"))
        #expect(Self.judge(two, Self.observed(.dropped, status: nil)) == .conforming)
        let minor = TestScripts.script([TestScripts.text("x")], handshake: Self.head(version: "HTTP/1.2"))
        #expect(Self.judge(minor, Self.observed([(.text, "x")], .echoed)) == .conforming)
        #expect(Self.judge(minor, Self.observed(.refused(505), status: 505)) == .conforming)
    }

    @Test("a request without the Upgrade token may be served as plain HTTP (RFC 9110 §7.8)")
    func noUpgrade() {
        let script = TestScripts.script([], handshake: Self.head { $0.fields.removeAll { $0.name == "Upgrade" } })
        #expect(Self.judge(script, Self.observed(.refused(200), status: 200)) == .conforming)
        #expect(Self.judge(script, Self.observed(.refused(400), status: 400)) == .conforming)
    }

    @Test("drafts 7 and 8 may be understood (RFC 6455 §4.4); version 12 must get 426")
    func draftVersions() {
        func version(_ value: String) -> SessionScript {
            TestScripts.script(
                [TestScripts.text("x")], handshake: .standard(overrides: [HeaderOverride(name: "Sec-WebSocket-Version", value: value)]))
        }
        #expect(Self.judge(version("8"), Self.observed([(.text, "x")], .echoed)) == .conforming)
        #expect(Self.judge(version("8"), Self.observed(.refused(426), status: 426)) == .conforming)
        #expect(Self.signature(Self.judge(version("12"), Self.observed([(.text, "x")], .echoed))) == "protocol/handshake-version/upgraded")
    }

    @Test("a server may read on over one non-minimal length and fail on a later one (RFC 6455 §5.2 binds the sender)")
    func nonMinimalLengths() {
        var text = TestScripts.frame(1, Array("hi".utf8))
        text.lengthEncoding = .sixtyFourBit
        var close = TestScripts.frame(8, [0x03, 0xE8])
        close.lengthEncoding = .sixtyFourBit
        let script = TestScripts.script([.frame(text), ScriptStep(.startClose(close))])
        #expect(Self.judge(script, Self.observed(.closed(1002))) == .conforming, "fails on the first")
        #expect(Self.judge(script, Self.observed([(.text, "hi")], .dropped)) == .conforming, "reads on, then fails on the Close")
        #expect(Self.judge(script, Self.observed([(.text, "hi")], .closed(1000))) == .conforming, "reads on over both")
        #expect(Self.judge(script, Self.observed([(.text, "hi")], .closed(1011))) != .conforming)
    }

    @Test("a message over 1 KiB may meet the server's limit (RFC 6455 §10.4), consistently; a smaller one must be echoed")
    func messageLimits() {
        let big = String(repeating: "b", count: 2048)
        let script = TestScripts.script([TestScripts.text(big), TestScripts.text("small")])
        #expect(Self.judge(script, Self.observed(.closed(1009))) == .conforming, "a limit under 2 KiB")
        #expect(Self.judge(script, Self.observed([(.text, big), (.text, "small")], .echoed)) == .conforming)
        let inconsistent = Self.judge(script, Self.observed([(.text, big)], .closed(1009)))
        // The echo of "small" is missing: no limit explains a 2 KiB echo and a 5-octet refusal.
        #expect(Self.signature(inconsistent) == "protocol/valid/wrong-reply", "echoed 2 KiB, then refused 5 octets as too big")
        let tiny = TestScripts.script([TestScripts.text(String(repeating: "t", count: 512))])
        #expect(Self.signature(Self.judge(tiny, Self.observed(.closed(1009)))) == "protocol/valid/wrong-reply")
    }

    @Test("octets after the client's Close may reset the connection before the server's Close is read")
    func dataAfterClose() {
        let script = TestScripts.script([Self.close1000, TestScripts.text("late")])
        #expect(Self.judge(script, Self.observed(.dropped)) == .conforming)
        #expect(ScriptExecutor.finish(for: WireLayout(script.wire(host: "localhost")), Oracle.acceptable(script)) == .wait)
        #expect(Self.judge(TestScripts.script([Self.close1000]), Self.observed(.dropped)) != .conforming)
    }

    @Test("a session that ends at a frame boundary is ended by the tester's Close, whatever the oracle expects")
    func finish() {
        let invalid = TestScripts.script([.frame(TestScripts.frame(3, []))])
        #expect(ScriptExecutor.finish(for: WireLayout(invalid.wire(host: "localhost")), Oracle.acceptable(invalid)) == .close)
    }

    @Test("signatures group Close codes a server echoes: application codes, and codes nobody may send")
    func closeCodeGroups() {
        #expect(
            FindingSignature(oracle: .protocol, rule: nil, reaction: .closed(4120)).description == "protocol/valid/closed-application-code")
        #expect(
            FindingSignature(oracle: .protocol, rule: nil, reaction: .closed(1005)).description == "protocol/valid/closed-forbidden-code")
        #expect(FindingSignature(oracle: .protocol, rule: nil, reaction: .closed(1011)).description == "protocol/valid/closed-1011")
        #expect(FindingSignature("protocol/valid/closed-forbidden-code")?.reaction == .closedForbiddenCode)
    }
}
