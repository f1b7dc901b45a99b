import Wire

/// RFC 6455 §10.4 Implementation-Specific Limits (Autobahn category 9, "Limits/Performance").
///
/// "Implementations that have implementation- and/or platform-specific limitations regarding
/// the frame size or total message size after reassembly from multiple frames MUST protect
/// themselves against exceeding those limits. ... Such an implementation SHOULD impose a limit
/// on frame sizes and the total message size after reassembly from multiple frames."
///
/// The cases echo large messages (up to 16 MiB), messages in up to 65537 fragments, messages
/// written in small pieces, and 1000 sequential round trips, each within a generous time. As
/// in Autobahn only the type and length of an echo are compared, never its content. Payloads
/// are patterns repeated to a length, never materialised in the case value. Timers are
/// Autobahn's; they bound a slow server, and a case ends as soon as its echoes are in.
public enum Section10_4_Limits {
    public static let cases: [TestCase] =
        singleFrameCases(kind: "text", opcode: .text, pattern: textPattern, seconds: [10, 10, 100, 100, 100, 100], group: "9.1")
        + singleFrameCases(kind: "binary", opcode: .binary, pattern: binaryPattern, seconds: [10, 10, 10, 10, 100, 100], group: "9.2")
        + fragmentedCases(kind: "text", opcode: .text, firstFill: 0x2A, group: "9.3")
        + fragmentedCases(kind: "binary", opcode: .binary, firstFill: 0xFE, group: "9.4")
        + choppedCases(kind: "text", opcode: .text, pattern: textPattern, group: "9.5")
        + choppedCases(kind: "binary", opcode: .binary, pattern: binaryPattern, group: "9.6")
        + roundTripCases(kind: "text", opcode: .text, byte: 0x2A, group: "9.7")
        + roundTripCases(kind: "binary", opcode: .binary, byte: 0xFE, group: "9.8")

    /// Autobahn's patterns for its large text and binary payloads, repeated to the length.
    static let textPattern = Array("BAsd7&jh23".utf8)
    static let binaryPattern: [UInt8] = [0x00, 0xFE, 0x23, 0xFA, 0xF0]

    static let section = "RFC 6455 §10.4"

    /// The limits rule, with what a case checks within it.
    static func rule(_ check: String) -> String {
        "An implementation SHOULD impose frame and message size limits (and MUST protect itself against exceeding them); "
            + check
    }

    /// A readable size for ids and summaries: "64k", "16m", "512".
    static func label(_ count: Int) -> String {
        if count >= 1 << 20, count % (1 << 20) == 0 { return "\(count >> 20)m" }
        if count >= 1 << 10, count % (1 << 10) == 0 { return "\(count >> 10)k" }
        return "\(count)"
    }

    /// Echo-style with Autobahn's 9.x check: the echoes' types and lengths, then a normal close;
    /// WAITSECS is a close timer.
    static func echoes(_ events: [Event], seconds: Int, refusable: Bool = true) -> Expectation {
        var outcomes = [ExpectedOutcome(.ok, events)]
        if refusable {
            // RFC 6455 §10.4: a server with a smaller limit refuses the message with 1009
            // (§7.4.1 "message that is too big for it to process"): conforming, not the echo.
            outcomes.append(
                ExpectedOutcome(
                    .nonStrict, [], note: "the server refused the message as too big (1009): a limit RFC 6455 §10.4 allows",
                    close: .serverFails([1009])))
        }
        return Expectation(outcomes: outcomes, matching: .typeAndLength, close: .normalClose, timer: .close(.seconds(seconds)))
    }

    /// Autobahn fails a server that refuses a large message within its limit; the RFC lets it.
    static let sizeLimitDivergence = Divergence(
        autobahnVerdict: "FAILED (and close FAILED) when the server closes with 1009 instead of echoing",
        reason:
            "RFC 6455 §10.4 says an implementation SHOULD limit message sizes and §7.4.1 gives 1009 for a message too big to process: refusing with 1009 conforms, so it is NON-STRICT (the echo was expected) with a clean close, not FAILED."
    )

    // MARK: One frame, growing size (Autobahn 9.1, 9.2)

    static let singleFrameSizes = [1 << 16, 1 << 18, 1 << 20, 1 << 22, 1 << 23, 1 << 24]

    /// 64k to 16m in one frame, one write; `seconds` are Autobahn's timers, size by size.
    static func singleFrameCases(kind: String, opcode: Opcode, pattern: [UInt8], seconds: [Int], group: String) -> [TestCase] {
        zip(singleFrameSizes, seconds).enumerated().map { index, entry in
            let (count, seconds) = entry
            let payload = Payload.repeating(pattern: pattern, count: count)
            return TestCase(
                id: "limits.\(kind).size-\(label(count))", autobahn: "\(group).\(index + 1)", section: section,
                rule: rule("a \(kind) message of \(label(count)) octets within the server's limits is echoed whole."),
                level: .should, summary: "\(kind) message of \(count) octets in one frame, one write",
                steps: [.send([FrameSpec(opcode: opcode, payload: payload)], .oneWrite)],
                expect: echoes([.message(opcode, payload)], seconds: seconds), divergence: sizeLimitDivergence)
        }
    }

