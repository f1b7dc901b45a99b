import Testing
import Wire

@testable import ReferenceServer

@Suite("Reference server fault modes")
struct FaultModeTests {
    /// For each fault, the probes whose reaction must differ from the correct server's.
    /// The probes whose reaction includes an echo.
    static let echoing: Set<String> = [
        "text echo", "zero-key text", "binary echo", "fragmented text with ping", "unsolicited pong", "two text messages",
    ]

    static let affected: [String: Set<String>] = [
        "accept-unmasked": ["unmasked text"],
        "skip-utf8": ["invalid UTF-8 text", "invalid UTF-8 first fragment", "close reason not UTF-8"],
        "utf8-at-message-end": ["invalid UTF-8 first fragment"],
        "ignore-rsv": ["RSV1 without extension", "RSV3", "close with RSV1"],
        "ignore-rsv-on-close": ["close with RSV1"],
        "accept-reserved-opcodes": ["reserved opcode 3"],
        "accept-oversized-control": ["ping of 126 bytes"],
        "accept-fragmented-control": ["fragmented ping"],
        "accept-bad-fragmentation": ["continuation without start", "text inside fragmented message"],
        "accept-non-minimal-length": ["non-minimal length"],
        "accept-invalid-close-codes": ["close 1005", "close 999", "close 5000"],
        "accept-malformed-close": ["close with 1-byte body"],
        "no-pong": ["fragmented text with ping", "ping", "empty ping"],
        "wrong-pong-payload": ["fragmented text with ping", "ping", "empty ping"],
        "wrong-close-code": ["close 1000", "close empty", "close 3000"],
        "no-close-reply": ["close 1000", "close empty", "close 3000"],
        "drop-tcp": Set(Probes.all.map(\.name)).subtracting([
            "text echo", "zero-key text", "binary echo", "fragmented text with ping", "ping", "empty ping", "unsolicited pong",
            "two text messages",
        ]),
        "no-size-limit": ["message over the limit"],
        "text-as-binary": ["text echo", "zero-key text", "fragmented text with ping", "unsolicited pong", "two text messages"],
        "binary-as-text": ["binary echo"],
        // Probes arrive one octet per read, so every probe not already failed with 1002 changes.
        "whole-frame-reads": Set(Probes.all.filter { Probes.react($0, fault: nil).description != "close(1002) → close TCP" }.map(\.name)),
        "mask-frames": Set(Probes.all.map(\.name)),
        "process-after-close": ["close 1000", "close empty", "close 3000"],
        "answer-unsolicited-pong": ["unsolicited pong"],
        "mask-offset-across-frames": ["fragmented text with ping", "unsolicited pong", "two text messages"],
        "corrupt-echo": echoing,
        // Each probe's payload is new to the server, so its first (and only) echo is corrupted.
        "flaky-echo": echoing,
        "truncate-echo": echoing,
        "append-to-echo": echoing,
        // A held echo is sent after the next message or before the Close; the probes end without one.
        "reorder-echoes": echoing,
        "stale-echo": ["two text messages"],
        "zero-key-as-unmasked": ["zero-key text"],
        "crash-on-input": ["close 1005"],
        // Only the opening handshake is slower; what follows it is unchanged.
        "slow-handshake": [],
        // The process faults change the shutdown and what a connection leaves behind, never a frame.
        "ignore-sigterm": [], "drop-on-shutdown": [], "leak-memory": [], "leak-descriptor": [],
        // The session's reactions are unchanged; only how its frames are written (from two threads) is not.
        "unsynchronised-writers": [],
        // The handshake faults change only what the probes' standard request never meets.
        "accept-any-version": [], "426-without-version": [], "accept-any-method": [], "accept-http-1.0": [], "skip-host-check": [],
        "skip-upgrade-check": [], "skip-connection-check": [], "skip-key-check": [], "exact-connection-value": [],
        "case-sensitive-upgrade": [], "case-sensitive-field-names": [], "accept-hixie-76": [], "answer-unoffered-subprotocol": [],
        "drop-bad-handshake": [], "wrong-accept-key": [], "omit-upgrade-field": [], "answer-unoffered-extension": [],
        "accept-unknown-extension": [],
        // The probes negotiate no permessage-deflate.
        "deflate-reset-context": [],
        "accept-misplaced-rsv1": [],
        "accept-invalid-deflate-offer": [],
        "answer-larger-server-window": [],
        "drop-server-no-context-takeover": [],
        "answer-unoffered-client-window": [],
        "echo-valueless-client-window": [],
        "answer-deflate-twice": [],
        "misread-missing-client-window": [],
        "inflate-every-message": [],
        "inflate-frames-apart": [],
        "reject-bfinal": [],
        "ignore-server-no-context-takeover": [],
        "exceed-server-window": [],
        "ignore-corrupt-deflate": [],
        "utf8-before-inflate": [],
        "inflate-without-cap": [],
        "hang-on-input": ["RSV3"],
    ]

