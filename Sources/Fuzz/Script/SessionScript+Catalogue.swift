import Cases
import PerMessageDeflate
import Wire

/// A catalogue case turned into a script, with the steps that could not be.
public struct CatalogueSeed: Sendable {
    public var script: SessionScript
    /// One line per step left out, saying which and why.
    public var skipped: [String]
}

extension SessionScript {
    /// The largest payload a converted step may carry: larger catalogue payloads (the 16 MiB
    /// limits cases) would make seed files of tens of megabytes, so they are left out.
    public static let catalogueMaxPayload = 1 << 20

    /// The longest delay a catalogue pause becomes in a seed, in milliseconds. A pause there only
    /// has to let the server act on what came before (the timing mutators stay under it too); a
    /// case's full second would make every input bred from the seed cost a second.
    public static let seedDelayCap = 20

    /// The most compressed messages one `echoCompressed` step becomes in a seed: the catalogue
    /// sends hundreds to measure a server's compression; a seed needs a few to carry context.
    public static let catalogueMaxCompressedMessages = 16

    /// The script for a catalogue case, for `wsconform fuzz --seed-from-catalogue`.
    ///
    /// The case's opening request is the script's handshake. Plain sends convert: frames, raw octets, a message cut into fragments exactly as the
    /// case's engine cuts it, a start of the closing handshake, and pauses (as the delay of the
    /// next step, capped). A case that offers permessage-deflate keeps its offer in the head,
    /// and its compressed messages are compressed as the engine compresses them: one compressor
    /// for the case, under the reference server's answer to the offer, the context carried
    /// over unless that answer resets it (RFC 7692 §7.2.1); the seed holds the compressed
    /// octets. Waiting steps (checkpoints, awaiting events) and round trips are left out and
    /// listed in `skipped` and in the note. Masking keys come from a generator seeded by the
    /// case id, so conversion is deterministic.
    public static func seed(from testCase: TestCase) -> CatalogueSeed {
        var keys = SplitMix64(seed: fnv1a(testCase.id))
        var handshake = testCase.opening.request
        // The engine adds the offer to the standard request only (CaseOpening).
        // Several lines go in one field, as one list (RFC 7230 §3.2.2 makes them equivalent).
        if !testCase.opening.deflateOffers.isEmpty, case .standard(let overrides) = handshake {
            let offer = testCase.opening.deflateOffers.joined(separator: ", ")
            handshake = .standard(overrides: [HeaderOverride(name: extensionsField, value: offer)] + overrides)
        }
        handshake = handshake.edited(testCase.opening.edits)
        let compressor = SessionScript(handshake: handshake, steps: []).clientCompressor()?.compressor
        var steps: [ScriptStep] = []
        var skipped: [String] = []
        var pendingDelay = 0
        var total = 0
        func add(_ action: ScriptStep.Action, chop: Int?, carried: Int) -> Bool {
            guard steps.count < ScriptLimits.maxSteps, total + carried <= ScriptLimits.maxTotalBytes else { return false }
            steps.append(ScriptStep(action, chop: chop, delayMilliseconds: pendingDelay))
            pendingDelay = 0
            total += carried
            return true
        }
        func frame(_ spec: FrameSpec) -> ScriptFrame { ScriptFrame(spec, freshKey: MaskingKey.random(using: &keys)) }
        for (index, step) in testCase.steps.enumerated() {
            switch step {
            case .send(let specs, let delivery):
                if let big = specs.first(where: { $0.payload.count > catalogueMaxPayload }) {
                    skipped.append("step \(index): a frame of \(big.payload.count) octets, over \(catalogueMaxPayload)")
                    continue
                }
                for spec in specs where !add(.frame(frame(spec)), chop: delivery.chop, carried: spec.payload.count) {
                    skipped.append("step \(index): over the script caps")
                    break
                }
            case .sendMessage(let opcode, let payload, let size, let delivery):
                let fragments = (payload.count + max(1, size) - 1) / max(1, size) + 1
                guard payload.count <= catalogueMaxPayload, steps.count + fragments <= ScriptLimits.maxSteps else {
                    skipped.append("step \(index): a message of \(payload.count) octets in \(fragments) fragments, over the caps")
                    continue
                }
                var fragment = 0
                while let spec = Step.fragment(opcode, payload, size: size, index: fragment) {
                    _ = add(.frame(frame(spec)), chop: delivery.chop, carried: spec.payload.count)
                    fragment += 1
                }
            case .startClose(let spec):
                _ = add(.startClose(frame(spec)), chop: nil, carried: spec.payload.count)
            case .sendCompressed(let opcode, let payload, let delivery):
                guard let compressor, payload.count <= catalogueMaxPayload else {
                    skipped.append(
                        "step \(index): a compressed message (\(compressor == nil ? "no agreement for the offer" : "over the caps"))")
                    continue
                }
                let message = payload.materialize()
                for frame in compressedFrames(opcode, message: message, compressed: compressor.compress(message), using: &keys) {
                    _ = add(.frame(frame), chop: delivery.chop, carried: frame.payload.count)
                }
            case .sendRaw(let bytes, let delivery):
                _ = add(.raw(bytes), chop: delivery.chop, carried: bytes.count)
            case .pause(let duration):
                let milliseconds = duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
                pendingDelay = min(Self.seedDelayCap, pendingDelay + Int(milliseconds))
            case .checkpoint(let name, _):
                skipped.append("step \(index): checkpoint \(name) (a wait, not a send)")
            case .awaitEvents:
                skipped.append("step \(index): await events (a wait, not a send)")
            case .roundTrips(_, let count):
                skipped.append("step \(index): \(count) sequential round trips (need the server's answers)")
            case .echoCompressed(let opcode, let corpus, let size, let count, let fragment, _):
                guard let compressor, size <= catalogueMaxPayload else {
                    skipped.append(
                        "step \(index): \(count) compressed echoes (\(compressor == nil ? "no agreement for the offer" : "over the caps"))")
                    continue
                }
                // A few messages, a megabyte of compressed octets at most: seed files stay small.
                var kept = 0
                var octetsKept = 0
                while kept < min(count, catalogueMaxCompressedMessages), octetsKept < catalogueMaxPayload {
                    let octets = corpus.message(kept, size: size).materialize()
                    let frames = compressedFrames(
                        opcode, message: octets, compressed: compressor.compress(octets), fragment: fragment, using: &keys)
                    guard steps.count + frames.count <= ScriptLimits.maxSteps else { break }
                    for frame in frames { _ = add(.frame(frame), chop: nil, carried: frame.payload.count) }
                    octetsKept += frames.reduce(0) { $0 + $1.payload.count }
                    kept += 1
                }
                if kept < count { skipped.append("step \(index): \(count - kept) of \(count) compressed echoes (a seed keeps \(kept))") }
            }
        }
        if pendingDelay > 0 { skipped.append("a trailing pause of \(pendingDelay) ms (nothing follows it)") }
        var note = "catalogue case \(testCase.id): \(testCase.summary)"
        if !skipped.isEmpty { note += "; skipped: " + skipped.joined(separator: "; ") }
        if note.utf8.count > ScriptLimits.maxNote { note = String(note.utf8.prefix(ScriptLimits.maxNote - 3)).map { $0 + "..." } ?? "" }
        return CatalogueSeed(script: SessionScript(handshake: handshake, steps: steps, note: note), skipped: skipped)
    }

    /// 64-bit FNV-1a of a string: a stable seed from a case id on any machine.
    static func fnv1a(_ text: String) -> UInt64 {
        FNV1a.hash(text.utf8)
    }
}

extension Delivery {
    /// The chop size a script step uses for this delivery (nil: one write per frame).
    var chop: Int? {
        if case .chopped(let size, _) = self { return max(1, size) }
        return nil
    }
}
