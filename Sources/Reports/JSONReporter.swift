import Foundation

/// The JSON report: the whole run, with a `schemaVersion` (docs/report.schema.json).
public struct JSONReporter: Reporter {
    public var format: ReportFormat { .json }
    public var fileName: String { "report.json" }

    public init() {}

    /// The run encoded case by case (`encodeCaseByCase`), the same octets as encoding it whole.
    public func render(_ report: RunReport) throws -> Data { try Self.encodeCaseByCase(report) }

    /// The JSON every report is written in: pretty, keys sorted (the same report always gives
    /// the same bytes), slashes unescaped, a final newline.
    static func encode(_ value: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(value)
        data.append(0x0A)
        return data
    }

    /// `encode(report)`, built from the run without its cases and each case on its own.
    /// `JSONEncoder` holds a tree of every value it encodes until it writes the text, several
    /// times the text's size: for the 216 compression cases that was the run's peak memory.
    /// A case's encoding is its place in the whole indented two more levels than a target's
    /// keys (JSON text holds no raw line breaks inside strings, so indenting by line is safe).
    static func encodeCaseByCase(_ report: RunReport) throws -> Data {
        var shell = report
        for index in shell.targets.indices { shell.targets[index].cases = [] }
        let text = try encode(shell)
        // Each target's empty case list, as the pretty printer writes it at a target's keys.
        let placeholder = Data("\"cases\" : [\n\n      ]".utf8)
        var output = Data()
        output.reserveCapacity(text.count)
        var position = text.startIndex
        for target in report.targets {
            guard let found = text[position...].firstRange(of: placeholder) else { return try encode(report) }
            output.append(text[position..<found.lowerBound])
            output.append(contentsOf: "\"cases\" : [".utf8)
            for (index, caseReport) in target.cases.enumerated() {
                output.append(contentsOf: (index == 0 ? "\n" : ",\n").utf8)
                let encoded = try encode(caseReport)
                for line in encoded.dropLast().split(separator: 0x0A, omittingEmptySubsequences: false) {
                    if line.startIndex != encoded.startIndex { output.append(0x0A) }
                    guard !line.isEmpty else { continue }  // the blank line of an empty list stays blank
                    output.append(contentsOf: "        ".utf8)
                    output.append(line)
                }
            }
            output.append(contentsOf: (target.cases.isEmpty ? "\n\n      ]" : "\n      ]").utf8)
            position = found.upperBound
        }
        output.append(text[position...])
        return output
    }
}
