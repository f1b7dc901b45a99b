import Wire

/// Byte-level damage to the serialised stream: one to three consecutive steps become one raw
/// step of their octets, then one to eight blind edits land on it. This reaches what no
/// structured mutation can say (torn headers, lengths pointing into the next frame).
extension Mutator {
    public static let havocFamily: [Mutator] = [
        Mutator("stream-havoc", .havoc, "serialises 1–3 steps to raw octets and flips, overwrites, inserts or deletes octets") {
            script, _, generator in
            guard let start = script.randomStep(using: &generator) else { return }
            let end = min(script.steps.count, start + generator.within(1...3))
            var bytes = script.steps[start..<end].flatMap { $0.encoded() }
            for _ in 0..<generator.within(1...8) {
                let position = generator.below(bytes.count + 1)
                switch generator.below(4) {
                case 0 where position < bytes.count: bytes[position] ^= 1 << UInt8(generator.below(8))
                case 1 where position < bytes.count: bytes[position] = generator.pick(interestingBytes)
                case 2: bytes.insert(generator.byte(), at: position)
                default: if position < bytes.count { bytes.remove(at: position) }
                }
            }
            guard bytes.count <= ScriptLimits.maxPayload else { return }
            let first = script.steps[start]
            script.steps.replaceSubrange(
                start..<end, with: [ScriptStep(.raw(bytes), chop: first.chop, delayMilliseconds: first.delayMilliseconds)])
        }
    ]
}
