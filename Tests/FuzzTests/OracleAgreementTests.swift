import Cases
import PerMessageDeflate
import Testing
import Wire

@testable import Fuzz
@testable import ReferenceServer

/// The reaction of the in-process reference server to a script's writes, fed one write at a
/// time through `ServerHandshake` and `EchoSession` (pure state machines: no sockets). When it
/// agrees to permessage-deflate, its compressed echoes are inflated, as a client reads them.
struct ServerReaction: CustomStringConvertible {
    enum Ending: Equatable {
        case open
        case closed(UInt16?)
        case dropped
        case refused(Int)
        case other(String)
    }

    var replies: [Frame] = []
    var ending: Ending = .open
    /// The absolute octets fed before and after the write that ended the session.
    var endedWithin: Range<Int>?

    var description: String { "\(replies.map(\.description)) → \(ending)" }

    static func run(_ wire: ScriptWire, fault: Fault? = nil) -> ServerReaction {
        var handshake = ServerHandshake(configuration: ServerConfiguration(fault: fault))
        var inflater: MessageDecompressor?
        var session: EchoSession?
        var frames = FrameAssembler(decoder: FrameDecoder(sender: .server, allowedReservedBits: .rsv1))
        var reaction = ServerReaction()
        var fed = 0
        for write in wire.writes {
            let before = fed
            fed += write.bytes.count
            var actions: [SessionAction]
            if var open = session {
                actions = open.receive(write.bytes)
                session = open
            } else {
                switch handshake.receive(write.bytes) {
                case .needMore:
                    continue
                case .reject(let response, _):
                    let status = String(decoding: response.prefix(12), as: UTF8.self).split(separator: " ").dropFirst().first
                    reaction.ending = .refused(status.flatMap { Int($0) } ?? 0)
                    reaction.endedWithin = before..<fed
                    return reaction
                case .accept(let response, var opened, let remainder, let extensions):
                    var parser = HTTPHeadParser()
                    if case .complete(let head, _) = parser.feed(response),
                        let problem = ResponseCheck.problems(request: wire.handshake, response: head).first
                    {
                        reaction.ending = .other("a broken 101: \(problem)")
                        reaction.endedWithin = before..<fed
                        return reaction
                    }
                    if extensions != nil { inflater = try? MessageDecompressor() }
                    actions = opened.receive(remainder)
                    session = opened
                }
            }
            for action in actions {
                switch action {
                case .send(let bytes):
                    reaction.replies += frames.feed(bytes).map { decoded in
                        // The reference server sends each echo whole, in one frame.
                        guard decoded.frame.rsv.contains(.rsv1), let inflater,
                            case .ok(let octets) = inflater.decompress(decoded.frame.payload, maxOutput: 64 << 20)
                        else { return decoded.frame }
                        return Frame(opcode: decoded.frame.opcode, payload: octets)
                    }
                case .closeTCP, .dropTCP:
                    if let last = reaction.replies.last, last.opcode == .close {
                        reaction.replies.removeLast()
                        reaction.ending = .closed(ClosePayload.parse(last.payload).payload.code?.rawValue)
                    } else {
                        reaction.ending = .dropped
                    }
                case .crashServer, .hangServer: reaction.ending = .other("\(action)")
                }
            }
            if reaction.ending != .open {
                reaction.endedWithin = before..<fed
                return reaction
            }
        }
        return reaction
    }

    /// Why this reaction differs from `expected`, or nil when they agree.
    func disagreement(with expected: ExpectedReaction) -> String? {
        if expected.outOfScope != nil { return nil }
        switch expected.ending {
        case .refused(let rule):
            return ending == .refused(rule.rule.expectedStatus ?? 0) ? nil : "expected refusal \(rule), server: \(self)"
        case .failed(let rule):
            guard case .closed(let code?) = ending, rule.rule.closeCodes.contains(CloseCode(rawValue: code)) else {
                return "expected failure \(rule), server: \(self)"
            }
            if replies != expected.replies { return "replies before failure differ: \(expected.replies) vs \(self)" }
            if let range = endedWithin, !(range.lowerBound < rule.decidedAt && rule.decidedAt <= range.upperBound) {
                return "failure decided at \(rule.decidedAt), server failed within \(range)"
            }
            return nil
        case .closeEchoed(let code):
            guard ending == .closed(code?.rawValue), replies == expected.replies else {
                return "expected \(expected.replies) then close echo \(code.map(String.init(describing:)) ?? "empty"), server: \(self)"
            }
            return nil
        case .open, .awaitingData:
            return ending == .open && replies == expected.replies ? nil : "expected \(expected.replies) and open, server: \(self)"
        }
    }
}

@Suite("Fuzz: the oracle agrees with the reference server")
struct OracleAgreementTests {
    /// Catalogue seeds small enough to run many times, plus the built-in seed.
    static let corpus: [SessionScript] =
        Catalogue.cases(in: .quick).map { SessionScript.seed(from: $0).script }.filter { !$0.steps.isEmpty && $0.wire().bytes.count < 100_000 }
        + [InputSource.builtInSeed]

