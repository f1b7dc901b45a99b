import Client
import Foundation
import ReferenceServer
import Synchronization
import Testing
import Transport
import Wire

@testable import Fuzz

/// Campaigns against the in-process reference server: none of its reactions is a finding when
/// it is correct, and a fault that breaks a protocol rule is found, minimised and signed.
///
/// The reference server reacts to every input and a session ends the moment its reaction is
/// known (`ScriptExecutor`), so no timer decides anything here: the reaction timeout is a
/// liveness guard a loaded machine never reaches (a slow correct reply is not silence), and
/// minimisation is bounded by its number of runs, not by time.
@Suite("Fuzz: campaigns against the reference server", .serialized)
struct CampaignTests {
    static func campaign(fault: Fault?, seed: UInt64, inputs: UInt64, jobs: Int = 8) throws -> Campaign.Outcome {
        let server = try ReferenceServer(configuration: ServerConfiguration(fault: fault))
        server.start()
        defer { server.stop() }
        let target = TargetURL(secure: false, host: "127.0.0.1", port: server.port)
        let options = CampaignOptions(
            seed: seed, inputs: inputs, jobs: jobs, epochSize: 256, reactionTimeout: .seconds(30), minimizeTime: .seconds(3600))
        let campaign = Campaign(
            options: options, executor: ScriptExecutor(target: target, reactionTimeout: options.reactionTimeout), corpus: [],
            toolVersion: "test", onFinding: { _ in })
        return campaign.run(stop: { false })
    }

    @Test("a correct server: thousands of inputs, every reaction conforms, no finding")
    func noFalsePositives() throws {
        let outcome = try Self.campaign(fault: nil, seed: 0xC0FFEE, inputs: 3000)
        #expect(outcome.findings.map(\.signature.description) == [], "\(outcome.findings.map(\.observed))")
        #expect(outcome.statistics.inputsRun == 3000)
        #expect(outcome.statistics.reactions.count >= 4, "several reaction classes: \(outcome.statistics.reactions)")
        #expect(outcome.statistics.validInputs > 0 && outcome.statistics.validInputs < 3000)
        #expect(outcome.corpus.count > 1, "reactions never seen before grow the corpus")
    }

    @Test("a server that skips reserved opcodes is found, minimised to one frame")
    func findsReservedOpcodes() throws {
        let outcome = try Self.campaign(fault: .acceptReservedOpcodes, seed: 7, inputs: 1000)
        let finding = try #require(outcome.findings.first { $0.signature.rule == .reservedOpcode }, "\(outcome.findings.map(\.signature))")
        #expect(finding.script.steps.count <= 2, "minimised: \(finding.script.steps.count) steps")
        #expect(finding.signature.oracle == .protocol)
        #expect(finding.script.note?.hasPrefix("finding \(finding.signature): input \(finding.inputIndex) of seed 7") == true)
    }

    @Test("the working corpus grows the same way whatever --jobs")
    func jobsDoNotChangeInputs() throws {
        let one = try Self.campaign(fault: nil, seed: 99, inputs: 768, jobs: 1)
        let many = try Self.campaign(fault: nil, seed: 99, inputs: 768, jobs: 8)
        #expect(one.corpus == many.corpus)
        #expect(one.statistics.mutatorInputs == many.statistics.mutatorInputs)
    }
}
