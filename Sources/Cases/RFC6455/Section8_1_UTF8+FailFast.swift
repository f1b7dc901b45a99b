import Wire

/// Fail-fast on invalid UTF-8, RFC 6455 §8.1 with §5.6 (Autobahn 6.4, and the detection
/// points it does not separate).
///
/// A validator can judge text at four points: each octet, the end of each code point, the
/// end of each frame, or the end of the message. The earliest point at which the octets
/// received so far can no longer begin any valid UTF-8 text is where the connection should be
/// failed: 0xC0 is invalid on its own octet; ED A0 is invalid at the A0, before its code
/// point ends; E2 82 followed by 'e' is invalid where the code point should have ended; a
/// sequence cut by the end of a frame is not invalid yet if the message goes on, and a
/// sequence cut by the end of the message is invalid only there.
///
/// Each case sends its text in stages with a checkpoint after each: the connection must still
/// be open at every checkpoint before the invalid data (failing on a valid prefix is FAILED),
/// should be failed before the next checkpoint after it (OK), and failing later is NON-STRICT.
extension Section8_1_UTF8 {
    static let failFastRule =
        "Invalid UTF-8 MUST fail the connection (§8.1), and SHOULD fail it as soon as the octets received prove the text invalid; while they are still a valid prefix the connection MUST stay open (§5.6)."

    /// The pause at each checkpoint, Autobahn's continue timer.
    static let checkpointWait = Duration.seconds(1)
    /// The key for frames sent in pieces (encoded once, so one key for all its writes).
    static let streamKey = MaskingKey(0x37, 0xFA, 0x21, 0x3D)

    /// One masked frame's octets cut into raw writes at the payload offsets `cuts`; the
    /// header goes with the first piece (Autobahn 6.4.3/6.4.4's streamed frame).
    static func streamed(_ frame: FrameSpec, cuts: [Int]) -> [[Step]] {
        var spec = frame
        spec.masking = .key(streamKey)
        let octets = spec.encoded(freshKey: streamKey)
        let header = octets.count - frame.payload.count
        let bounds = [0] + cuts.map { header + $0 } + [octets.count]
        return zip(bounds, bounds.dropFirst()).map { start, end in [.sendRaw(Array(octets[start..<end]), .oneWrite)] }
    }

    /// A streamed frame whose last piece is followed, in the same stage, by `lastFrame`.
    static func streamedMessage(_ frame: FrameSpec, cuts: [Int]) -> [[Step]] {
        var stages = streamed(frame, cuts: cuts)
        stages[stages.count - 1] += lastFrame
        return stages
    }

    /// A case in stages: `stages[i]` is followed by the checkpoint `checkpoints[i]` (the last
    /// stage by none); the text is known invalid once `stages[invalidAt]` has arrived.
    static func staged(
        _ id: String, autobahn: String? = nil, _ summary: String, stages: [[Step]], checkpoints: [String], invalidAt: Int,
        file: String = #filePath, line: Int = #line
    ) -> TestCase {
        precondition(stages.count == checkpoints.count + 1 && invalidAt < checkpoints.count, "\(id): malformed stages")
        var steps: [Step] = []
        for (index, stage) in stages.enumerated() {
            steps += stage
            if index < checkpoints.count { steps.append(.checkpoint(checkpoints[index], timeout: checkpointWait)) }
        }
        let markers = checkpoints.map(Event.marker)
        var outcomes = [ExpectedOutcome(.ok, Array(markers[..<invalidAt]))]
        for late in invalidAt..<checkpoints.count {
            let note = "still open at \(checkpoints[late]): failed later than it could (fail-slow)"
            outcomes.append(ExpectedOutcome(.nonStrict, Array(markers[...late]), note: note))
        }
        let timer = CaseTimer.kill(checkpointWait * checkpoints.count + .seconds(1))
        return TestCase(
            id: id, autobahn: autobahn, section: "RFC 6455 §8.1", rule: failFastRule, level: .should, summary: summary, steps: steps,
            expect: Expectation(outcomes: outcomes, close: .serverFails([1007], wrongEndpointFails: true), timer: timer), file: file,
            line: line)
    }

    /// A stage that sends one whole frame.
    static func whole(_ frame: FrameSpec) -> [Step] { [.send([frame], .oneWrite)] }

    /// The empty continuation frame that ends a streamed message.
    static let lastFrame: [Step] = [.send([.continuation(.bytes([]))], .oneWrite)]

