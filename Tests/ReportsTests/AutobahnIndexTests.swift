import Cases
import Foundation
import Testing

@testable import Reports

/// Autobahn's `index.json`: the shape its scripts read, byte-compatible with what Autobahn's
/// Python writes (`json.dumps(sort_keys=True, indent=3)`), and a golden file.
@Suite("Autobahn index.json writer")
struct AutobahnIndexTests {
    /// Two targets (one named by agent, one by URL) and cases that pass, fail, could not run,
    /// and have no Autobahn alias.
    static var report: RunReport {
        let aliased = Array(Catalogue.all.filter { $0.autobahn != nil }.prefix(3))
        let plain = Catalogue.all.first { $0.autobahn == nil }!
        var closed = CloseFacts()
        closed.remoteCode = 1000
        closed.wasClean = true
        var wrongCode = CloseFacts()
        wrongCode.remoteCode = 1002
        let first = [
            CaseReport(
                aliased[0],
                CaseResult(caseID: aliased[0].id, outcome: .judged(behaviour: .ok, close: .ok), close: closed, duration: .milliseconds(2))),
            CaseReport(
                aliased[1],
                CaseResult(
                    caseID: aliased[1].id, outcome: .judged(behaviour: .failed, close: .wrongCode), reasons: ["closed with 1002"],
                    close: wrongCode,
                    duration: .milliseconds(14))),
            CaseReport(aliased[2], CaseResult(caseID: aliased[2].id, outcome: .error("connect: refused"), reasons: ["connect: refused"])),
            CaseReport(
                plain,
                CaseResult(caseID: plain.id, outcome: .judged(behaviour: .nonStrict, close: .failedByClient), duration: .milliseconds(1500))
            ),
        ]
        let second = [
            CaseReport(
                aliased[0],
                CaseResult(caseID: aliased[0].id, outcome: .judged(behaviour: .ok, close: .ok), close: closed, duration: .milliseconds(7)))
        ]
        return RunReport(
            toolVersion: "0.1.0", startedAt: "2026-11-25T18:00:00Z", durationSeconds: 1.5, commandLine: ["run"], seed: 1, incomplete: false,
            targets: [
                TargetReport(url: "ws://127.0.0.1:9001/", agent: "Reference Server/1.0 (Ünïcode)", cases: first),
                TargetReport(url: "wss://staging.example/ws", agent: nil, cases: second),
            ])
    }

    static func index() throws -> [String: [String: [String: Any]]] {
        let data = try AutobahnIndexReporter().render(report)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: [String: [String: Any]]])
    }

    @Test("index.json matches its golden file")
    func golden() throws {
        let reporter = AutobahnIndexReporter()
        #expect(reporter.format == .autobahn)
        #expect(reporter.fileName == "index.json")
        try GoldenFile.check(try reporter.render(Self.report), "index.json")
    }

    @Test("agents key the index, cases are keyed by Autobahn alias or else by id")
    func keys() throws {
        let index = try Self.index()
        #expect(Set(index.keys) == ["Reference Server/1.0 (Ünïcode)", "wss://staging.example/ws"])
        let first = try #require(index["Reference Server/1.0 (Ünïcode)"])
        let plain = Catalogue.all.first { $0.autobahn == nil }!
        let aliases = Catalogue.all.filter { $0.autobahn != nil }.prefix(3).compactMap(\.autobahn)
        #expect(Set(first.keys) == Set(aliases + [plain.id]))
        #expect(index["wss://staging.example/ws"]?.keys.sorted() == [aliases[0]])
    }

    @Test("each entry carries Autobahn's five fields with its verdicts, milliseconds and close code")
    func entries() throws {
        let first = try #require(try Self.index()["Reference Server/1.0 (Ünïcode)"])
        let aliases = Catalogue.all.filter { $0.autobahn != nil }.prefix(3).compactMap(\.autobahn)
        let passed = try #require(first[aliases[0]])
        #expect(Set(passed.keys) == ["behavior", "behaviorClose", "duration", "remoteCloseCode", "reportfile"])
        #expect(passed["behavior"] as? String == "OK")
        #expect(passed["behaviorClose"] as? String == "OK")
        #expect(passed["duration"] as? Int == 2)
        #expect(passed["remoteCloseCode"] as? Int == 1000)
        let failed = try #require(first[aliases[1]])
        #expect(failed["behavior"] as? String == "FAILED")
        #expect(failed["behaviorClose"] as? String == "WRONG CODE")
        #expect(failed["remoteCloseCode"] as? Int == 1002)
        let error = try #require(first[aliases[2]])
        #expect(error["behavior"] as? String == "FAILED", "a case that could not run must not look like a pass")
        #expect(error["behaviorClose"] as? String == "FAILED")
        #expect(error["remoteCloseCode"] is NSNull)
        let plain = try #require(first[Catalogue.all.first { $0.autobahn == nil }!.id])
        #expect(plain["behavior"] as? String == "NON-STRICT")
        #expect(plain["behaviorClose"] as? String == "FAILED BY CLIENT")
        #expect(plain["duration"] as? Int == 1500)
    }

    @Test("report file names follow Autobahn's rule for agents and case ids")
    func reportFileNames() throws {
        #expect(AutobahnIndexReporter.reportFile(agent: "AutobahnServer", caseKey: "1.1.1") == "autobahnserver_case_1_1_1.json")
        #expect(AutobahnIndexReporter.reportFile(agent: " Tornado / 6.6 ", caseKey: "9.7.6") == "tornado___6_6_case_9_7_6.json")
        #expect(AutobahnIndexReporter.reportFile(agent: "wss://h/ws", caseKey: "framing.x") == "wss___h_ws_case_framing_x.json")
        let index = try Self.index()
        let alias = try #require(Catalogue.all.first { $0.autobahn != nil }?.autobahn)
        #expect(
            index["wss://staging.example/ws"]?[alias]?["reportfile"] as? String
                == "wss___staging_example_ws_case_\(alias.replacingOccurrences(of: ".", with: "_")).json")
        #expect(
            index["Reference Server/1.0 (Ünïcode)"]?[alias]?["reportfile"] as? String
                == "reference_server_1_0___n_code_case_\(alias.replacingOccurrences(of: ".", with: "_")).json")
    }

    @Test("two targets with one agent name both appear")
    func duplicateAgents() throws {
        var report = Self.report
        report.targets[1].agent = report.targets[0].agent
        let data = try AutobahnIndexReporter().render(report)
        let index = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(index.keys) == ["Reference Server/1.0 (Ünïcode)", "Reference Server/1.0 (Ünïcode) (2)"])
    }

    @Test("an empty run writes an empty index")
    func empty() throws {
        var report = Self.report
        report.targets = []
        #expect(String(decoding: try AutobahnIndexReporter().render(report), as: UTF8.self) == "{}\n")
    }

    @Test("the bytes are what Autobahn's own json.dumps writes for the same index")
    func byteCompatibleWithAutobahn() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("wsconform-index-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: file) }
        let rendered = try AutobahnIndexReporter().render(Self.report)
        try rendered.write(to: file)
        let script = """
            import json, sys
            index = json.load(open(sys.argv[1], encoding="utf-8"))
            sys.stdout.write(json.dumps(index, sort_keys=True, indent=3, separators=(",", ": ")) + "\\n")
            """
        let (status, output) = try VenvPython.run(["-c", script, file.path])
        #expect(status == 0, "\(output)")
        #expect(output == String(decoding: rendered, as: UTF8.self))
    }
}
