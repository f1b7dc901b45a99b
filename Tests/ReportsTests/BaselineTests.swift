import Cases
import Foundation
import Testing

@testable import Reports

/// Small reports built from real catalogue cases (so ids and Autobahn aliases are the real ones).
enum SampleReports {
    /// How a sample case turned out.
    enum Outcome {
        case pass
        case fail(BehaviourVerdict, CloseVerdict, String)
        case error(String)
    }

    static func testCase(_ id: String) -> TestCase { Catalogue.all.first { $0.id == id }! }

    static func target(_ url: String, agent: String? = nil, _ outcomes: [(String, Outcome)]) -> TargetReport {
        let cases = outcomes.map { id, outcome in
            let result: CaseResult
            switch outcome {
            case .pass: result = CaseResult(caseID: id, outcome: .judged(behaviour: .ok, close: .ok), duration: .milliseconds(2))
            case .fail(let behaviour, let close, let reason):
                result = CaseResult(
                    caseID: id, outcome: .judged(behaviour: behaviour, close: close), reasons: [reason], duration: .milliseconds(5))
            case .error(let text): result = CaseResult(caseID: id, outcome: .error(text), reasons: [text])
            }
            return CaseReport(testCase(id), result)
        }
        return TargetReport(url: url, agent: agent, cases: cases)
    }

    static func run(_ targets: [TargetReport], startedAt: String = "2026-11-25T18:00:00Z") -> RunReport {
        RunReport(
            toolVersion: "0.1.0", startedAt: startedAt, durationSeconds: 1.25, commandLine: ["run", "ws://127.0.0.1:9001/"], seed: 1,
            incomplete: false, targets: targets)
    }

    /// Ping cases 2.1–2.4 and 2.10: two pass, two fail, one could not run.
    static var pingTarget: TargetReport {
        target(
            "ws://127.0.0.1:9001/",
            [
                ("ping.payload-0", .pass),
                ("ping.payload-text", .fail(.failed, .ok, "event 1: expected pong 'Hello, world!', received pong <nothing> | 1002")),
                ("ping.payload-binary", .fail(.failed, .ok, "event 1: expected pong 0x00fffefdfcfb00ff")),
                ("ping.payload-125", .error("connect: refused")),
                ("ping.burst-10", .pass),
            ])
    }
}

@Suite("Baseline files: loading")
struct BaselineLoadingTests {
    func parse(_ text: String) throws(BaselineError) -> Baseline { try Baseline.parse(Data(text.utf8), path: "ci/baseline.json") }

    func error(_ text: String) -> String? {
        do {
            _ = try parse(text)
            return nil
        } catch { return error.description }
    }

