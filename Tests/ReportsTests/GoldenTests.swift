import Cases
import Foundation
import Testing

@testable import Reports

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Golden files: each writer's output for a fixed report is committed; a change to a writer
/// shows up as a diff. `GoldenFile` says how they are rewritten.
@Suite("Report writers against golden files")
struct GoldenTests {
    /// Three cases that exercise every branch: passed, failed with characters that need
    /// escaping, and could not run.
    static var report: RunReport {
        var report = withoutLaunch
        report.targets[0].launched = LaunchedProcess(
            command: "./server --port 9001", ended: "exited with code 0", exitCode: 0, signal: nil, killedAfterGrace: false,
            output: "listening on 9001\nshutting down <\"&'> | now\n")
        return report
    }

    static var withoutLaunch: RunReport {
        let cases = Array(Catalogue.all.prefix(3))
        let results = [
            CaseResult(caseID: cases[0].id, outcome: .judged(behaviour: .ok, close: .ok), duration: .milliseconds(3)),
            CaseResult(
                caseID: cases[1].id, outcome: .judged(behaviour: .failed, close: .wrongCode),
                reasons: ["the server closed with 1002 <\"&'> | expected 1000"], firstDivergence: "event 1: expected text",
                duration: .milliseconds(12)).traced("4bf92f3577b34da6a3ce929d0e0e4736"),
            CaseResult(caseID: cases[2].id, outcome: .error("connect: refused"), reasons: ["connect: refused"]),
        ]
        return RunReport(
            toolVersion: "0.1.0", startedAt: "2026-11-25T18:00:00Z", durationSeconds: 1.25, commandLine: ["run", "ws://127.0.0.1:9001/"],
            seed: 1, incomplete: false,
            targets: [
                TargetReport(
                    url: "ws://127.0.0.1:9001/", agent: nil,
                    measurements: [
                        Measurement(
                            id: "handshake.round-trip", title: "Opening handshake round trip", value: 1204.5, unit: .milliseconds,
                            policy: .init(warn: 250, fail: 1000), advice: "slow <\"&'> | upgrade"),
                        Measurement(
                            id: "process.shutdown-exit", title: "Exit after SIGTERM", value: 0.2, unit: .seconds, policy: .init(fail: 5),
                            observed: "exited with code 0 after 0.2 s <\"&'> |", advice: "the process stops by itself when asked"),
                    ],
                    cases: zip(cases, results).map { CaseReport($0, $1, sectionTitle: Catalogue.sectionTitle(of: $0.id)) })
            ])
    }

    @Test("the OpenMetrics text matches its golden file") func openMetrics() throws { try Self.check(OpenMetricsReporter()) }

    static func check(_ reporter: any Reporter<RunReport>, sourceLocation: SourceLocation = #_sourceLocation) throws {
        try GoldenFile.check(try reporter.render(report), reporter.fileName, sourceLocation: sourceLocation)
    }

    @Test("the JSON report matches its golden file") func json() throws { try Self.check(JSONReporter()) }
    @Test("the Markdown summary matches its golden file") func markdown() throws { try Self.check(MarkdownReporter()) }
    @Test("the JUnit XML matches its golden file") func junit() throws { try Self.check(JUnitReporter()) }

    @Test("a case's trace id is shown beside it in every format that lists the case")
    func traceIdInEveryFormat() throws {
        let id = "4bf92f3577b34da6a3ce929d0e0e4736"
        for reporter in [JSONReporter(), HTMLReporter(), JUnitReporter(), MarkdownReporter()] as [any Reporter<RunReport>] {
            let text = String(decoding: try reporter.render(Self.report), as: UTF8.self)
            #expect(text.contains(id), "\(reporter.fileName)")
        }
        let html = String(decoding: try HTMLReporter().render(Self.report), as: UTF8.self)
        #expect(html.contains("<dt>Trace id</dt><dd><code class=\"trace\">\(id)</code></dd>"))
    }

    @Test("the JUnit XML is well-formed and counts failures and errors")
    func junitIsWellFormed() throws {
        let data = try JUnitReporter().render(Self.report)
        let parser = XMLParser(data: data)
        #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("tests=\"3\" failures=\"1\" errors=\"1\""))
        #expect(text.contains("&lt;&quot;&amp;&apos;&gt;"))
    }

    @Test("a waived failure is skipped with its reason; several targets get a testsuite per target and category")
    func junitWaiversAndTargets() throws {
        var report = Self.report
        report.targets.append(report.targets[0])
        report.targets[1].agent = "second"
        let baseline = Baseline(
            path: "b.json", waivers: [.init(case: report.targets[0].cases[1].id, target: "second", reason: "known: tracked")])
        let text = String(decoding: try JUnitReporter().render(BaselineComparison.apply(baseline, to: report)), as: UTF8.self)
        #expect(text.contains("<skipped message=\"waived: known: tracked\"/>"))
        #expect(text.contains("tests=\"6\" failures=\"1\" errors=\"2\" skipped=\"1\""), "\(text)")
        #expect(text.contains("<testsuite name=\"ws://127.0.0.1:9001/ framing\"") && text.contains("<testsuite name=\"second framing\""))
    }

    @Test("a server's reason cannot open a code span or recolour a terminal in the Markdown summary")
    func markdownReasonsAreProse() throws {
        var report = Self.report
        report.targets[0].cases[1].reasons = ["closed with `1002` *now*\u{1B}[31m"]
        let text = String(decoding: try MarkdownReporter().render(report), as: UTF8.self)
        #expect(text.contains("closed with \\`1002\\` \\*now\\*"), "\(text)")
        #expect(!text.contains("\u{1B}"))
    }
}

extension CaseResult {
    /// This result with the trace id its handshake carried.
    func traced(_ traceID: String) -> CaseResult {
        var result = self
        result.traceID = traceID
        return result
    }
}