    @Test("every fault has a declared set of affected probes")
    func everyFaultDeclared() {
        #expect(Set(Self.affected.keys) == Set(Fault.all.map(\.name)))
        #expect(Set(Fault.all.map(\.name)).count == Fault.all.count)
    }

    @Test("the correct server reacts to each probe as RFC 6455 says")
    func correctServer() {
        let expected: [String: String] = [
            "text echo": "text(Hello) → open",
            "fragmented text with ping": "pong(p), text(Hello) → open",
            "ping": "pong(abc) → open",
            "empty ping": "pong() → open",
            "unsolicited pong": "text(after) → open",
            "close 1000": "close(1000) → close TCP",
            "close empty": "close(0) → close TCP",
            "close 3000": "close(3000) → close TCP",
            "close with RSV1": "close(1002) → close TCP",
            "two text messages": "text(first), text(second) → open",
            "unmasked text": "close(1002) → close TCP",
            "invalid UTF-8 text": "close(1007) → close TCP",
            "invalid UTF-8 first fragment": "close(1007) → close TCP",
            "RSV3": "close(1002) → close TCP",
            "reserved opcode 3": "close(1002) → close TCP",
            "ping of 126 bytes": "close(1002) → close TCP",
            "64-bit length with MSB": "close(1002) → close TCP",
            "close 1005": "close(1002) → close TCP",
            "close with 1-byte body": "close(1002) → close TCP",
            "close reason not UTF-8": "close(1007) → close TCP",
            "message over the limit": "close(1009) → close TCP",
        ]
        for probe in Probes.all {
            let reaction = Probes.react(probe, fault: nil)
            if let want = expected[probe.name] { #expect(reaction.description == want, "\(probe.name)") }
            #expect(reaction.frames.count <= 2, "\(probe.name): \(reaction)")
        }
    }

    @Test("each fault misbehaves exactly as named and only that way", arguments: Fault.all)
    func faultIsExact(fault: Fault) {
        let affected = Self.affected[fault.name] ?? []
        for probe in Probes.all {
            let correct = Probes.react(probe, fault: nil)
            // flaky-echo corrupts the first echo of each payload in the process: each probe is
            // its first meeting with the server.
            if fault == .flakyEcho { EchoTamper.echoedOnce.withLock { $0.removeAll() } }
            let faulty = Probes.react(probe, fault: fault)
            if affected.contains(probe.name) {
                #expect(faulty != correct, "\(fault.name) should change \(probe.name), both gave \(correct)")
            } else {
                #expect(faulty == correct, "\(fault.name) changed \(probe.name): \(faulty) instead of \(correct)")
            }
        }
    }

    @Test("fail-fast: invalid UTF-8 is refused at the offending octet, inside a frame still arriving")
    func failFastInsideFrame() {
        var session = EchoSession(configuration: ServerConfiguration())
        let frame = Probes.masked(Frame(opcode: .text, payload: Probes.invalidUTF8 + [UInt8](repeating: 0x41, count: 100)))
        // Header (2 + 4 key) + the 12 valid octets and the bad one: the close must come by then.
        let badAt = 6 + 12
        var sentClose = false
        for (index, byte) in frame.enumerated() {
            let actions = session.receive([byte])
            if actions.contains(.closeTCP) {
                sentClose = true
                #expect(index == badAt)
                break
            }
        }
        #expect(sentClose)
    }
}