    // MARK: Fixed size, growing fragments (Autobahn 9.3, 9.4)

    static let fragmentSizes = [64, 256, 1 << 10, 1 << 12, 1 << 14, 1 << 16, 1 << 18, 1 << 20, 1 << 22]
    static let fragmentedLength = 1 << 22

    /// 4 MiB in fragments of 64 octets to 4 MiB, with Autobahn's extra empty final continuation
    /// (every size divides 4 MiB) and, at 4 MiB, one unfragmented frame. "Clients and servers
    /// MUST support receiving both fragmented and unfragmented messages" (§5.4) holds for 65537
    /// fragments as for two. The fill is '*' but for the first case (Autobahn fills 9.4.1, and
    /// only it, with 0xFE; content is not compared, the octets are kept for faithful wire logs).
    static func fragmentedCases(kind: String, opcode: Opcode, firstFill: UInt8, group: String) -> [TestCase] {
        fragmentSizes.enumerated().map { index, size in
            let byte: UInt8 = index == 0 ? firstFill : 0x2A
            let frameCount = fragmentedLength > size ? fragmentedLength / size + 1 : 1
            return TestCase(
                id: "limits.fragmented-\(kind).fragment-\(label(size))", autobahn: "\(group).\(index + 1)", section: section,
                rule: rule(
                    "a \(kind) message of 4m octets within them is reassembled and echoed whatever its fragment size (§5.4: clients and servers MUST support receiving fragmented messages)."
                ),
                level: .should,
                summary: "\(kind) message of 4m octets "
                    + (frameCount == 1
                        ? "in one frame (it fits one fragment)"
                        : "in \(frameCount - 1) fragments of \(label(size)) octets and an empty final continuation, one write per frame"),
                steps: [.sendMessage(opcode, .filled(byte, count: fragmentedLength), fragmentSize: size, .writePerFrame)],
                expect: echoes([.message(opcode, .filled(byte, count: fragmentedLength))], seconds: 100),
                divergence: sizeLimitDivergence)
        }
    }

    // MARK: Fixed size, growing writes (Autobahn 9.5, 9.6)

    static let chopSizes = [64, 128, 256, 512, 1024, 2048]

    /// One 1 MiB frame written in pieces of 64 to 2048 octets, each flushed: framing is a byte
    /// stream (§5.2), so no read boundary may matter, however many there are.
    static func choppedCases(kind: String, opcode: Opcode, pattern: [UInt8], group: String) -> [TestCase] {
        chopSizes.enumerated().map { index, chop in
            let payload = Payload.repeating(pattern: pattern, count: 1 << 20)
            return TestCase(
                id: "limits.chopped-\(kind).write-\(chop)", autobahn: "\(group).\(index + 1)", section: section,
                rule: rule(
                    "a \(kind) message of 1m octets within them is echoed whole however TCP cuts it (§5.2 framing is a byte stream)."),
                level: .should, summary: "\(kind) message of 1m octets in one frame, written \(chop) octets at a time",
                steps: [.send([FrameSpec(opcode: opcode, payload: payload)], .chopped(chop, flush: false))],
                expect: echoes([.message(opcode, payload)], seconds: 1000), divergence: sizeLimitDivergence)
        }
    }

    // MARK: Round trips (Autobahn 9.7, 9.8)

    static let roundTripSizes: [(size: Int, seconds: Int)] = [(0, 60), (16, 60), (64, 60), (256, 120), (1024, 240), (4096, 480)]
    static let roundTripCount = 1000

    /// 1000 messages, each sent when the previous echo is in: a server must keep up with a
    /// steady exchange of small messages (latency, not size).
    static func roundTripCases(kind: String, opcode: Opcode, byte: UInt8, group: String) -> [TestCase] {
        roundTripSizes.enumerated().map { index, entry in
            let payload = Payload.filled(byte, count: entry.size)
            return TestCase(
                id: "limits.round-trips-\(kind).size-\(entry.size)", autobahn: "\(group).\(index + 1)", section: section,
                rule: rule("\(roundTripCount) sequential \(kind) messages of \(entry.size) octets are each echoed in turn."),
                level: .should,
                summary: "\(roundTripCount) round trips of a \(entry.size)-octet \(kind) message, each sent after the previous echo",
                steps: [.roundTrips(FrameSpec(opcode: opcode, payload: payload), count: roundTripCount)],
                expect: echoes(Array(repeating: .message(opcode, payload), count: roundTripCount), seconds: entry.seconds, refusable: false)
            )
        }
    }
}
