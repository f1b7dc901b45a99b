import Cases
import PerMessageDeflate
import Testing
import Wire

@testable import Fuzz

@Suite("Fuzz: mutators")
struct MutatorTests {
    @Test("names are unique, lowercase and hyphenated; every family has mutators")
    func registry() {
        let names = MutatorRegistry.all.map(\.name)
        #expect(Set(names).count == names.count)
        #expect(names.allSatisfy { $0.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "-" } })
        for family in MutatorFamily.allCases { #expect(!MutatorRegistry.families([family]).isEmpty, "\(family)") }
        #expect(MutatorRegistry.named("flip-fin")?.family == .header)
    }

    @Test("each mutator is deterministic, stays within the caps and survives a JSON round trip", arguments: MutatorRegistry.all.map(\.name))
    func wellBehaved(name: String) throws {
        let mutator = try #require(MutatorRegistry.named(name))
        let donor = TestScripts.script([TestScripts.text("donor payload"), ScriptStep(.raw([1, 2, 3]))])
        var changed = 0
        for seed in UInt64(0)..<40 {
            let base = seed % 4 == 3 ? TestScripts.variedDeflate : TestScripts.varied
            var first = base
            var second = base
            var generator = SplitMix64(seed: seed)
            var again = SplitMix64(seed: seed)
            mutator.apply(to: &first, donor: donor, using: &generator)
            mutator.apply(to: &second, donor: donor, using: &again)
            #expect(first == second)
            #expect(first.isWithinLimits)
            #expect(try SessionScript.decode(json: first.jsonData()) == first)
            if first != base { changed += 1 }
        }
        #expect(changed > 0, "\(name) never changed the seed")
    }

    /// Mutators aimed at one rule, applied to the valid built-in seed: some seed makes the
    /// oracle name that rule.
    static let aims: [(String, Rule)] = [
        ("flip-rsv1", .reservedBitsWithoutExtension), ("flip-rsv3", .reservedBitsWithoutExtension),
        ("set-reserved-opcode", .reservedOpcode),
        ("flip-mask", .unmaskedFrame), ("length-msb-set", .lengthMostSignificantBitSet), ("non-minimal-length", .nonMinimalLength),
        ("utf8-overlong", .invalidUTF8Text), ("utf8-surrogate", .invalidUTF8Text), ("utf8-above-max", .invalidUTF8Text),
        ("utf8-truncate", .invalidUTF8Text), ("fragment-orphan-continuation", .continuationWithoutStart),
        ("fragment-data-inside-message", .dataFrameInsideFragmentedMessage), ("close-reason-124", .controlFrameTooLong),
        ("close-reason-invalid-utf8", .closeReasonNotUTF8), ("close-one-byte-body", .closeBodyOneByte),
        ("close-code-class", .closeCodeNotAllowed), ("handshake-wrong-version", .handshakeVersion),
        ("handshake-bad-key", .handshakeRequest),
        ("handshake-drop-field", .handshakeRequest), ("handshake-oversize-header", .handshakeTooLarge),
        ("handshake-method", .handshakeRequest),
        ("flip-fin", .fragmentedControlFrame),
        ("deflate-rsv1-misplaced", .compressedBitMisplaced), ("deflate-rsv1-clear", .invalidUTF8Text),
        ("deflate-corrupt", .invalidCompressedData), ("deflate-truncate", .deflateUnterminated), ("deflate-tail", .deflateUnterminated),
        ("deflate-distance-too-far", .deflateDistanceTooFar), ("deflate-edit-message", .invalidUTF8Text),
        ("deflate-compress-message", .invalidUTF8Text),
    ]

    @Test("a mutator aimed at a rule makes the oracle name it", arguments: aims.indices)
    func aimedAtRule(index: Int) throws {
        let (name, rule) = Self.aims[index]
        let mutator = try #require(MutatorRegistry.named(name))
        let hit = (UInt64(0)..<64).contains { seed in
            var script = InputSource.builtInSeed
            var generator = SplitMix64(seed: seed)
            mutator.apply(to: &script, using: &generator)
            return Oracle.expect(script).ruleBreak?.rule == rule
        }
        #expect(hit, "\(name) never broke \(rule)")
    }

    /// Mutators that keep a valid seed valid.
    @Test(
        "valid-preserving mutators keep the seed valid",
        arguments: [
            "zero-masking-key", "random-masking-key", "utf8-split-across-fragments", "utf8-valid-multibyte", "fragment-split",
            "fragment-interleave-control", "close-empty-body", "close-reason-123", "handshake-reorder-fields", "handshake-case-change",
            "chop", "delay", "insert-message", "minimal-length",
        ])
    func validPreserving(name: String) throws {
        for (seed, _, reaction) in try Self.mutations(name, of: InputSource.builtInSeed) {
            #expect(reaction.isValid, "\(name) seed \(seed): \(reaction.ruleBreak.map(String.init(describing:)) ?? "")")
        }
    }

    /// The mutator `name` applied to `seed` under generator seeds 0–31, and what the oracle
    /// expects of each result.
    static func mutations(_ name: String, of seed: SessionScript) throws -> [(UInt64, SessionScript, ExpectedReaction)] {
        let mutator = try #require(MutatorRegistry.named(name))
        return (UInt64(0)..<32).map { generatorSeed in
            var script = seed
            var generator = SplitMix64(seed: generatorSeed)
            mutator.apply(to: &script, using: &generator)
            return (generatorSeed, script, Oracle.expect(script))
        }
    }

    @Test(
        "deflate mutators that keep the deflate seed valid, its compressed messages inflating as before",
        arguments: ["deflate-recompress", "deflate-final-block", "deflate-edit-message"])
    func deflateValidPreserving(name: String) throws {
        for (seed, script, reaction) in try Self.mutations(name, of: InputSource.builtInDeflateSeed) {
            // An edit may make a text invalid UTF-8; it still inflates to what it records.
            if name == "deflate-edit-message", reaction.ruleBreak?.rule == .invalidUTF8Text { continue }
            #expect(reaction.isValid, "\(name) seed \(seed): \(reaction.ruleBreak.map(String.init(describing:)) ?? "")")
            let recorded = script.steps.compactMap { $0.frame?.compressedFrom }
            let echoed = reaction.replies.map(\.payload)
            #expect(recorded.allSatisfy { echoed.contains($0) }, "\(name) seed \(seed)")
        }
    }

    @Test("a recompressed script is valid again after its compressed messages were reordered, and back-refers")
    func recompressAfterSwap() throws {
        #expect(Oracle.expect(TestScripts.variedDeflate).ruleBreak?.rule == .deflateDistanceTooFar)
        var script = TestScripts.variedDeflate
        script.recompress(from: 0)
        #expect(Oracle.expect(script).isValid)
        // The second copy of the text is compressed with the first in the window: a few octets.
        let sizes = script.compressedMessages().prefix(2).map { script.steps[$0.steps[0]].frame!.payload.count }
        #expect(sizes[1] < sizes[0] / 2)
    }

    @Test("deflate-compress-message adds messages that are valid under the channel, some referring to earlier ones")
    func compressMessage() throws {
        let mutator = try #require(MutatorRegistry.named("deflate-compress-message"))
        var backReferences = 0
        for seed in UInt64(0)..<64 {
            var script = InputSource.builtInDeflateSeed
            var generator = SplitMix64(seed: seed)
            mutator.apply(to: &script, using: &generator)
            let reaction = Oracle.expect(script)
            #expect(reaction.isValid || reaction.ruleBreak?.rule == .invalidUTF8Text, "seed \(seed): \(reaction)")
            for message in script.compressedMessages() {
                guard let frame = script.steps[message.steps[0]].frame, let original = frame.compressedFrom, original.count > 8 else {
                    continue
                }
                let fresh = try #require(try? MessageCompressor().compress(original))
                if message.steps.count == 1, frame.payload.count < fresh.count / 2 { backReferences += 1 }
            }
        }
        #expect(backReferences > 64, "the seed's own repeat and added repeats of earlier messages")
    }

    @Test("deflate-bomb adds a few kilobytes that inflate to megabytes, within the oracle's cap; a smaller limit may refuse it with 1009")
    func bomb() throws {
        let mutator = try #require(MutatorRegistry.named("deflate-bomb"))
        for (index, size) in SessionScript.bombSizes.enumerated() {
            #expect(SessionScript.bombs[index].count < 16 << 10)
            #expect(size <= DeflateReading.inflateCap)
        }
        var script = InputSource.builtInSeed
        var generator = SplitMix64(seed: 1)
        mutator.apply(to: &script, using: &generator)
        #expect(script.offersDeflate)
        let reaction = Oracle.expect(script)
        #expect(reaction.isValid)
        #expect(reaction.replies.contains { SessionScript.bombSizes.contains($0.payload.count) })
        #expect(Oracle.acceptable(script).contains { $0.ruleBreak?.rule == .messageTooBig })
    }

    @Test("close-code-class reaches all nine code classes of RFC 6455 §7.4")
    func closeClasses() throws {
        let mutator = try #require(MutatorRegistry.named("close-code-class"))
        var seen = Set<Int>()
        for seed in UInt64(0)..<200 {
            var script = InputSource.builtInSeed
            var generator = SplitMix64(seed: seed)
            mutator.apply(to: &script, using: &generator)
            let body = try #require(script.steps.last?.frame?.payload)
            let code = UInt16(body[0]) << 8 | UInt16(body[1])
            seen.insert(Mutator.closeCodeClasses.firstIndex { $0.contains(code) }!)
        }
        #expect(seen.count == 9)
    }

    @Test("boundary-length reaches every length-form boundary")
    func boundaries() throws {
        let mutator = try #require(MutatorRegistry.named("boundary-length"))
        var lengths = Set<Int>()
        for seed in UInt64(0)..<200 {
            var script = TestScripts.script([TestScripts.text("x")])
            var generator = SplitMix64(seed: seed)
            mutator.apply(to: &script, using: &generator)
            lengths.insert(script.steps[0].frame!.payload.count)
        }
        #expect(lengths == Set(Mutator.boundaryLengths))
    }

    @Test("stream-havoc turns steps into one raw step")
    func havoc() throws {
        let mutator = try #require(MutatorRegistry.named("stream-havoc"))
        var script = InputSource.builtInSeed
        var generator = SplitMix64(seed: 3)
        mutator.apply(to: &script, using: &generator)
        #expect(script.steps.contains { if case .raw = $0.action { return true } else { return false } })
    }

    @Test("payload-splice takes octets from the donor")
    func splice() throws {
        let mutator = try #require(MutatorRegistry.named("payload-splice"))
        let donor = TestScripts.script([.frame(TestScripts.frame(2, [UInt8](repeating: 0xD0, count: 64)))])
        var script = TestScripts.script([.frame(TestScripts.frame(2, [1, 2, 3]))])
        var generator = SplitMix64(seed: 9)
        mutator.apply(to: &script, donor: donor, using: &generator)
        #expect(script.steps[0].frame!.payload.contains(0xD0))
    }
}
