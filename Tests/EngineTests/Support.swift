import Cases
import Wire

@testable import Engine

/// A case that expects `expectation` at `level`; the judge reads nothing else of a case.
func makeCase(_ expectation: Cases.Expectation, level: Requirement = .must, id: String = "engine.test") -> TestCase {
    TestCase(
        id: id, section: "RFC 6455 §5", rule: "a rule under test", level: level, summary: "unit test of the judge", steps: [],
        expect: expectation)
}

/// The event as the observer records it on receipt: kind, running digest of the octets as they
/// arrive in `chunks` pieces, first 64 octets. Computed from the octets, never from `Payload.digest`.
func received(_ kind: ObservedEvent.Kind, _ octets: [UInt8], chunk: Int = 1 << 20) -> ObservedEvent {
    var digest = MessageDigest()
    var offset = 0
    repeat {
        let end = min(octets.count, offset + max(1, chunk))
        digest.update(Array(octets[offset..<end]))
        offset = end
    } while offset < octets.count
    return ObservedEvent(kind: kind, digest: digest, prefix: Array(octets.prefix(64)))
}

/// A received text message.
func receivedText(_ text: String) -> ObservedEvent { received(.message(.text), Array(text.utf8)) }

/// A received marker: the connection was still open at a checkpoint.
func receivedMarker(_ name: String) -> ObservedEvent { ObservedEvent(kind: .marker(name), digest: MessageDigest(), prefix: []) }

/// Close facts for the ending a conforming echo case has: the tester closed, the server
/// answered and dropped TCP.
func cleanTesterClose(remoteCode: UInt16? = 1000) -> CloseFacts {
    var facts = CloseFacts()
    facts.closedByTester = true
    facts.wasClean = true
    facts.remoteCode = remoteCode
    facts.localCode = 1000
    return facts
}

/// Close facts for a server that failed the connection itself with `code` (nil: a close frame
/// without a code, or a TCP drop without one).
func serverFailed(code: UInt16?, clean: Bool = true) -> CloseFacts {
    var facts = CloseFacts()
    facts.remoteCode = code
    facts.wasClean = clean
    if !clean { facts.notCleanReason = "the server dropped TCP without a completed closing handshake" }
    return facts
}

/// Server-to-client frame octets: unmasked, as RFC 6455 §5.1 requires of a server.
func serverFrame(
    _ opcode: Opcode, _ payload: [UInt8] = [], fin: Bool = true, rsv: ReservedBits = [], mask: MaskingKey? = nil
) -> [UInt8] {
    FrameEncoder.encode(Frame(fin: fin, rsv: rsv, opcode: opcode, maskingKey: mask, payload: payload))
}

/// A server close frame with `code` and a UTF-8 reason.
func serverClose(_ code: UInt16, reason: String = "") -> [UInt8] {
    serverFrame(.close, ClosePayload(code: CloseCode(rawValue: code), reason: Array(reason.utf8)).encoded())
}
