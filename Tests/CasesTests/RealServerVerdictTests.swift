import Cases
import Client
import Engine
import Foundation
import ProcessSupport
import Testing

/// The whole catalogue against servers written by others: it must run to completion and give
/// the committed verdicts (Expected/<peer>.tsv), each non-OK one with its reason.
///
/// The test command runs these suites in an invocation of their own (`scripts/test`), after
/// everything else, so nothing loads the machine meanwhile: the timers are the ones a user
/// gets, with no slack.
@Suite("The catalogue against real servers gives the committed verdicts", .serialized)
struct RealServerVerdictTests {
    static let peers = ["websockets", "aiohttp", "tornado", "autobahn", "node-ws"]

    @Test("the catalogue gives the committed verdicts against a real server", arguments: peers)
    func verdicts(peer: String) throws {
        let server = try PeerServer(peer)
        defer { server.stop() }
        let target = TargetURL(secure: false, host: "127.0.0.1", port: server.port)
        // The quick tier: every case but the long compression families' full members, which
        // bench/compression.sh runs.
        let cases = Catalogue.cases(in: .quick)
        let results = CatalogueRunner(runner: CaseRunner(target: target, options: try Self.options(target))).run(cases)
        #expect(results.count == cases.count)
        let expected = try ExpectedVerdicts.load(peer)
        var differences: [String] = []
        for (testCase, result) in zip(cases, results) {
            if let line = expected.mismatch(testCase, result) { differences.append(line) }
        }
        if !differences.isEmpty {
            let observed = FileManager.default.temporaryDirectory.appendingPathComponent("wsconform-\(peer)-observed.tsv")
            try? differences.joined(separator: "\n").write(to: observed, atomically: true, encoding: .utf8)
            let shown = differences.prefix(20).joined(separator: "\n")
            Issue.record("\(differences.count) verdict(s) differ from Expected/\(peer).tsv (observed lines in \(observed.path)):\n\(shown)")
        }
    }
}

extension RealServerVerdictTests {
    /// The waits a user's run gets: from the target's measured echoes (`TargetLatency`).
    static func options(_ target: TargetURL) throws -> RunOptions {
        let latency = try #require(TargetLatency.measure(target, options: RunOptions()), "the peer echoes")
        return latency.configured(RunOptions())
    }

    /// The cases whose verdicts rest on waits: fail-fast checkpoints, paused fragments, the
    /// closing handshake.
    static let timed = ["utf8.fail-fast.*", "fragmentation.ping-inside.paused-*", "close.*"]

    /// Run after run, the same verdicts: the timed cases three times more, each run within the
    /// committed verdicts (a case that varies is committed as "A|B", timing-dependent).
    @Test("the timed cases give the committed verdicts run after run", arguments: peers)
    func repeated(peer: String) throws {
        let server = try PeerServer(peer)
        defer { server.stop() }
        let target = TargetURL(secure: false, host: "127.0.0.1", port: server.port)
        let cases = CaseSelection(include: Self.timed).apply(to: Catalogue.cases(in: .quick))
        #expect(cases.count > 40)
        let expected = try ExpectedVerdicts.load(peer)
        var differences: [String] = []
        for run in 1...3 {
            let results = CatalogueRunner(runner: CaseRunner(target: target, options: try Self.options(target))).run(cases)
            for (testCase, result) in zip(cases, results) {
                if let line = expected.mismatch(testCase, result) { differences.append("run \(run): \(line)") }
            }
        }
        #expect(differences == [], "verdicts that changed from run to run against \(peer)")
    }
}

@Suite("Committed real-server verdicts")
struct ExpectedVerdictFileTests {
    @Test("every id in Expected/*.tsv is a catalogue case", arguments: RealServerVerdictTests.peers)
    func idsExist(peer: String) throws {
        let ids = Set(Catalogue.all.map(\.id))
        let expected = try ExpectedVerdicts.load(peer)
        #expect(!expected.entries.isEmpty, "\(peer).tsv lists no verdict")
        for id in expected.entries.keys.sorted() { #expect(ids.contains(id), "\(peer).tsv names \(id), which is not in the catalogue") }
    }
}
