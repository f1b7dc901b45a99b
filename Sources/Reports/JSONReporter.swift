import Foundation

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