    @Test("a good file gives its waivers in order, with and without a target")
    func goodFile() throws {
        let baseline = try parse(
            """
            {"schemaVersion": 1, "waivers": [
              {"case": "6.4.*", "target": "staging", "reason": "fail-fast UTF-8 lands in 2.3"},
              {"case": "ping.payload-text", "reason": "  pong payload bug #123  "}
            ]}
            """)
        #expect(baseline.path == "ci/baseline.json")
        #expect(
            baseline.waivers == [
                Baseline.Waiver(case: "6.4.*", target: "staging", reason: "fail-fast UTF-8 lands in 2.3"),
                Baseline.Waiver(case: "ping.payload-text", reason: "pong payload bug #123"),
            ])
    }

    @Test("a waiver without a reason is refused, naming the file and the entry index")
    func missingReason() {
        let message = error(#"{"waivers": [{"case": "2.1", "reason": "ok"}, {"case": "2.2"}]}"#)
        #expect(message == #"baseline ci/baseline.json: waivers[1]: "reason" is missing (say why the failure is accepted)"#)
        #expect(error(#"{"waivers": [{"case": "2.2", "reason": "   "}]}"#)?.contains(#"waivers[0]: "reason" is empty"#) == true)
    }

    @Test("unknown keys are refused at the top and in a waiver")
    func unknownKeys() {
        #expect(
            error(#"{"waivers": [], "waiver": []}"#)
                == #"baseline ci/baseline.json: unknown key "waiver" (expected schemaVersion, waivers)"#)
        #expect(
            error(#"{"waivers": [{"case": "2.1", "reason": "r", "traget": "x"}]}"#)
                == #"baseline ci/baseline.json: waivers[0]: unknown key "traget" (expected case, target, reason)"#)
    }

    @Test("bad case patterns, bad types, bad JSON and other versions give one line each")
    func badValues() {
        let problems = [
            #"{"waivers": [{"case": "6.4.*, 7.*", "reason": "r"}]}"#: #"waivers[0]: bad case pattern "6.4.*, 7.*": one pattern per waiver"#,
            #"{"waivers": [{"case": "", "reason": "r"}]}"#: #"waivers[0]: bad case pattern "": it is empty"#,
            #"{"waivers": [{"case": 6, "reason": "r"}]}"#: #"waivers[0]: "case" must be a string"#,
            #"{"waivers": [{"case": "2.1", "target": "", "reason": "r"}]}"#: #"waivers[0]: "target" is empty"#,
            #"{"waivers": ["2.1"]}"#: "waivers[0]: expected an object",
            #"{"waivers": {}}"#: #""waivers" must be an array"#,
            #"{"schemaVersion": 2, "waivers": []}"#: "schemaVersion 2 is not supported",
            #"{"waivers": [}"#: "is not valid JSON",
            "[]": "expected a JSON object at the top",
        ]
        for (text, expected) in problems {
            let message = error(text) ?? "no error"
            #expect(message.contains(expected), "\(text) gave: \(message)")
            #expect(message.contains("ci/baseline.json"), "\(message)")
            #expect(!message.contains("\n"), "\(message)")
        }
    }

    @Test("an unreadable file is one line naming it")
    func unreadable() {
        #expect(throws: BaselineError.self) { try Baseline.load(path: "/nonexistent/baseline.json") }
        do {
            _ = try Baseline.load(path: "/nonexistent/baseline.json")
        } catch {
            #expect(error.description.hasPrefix("cannot read the baseline /nonexistent/baseline.json: "))
            #expect(!error.description.contains("\n"))
        }
    }

    @Test("the example in docs/baseline.md loads, and each of its patterns names catalogue cases")
    func documentedExample() throws {
        let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../docs/baseline.md")
        let text = try String(contentsOf: docs, encoding: .utf8)
        let start = try #require(text.range(of: "```json\n"))
        let end = try #require(text.range(of: "```", range: start.upperBound..<text.endIndex))
        let baseline = try Baseline.parse(Data(text[start.upperBound..<end.lowerBound].utf8), path: "docs/baseline.md")
        #expect(baseline.waivers.count == 3)
        for waiver in baseline.waivers {
            #expect(
                Catalogue.all.contains {
                    CaseSelection.glob(waiver.case, $0.id) || $0.autobahn.map { CaseSelection.glob(waiver.case, $0) } == true
                }, "\(waiver.case)")
        }
    }

    @Test("a previous report.json waives every case that did not pass in it, errors included")
    func reportAsBaseline() throws {
        let data = try JSONReporter().render(SampleReports.run([SampleReports.pingTarget]))
        let baseline = try Baseline.parse(data, path: "old/report.json")
        let reason = "failed in baseline report 2026-11-25T18:00:00Z"
        #expect(
            baseline.waivers == [
                Baseline.Waiver(case: "ping.payload-text", reason: reason), Baseline.Waiver(case: "ping.payload-binary", reason: reason),
                Baseline.Waiver(case: "ping.payload-125", reason: reason),
            ])
    }
}