    @Test("every catalogue seed gets the reaction the oracle predicts")
    func catalogueSeeds() {
        var disagreements: [String] = []
        for testCase in Catalogue.cases(in: .quick) {
            let script = SessionScript.seed(from: testCase).script
            let wire = script.wire()
            guard wire.bytes.count < 4_000_000 else { continue }
            if let problem = ServerReaction.run(wire).disagreement(with: Oracle.expect(wire)) {
                disagreements.append("\(testCase.id): \(problem)")
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements.count) disagreements:\n\(disagreements.prefix(10).joined(separator: "\n"))")
    }

    @Test("600 generated inputs get the reaction the oracle predicts, across every rule class")
    func generatedInputs() {
        let source = InputSource(seed: 0xA6EE, corpus: Self.corpus)
        var disagreements: [String] = []
        var classes: [String: Int] = [:]
        for index in UInt64(0)..<600 {
            let input = source.input(at: index)
            let wire = input.script.wire()
            let expected = Oracle.expect(wire)
            classes[expected.ruleBreak?.rule.rawValue ?? "valid", default: 0] += 1
            if let problem = ServerReaction.run(wire).disagreement(with: expected) {
                disagreements.append("input \(index) \(input.mutators): \(problem)")
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements.count) disagreements:\n\(disagreements.prefix(10).joined(separator: "\n"))")
        // The stream exercises both sides of the oracle, and many rules.
        #expect(classes["valid", default: 0] >= 60)
        #expect(classes.count >= 12, "rule classes seen: \(classes.sorted { $0.key < $1.key })")
    }

    /// Faults the agreement check cannot see, each with the reason; the catalogue catches them.
    static let unseen: [String: String] = [
        "slow-handshake": "it changes only when the 101 is sent; the reaction is the same (handshake.round-trip measures it)",
        "unsynchronised-writers": "the session's reactions are the same; only concurrent writes tear them (the interleaving probe catches it)",
        "ignore-sigterm": "a process fault: no frame changes (the launched target's shutdown check catches it)",
        "drop-on-shutdown": "a process fault: no frame changes (the launched target's shutdown check catches it)",
        "leak-memory": "a process fault: no frame changes (the launched target's connect/close cycles catch it)",
        "leak-descriptor": "a process fault: no frame changes (the launched target's connect/close cycles catch it)",
        "426-without-version":
            "the oracle judges a refusal by its status, not its fields (the catalogue's handshake.version.* cases check the field)",
        "ignore-server-no-context-takeover":
            "replies are inflated leniently, with the window kept, so a server compressor that keeps its context is not told apart (compression.server-no-context-takeover.honoured and the 13.2/13.5/13.6 cases catch it)",
        "exceed-server-window":
            "replies are inflated leniently, with a full window, so distances past the agreed window are not told apart (compression.server-max-window-bits.* catch it)",
        "accept-hixie-76":
            "it answers only a request with Sec-WebSocket-Key1, which no generated input carries (handshake.legacy.hixie-76 catches it)",
        "answer-unoffered-subprotocol":
            "no generated input offers a subprotocol, so the 101 names none (handshake.subprotocol.offered catches it)",
        "accept-unknown-extension":
            "no generated input offers an extension other than permessage-deflate (handshake.extension.unknown catches it)",
        "inflate-without-cap":
            "the oracle's inputs inflate to at most 16 MiB, under the server's 64 MiB limit (compression.limit.inflated-over-limit catches it)",
    ].merging(negotiation) { first, _ in first }

    /// The permessage-deflate negotiation faults change only the 101's Sec-WebSocket-Extensions
    /// answer to an offer, which the agreement check does not judge (the catalogue's
    /// compression.negotiation.* cases catch each).
    static let negotiation: [String: String] = Dictionary(
        uniqueKeysWithValues: [
            "accept-invalid-deflate-offer", "answer-larger-server-window", "drop-server-no-context-takeover",
            "answer-unoffered-client-window", "echo-valueless-client-window", "answer-deflate-twice",
        ].map { ($0, "the fault changes only the answer to an offer, which the agreement check does not judge (compression.negotiation.* catch it)") })

    @Test("the faults the agreement check cannot see exist, and are few")
    func unseenFaults() {
        #expect(Set(Self.unseen.keys).isSubset(of: Set(Fault.all.map(\.name))))
        // Of the faults outside the negotiation of permessage-deflate, its server-side
        // compressor and the process (shutdown, leaks), only a few may go unseen: two that only the 101's timing or a refusal's
        // fields show, and three whose requests no generated input makes (a draft-76 head, a
        // subprotocol offer, an extension other than permessage-deflate).
        let elsewhere = Set(Self.negotiation.keys).union(["ignore-server-no-context-takeover", "exceed-server-window", "inflate-without-cap"])
            .union(["ignore-sigterm", "drop-on-shutdown", "leak-memory", "leak-descriptor", "unsynchronised-writers"])
        #expect(Self.unseen.keys.filter { !elsewhere.contains($0) }.count <= 5)
    }

    /// The check itself must be able to fail: a server with one fault disagrees with the
    /// oracle on some generated input (crash and hang faults show as such).
    @Test(
        "the agreement check catches a faulty reference server",
        arguments: Fault.all.map(\.name).filter { unseen[$0] == nil })
    func faultyServer(name: String) throws {
        let fault = try #require(Fault.all.first { $0.name == name })
        let source = InputSource(seed: 0xA6EE, corpus: Self.corpus)
        let caught = (UInt64(0)..<3000).contains { index in
            let wire = source.input(at: index).script.wire()
            return ServerReaction.run(wire, fault: fault).disagreement(with: Oracle.expect(wire)) != nil
        }
        #expect(caught)
    }
}
