import Cases
import Engine
import Foundation
import ProcessSupport
import Testing
import Transport

@testable import Fuzz

/// Fuzz campaigns against servers written by others (Tests/InteropTests/python/peers.py):
/// every finding must be one committed in Expected/<peer>.tsv with the rule it shows the
/// server breaking — an oracle disagreement nobody has judged fails the test. Each peer has
/// real findings, so the test also shows the oracle catching independently written servers.
@Suite("Fuzz: campaigns against real servers give only the committed findings", .serialized)
struct RealServerFindingsTests {
    static let peers = ["websockets", "aiohttp", "tornado", "autobahn"]
    /// Inputs per campaign: each takes seconds (autobahn-python the longest: it never answers a
    /// head with bare LF line ends, so each such input costs the reaction timeout).
    static let inputs: UInt64 = 3000

    /// The committed catalogue seeds, as `wsconform fuzz --seed-from-catalogue` writes them.
    static let seeds: [SessionScript] = Catalogue.all.map { SessionScript.seed(from: $0).script }

    @Test("a fixed-seed campaign finds only committed, reasoned findings", arguments: peers)
    func findings(peer: String) throws {
        let server = try PeerServer(peer)
        defer { server.stop() }
        let target = TargetURL(secure: false, host: "127.0.0.1", port: server.port)
        // Python servers on a loaded CI machine are slow to fail a connection: 2 s to react.
        // Signatures are known before minimisation, so none is done here.
        let options = CampaignOptions(
            seed: 1, inputs: Self.inputs, jobs: 8, reactionTimeout: .seconds(2), minimizeCalls: 0, minimizeTime: .zero)
        let campaign = Campaign(
            options: options, executor: ScriptExecutor(target: target, reactionTimeout: .seconds(2)), corpus: Self.seeds,
            toolVersion: "test", onFinding: { _ in })
        let outcome = campaign.run(stop: { false })
        #expect(outcome.statistics.inputsRun == Self.inputs)
        let expected = try Self.expected(peer)
        // A finding nobody has judged fails the test only if it is the server's doing: it must
        // reproduce on each of three replays (a reaction cut short by a loaded CI machine does not).
        let executor = ScriptExecutor(target: target, reactionTimeout: .seconds(2))
        let unexplained = outcome.findings.filter { finding in
            expected[finding.signature.description] == nil
                && (0..<3).allSatisfy { _ in Replay.run(finding, on: executor).outcome == .reproduced }
        }
        if !unexplained.isEmpty {
            // Kept for judging: each finding's file, as `wsconform fuzz` saves it.
            let kept = FileManager.default.temporaryDirectory.appendingPathComponent("wsconform-fuzz-\(peer)-unexplained")
            try? FileManager.default.createDirectory(at: kept, withIntermediateDirectories: true)
            for finding in unexplained {
                try? finding.jsonData().write(to: kept.appendingPathComponent(finding.fileName))
            }
            let lines = unexplained.map { "\($0.signature)\t\($0.expected) / \($0.observed)" }
            Issue.record("findings not in Expected/\(peer).tsv (files in \(kept.path)):\n\(lines.joined(separator: "\n"))")
        }
        #expect(!outcome.findings.isEmpty, "each peer breaks some rule the fuzzer checks (see Expected/\(peer).tsv)")
    }

    /// Signature → reason, from `Expected/<peer>.tsv` (`#` lines are comments).
    static func expected(_ peer: String) throws -> [String: String] {
        let path = PeerServer.packageRoot + "/Tests/FuzzTests/Expected/\(peer).tsv"
        var entries: [String: String] = [:]
        for line in try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n") where !line.hasPrefix("#") {
            let fields = line.split(separator: "\t", maxSplits: 1).map(String.init)
            guard fields.count == 2, FindingSignature(fields[0]) != nil, !fields[1].isEmpty else {
                throw PeerError("\(peer).tsv: a line needs a signature and a reason: \(line)")
            }
            entries[fields[0]] = fields[1]
        }
        return entries
    }
}
