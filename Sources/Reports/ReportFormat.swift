/// The formats one run can write; a run writes json, html, junit and md unless told otherwise.
public enum ReportFormat: String, Hashable, Sendable, CaseIterable, Codable {
    /// Machine-readable results with a versioned schema.
    case json
    /// One self-contained page for people, to attach to a ticket.
    case html
    /// JUnit XML, for the test views of CI systems.
    case junit
    /// A Markdown summary to paste into a release ticket.
    case md
    /// Autobahn|Testsuite's `index.json`, so dashboards and scripts written for it keep working.
    case autobahn
    /// The run's numbers as OpenMetrics text (Prometheus-readable), for trend dashboards.
    case openmetrics
}

extension ReportFormat {
    /// What a run writes when `--format` is not given.
    public static let defaults: [ReportFormat] = [.json, .html, .junit, .md]
}
