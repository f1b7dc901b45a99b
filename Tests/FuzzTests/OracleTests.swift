import Cases
import Testing
import Wire

@testable import Fuzz

@Suite("Fuzz: the protocol oracle")
struct OracleTests {
    @Test("the built-in seed is echoed, pinged and closed as a conforming server would")
    func validSession() {
        let reaction = Oracle.expect(InputSource.builtInSeed)
        #expect(reaction.isValid)
        #expect(reaction.replies.map(\.opcode) == [.text, .binary, .pong])
        #expect(reaction.replies[2].payload == Array("ping".utf8))
        #expect(reaction.ending == .closeEchoed(.normalClosure))
        #expect(reaction.admits(.closed(1000)))
        #expect(!reaction.admits(.closed(1002)))
    }

    @Test("a Ping between fragments is answered before the reassembled message (RFC 6455 §5.4)")
    func interleavedPing() {
        let script = TestScripts.script([
            TestScripts.text("frag", fin: false), .frame(TestScripts.frame(9, [1, 2])), .frame(TestScripts.frame(0, Array("ment".utf8))),
        ])
        let reaction = Oracle.expect(script)
        #expect(reaction.replies == [Frame(opcode: .pong, payload: [1, 2]), Frame(opcode: .text, payload: Array("fragment".utf8))])
        #expect(reaction.ending == .open)
    }

    @Test("an unmasked frame fails at the end of its header with 1002 (RFC 6455 §5.1)")
    func unmasked() throws {
        let script = TestScripts.script([TestScripts.text("ok"), .frame(TestScripts.frame(1, Array("no".utf8), mask: false))])
        let rule = try #require(Oracle.expect(script).ruleBreak)
        let second = script.wire().stepRanges[1]
        #expect(rule.rule == .unmaskedFrame)
        #expect(rule.frameOffset == second.lowerBound)
        #expect(rule.decidedAt == second.lowerBound + 2)
        #expect(rule.step == 1)
        #expect(Oracle.expect(script).replies == [Frame(opcode: .text, payload: Array("ok".utf8))])
        #expect(Oracle.expect(script).admits(.dropped))
        #expect(!Oracle.expect(script).admits(.echoed))
    }

    @Test("invalid UTF-8 fails as soon as the offending octet arrives, with 1007 (RFC 6455 §8.1)")
    func utf8FailFast() throws {
        let payload = Array("κόσμε".utf8) + [0xED, 0xA0, 0x80] + Array("tail".utf8)
        let script = TestScripts.script([.frame(TestScripts.frame(1, payload))])
        let rule = try #require(Oracle.expect(script).ruleBreak)
        let payloadStart = script.wire().stepRanges[0].lowerBound + 6
        #expect(rule.rule == .invalidUTF8Text)
        #expect(rule.decidedAt == payloadStart + Array("κόσμε".utf8).count + 2)
        #expect(Oracle.expect(script).admits(.closed(1007)))
    }

    @Test("a message that ends inside a code point fails at the end of its last frame")
    func utf8Truncated() throws {
        let script = TestScripts.script([.frame(TestScripts.frame(1, Array("€".utf8).dropLast()))])
        let rule = try #require(Oracle.expect(script).ruleBreak)
        #expect(rule.rule == .invalidUTF8Text)
        #expect(rule.decidedAt == script.wire().bytes.count)
    }

    @Test("a valid code point split across fragments is valid")
    func utf8Split() {
        let euro = Array("€".utf8)
        let script = TestScripts.script([
            .frame(TestScripts.frame(1, [euro[0]], fin: false)), .frame(TestScripts.frame(0, Array(euro[1...]))),
        ])
        #expect(Oracle.expect(script).replies == [Frame(opcode: .text, payload: euro)])
    }

    @Test("a frame declaring more than it carries leaves the server waiting")
    func declaredLonger() {
        var frame = TestScripts.frame(2, [1, 2, 3])
        frame.declaredLength = 10
        let reaction = Oracle.expect(TestScripts.script([.frame(frame)]))
        #expect(reaction.isValid)
        #expect(reaction.ending == .awaitingData)
        #expect(reaction.replies.isEmpty)
    }

    @Test("a non-minimal length fails under strict options and is echoed under lenient ones")
    func nonMinimal() {
        var frame = TestScripts.frame(1, Array("Hi".utf8))
        frame.lengthEncoding = .sixteenBit
        let script = TestScripts.script([.frame(frame)])
        #expect(Oracle.expect(script).ruleBreak?.rule == .nonMinimalLength)
        #expect(Oracle.expect(script, options: .lenient).replies == [Frame(opcode: .text, payload: Array("Hi".utf8))])
        #expect(Oracle.acceptable(script).count == 2)
    }

    @Test(
        "Close bodies: 1-octet, forbidden code, bad reason, too long",
        arguments: [
            ([0x03], Rule.closeBodyOneByte), ([0x03, 0xED], .closeCodeNotAllowed), ([0x03, 0xE8, 0xC0, 0xAF], .closeReasonNotUTF8),
            ([0x03, 0xE8] + [UInt8](repeating: 0x2A, count: 124), .controlFrameTooLong),
        ] as [([UInt8], Rule)])
    func closeBodies(body: [UInt8], rule: Rule) {
        let script = TestScripts.script([ScriptStep(.startClose(TestScripts.frame(8, body)))])
        #expect(Oracle.expect(script).ruleBreak?.rule == rule)
    }

    @Test("the handshake: wrong version is 426, a missing Host 400, an oversized head 431")
    func handshake() {
        let version = TestScripts.script([], handshake: .standard(overrides: [HeaderOverride(name: "Sec-WebSocket-Version", value: "8")]))
        #expect(Oracle.expect(version).ending.refusal == "handshake-version 426")
        let host = TestScripts.script([], handshake: .standard(overrides: [HeaderOverride(name: "Host", value: nil)]))
        #expect(Oracle.expect(host).ending.refusal == "handshake-request 400")
        let big = TestScripts.script(
            [], handshake: .standard(overrides: [HeaderOverride(name: "X-Big", value: String(repeating: "a", count: 20_000))]))
        #expect(Oracle.expect(big).ending.refusal == "handshake-too-large 431")
        #expect(Oracle.expect(big).admits(.refused(400)))
    }

    @Test("a bare LF head is accepted, except by the strict-head alternative")
    func bareLineFeed() {
        var head = OpeningRequest.standard.head
        head.lineEnding = "\n"
        let script = TestScripts.script([TestScripts.text("x")], handshake: .explicit(head))
        #expect(Oracle.expect(script).isValid)
        #expect(Oracle.expect(script, options: .strictHead).ending.refusal == "handshake-bare-lf 400")
    }

    @Test("every rule names its section and a reaction: close codes or an HTTP status")
    func rules() {
        for rule in Rule.allCases {
            #expect(rule.section.hasPrefix("RFC "))
            #expect(rule.closeCodes.isEmpty == rule.isHandshakeRule, "\(rule)")
        }
    }
}

extension Ending {
    /// The rule and status of a refusal, for short assertions.
    var refusal: String? {
        if case .refused(let rule) = self { return "\(rule.rule.rawValue) \(rule.rule.expectedStatus ?? 0)" }
        return nil
    }
}
