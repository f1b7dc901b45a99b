import Foundation

/// `--format openmetrics` for a load run (`load-metrics.prom`): gauges of the run's figures
/// for trend dashboards, every series naming its target:
/// `wsconform_load_echo_latency_seconds{target,quantile}` (0.5, 0.9, 0.99, 0.999, 1),
/// `wsconform_load_handshake_latency_seconds{target,quantile}`,
/// `wsconform_load_echoes_per_second{target}`, `wsconform_load_connections_held{target}` (the
/// most), `wsconform_load_errors{target,kind}`, `wsconform_load_policy_passed{target,bound}`.
public struct LoadOpenMetricsReporter: Reporter {
    public var format: ReportFormat { .openmetrics }
    public var fileName: String { "load-metrics.prom" }
    public init() {}

    public func render(_ report: LoadReport) throws -> Data {
        var metrics = OpenMetricsText()
        let target = ("target", report.target)
        func quantiles(_ summary: HistogramSummary) -> [(labels: [(String, String)], value: Double)] {
            [("0.5", summary.p50), ("0.9", summary.p90), ("0.99", summary.p99), ("0.999", summary.p999), ("1", summary.max)]
                .compactMap { quantile, micros in micros.map { ([target, ("quantile", quantile)], Double($0) / 1_000_000) } }
        }
        metrics.gauge(
            "wsconform_load_echo_latency_seconds", unit: "seconds", help: "Echo round trip at each quantile (bucket tops: at most 0.78% high).",
            quantiles(report.latency))
        metrics.gauge(
            "wsconform_load_handshake_latency_seconds", unit: "seconds", help: "Opening handshake time at each quantile.",
            quantiles(report.handshake))
        metrics.gauge("wsconform_load_echoes_per_second", help: "Echoes checked per second over the hold.", [([target], report.totals.echoesPerSecond)])
        metrics.gauge("wsconform_load_connections_held", help: "The most connections open at once.", [([target], Double(report.totals.mostHeld))])
        metrics.gauge(
            "wsconform_load_duration_seconds", unit: "seconds", help: "Wall time of the run.", [([target], report.durationSeconds)])
        metrics.gauge(
            "wsconform_load_errors", help: "Errors by kind.",
            report.errors.sorted { $0.key < $1.key }.map { ([target, ("kind", $0.key)], Double($0.value)) } + [([target, ("kind", "all")], Double(report.totals.errors))])
        metrics.gauge(
            "wsconform_load_policy_passed", help: "1 when the policy bound held.",
            report.verdicts.map { ([target, ("bound", $0.name)], $0.passed ? 1 : 0) })
        return Data(metrics.text.utf8)
    }
}
