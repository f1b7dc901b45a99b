import Cases
import Foundation
import ProcessSupport
import Testing

@testable import Reports

/// metrics.prom read back by independent parsers (prometheus_client's OpenMetrics and
/// Prometheus text parsers), on the golden run and on one with every case, hostile target names
/// and two targets of one name; the numbers must be the report's.
@Suite("OpenMetrics: metrics.prom read by Prometheus' parsers")
struct OpenMetricsTests {
    static func samples(_ report: RunReport) throws -> [OpenMetricsParsing.Sample] {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("wsconform-metrics-\(UUID().uuidString).prom")
        defer { try? FileManager.default.removeItem(at: file) }
        try OpenMetricsReporter().render(report).write(to: file)
        return try OpenMetricsParsing.samples(file.path)
    }

    @Test("the golden run's metrics parse, with its totals, categories and measurements")
    func goldenParses() throws {
        let report = GoldenTests.report
        let samples = try Self.samples(report)
        let target = report.targets[0].name
        #expect(samples.sum("wsconform_cases", ["target": target]) == 3)
        #expect(samples.sum("wsconform_cases", ["outcome": "failed"]) == 1)
        #expect(samples.sum("wsconform_cases", ["outcome": "error"]) == 1)
        #expect(samples.sum("wsconform_pass_ratio") == 1.0 / 3)
        #expect(samples.sum("wsconform_measurement", ["id": "handshake.round-trip", "unit": "milliseconds"]) == 1204.5)
        #expect(samples.sum("wsconform_measurement_status", ["id": "handshake.round-trip", "status": "fail"]) == 1)
        #expect(samples.sum("wsconform_run_duration_seconds") == 1.25)
        #expect(samples.sum("wsconform_run_start_timestamp_seconds", ["tool_version": "0.1.0"]) == 1_795_629_600)
    }

    @Test("hostile target names stay label values, two targets of one name stay apart, every case is counted")
    func hostileAndDuplicateTargets() throws {
        var report = JUnitSchemaTests.everyCase
        var twin = report.targets[1]
        twin.cases = Array(twin.cases.prefix(5))
        twin.totals = Totals(twin.cases)
        report.targets.append(twin)
        report.targets[0].agent = "agent \"quoted\" \\ back\nslash } # EOF"
        let samples = try Self.samples(report)
        let names = report.distinctTargetNames
        #expect(Set(names).count == 3)
        // As a label value: control characters other than a line break become spaces.
        func label(_ name: String) -> String {
            String(String.UnicodeScalarView(name.unicodeScalars.map { ($0.value < 0x20 && $0 != "\n") || $0.value == 0x7F ? " " : $0 }))
        }
        for (target, name) in zip(report.targets, names.map(label)) {
            let counted = samples.sum("wsconform_cases", ["target": name])
            #expect(counted == Double(target.totals.cases), "\(name)")
            let byCategory = samples.sum("wsconform_category_cases", ["target": name])
            #expect(byCategory == Double(target.totals.cases), "\(name)")
        }
        #expect(samples.contains { $0.labels["target"] == "agent \"quoted\" \\ back\nslash } # EOF" })
        #expect(samples.contains { $0.labels["target"] == label(names[2]) && names[2].hasSuffix(" (2)") })
    }
}