    /// Autobahn 6.4: U+110000 (F4 90 80 80, invalid at the 90) after a valid prefix, split
    /// across frames or inside one frame.
    static let autobahnFailFastCases: [TestCase] = [
        staged(
            "utf8.fail-fast.frames-code-point", autobahn: "6.4.1", "'κόσμε' frame, then F4 90 80 80 in its own frame, then 'edited'",
            stages: [
                whole(text(kosme, fin: false)), whole(.continuation(.hex("f4908080"), fin: false)),
                whole(.continuation(.text("edited"))),
            ], checkpoints: ["valid-prefix", "invalid-code-point"], invalidAt: 1),
        staged(
            "utf8.fail-fast.frames-octet", autobahn: "6.4.2", "'κόσμε' F4 frame, then the octet 90 alone in a frame, then the rest",
            stages: [
                whole(text(kosme + [0xF4], fin: false)), whole(.continuation(.hex("90"), fin: false)),
                whole(.continuation(.bytes([0x80, 0x80] + Array("edited".utf8)))),
            ], checkpoints: ["valid-prefix", "offending-octet"], invalidAt: 1),
        staged(
            "utf8.fail-fast.chunks-code-point", autobahn: "6.4.3",
            "one 21-octet frame streamed: 'κόσμε', then F4 90 80 80, then 'edited'; then an empty final frame",
            stages: streamedMessage(text(kosme + [0xF4, 0x90, 0x80, 0x80] + Array("edited".utf8), fin: false), cuts: [11, 15]),
            checkpoints: ["valid-prefix", "invalid-code-point"], invalidAt: 1),
        staged(
            "utf8.fail-fast.chunks-octet", autobahn: "6.4.4",
            "one 21-octet frame streamed: 'κόσμε' F4, then the octet 90, then the rest; then an empty final frame",
            stages: streamedMessage(text(kosme + [0xF4, 0x90, 0x80, 0x80] + Array("edited".utf8), fin: false), cuts: [12, 13]),
            checkpoints: ["valid-prefix", "offending-octet"], invalidAt: 1),
    ]

    /// Beyond Autobahn: one case per detection point, each with a checkpoint right after the
    /// octet that makes the text invalid and after every later detection point.
    static let failFastCases: [TestCase] = [
        // 0xC0 can never occur: invalid at its own octet, before the code point it seems to
        // start (C0 AF, an overlong '/') ends. A decoder that checks whole code points is late.
        staged(
            "utf8.fail-fast.overlong-lead-octet", "one frame streamed: 'κόσμε', then C0, then AF, then 'edited'; then a final frame",
            stages: streamed(text(kosme + [0xC0, 0xAF] + Array("edited".utf8), fin: false), cuts: [11, 12, 13]) + [lastFrame],
            checkpoints: ["valid-prefix", "offending-octet", "code-point-end", "frame-end"], invalidAt: 1),
        // ED A0: after ED only 80–9F may follow (U+D800–DFFF are surrogates), so the A0 is the
        // offending octet, one octet before the code point ED A0 80 ends.
        staged(
            "utf8.fail-fast.surrogate-octet", "one frame streamed: 'κόσμε' ED, then A0, then 80, then 'edited'; then a final frame",
            stages: streamed(text(kosmeSurrogate, fin: false), cuts: [12, 13, 14]) + [lastFrame],
            checkpoints: ["valid-prefix", "offending-octet", "code-point-end", "frame-end"], invalidAt: 1),
        // E2 82 is a valid start of '€' (E2 82 AC); the 'e' where its last octet belongs ends
        // the code point too early: known invalid at the end of the code point, not before.
        staged(
            "utf8.fail-fast.code-point-end", "one frame streamed: 'κόσμε' E2 82, then 'e', then 'dited'; then a final frame",
            stages: streamed(text(kosme + [0xE2, 0x82] + Array("edited".utf8), fin: false), cuts: [13, 14]) + [lastFrame],
            checkpoints: ["valid-prefix", "code-point-end", "frame-end"], invalidAt: 1),
        // A frame may end inside a code point (§5.6): 'κόσμε' CE is a valid prefix until the
        // next frame begins with 'e' instead of a continuation octet.
        staged(
            "utf8.fail-fast.frame-end", "frame 'κόσμε' CE (cut code point), then frame 'edited', then a final frame",
            stages: [
                whole(text(kosme + [0xCE], fin: false)), whole(.continuation(.text("edited"), fin: false)),
                whole(.continuation(.text("!"))),
            ], checkpoints: ["first-frame-end", "second-frame-end"], invalidAt: 1),
        // The message ends inside the code point: invalid only at the end of the message.
        staged(
            "utf8.fail-fast.message-end", "frame 'κόσμε' CE (cut code point), then an empty final frame, then another message",
            stages: [
                whole(text(kosme + [0xCE], fin: false)), whole(.continuation(.bytes([]))), whole(.text("next message")),
            ], checkpoints: ["first-frame-end", "message-end"], invalidAt: 1),
    ]
}
