import Cases
import Engine
import Foundation
import ProcessSupport
import Testing

/// The whole catalogue against servers written by others: it must run to completion and give
/// the committed verdicts (Expected/<peer>.tsv), each non-OK one with its reason. Part of the
/// serialized catalogue suite, so that no other catalogue run loads the machine meanwhile.
extension CatalogueTests {
    static let peers = ["websockets", "aiohttp", "tornado", "autobahn"]

    /// Timers are upper bounds on how long the tester waits for a server to act; a Python
    /// server on a loaded 2-core CI machine can need more than Autobahn's 0.5 s to fail a
    /// connection, so they are stretched. A correct, prompt server gets the same verdicts.
    static let peerTimeoutScale = 3.0

    @Test("the catalogue gives the committed verdicts against a real server", arguments: peers)
    func verdicts(peer: String) throws {
        let server = try PeerServer(peer)
        defer { server.stop() }
        let target = TargetURL(secure: false, host: "127.0.0.1", port: server.port)
        let cases = Catalogue.all
        let options = RunOptions(timeoutScale: Self.peerTimeoutScale)
        let results = CatalogueRunner(runner: CaseRunner(target: target, options: options)).run(cases)
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
