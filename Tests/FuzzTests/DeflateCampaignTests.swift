import Cases
import Client
import ReferenceServer
import Testing
import Transport
import Wire

@testable import Fuzz

/// Campaigns that speak permessage-deflate (RFC 7692) against the in-process reference server:
/// its two deflate faults are found, minimised and replayed from their saved files, octet for
/// octet; the correct server gives no finding however the compressed messages are mutated.
///
/// Bounded: a fixed seed and a fixed number of inputs; the reaction timeout is a liveness guard
/// the reference server never reaches, and minimisation is bounded by its number of runs.
@Suite("Fuzz: permessage-deflate campaigns against the reference server", .serialized)
struct DeflateCampaignTests {
    /// A running reference server and an executor aimed at it.
    struct Target {
        let server: ReferenceServer
        let executor: ScriptExecutor

        init(fault: Fault?) throws {
            server = try ReferenceServer(configuration: ServerConfiguration(fault: fault))
            server.start()
            executor = ScriptExecutor(
                target: TargetURL(secure: false, host: "127.0.0.1", port: server.port), reactionTimeout: .seconds(30))
        }
    }

    static func campaign(_ target: Target, corpus: [SessionScript], seed: UInt64, inputs: UInt64) -> Campaign.Outcome {
        let options = CampaignOptions(
            seed: seed, inputs: inputs, jobs: 4, epochSize: 128, reactionTimeout: .seconds(30), minimizeTime: .seconds(3600))
        return Campaign(options: options, executor: target.executor, corpus: corpus, toolVersion: "test", onFinding: { _ in })
            .run(stop: { false })
    }

    /// Each deflate fault of `serve` and the signature its finding has: a valid message that
    /// refers back to the one before it is refused (the window was emptied, RFC 7692 §7.2.2),
    /// and RSV1 on a control frame or a continuation is taken (RFC 7692 §6.1).
    static let faults: [(fault: String, signature: String)] = [
        ("deflate-reset-context", "protocol/valid/closed-1002"),
        ("accept-misplaced-rsv1", "protocol/compressed-bit-misplaced/"),
    ]

    @Test("a deflate fault is found, minimised, and its saved finding replays the same octets", arguments: faults.map(\.fault))
    func findsFault(name: String) throws {
        let fault = try #require(Fault.all.first { $0.name == name })
        let expected = try #require(Self.faults.first { $0.fault == name }).signature
        let target = try Target(fault: fault)
        defer { target.server.stop() }
        let outcome = Self.campaign(target, corpus: [], seed: 0xDEF1, inputs: 400)
        let finding = try #require(
            outcome.findings.first { $0.signature.description.hasPrefix(expected) }, "\(outcome.findings.map(\.signature))")
        #expect(finding.script.offersDeflate)
        #expect(!finding.script.compressedMessages().isEmpty || name == "accept-misplaced-rsv1")
        #expect(finding.script.steps.count <= 3, "minimised to \(finding.script.steps.count) steps")
        #expect(finding.script.steps.count < finding.originalSteps)
        // The saved file holds the compressed octets: the same script, the same octets sent.
        let saved = try Finding.decode(json: finding.jsonData())
        #expect(saved.script == finding.script)
        #expect(saved.script.wire(host: "127.0.0.1").bytes == finding.script.wire(host: "127.0.0.1").bytes)
        #expect(Replay.run(saved, on: target.executor).outcome == .reproduced)
        // The correct server reacts as the oracle says.
        let correct = try Target(fault: nil)
        defer { correct.server.stop() }
        #expect(Replay.run(saved, on: correct.executor).outcome == .fixed)
    }

    @Test("the correct server: compressed inputs of every deflate mutator, no finding")
    func noFalsePositives() throws {
        let target = try Target(fault: nil)
        defer { target.server.stop() }
        let compression = Catalogue.cases(in: .quick).filter { !$0.opening.deflateOffers.isEmpty }.map { SessionScript.seed(from: $0).script }
        let outcome = Self.campaign(target, corpus: [InputSource.builtInDeflateSeed] + compression, seed: 0x7692, inputs: 1500)
        #expect(outcome.findings.map(\.signature.description) == [], "\(outcome.findings.map(\.observed))")
        #expect(outcome.statistics.inputsRun == 1500)
        for mutator in Mutator.deflateFamily {
            #expect(outcome.statistics.mutatorInputs[mutator.name, default: 0] > 0, "\(mutator.name) took part")
        }
    }
}
