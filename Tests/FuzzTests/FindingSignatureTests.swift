import Cases
import Foundation
import Testing

@testable import Fuzz

@Suite("Fuzz: finding signatures")
struct FindingSignatureTests {
    @Test("the text form is stable and reads back")
    func stableText() {
        let signature = FindingSignature(oracle: .protocol, rule: .reservedOpcode, reaction: .echoed)
        #expect(signature.description == "protocol/reserved-opcode/echoed")
        #expect(FindingSignature("protocol/reserved-opcode/echoed") == signature)
        #expect(FindingSignature(oracle: .liveness, rule: nil, reaction: .hung).description == "liveness/valid/hung")
        #expect(FindingSignature("protocol/no-such-rule/echoed") == nil)
        #expect(FindingSignature("protocol/valid") == nil)
    }

    @Test("every oracle, rule and reaction class round-trips through the text form")
    func roundTrips() throws {
        let reactions: [ReactionClass] = [
            .echoed, .wrongReply, .closed(nil), .closed(1002), .dropped, .refused(426), .silent, .crashed, .hung,
        ]
        for oracle in FindingOracle.allCases {
            for rule in Rule.allCases.map(Optional.some) + [nil] {
                for reaction in reactions {
                    let signature = FindingSignature(oracle: oracle, rule: rule, reaction: reaction)
                    #expect(FindingSignature(signature.description) == signature)
                }
            }
        }
        let data = try JSONEncoder().encode([FindingSignature(oracle: .process, rule: nil, reaction: .crashed)])
        #expect(
            String(decoding: data, as: UTF8.self) == #"["process\/valid\/crashed"]"#
                || String(decoding: data, as: UTF8.self) == #"["process/valid/crashed"]"#)
        #expect(try JSONDecoder().decode([FindingSignature].self, from: data)[0].reaction == .crashed)
    }

    @Test("the expected reaction class of a failure is its first close code")
    func expectedClass() {
        let script = TestScripts.script([.frame(TestScripts.frame(1, [0xC0, 0xAF]))])
        #expect(Oracle.expect(script).reactionClass == .closed(1007))
    }
}
