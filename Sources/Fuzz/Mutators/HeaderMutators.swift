import Wire

/// Mutations of the frame header bits, RFC 6455 §5.2 and §5.3.
extension Mutator {
    public static let headerFamily: [Mutator] = [
        frameBit("flip-fin", "toggles FIN of one frame (fragmentation, §5.4; control frames, §5.5)") { $0.fin.toggle() },
        frameBit("flip-rsv1", "toggles RSV1 of one frame (MUST be 0 without an extension, §5.2)") { $0.rsv1.toggle() },
        frameBit("flip-rsv2", "toggles RSV2 of one frame (MUST be 0 without an extension, §5.2)") { $0.rsv2.toggle() },
        frameBit("flip-rsv3", "toggles RSV3 of one frame (MUST be 0 without an extension, §5.2)") { $0.rsv3.toggle() },
        Mutator("set-opcode", .header, "sets one frame's opcode to any of the 16 values (§5.2)") { script, _, generator in
            guard let index = script.randomFrameStep(using: &generator) else { return }
            let opcode = UInt8(generator.below(16))
            script.updateFrame(at: index) { $0.opcode = opcode }
        },
        Mutator("set-reserved-opcode", .header, "sets one frame's opcode to a reserved value %x3–7 or %xB–F (§5.2)") {
            script, _, generator in
            guard let index = script.randomFrameStep(using: &generator) else { return }
            let opcode = generator.pick([3, 4, 5, 6, 7, 0xB, 0xC, 0xD, 0xE, 0xF] as [UInt8])
            script.updateFrame(at: index) { $0.opcode = opcode }
        },
        frameBit("flip-mask", "toggles the MASK bit of one frame (a client MUST mask, §5.1)") { $0.mask.toggle() },
        frameBit("zero-masking-key", "masks one frame with the all-zero key, which is allowed (§5.3)") {
            $0.mask = true
            $0.maskingKey = .zero
        },
        Mutator("random-masking-key", .header, "gives one frame a fresh masking key (§5.3)") { script, _, generator in
            guard let index = script.randomFrameStep(using: &generator) else { return }
            let key = generator.maskingKey()
            script.updateFrame(at: index) { $0.maskingKey = key }
        },
    ]

    /// A mutator that changes one random frame with `change`.
    static func frameBit(_ name: String, _ summary: String, _ change: @escaping @Sendable (inout ScriptFrame) -> Void) -> Mutator {
        Mutator(name, .header, summary) { script, _, generator in
            guard let index = script.randomFrameStep(using: &generator) else { return }
            script.updateFrame(at: index, change)
        }
    }
}
