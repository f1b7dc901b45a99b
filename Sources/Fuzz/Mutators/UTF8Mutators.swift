import Wire

/// Text payloads that break or stress UTF-8. RFC 6455 §8.1: a text message that is not valid
/// UTF-8 (RFC 3629) MUST fail the connection; a valid one split anywhere, even inside a code
/// point, MUST be accepted.
extension Mutator {
    /// Valid text with 2-, 3- and 4-octet code points (the Autobahn 6.x samples among them).
    static let multiByteSamples = [
        "κόσμε", "€", "𤭢", "Hello-µ@ßöäüàá-UTF-8!!", "\u{7F}\u{80}\u{7FF}\u{800}\u{FFFF}\u{10000}\u{10FFFF}", "\u{FFFD}\u{FEFF}",
    ]
    /// Overlong forms of '/' and NUL (RFC 3629 §3 forbids them).
    static let overlongs: [[UInt8]] = [[0xC0, 0xAF], [0xC1, 0xBF], [0xE0, 0x80, 0xAF], [0xF0, 0x80, 0x80, 0xAF], [0xC0, 0x80]]
    /// UTF-16 surrogates encoded as UTF-8 (U+D800–U+DFFF are not scalar values).
    static let surrogates: [[UInt8]] = [[0xED, 0xA0, 0x80], [0xED, 0xAD, 0xBF], [0xED, 0xB0, 0x80], [0xED, 0xBF, 0xBF]]
    /// Code points above U+10FFFF, and lead octets RFC 3629 never uses.
    static let aboveMaximum: [[UInt8]] = [
        [0xF4, 0x90, 0x80, 0x80], [0xF7, 0xBF, 0xBF, 0xBF], [0xF8, 0x88, 0x80, 0x80, 0x80], [0xFE], [0xFF],
    ]

    public static let utf8Family: [Mutator] = [
        insertion("utf8-overlong", "inserts an overlong encoding into a text message (§8.1)", overlongs),
        insertion("utf8-surrogate", "inserts an encoded surrogate into a text message (§8.1)", surrogates),
        insertion("utf8-above-max", "inserts a code point above U+10FFFF or an unused lead octet (§8.1)", aboveMaximum),
        Mutator("utf8-truncate", .utf8, "ends a text message inside a multi-octet code point, after any of its octets (§8.1)") {
            script, _, generator in
            let text = Array(generator.pick(multiByteSamples).utf8)
            let cuts = (1..<text.count).filter { text[$0] & 0xC0 == 0x80 }  // inside a code point
            let end = cuts.isEmpty ? text.count : generator.pick(cuts)
            script.placeMessage([.masked(.text, Array(text[..<end]), using: &generator)], replacing: 1, using: &generator)
        },
        Mutator("utf8-split-across-fragments", .utf8, "sends valid multi-octet text in fragments cut inside code points (valid, §5.4)") {
            script, _, generator in
            let text = Array(generator.pick(multiByteSamples).utf8)
            let cuts = Array(Set((0..<generator.within(1...3)).map { _ in generator.within(1...max(1, text.count - 1)) })).sorted()
            let bounds = [0] + cuts + [text.count]
            let frames = zip(bounds, bounds.dropFirst()).enumerated().map { index, range in
                ScriptFrame.masked(
                    index == 0 ? .text : .continuation, Array(text[range.0..<range.1]), fin: range.1 == text.count, using: &generator)
            }
            script.placeMessage(frames, replacing: 1, using: &generator)
        },
        Mutator("utf8-valid-multibyte", .utf8, "sends a text message of valid 2-, 3- and 4-octet code points (valid)") {
            script, _, generator in
            let text = Array(generator.pick(multiByteSamples).utf8)
            script.placeMessage([.masked(.text, text, using: &generator)], replacing: 1, using: &generator)
        },
    ]

    /// A mutator that puts one of `sequences` into a text message at a code point boundary.
    static func insertion(_ name: String, _ summary: String, _ sequences: [[UInt8]]) -> Mutator {
        Mutator(name, .utf8, summary) { script, _, generator in
            let bad = generator.pick(sequences)
            if let index = script.randomFrameStep(using: &generator, where: { $0.opcode == 1 }) {
                script.updateFrame(at: index) { frame in
                    let boundaries = (0...frame.payload.count).filter { $0 == frame.payload.count || frame.payload[$0] & 0xC0 != 0x80 }
                    frame.payload.insert(contentsOf: bad, at: generator.pick(boundaries))
                }
            } else {
                let text = Array(generator.pick(multiByteSamples).utf8)
                script.placeMessage([.masked(.text, text + bad, using: &generator)], replacing: 1, using: &generator)
            }
        }
    }
}
