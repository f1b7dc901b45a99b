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
}
