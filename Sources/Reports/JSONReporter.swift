import Foundation

/// The JSON report: the whole run, with a `schemaVersion` (docs/report.schema.json).
public struct JSONReporter: Reporter {
    public var format: ReportFormat { .json }
    public var fileName: String { "report.json" }

    public init() {}

    public func render(_ report: RunReport) throws -> Data { try Self.encode(report) }

    /// The JSON every report is written in: pretty, keys sorted (the same report always gives
    /// the same bytes), slashes unescaped, a final newline.
    static func encode(_ value: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(value)
        data.append(0x0A)
        return data
    }
}
