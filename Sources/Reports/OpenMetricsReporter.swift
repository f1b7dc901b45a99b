import Cases
import Foundation

/// `--format openmetrics`: the run's numbers as `metrics.prom`, for nightly trend dashboards
/// (node_exporter's textfile collector, a Pushgateway, any Prometheus-compatible store). Every
/// metric is a gauge of this run; every series names its target (distinctly, as
/// `RunReport.distinctTargetNames`):
///
/// - `wsconform_run_start_timestamp_seconds{tool_version}`, `wsconform_run_duration_seconds`,
///   `wsconform_run_incomplete` (1 after Ctrl-C or a recovered journal);
/// - `wsconform_cases{target,outcome}`: cases by outcome, `ok`, `non_strict`, `informational`
///   (together the passes), `failed`, `waived` and `error`; `wsconform_pass_ratio{target}`;
/// - `wsconform_category_cases{target,category,outcome}` (`passed`, `failed`, `waived`,
///   `error`) and `wsconform_category_duration_seconds{target,category}`: the time its cases
///   took, summed;
/// - `wsconform_measurement{target,id,unit}` with each measured value of the posture probes and
///   timers, and `wsconform_measurement_status{target,id,status}` = 1 for its status;
/// - `wsconform_checklist_items{target,status}` after `wsconform check`.
///
/// Series are in report order, so the same report always gives the same bytes.
public struct OpenMetricsReporter: Reporter {
    public var format: ReportFormat { .openmetrics }
    public var fileName: String { "metrics.prom" }

    public init() {}

    public func render(_ report: RunReport) throws -> Data { Data(Self.text(report).utf8) }

    static func text(_ report: RunReport) -> String {
        var metrics = OpenMetricsText()
        if let started = ISO8601DateFormatter().date(from: report.startedAt) {
            metrics.gauge(
                "wsconform_run_start_timestamp_seconds", unit: "seconds", help: "When the run started, in seconds since the Unix epoch.",
                [([("tool_version", report.toolVersion)], started.timeIntervalSince1970)])
        }
        metrics.gauge(
            "wsconform_run_duration_seconds", unit: "seconds", help: "Wall time of the whole run.", [([], report.durationSeconds)])
        metrics.gauge(
            "wsconform_run_incomplete", help: "1 when the run did not finish (interrupted, or rendered from a journal).",
            [([], report.incomplete ? 1 : 0)])
        // Two targets of one name would be one series twice: an invalid exposition.
        let targets = zip(report.targets, report.distinctTargetNames).map { target, name in
            var named = target
            named.agent = name
            return named
        }
        metrics.gauge(
            "wsconform_cases", help: "Cases by outcome; ok, non_strict and informational are the passes.",
            targets.flatMap { target in
                let totals = target.totals
                return [
                    ("ok", totals.ok), ("non_strict", totals.nonStrict), ("informational", totals.informational),
                    ("failed", totals.failed), ("waived", totals.waived), ("error", totals.errors),
                ].map { ([("target", target.name), ("outcome", $0.0)], Double($0.1)) }
            })
        metrics.gauge(
            "wsconform_pass_ratio", help: "Passed cases over all cases.",
            targets.filter { $0.totals.cases > 0 }.map { ([("target", $0.name)], Double($0.totals.passed) / Double($0.totals.cases)) })
        let categories = targets.flatMap { target in target.casesByCategory.map { (target.name, $0.category, $0.cases) } }
        metrics.gauge(
            "wsconform_category_cases", help: "Cases of each category by outcome.",
            categories.flatMap { target, category, cases in
                let totals = Totals(cases)
                return [("passed", totals.passed), ("failed", totals.failed), ("waived", totals.waived), ("error", totals.errors)].map {
                    ([("target", target), ("category", category), ("outcome", $0.0)], Double($0.1))
                }
            })
        metrics.gauge(
            "wsconform_category_duration_seconds", unit: "seconds", help: "Time the cases of each category took, summed.",
            categories.map { target, category, cases in
                ([("target", target), ("category", category)], Double(cases.reduce(0) { $0 + $1.durationMilliseconds }) / 1000)
            })
        let measurements = targets.flatMap { target in target.measurements.map { (target.name, $0) } }
        metrics.gauge(
            "wsconform_measurement", help: "Each measured value (posture probes, timers), in the unit its label names.",
            measurements.compactMap { target, measurement in
                measurement.value.map { ([("target", target), ("id", measurement.id), ("unit", measurement.unit.rawValue)], $0) }
            })
        metrics.gauge(
            "wsconform_measurement_status", help: "1 for each measurement's status: ok, warn, fail or not-measured.",
            measurements.map { target, measurement in
                ([("target", target), ("id", measurement.id), ("status", measurement.status.rawValue)], 1)
            })
        metrics.gauge(
            "wsconform_checklist_items", help: "Pre-launch checklist items by status (wsconform check).",
            targets.flatMap { target -> [([(String, String)], Double)] in
                guard let checklist = target.checklist else { return [] }
                return [Measurement.Status.ok, .warn, .fail, .notMeasured].map { status in
                    ([("target", target.name), ("status", status.rawValue)], Double(checklist.filter { $0.status == status }.count))
                }
            })
        return metrics.text
    }
}
