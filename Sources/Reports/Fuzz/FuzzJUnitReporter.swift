import Foundation

/// JUnit XML for CI test views: one testsuite "fuzz" holding a passing testcase "campaign" that
/// says what ran (so a clean campaign still shows up), one failing testcase per unique finding
/// with its reason and reproduction command, and one testcase per replayed finding (failing
/// while it reproduces or has changed, passing once fixed). Valid against docs/junit.xsd.
public struct FuzzJUnitReporter: Reporter {
    public var format: ReportFormat { .junit }
    public var fileName: String { "fuzz-junit.xml" }

    public init() {}

    public func render(_ report: FuzzReport) throws -> Data {
        let replayed = report.replay?.results ?? []
        let tests = 1 + report.findings.count + replayed.count
        let failures = report.findings.count + replayed.filter { $0.outcome != .fixed }.count
        let time = JUnitReporter.seconds(report.durationSeconds)
        var xml = ["<?xml version=\"1.0\" encoding=\"UTF-8\"?>"]
        xml.append(
            "<testsuites name=\"wsconform fuzz\" tests=\"\(tests)\" failures=\"\(failures)\" errors=\"0\" skipped=\"0\" time=\"\(time)\">")
        xml.append(
            "  <testsuite name=\"fuzz\" tests=\"\(tests)\" failures=\"\(failures)\" errors=\"0\" skipped=\"0\" time=\"\(time)\""
                + " timestamp=\"\(JUnitReporter.escape(report.startedAt))\">"
        )
        xml.append("    <properties>")
        var properties = [("target", report.target.url), ("seed", String(report.seed)), ("toolVersion", report.toolVersion)]
        if let shard = report.shard { properties.append(("shard", shard)) }
        for (name, value) in properties {
            xml.append("      <property name=\"\(name)\" value=\"\(JUnitReporter.escapeAttribute(value))\"/>")
        }
        xml.append("    </properties>")
        xml.append("    <testcase classname=\"wsconform.fuzz\" name=\"campaign\" time=\"\(time)\">")
        xml.append("      <system-out>\(JUnitReporter.escape(Self.campaignSummary(report)))</system-out>")
        xml.append("    </testcase>")
        for finding in report.findings { xml.append(Self.testcase(finding)) }
        for result in replayed { xml.append(Self.testcase(result)) }
        xml.append("  </testsuite>")
        xml.append("</testsuites>")
        return Data((xml.joined(separator: "\n") + "\n").utf8)
    }

    /// What the campaign did, in a few lines for the "campaign" testcase's output.
    static func campaignSummary(_ report: FuzzReport) -> String {
        let totals = report.totals
        var lines = [
            "\(totals.inputsRun) inputs run (\(totals.validInputs) valid, \(totals.invalidInputs) invalid) in "
                + "\(String(format: "%.1f", report.durationSeconds)) s, \(String(format: "%.1f", totals.inputsPerSecond)) inputs/s",
            "seed \(report.seed)\(report.shard.map { ", shard \($0)" } ?? ""), target \(report.target.url)",
            "\(report.findings.count) unique findings (\(report.newFindings.count) new), liveness checks: \(totals.livenessChecks), "
                + "server restarts: \(totals.restarts), corpus \(totals.corpusSizeAtStart) → \(totals.corpusSizeAtEnd)",
        ]
        if let replay = report.replay {
            lines.append(
                "replayed \(replay.results.count): \(replay.reproduced) reproduced, \(replay.changed) changed, \(replay.fixed) fixed")
        }
        if report.incomplete { lines.append("incomplete: the campaign was interrupted before its budget was spent") }
        return lines.joined(separator: "\n")
    }

    /// A finding as a failed testcase: the message says what happened, the text says why it is
    /// wrong and how to see it again.
    static func testcase(_ finding: FuzzFinding) -> String {
        let message = "\(finding.isNew ? "new" : "known") finding: \(finding.observed) (expected: \(finding.expected))"
        var body = [finding.ruleTitle]
        if let sentence = finding.ruleSentence { body.append(sentence) }
        body += [
            "expected: \(finding.expected)", "observed: \(finding.observed)",
            "steps: \(finding.stepsBefore) → \(finding.stepsAfter) after minimisation",
        ]
        if !finding.mutators.isEmpty { body.append("mutators: \(finding.mutators.joined(separator: ", "))") }
        body += ["saved: \(finding.path)", "reproduce: \(finding.reproduction)"]
        if let trace = finding.traceId { body.append("traceparent trace id: \(trace)") }
        if let output = finding.processOutput { body += ["server output (tail):", output] }
        return "    <testcase classname=\"wsconform.fuzz\" name=\"\(JUnitReporter.escapeAttribute(finding.signature))\">\n"
            + "      <failure message=\"\(JUnitReporter.escapeAttribute(message))\""
            + " type=\"\(JUnitReporter.escapeAttribute(finding.oracle))\">"
            + "\(JUnitReporter.escape(body.joined(separator: "\n")))</failure>\n    </testcase>"
    }

    /// A replayed finding: failing while the server still misbehaves, passing once it is fixed.
    static func testcase(_ result: FuzzReplayResult) -> String {
        let name = "replay \(result.signature)"
        let head = "    <testcase classname=\"wsconform.fuzz.replay\" name=\"\(JUnitReporter.escapeAttribute(name))\""
        guard result.outcome != .fixed else { return head + "/>" }
        let message = "\(result.outcome.rawValue): \(result.observed)"
        let trace = result.traceId.map { "\ntraceparent trace id: \($0)" } ?? ""
        let body = "\(result.outcome.rawValue): \(result.observed)\nsaved: \(result.path)\(trace)"
        return head + ">\n      <failure message=\"\(JUnitReporter.escapeAttribute(message))\" type=\"replay-\(result.outcome.rawValue)\">"
            + "\(JUnitReporter.escape(body))</failure>\n    </testcase>"
    }
}
