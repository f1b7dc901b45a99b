import Foundation

/// The JSON fuzz report: the whole campaign, with a `schemaVersion` (docs/fuzz-report.schema.json).
/// Keys are sorted, so the same campaign always gives the same bytes.
public struct FuzzJSONReporter: Reporter {
    public var format: ReportFormat { .json }
    public var fileName: String { "fuzz-report.json" }

    public init() {}

    public func render(_ report: FuzzReport) throws -> Data {
        // Redacted again, so a report whose command line was set by hand cannot leak a header secret.
        var redacted = report
        redacted.commandLine = Redaction.redact(commandLine: report.commandLine)
        return try JSONReporter.encode(redacted)
    }
}
