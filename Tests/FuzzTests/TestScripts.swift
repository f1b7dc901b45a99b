import Cases
import Foundation
import Wire

@testable import Fuzz

/// Small scripts and helpers shared by the fuzz tests.
enum TestScripts {
    /// The RFC 6455 §5.7 masking key.
    static let key = MaskingKey(0x37, 0xFA, 0x21, 0x3D)

    static func frame(_ opcode: UInt8, _ payload: [UInt8], fin: Bool = true, mask: Bool = true) -> ScriptFrame {
        ScriptFrame(fin: fin, opcode: opcode, mask: mask, maskingKey: key, payload: payload)
    }

    static func text(_ text: String, fin: Bool = true) -> ScriptStep { .frame(frame(1, Array(text.utf8), fin: fin)) }

    static func script(_ steps: [ScriptStep], handshake: OpeningRequest = .standard) -> SessionScript {
        SessionScript(handshake: handshake, steps: steps)
    }

    /// A valid script with something for every mutator to work on: the built-in seed's
    /// messages, a fragmented message, a chopped step, a non-minimal length.
    static let varied: SessionScript = {
        var script = InputSource.builtInSeed
        var long = frame(2, [1, 2, 3])
        long.lengthEncoding = .sixteenBit
        script.steps.insert(
            contentsOf: [ScriptStep(.frame(frame(1, Array("frag".utf8), fin: false)), chop: 3), .frame(frame(0, [0x21])), .frame(long)],
            at: 1)
        return script
    }()

    /// The built-in deflate seed with its two compressed texts swapped: the back-reference now
    /// comes first (so recompressing changes it), for the permessage-deflate mutators.
    static let variedDeflate: SessionScript = {
        var script = InputSource.builtInDeflateSeed
        script.steps.swapAt(0, 1)
        return script
    }()
}
