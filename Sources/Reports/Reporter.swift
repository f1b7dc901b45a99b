import Foundation

/// A report backend (swift-log's API/backend split): renders one run in one format. Writers
/// are pure renderers; `ReportWriter` puts their output on disk atomically.
public protocol Reporter: Sendable {
    /// The format it writes.
    var format: ReportFormat { get }
    /// The file name inside the report directory.
    var fileName: String { get }
    /// The rendered report.
    func render(_ report: RunReport) throws -> Data
}

/// Writes a run's reports into a directory, each file atomically (written to a temporary file,
/// then renamed), so a crash never leaves a half-written report.
public struct ReportWriter: Sendable {
    public var reporters: [any Reporter]

    public init(reporters: [any Reporter]) { self.reporters = reporters }

    /// Writes every report into `directory` (created if needed); returns the paths written.
    @discardableResult
    public func write(_ report: RunReport, to directory: URL) throws -> [URL] {
        try Self.write(reporters.map { reporter in (reporter.fileName, { try reporter.render(report) }) }, to: directory)
    }

    /// Renders each file and writes it atomically into `directory` (created if needed): the one
    /// way every report, conformance or fuzz, reaches the disk.
    static func write(_ files: [(name: String, render: () throws -> Data)], to directory: URL) throws -> [URL] {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return try files.map { file in
            let url = directory.appendingPathComponent(file.name)
            try file.render().write(to: url, options: .atomic)
            return url
        }
    }
}

/// The JSON report: the whole run, with a `schemaVersion` (docs/report.schema.json).
public struct JSONReporter: Reporter {
    public var format: ReportFormat { .json }
    public var fileName: String { "report.json" }

    public init() {}

    public func render(_ report: RunReport) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(report)
        data.append(0x0A)
        return data
    }
}
