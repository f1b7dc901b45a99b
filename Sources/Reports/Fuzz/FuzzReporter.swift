import Foundation

/// A fuzz report backend: renders one campaign in one format, as `Reporter` does for a
/// conformance run. Writers are pure renderers; `FuzzReportWriter` puts their output on disk.
public protocol FuzzReporter: Sendable {
    /// The format it writes.
    var format: ReportFormat { get }
    /// The file name inside the report directory.
    var fileName: String { get }
    /// The rendered report.
    func render(_ report: FuzzReport) throws -> Data
}

/// Writes a campaign's reports into a directory, each file atomically (written to a temporary
/// file, then renamed), so a campaign killed mid-write never leaves a half-written report.
public struct FuzzReportWriter: Sendable {
    public var reporters: [any FuzzReporter]

    public init(reporters: [any FuzzReporter]) { self.reporters = reporters }

    /// The writers of `formats`, in that order; formats without a fuzz writer (`autobahn`) are left out.
    public init(formats: [ReportFormat]) { reporters = formats.compactMap(Self.reporter(for:)) }

    /// The fuzz writer of `format`, or nil when the format has none (Autobahn's index lists cases).
    public static func reporter(for format: ReportFormat) -> (any FuzzReporter)? {
        switch format {
        case .json: return FuzzJSONReporter()
        case .html: return FuzzHTMLReporter()
        case .junit: return FuzzJUnitReporter()
        case .md: return FuzzMarkdownReporter()
        case .autobahn: return nil
        }
    }

    /// Writes every report into `directory` (created if needed); returns the paths written.
    @discardableResult
    public func write(_ report: FuzzReport, to directory: URL) throws -> [URL] {
        try ReportWriter.write(reporters.map { reporter in (reporter.fileName, { try reporter.render(report) }) }, to: directory)
    }
}

/// The JSON fuzz report: the whole campaign, with a `schemaVersion` (docs/fuzz-report.schema.json).
/// Keys are sorted, so the same campaign always gives the same bytes.
public struct FuzzJSONReporter: FuzzReporter {
    public var format: ReportFormat { .json }
    public var fileName: String { "fuzz-report.json" }

    public init() {}

    public func render(_ report: FuzzReport) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Redacted again, so a report whose command line was set by hand cannot leak a header secret.
        var redacted = report
        redacted.commandLine = Redaction.redact(commandLine: report.commandLine)
        var data = try encoder.encode(redacted)
        data.append(0x0A)
        return data
    }
}
