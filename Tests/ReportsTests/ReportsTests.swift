import Cases
import Foundation
import Testing

@testable import Reports

@Suite("Reports: JSON, redaction, atomic writing")
struct ReportsTests {
    static func sampleReport(commandLine: [String] = ["run", "ws://127.0.0.1:9001/"]) -> RunReport {
        let testCase = Catalogue.all[0]
        let result = CaseResult(
            caseID: testCase.id, outcome: .judged(behaviour: .ok, close: .ok), duration: .milliseconds(12),
            transcript: [TranscriptEntry(micros: 5, kind: .note, text: "connected")])
        return RunReport(
            toolVersion: "0.1.0", startedAt: "2026-11-25T18:00:00Z", durationSeconds: 1.5,
            commandLine: Redaction.redact(commandLine: commandLine),
            seed: 7, incomplete: false,
            targets: [
                TargetReport(
                    url: "ws://127.0.0.1:9001/", agent: nil,
                    cases: [CaseReport(testCase, result, sectionTitle: Catalogue.sectionTitle(of: testCase.id))])
            ])
    }

    @Test("the JSON report carries its schema version, totals and every case field")
    func jsonReport() throws {
        let data = try JSONReporter().render(Self.sampleReport())
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["schemaVersion"] as? Int == RunReport.currentSchemaVersion)
        let target = try #require((object["targets"] as? [[String: Any]])?.first)
        #expect((target["totals"] as? [String: Int])?["passed"] == 1)
        let report = try #require((target["cases"] as? [[String: Any]])?.first)
        for key in ["id", "autobahn", "section", "level", "rule", "behaviour", "close", "durationMilliseconds", "expected", "transcript"] {
            #expect(report[key] != nil, "missing \(key)")
        }
        // Round trip: what is written reads back as the same report.
        let decoded = try JSONDecoder().decode(RunReport.self, from: data)
        #expect(decoded.targets[0].cases[0].id == Catalogue.all[0].id)
    }

    @Test("secret header values never reach a report")
    func redaction() throws {
        let line = [
            "run", "--header", "Authorization: Bearer s3cr3t", "--header=Cookie: id=abc", "--header", "X-Api-Token: t0k", "--header",
            "X-Trace: visible", "ws://h/",
        ]
        let data = try JSONReporter().render(Self.sampleReport(commandLine: line))
        let text = String(decoding: data, as: UTF8.self)
        for secret in ["s3cr3t", "id=abc", "t0k"] { #expect(!text.contains(secret), "\(secret) leaked") }
        #expect(text.contains("X-Trace: visible"))
        #expect(text.contains(Redaction.placeholder))
    }

    @Test("report files are written whole into the directory")
    func atomicWrite() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("wsconform-report-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let written = try ReportWriter(reporters: [JSONReporter()]).write(Self.sampleReport(), to: directory)
        #expect(written.map(\.lastPathComponent) == ["report.json"])
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        #expect(names == ["report.json"], "no temporary files left: \(names)")
        #expect(try Data(contentsOf: written[0]) == JSONReporter().render(Self.sampleReport()))
    }
}

extension ReportsTests {
    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    @Test("the JSON report validates against docs/report.schema.json")
    func schemaValidates() throws {
        #expect(try Self.validate(Self.sampleReport()) == 0)
    }

    /// Validates `report` as JSON against docs/report.schema.json with Python's jsonschema; the
    /// validator's exit status (0: valid).
    static func validate(_ report: RunReport) throws -> Int32? {
        try validate(try JSONReporter().render(report), against: "report.schema.json")
    }

    /// Validates `json` against `docs/<schema>` with Python's jsonschema; the validator's exit
    /// status (0: valid), nil (an issue recorded) without the Python that has it.
    static func validate(_ json: Data, against schema: String) throws -> Int32? {
        let python = ProcessInfo.processInfo.environment["WSCONFORM_PYTHON"] ?? Self.packageRoot.path + "/.venv/bin/python"
        guard FileManager.default.isExecutableFile(atPath: python) else {
            Issue.record("no Python with jsonschema at \(python): run scripts/test, which installs it")
            return nil
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("wsconform-report-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: file) }
        try json.write(to: file)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [
            "-c", "import json, sys, jsonschema; jsonschema.validate(json.load(open(sys.argv[2])), json.load(open(sys.argv[1])))",
            Self.packageRoot.path + "/docs/" + schema, file.path,
        ]
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }
}
