import Foundation

/// Text in the OpenMetrics 1.0 exposition format that the Prometheus text format (0.0.4)
/// reads too, for the textfile collector of node_exporter, a Pushgateway or any scraper.
///
/// Only what both formats accept is written: gauges, metric families each written whole (its
/// `# TYPE`, `# UNIT` when the name ends in its unit, `# HELP`, then its samples), label values
/// escaped (`\\`, `\"`, `\n`; other control characters made spaces), finite values only,
/// and the closing `# EOF` (OpenMetrics requires it; the Prometheus format reads it as a
/// comment). Everything a target controls (its agent name, its URL) is a label value, so it
/// can never start a line of its own.
struct OpenMetricsText {
    private var lines: [String] = []

    /// A gauge family: `name` (ending in `unit` when one is given), `help`, and its samples,
    /// each a set of labels (in order) and a value. Non-finite values are left out; a family
    /// with no sample left is not written.
    mutating func gauge(_ name: String, unit: String? = nil, help: String, _ samples: [(labels: [(String, String)], value: Double)]) {
        let finite = samples.filter { $0.value.isFinite }
        guard !finite.isEmpty else { return }
        lines.append("# TYPE \(name) gauge")
        if let unit { lines.append("# UNIT \(name) \(unit)") }
        lines.append("# HELP \(name) \(Self.escapeHelp(help))")
        for sample in finite {
            let labels = sample.labels.map { "\($0.0)=\"\(Self.escapeLabel($0.1))\"" }.joined(separator: ",")
            lines.append(name + (labels.isEmpty ? "" : "{\(labels)}") + " " + Self.number(sample.value))
        }
    }

    /// The exposition, closed with `# EOF`.
    var text: String { (lines + ["# EOF"]).joined(separator: "\n") + "\n" }

    /// A label value escaped as both formats require.
    static func escapeLabel(_ value: String) -> String {
        var escaped = ""
        for character in value.unicodeScalars {
            switch character {
            case "\\": escaped += "\\\\"
            case "\"": escaped += "\\\""
            case "\n": escaped += "\\n"
            // No other escape exists, and a parser may split lines at a carriage return.
            case _ where character.value < 0x20 || character.value == 0x7F: escaped += " "
            default: escaped.unicodeScalars.append(character)
            }
        }
        return escaped
    }

    /// HELP text: backslash and line breaks escaped.
    static func escapeHelp(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\n")
    }

    /// A finite value: integers without a fraction, others in the shortest form that reads back
    /// exactly (both formats read Go's and Python's float syntax).
    static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}
