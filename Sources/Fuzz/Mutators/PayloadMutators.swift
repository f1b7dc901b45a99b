import Wire

/// Mutations of payload octets, the classic byte-level operators, applied inside one frame so
/// that the frame structure around them stays intact.
extension Mutator {
    public static let payloadFamily: [Mutator] = [
        payload("payload-bit-flip", "flips one bit of one payload") { bytes, generator in
            guard !bytes.isEmpty else { return }
            bytes[generator.below(bytes.count)] ^= 1 << UInt8(generator.below(8))
        },
        payload("payload-insert-bytes", "inserts 1–8 random octets into one payload") { bytes, generator in
            let inserted = (0..<generator.within(1...8)).map { _ in generator.byte() }
            bytes.insert(contentsOf: inserted, at: generator.below(bytes.count + 1))
        },
        payload("payload-delete-bytes", "deletes 1–8 octets from one payload") { bytes, generator in
            guard !bytes.isEmpty else { return }
            let start = generator.below(bytes.count)
            bytes.removeSubrange(start..<min(bytes.count, start + generator.within(1...8)))
        },
        payload("payload-duplicate-bytes", "repeats a run of one payload in place") { bytes, generator in
            guard !bytes.isEmpty else { return }
            let start = generator.below(bytes.count)
            let run = Array(bytes[start..<min(bytes.count, start + generator.within(1...16))])
            bytes.insert(contentsOf: run, at: start)
        },
        payload("payload-interesting-value", "overwrites one payload octet with a boundary value") { bytes, generator in
            let value = generator.pick(interestingBytes)
            if bytes.isEmpty { bytes = [value] } else { bytes[generator.below(bytes.count)] = value }
        },
        Mutator("payload-splice", .payload, "replaces the tail of one payload with part of a donor's payload") {
            script, donor, generator in
            guard let index = script.randomFrameStep(using: &generator) else { return }
            let source = donor ?? script
            let payloads = source.steps.compactMap { $0.frame?.payload }.filter { !$0.isEmpty }
            guard !payloads.isEmpty else { return }
            let other = generator.pick(payloads)
            let from = generator.below(other.count)
            let piece = other[from..<min(other.count, from + generator.within(1...256))]
            script.updateFrame(at: index) { frame in
                let cut = generator.below(frame.payload.count + 1)
                frame.payload = Array(frame.payload.prefix(cut) + piece)
            }
        },
    ]

    /// A mutator that rewrites one payload with `change`, kept within the payload cap.
    static func payload(_ name: String, _ summary: String, _ change: @escaping @Sendable (inout [UInt8], inout SplitMix64) -> Void)
        -> Mutator
    {
        Mutator(name, .payload, summary) { script, _, generator in
            guard let index = script.randomFrameStep(using: &generator) else { return }
            script.updateFrame(at: index) { frame in
                var bytes = frame.payload
                change(&bytes, &generator)
                if bytes.count <= ScriptLimits.maxPayload { frame.payload = bytes }
            }
        }
    }
}
