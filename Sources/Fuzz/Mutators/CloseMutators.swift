import Wire

/// Mutations of Close frame bodies, RFC 6455 §5.5.1 (a body is empty, or a 2-octet code and a
/// UTF-8 reason, 125 octets at most) and §7.4 (which codes may be sent).
extension Mutator {
    /// One code range per class of RFC 6455 §7.4.1–§7.4.2 and the IANA registry: below the
    /// range, the codes in use, the reserved ones, the codes in use again, the IANA additions,
    /// 1015, the unassigned protocol codes, the library and private codes, and above the range.
    public static let closeCodeClasses: [ClosedRange<UInt16>] = [
        0...999, 1000...1003, 1004...1006, 1007...1011, 1012...1014, 1015...1015, 1016...2999, 3000...4999, 5000...65535,
    ]

    public static let closeFamily: [Mutator] = [
        Mutator("close-code-class", .close, "closes with a code from one of the nine §7.4 classes") { script, _, generator in
            let range = generator.pick(closeCodeClasses)
            let code = CloseCode(rawValue: UInt16(Int(range.lowerBound) + generator.below(range.count)))
            script.setCloseBody(ClosePayload(code: code, reason: Array("bye".utf8)).encoded(), using: &generator)
        },
        closeBody("close-reason-123", "closes with a 123-octet reason: the 125-octet limit exactly (§5.5)") { _ in
            ClosePayload(code: .normalClosure, reason: [UInt8](repeating: 0x2A, count: 123)).encoded()
        },
        closeBody("close-reason-124", "closes with a 124-octet reason: one over the control frame limit (§5.5)") { _ in
            ClosePayload(code: .normalClosure, reason: [UInt8](repeating: 0x2A, count: 124)).encoded()
        },
        closeBody("close-reason-invalid-utf8", "closes with a reason that is not UTF-8 (§5.5.1)") { generator in
            let bad = generator.pick(overlongs + surrogates + aboveMaximum)
            return ClosePayload(code: .normalClosure, reason: Array("bye ".utf8) + bad).encoded()
        },
        closeBody("close-one-byte-body", "closes with a 1-octet body: a code is two octets (§5.5.1)") { generator in
            [generator.byte()]
        },
        closeBody("close-empty-body", "closes with an empty body (valid, §5.5.1)") { _ in [] },
    ]

    /// A mutator that sets the body of the script's close frame to `body`.
    static func closeBody(_ name: String, _ summary: String, _ body: @escaping @Sendable (inout SplitMix64) -> [UInt8]) -> Mutator {
        Mutator(name, .close, summary) { script, _, generator in
            script.setCloseBody(body(&generator), using: &generator)
        }
    }
}

extension SessionScript {
    /// Gives a close frame of the script `body`, or, when there is none, ends the script with a
    /// start of the closing handshake carrying it.
    mutating func setCloseBody(_ body: [UInt8], using generator: inout SplitMix64) {
        if let index = randomFrameStep(using: &generator, where: { $0.opcode == 8 }) {
            updateFrame(at: index) { frame in
                frame.payload = body
                frame.declaredLength = nil
            }
        } else if hasRoom() {
            steps.append(ScriptStep(.startClose(.masked(.close, body, using: &generator))))
        }
    }
}
