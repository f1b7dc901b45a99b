import Cases
import Wire

/// One generated input: the script, what it came from, and the mutators that made it.
public struct GeneratedInput: Hashable, Sendable {
    /// The campaign index of the input.
    public var index: UInt64
    public var script: SessionScript
    /// The corpus script it was mutated from.
    public var parent: Int
    /// The corpus script splicing mutators could take from.
    public var donor: Int
    /// The mutators applied, in order (names from `MutatorRegistry`).
    public var mutators: [String]
}

/// The deterministic input stream of a campaign: input `i` depends only on the seed, `i` and
/// the corpus, never on scheduling, so any `--jobs` and any `--shard i/n` produce the same
/// inputs, octet for octet.
///
/// Each index gets its own generator, seeded by mixing the campaign seed with the index
/// (SplitMix64 is a good mixer, so neighbouring indices get unrelated streams). From it: the
/// parent script, the donor, how many mutations to stack (1…`maxStack`), and each mutator
/// and its choices. A stack that would leave the script over the caps is cut before the
/// offending mutation.
public struct InputSource: Sendable {
    public let seed: UInt64
    public let corpus: [SessionScript]
    public let mutators: [Mutator]
    public let maxStack: Int

    /// A source over `corpus` (the built-in seed when empty) using `mutators`.
    public init(seed: UInt64, corpus: [SessionScript], mutators: [Mutator] = MutatorRegistry.all, maxStack: Int = 4) {
        self.seed = seed
        self.corpus = corpus.isEmpty ? [Self.builtInSeed] : corpus
        self.mutators = mutators
        self.maxStack = max(1, maxStack)
    }

    /// The input at `index`.
    public func input(at index: UInt64) -> GeneratedInput {
        var mixer = SplitMix64(seed: seed ^ 0x5EED_F022)
        var generator = SplitMix64(seed: mixer.next() &+ index &* 0xD1B5_4A32_D192_ED03)
        let parent = generator.below(corpus.count)
        let donor = generator.below(corpus.count)
        var script = corpus[parent]
        var applied: [String] = []
        guard !mutators.isEmpty else { return GeneratedInput(index: index, script: script, parent: parent, donor: donor, mutators: []) }
        for _ in 0..<generator.within(1...maxStack) {
            let mutator = generator.pick(mutators)
            var next = script
            mutator.apply(to: &next, donor: corpus[donor], using: &generator)
            guard next.isWithinLimits else { break }
            script = next
            applied.append(mutator.name)
        }
        return GeneratedInput(index: index, script: script, parent: parent, donor: donor, mutators: applied)
    }

    /// The seed used when the corpus is empty: the standard handshake, a text and a binary
    /// message, a Ping, and a normal close.
    public static let builtInSeed: SessionScript = {
        var keys = SplitMix64(seed: 0x5EED)
        let frames: [ScriptStep] = [
            .frame(.masked(.text, Array("Hello".utf8), using: &keys)),
            .frame(.masked(.binary, [0x00, 0x01, 0xFE, 0xFF], using: &keys)),
            .frame(.masked(.ping, Array("ping".utf8), using: &keys)),
            ScriptStep(.startClose(.masked(.close, ClosePayload(code: .normalClosure, reason: Array("bye".utf8)).encoded(), using: &keys))),
        ]
        return SessionScript(steps: frames, note: "built-in seed: text, binary, ping, normal close")
    }()

    /// The seed a campaign adds when permessage-deflate is on and no corpus script offers it:
    /// the offer, a compressed text, the same text again (compressed with the first in the
    /// window, so it is a back-reference, RFC 7692 §7.2.3.2), a compressed binary message in
    /// two frames, a plain text (messages need not all be compressed, §6), a Ping, a normal close.
    public static let builtInDeflateSeed: SessionScript = {
        var keys = SplitMix64(seed: 0xDEF1)
        var script = SessionScript(
            handshake: OpeningRequest.standard.setting(SessionScript.extensionsField, SessionScript.deflateOffer), steps: [])
        let text = Array("Hello, permessage-deflate!".utf8)
        let binary = (0..<48).map { UInt8($0 % 6) }
        for (opcode, message, size) in [(Opcode.text, text, nil), (.text, text, nil), (.binary, binary, 6)] as [(Opcode, [UInt8], Int?)] {
            let compressed = script.compressed(message, before: script.steps.count) ?? []
            script.steps += SessionScript.compressedFrames(opcode, message: message, compressed: compressed, fragment: size, using: &keys)
                .map { ScriptStep.frame($0) }
        }
        script.steps += [
            .frame(.masked(.text, Array("plain".utf8), using: &keys)), .frame(.masked(.ping, Array("ping".utf8), using: &keys)),
            ScriptStep(.startClose(.masked(.close, ClosePayload(code: .normalClosure, reason: Array("bye".utf8)).encoded(), using: &keys))),
        ]
        script.note =
            "built-in seed: permessage-deflate offered; compressed text, the same again, compressed binary in two frames, plain text, ping, normal close"
        return script
    }()
}
