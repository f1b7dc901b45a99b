import Cases
import Testing
import Wire

@testable import Fuzz

@Suite("Fuzz: mutators")
struct MutatorTests {
    @Test("flip-fin toggles one frame's FIN bit")
    func flipFin() {
        var frames = [FrameSpec(opcode: .text, payload: .bytes(Array("a".utf8)))]
        var generator = SplitMix64(seed: 1)
        Mutator.flipFin.apply(to: &frames, using: &generator)
        #expect(frames[0].fin == false)
    }
}
