import Wire

/// Mutations of the payload length field, RFC 6455 §5.2: "the minimal number of bytes MUST be
/// used to encode the length", and a 64-bit length has its most significant bit 0.
extension Mutator {
    /// The lengths at which the length field changes form (7-bit, 16-bit, 64-bit), and the
    /// control frame limit of 125 (§5.5).
    static let boundaryLengths = [0, 1, 125, 126, 127, 128, 65535, 65536]

    public static let lengthFamily: [Mutator] = [
        Mutator("declare-longer", .length, "declares more payload than the frame carries, so the next octets are read as payload") {
            script, _, generator in
            guard let index = script.randomFrameStep(using: &generator) else { return }
            let extra = generator.pick([1, 2, 3, 4, 14, 100, 1 << 16, 1 << 40, (1 << 63) - 1] as [UInt64])
            script.updateFrame(at: index) { $0.declaredLength = UInt64($0.payload.count) &+ extra }
        },
        Mutator("declare-shorter", .length, "declares less payload than the frame carries, so its tail is read as a header") {
            script, _, generator in
            guard let index = script.randomFrameStep(using: &generator, where: { !$0.payload.isEmpty }) else { return }
            let cut = UInt64(generator.within(1...max(1, script.steps[index].frame?.payload.count ?? 1)))
            script.updateFrame(at: index) { $0.declaredLength = UInt64($0.payload.count) - min(cut, UInt64($0.payload.count)) }
        },
        Mutator("non-minimal-length", .length, "writes one frame's length in a longer form than needed (§5.2)") {
            script, _, generator in
            guard let index = script.randomFrameStep(using: &generator) else { return }
            let encoding: LengthEncoding = generator.chance(50) ? .sixteenBit : .sixtyFourBit
            script.updateFrame(at: index) { frame in
                // A 16-bit field cannot hold more than 65535: use the 64-bit form then.
                frame.lengthEncoding = frame.payload.count > 0xFFFF ? .sixtyFourBit : encoding
            }
        },
        Mutator("length-msb-set", .length, "writes one frame's length in 64 bits with the most significant bit set (§5.2)") {
            script, _, generator in
            guard let index = script.randomFrameStep(using: &generator) else { return }
            script.updateFrame(at: index) { frame in
                frame.lengthEncoding = .sixtyFourBit
                frame.declaredLength = (frame.declaredLength ?? UInt64(frame.payload.count)) | 1 << 63
            }
        },
        Mutator("boundary-length", .length, "resizes one payload to a length-form boundary: 0, 1, 125–128, 65535, 65536") {
            script, _, generator in
            guard let index = script.randomFrameStep(using: &generator) else { return }
            let length = generator.pick(boundaryLengths)
            let fill = generator.byte() & 0x7F  // ASCII, so a text payload stays valid UTF-8
            script.updateFrame(at: index) { frame in
                if frame.payload.count > length {
                    frame.payload.removeLast(frame.payload.count - length)
                } else {
                    frame.payload += [UInt8](repeating: fill, count: length - frame.payload.count)
                }
                frame.declaredLength = nil
                frame.lengthEncoding = .minimal
            }
        },
        Mutator("minimal-length", .length, "restores one frame's true, minimally encoded length") { script, _, generator in
            guard let index = script.randomFrameStep(using: &generator) else { return }
            script.updateFrame(at: index) { frame in
                frame.declaredLength = nil
                frame.lengthEncoding = .minimal
            }
        },
    ]
}
