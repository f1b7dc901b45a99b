import Cases
import Testing
import Wire

@testable import Fuzz

@Suite("Fuzz: serialising a script")
struct ScriptWireTests {
    @Test("a masked Hello is the RFC 6455 §5.7 example octets")
    func rfcExample() {
        let wire = TestScripts.script([TestScripts.text("Hello")]).wire()
        #expect(Array(wire.bytes[wire.stepRanges[0]]) == [0x81, 0x85, 0x37, 0xFA, 0x21, 0x3D, 0x7F, 0x9F, 0x4D, 0x51, 0x58])
    }

    @Test("the standard handshake carries the target's host and the RFC 6455 §1.3 key")
    func standardHandshake() {
        let wire = TestScripts.script([]).wire(host: "example.com:9001")
        let text = String(decoding: wire.handshake, as: UTF8.self)
        #expect(
            text
                == "GET / HTTP/1.1\r\nHost: example.com:9001\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
    }

    @Test("overrides set, add and remove fields of the standard request")
    func overrides() {
        let handshake = OpeningRequest.standard(overrides: [
            HeaderOverride(name: "sec-websocket-version", value: "8"), HeaderOverride(name: "Connection", value: nil),
            HeaderOverride(name: "Origin", value: "http://o"),
        ])
        let fields = handshake.head.fields
        #expect(fields.map(\.name) == ["Host", "Upgrade", "Sec-WebSocket-Key", "sec-websocket-version", "Origin"])
        #expect(fields[3].value == "8")
    }

    @Test("a chopped step is cut into writes of the chop size, only the first one delayed")
    func chopAndDelay() {
        let step = ScriptStep(.frame(TestScripts.frame(2, [1, 2, 3, 4, 5])), chop: 4, delayMilliseconds: 7)
        let wire = TestScripts.script([TestScripts.text("a"), step]).wire()
        let writes = wire.writes.filter { $0.step == 1 }
        #expect(writes.map(\.bytes.count) == [4, 4, 3])
        #expect(writes.map(\.delayMilliseconds) == [7, 0, 0])
        #expect(wire.writes.flatMap(\.bytes) == wire.bytes)
        #expect(wire.stepRanges[1].count == 11)
        #expect(wire.step(containing: wire.stepRanges[1].lowerBound) == 1)
    }

    @Test("header fields are written exactly: lies, non-minimal lengths, unmasked, reserved opcode")
    func exactHeaders() {
        let lie = ScriptFrame(opcode: 2, maskingKey: .zero, payload: [9], declaredLength: 3)
        #expect(lie.encoded() == [0x82, 0x83, 0, 0, 0, 0, 9])
        let long = ScriptFrame(opcode: 1, mask: false, maskingKey: .zero, payload: Array("Hi".utf8), lengthEncoding: .sixteenBit)
        #expect(long.encoded() == [0x81, 0x7E, 0x00, 0x02, 0x48, 0x69])
        let odd = ScriptFrame(fin: false, rsv1: true, rsv3: true, opcode: 0xB, mask: false, maskingKey: .zero)
        #expect(odd.encoded() == [0x5B, 0x00])
    }

    static let traceParent = TraceParent(traceID: Array(1...16), parentID: Array(17...24))!

    @Test("a traceparent goes last in the head, in the head's own line ending; the steps' octets only move")
    func traceParentPlacement() throws {
        let script = TestScripts.script([TestScripts.text("Hello")])
        let plain = script.wire(host: "example.com")
        let traced = script.wire(host: "example.com", traceParent: Self.traceParent)
        let field = "traceparent: 00-0102030405060708090a0b0c0d0e0f10-1112131415161718-01\r\n"
        #expect(traced.handshake == Array(plain.handshake.dropLast(2)) + Array(field.utf8) + [0x0D, 0x0A])
        #expect(traced.writes[0].bytes == traced.handshake)
        let shift = field.utf8.count
        #expect(traced.stepRanges == plain.stepRanges.map { ($0.lowerBound + shift)..<($0.upperBound + shift) })
        #expect(Array(traced.bytes[traced.stepRanges[0]]) == Array(plain.bytes[plain.stepRanges[0]]))
        // A head written out with bare LF line ends gets the field with a bare LF.
        var head = script.handshake.head
        head.lineEnding = "\n"
        let bare = TestScripts.script([], handshake: .explicit(head)).wire(host: "h", traceParent: Self.traceParent)
        let text = String(decoding: bare.handshake, as: UTF8.self)
        #expect(text.hasSuffix("Sec-WebSocket-Version: 13\ntraceparent: \(Self.traceParent.value)\n\n"))
        #expect(!text.contains("\r"))
    }

    @Test("a head that names its own traceparent, in any case, is sent as written and carries no trace id of ours")
    func ownTraceParent() {
        let own = TestScripts.script(
            [TestScripts.text("a")], handshake: .standard(overrides: [HeaderOverride(name: "TraceParent", value: "00-x-y-01")]))
        #expect(own.namesTraceParent)
        #expect(own.wire(host: "h", traceParent: Self.traceParent).bytes == own.wire(host: "h").bytes)
        #expect(Trial(own, host: "h", traceParent: Self.traceParent).traceParent == nil)
        #expect(Trial(TestScripts.script([]), host: "h", traceParent: Self.traceParent).traceParent == Self.traceParent)
    }

    @Test("the field changes no expectation: every catalogue seed draws the same reaction, rule and replies with it")
    func traceParentJudgedAlike() {
        for script in RealServerFindingsTests.seeds {
            for options in [OracleOptions.strict, OracleOptions.widest(host: "localhost")] {
                let plain = Oracle.expect(script.wire(host: options.host), options: options)
                let traced = Oracle.expect(script.wire(host: options.host, traceParent: Self.traceParent), options: options)
                #expect(plain.reactionClass == traced.reactionClass, "\(script.note)")
                #expect(plain.ruleBreak?.rule == traced.ruleBreak?.rule, "\(script.note)")
                #expect(plain.replies == traced.replies, "\(script.note)")
            }
        }
    }
}
