import Foundation

/// `fuzz --format openmetrics` (`fuzz-metrics.prom`): a campaign's numbers for nightly trend
/// dashboards, every series naming its target:
/// `wsconform_fuzz_inputs{target,kind}` (run, valid, invalid), `wsconform_fuzz_inputs_per_second`,
/// `wsconform_fuzz_findings{target,oracle,new}`, `wsconform_fuzz_restarts`,
/// `wsconform_fuzz_liveness_checks`, `wsconform_fuzz_corpus_size{target,when}` (start, end),
/// `wsconform_fuzz_duration_seconds` and `wsconform_fuzz_incomplete`.
public struct FuzzOpenMetricsReporter: Reporter {
    public var format: ReportFormat { .openmetrics }
    public var fileName: String { "fuzz-metrics.prom" }
    public init() {}

    public func render(_ report: FuzzReport) throws -> Data {
        var metrics = OpenMetricsText()
        let target = ("target", report.target.name)
        let totals = report.totals
        metrics.gauge(
            "wsconform_fuzz_inputs", help: "Inputs run, and of them those the oracle judged valid or invalid.",
            [
                ([target, ("kind", "run")], Double(totals.inputsRun)), ([target, ("kind", "valid")], Double(totals.validInputs)),
                ([target, ("kind", "invalid")], Double(totals.invalidInputs)),
            ])
        metrics.gauge("wsconform_fuzz_inputs_per_second", help: "Inputs run per second of the campaign.", [([target], totals.inputsPerSecond)])
        var findings: [String: (all: Int, new: Int)] = [:]
        for finding in report.findings {
            findings[finding.oracle, default: (0, 0)].all += 1
            if finding.isNew { findings[finding.oracle, default: (0, 0)].new += 1 }
        }
        metrics.gauge(
            "wsconform_fuzz_findings", help: "Unique findings by oracle; new: not in the corpus before the campaign.",
            [([target, ("oracle", "all"), ("new", "false")], Double(report.findings.count))]
                + findings.sorted { $0.key < $1.key }.flatMap { oracle, counts in
                    [([target, ("oracle", oracle), ("new", "false")], Double(counts.all)), ([target, ("oracle", oracle), ("new", "true")], Double(counts.new))]
                })
        metrics.gauge("wsconform_fuzz_restarts", help: "Restarts of the target (--exec) after a crash or hang.", [([target], Double(totals.restarts))])
        metrics.gauge(
            "wsconform_fuzz_liveness_checks", help: "Control exchanges on a fresh connection.", [([target], Double(totals.livenessChecks))])
        metrics.gauge(
            "wsconform_fuzz_corpus_size", help: "Corpus entries at the start and the end of the campaign.",
            [([target, ("when", "start")], Double(totals.corpusSizeAtStart)), ([target, ("when", "end")], Double(totals.corpusSizeAtEnd))])
        metrics.gauge(
            "wsconform_fuzz_duration_seconds", unit: "seconds", help: "Wall time of the campaign.", [([target], report.durationSeconds)])
        metrics.gauge("wsconform_fuzz_incomplete", help: "1 when the campaign was interrupted.", [([target], report.incomplete ? 1 : 0)])
        return Data(metrics.text.utf8)
    }
}
