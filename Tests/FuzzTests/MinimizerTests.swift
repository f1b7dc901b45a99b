import Cases
import Testing
import Wire

@testable import Fuzz

@Suite("Fuzz: minimisation")
struct MinimizerTests {
    /// 40 steps of assorted frames and raw chunks with one RSV3 frame of opcode 0xB in them.
    static func haystack() -> SessionScript {
        var generator = SplitMix64(seed: 11)
        var steps: [ScriptStep] = (0..<39).map { index in
            let payload = (0..<generator.within(0...40)).map { _ in generator.byte() }
            if index % 7 == 3 { return ScriptStep(.raw(payload), chop: 2) }
            return ScriptStep(.frame(.masked(index % 2 == 0 ? .text : .binary, payload, using: &generator)), delayMilliseconds: 3)
        }
        var needle = ScriptFrame.masked(Opcode(rawValue: 0xB), Array("needle payload".utf8), using: &generator)
        needle.rsv3 = true
        steps.insert(ScriptStep(.frame(needle), chop: 1, delayMilliseconds: 5), at: 23)
        var head = OpeningRequest.standard.head
        head.fields.append(HeaderField(name: "X-Extra", value: "1"))
        return SessionScript(handshake: .explicit(head), steps: steps)
    }

    static func hasNeedle(_ script: SessionScript) -> Bool {
        script.steps.contains { $0.frame.map { $0.rsv3 && $0.opcode == 0xB } ?? false }
    }

    @Test("a 40-step script shrinks to the one frame the predicate needs, with an empty payload")
    func needle() {
        let script = Self.haystack()
        #expect(script.steps.count == 40)
        let result = Minimizer().minimize(script, reproduces: Self.hasNeedle)
        #expect(result.script.steps.count == 1)
        #expect(Self.hasNeedle(result.script))
        #expect(result.script.steps[0].frame?.payload == [])
        #expect(result.script.steps[0].chop == nil)
        #expect(result.script.steps[0].delayMilliseconds == 0)
        #expect(result.script.handshake == .standard)
        #expect(result.predicateCalls <= 2000)
    }

    @Test("payload octets shrink to the ones the predicate needs")
    func payloadOctets() {
        let payload = Array("κόσμε".utf8) + [0xED, 0xA0, 0x80] + Array("and more text".utf8)
        let script = SessionScript(steps: [.frame(ScriptFrame(opcode: 1, maskingKey: .zero, payload: payload))])
        let result = Minimizer().minimize(script) { candidate in
            candidate.steps.first?.frame?.payload.contains(0xED) == true && Oracle.expect(candidate).ruleBreak?.rule == .invalidUTF8Text
        }
        #expect(result.script.steps[0].frame?.payload == [0xED])
    }

    @Test("the predicate budget is never exceeded and the result still reproduces")
    func budget() {
        var calls = 0
        let result = Minimizer(maxPredicateCalls: 7).minimize(Self.haystack()) { script in
            calls += 1
            return Self.hasNeedle(script)
        }
        #expect(calls <= 7)
        #expect(result.predicateCalls == calls)
        #expect(Self.hasNeedle(result.script))
    }
}
