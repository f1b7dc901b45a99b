import Cases
import Engine
import ReferenceServer
import Transport

/// Runs catalogue cases against an in-process reference server, correct or with one fault.
enum CatalogueHarness {
    static func run(_ cases: [TestCase], fault: Fault? = nil, jobs: Int = CatalogueRunner.defaultJobs) throws -> [CaseResult] {
        let server = try ReferenceServer(configuration: ServerConfiguration(fault: fault))
        server.start()
        defer { server.stop() }
        let target = TargetURL(secure: false, host: "127.0.0.1", port: server.port)
        return CatalogueRunner(runner: CaseRunner(target: target), jobs: jobs).run(cases)
    }

    /// One line per result, for failure messages.
    static func describe(_ testCase: TestCase, _ result: CaseResult) -> String {
        switch result.outcome {
        case .judged(let behaviour, let close):
            return "\(testCase): \(behaviour.rawValue) / \(close.rawValue) — \(result.reasons.joined(separator: "; "))"
        case .error(let text):
            return "\(testCase): ERROR \(text)"
        }
    }
}

/// Which reference-server fault makes each case fail: a case no fault can fail checks nothing.
/// One table per RFC section file, merged here.
enum FaultPairs {
    static let all: [String: String] = [
        dataFrames, pings, reservedBits, opcodes, fragmentation, utf8, closing, limits, masking,
    ].reduce(into: [:]) { merged, table in merged.merge(table) { first, _ in first } }
}