@Suite("Baseline comparison")
struct BaselineComparisonTests {
    @Test("failures split into new and waived; a waived case that passes is fixed; a pattern that matches nothing is unmatched")
    func outcome() throws {
        let baseline = Baseline(
            path: "baseline.json",
            waivers: [
                .init(case: "2.2", reason: "pong payload bug #123"),  // an Autobahn alias
                .init(case: "ping.payload-0", reason: "was flaky"),  // passes now
                .init(case: "9.*", reason: "limits not selected"),  // matches nothing
            ])
        let report = BaselineComparison.apply(baseline, to: SampleReports.run([SampleReports.pingTarget]))
        #expect(report.baseline == "baseline.json")
        let target = report.targets[0]
        #expect(
            target.baseline
                == BaselineOutcome(
                    newFailures: ["ping.payload-binary"], waived: ["ping.payload-text"], fixed: ["ping.payload-0"], unmatched: ["9.*"]))
        #expect(target.cases.first { $0.id == "ping.payload-text" }?.waiver == "pong payload bug #123")
        #expect(target.cases.first { $0.id == "ping.payload-0" }?.waiver == nil)
        #expect(target.totals.passed == 2 && target.totals.failed == 1 && target.totals.waived == 1 && target.totals.errors == 1)
    }

    @Test("a case that could not run is never waived, even by a waiver naming it")
    func errorsNeverWaived() {
        let baseline = Baseline(path: "b.json", waivers: [.init(case: "ping.*", reason: "all of ping")])
        let target = BaselineComparison.apply(baseline, to: SampleReports.run([SampleReports.pingTarget])).targets[0]
        #expect(target.cases.first { $0.id == "ping.payload-125" }?.waiver == nil)
        #expect(target.totals.errors == 1 && target.totals.waived == 2 && target.totals.failed == 0)
        #expect(target.baseline?.waived == ["ping.payload-text", "ping.payload-binary"])
        #expect(target.baseline?.newFailures == [] && target.baseline?.unmatched == [])
    }

    @Test("a waiver with a target applies to that target only, by agent or by URL")
    func perTarget() {
        let staging = SampleReports.pingTarget
        var production = SampleReports.pingTarget
        production.url = "wss://prod.example/ws"
        production.agent = "production"
        let baseline = Baseline(
            path: "b.json",
            waivers: [
                .init(case: "2.2", target: "production", reason: "known on prod"),
                .init(case: "2.3", target: "ws://127.0.0.1:9001", reason: "known on staging"),
                .init(case: "2.*", target: "qa", reason: "for a target not in this run"),
            ])
        let report = BaselineComparison.apply(baseline, to: SampleReports.run([staging, production]))
        #expect(report.targets[0].baseline?.waived == ["ping.payload-binary"])
        #expect(report.targets[0].baseline?.newFailures == ["ping.payload-text"])
        #expect(report.targets[1].baseline?.waived == ["ping.payload-text"])
        #expect(report.targets[1].baseline?.newFailures == ["ping.payload-binary"])
        #expect(report.targets[0].baseline?.unmatched == ["2.* (target qa)"])
        #expect(report.targets[1].baseline?.unmatched == ["2.* (target qa)"])
    }

    @Test("applying a baseline again replaces the earlier waivers")
    func reapplying() {
        let first = Baseline(path: "a.json", waivers: [.init(case: "ping.payload-text", reason: "old reason")])
        let second = Baseline(path: "b.json", waivers: [])
        let report = BaselineComparison.apply(
            second, to: BaselineComparison.apply(first, to: SampleReports.run([SampleReports.pingTarget])))
        #expect(report.targets[0].cases.allSatisfy { $0.waiver == nil })
        #expect(report.targets[0].totals.waived == 0 && report.targets[0].totals.failed == 2)
        #expect(report.baseline == "b.json")
    }

    @Test("a report compared with a baseline still validates against docs/report.schema.json")
    func schemaValidates() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let python = ProcessInfo.processInfo.environment["WSCONFORM_PYTHON"] ?? root.path + "/.venv/bin/python"
        try #require(FileManager.default.isExecutableFile(atPath: python), "no Python with jsonschema at \(python): run scripts/test")
        let baseline = Baseline(path: "b.json", waivers: [.init(case: "2.2", reason: "known"), .init(case: "9.*", reason: "none")])
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("wsconform-baseline-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: file) }
        try JSONReporter().render(BaselineComparison.apply(baseline, to: SampleReports.run([SampleReports.pingTarget]))).write(to: file)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [
            "-c", "import json, sys, jsonschema; jsonschema.validate(json.load(open(sys.argv[2])), json.load(open(sys.argv[1])))",
            root.path + "/docs/report.schema.json", file.path,
        ]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }

    @Test("the Markdown summary with a baseline matches its golden file")
    func markdownGolden() throws {
        let baseline = Baseline(
            path: "ci/baseline.json",
            waivers: [
                .init(case: "2.2", reason: "pong payload bug <#123> | fixed in 2.4"),
                .init(case: "ping.payload-0", reason: "was flaky"),
                .init(case: "9.*", target: "staging", reason: "limits"),
            ])
        let report = BaselineComparison.apply(baseline, to: SampleReports.run([SampleReports.pingTarget]))
        let rendered = String(decoding: try MarkdownReporter().render(report), as: UTF8.self)
        try GoldenFile.check(Data(rendered.utf8), "summary-baseline.md")
        #expect(rendered.contains("| ping | 2 | 1 | 1 | 1 |"))
        #expect(rendered.contains("FAILED / OK (waived)"))
    }
}
