import Foundation

/// Which backend renders each `--format` for a load run; Autobahn's index lists cases, so a
/// load run has none for `autobahn`.
extension ReportWriter where Report == LoadReport {
    public init(formats: [ReportFormat]) { self.init(reporters: formats.compactMap(Self.reporter(for:))) }

    public static func reporter(for format: ReportFormat) -> (any Reporter<LoadReport>)? {
        switch format {
        case .json: return LoadJSONReporter()
        case .html: return LoadHTMLReporter()
        case .junit: return LoadJUnitReporter()
        case .md: return LoadMarkdownReporter()
        case .openmetrics: return LoadOpenMetricsReporter()
        case .autobahn: return nil
        }
    }
}

/// The load run for machines (docs/load-report.schema.json); shards' files merge with
/// `wsconform load merge`.
public struct LoadJSONReporter: Reporter {
    public var format: ReportFormat { .json }
    public var fileName: String { "load-report.json" }
    public init() {}
    public func render(_ report: LoadReport) throws -> Data { try JSONReporter.encode(report) }
}

extension LoadReport {
    /// Microseconds as milliseconds with up to three decimals ("1.234 ms"), or "–".
    static func milliseconds(_ micros: UInt64?) -> String {
        guard let micros else { return "–" }
        let value = Double(micros) / 1000
        return value >= 100 ? String(format: "%.0f ms", value) : value >= 10 ? String(format: "%.1f ms", value) : String(format: "%.3f ms", value)
    }

    /// The headline: connections, echoes per second, p50 and p99, errors.
    public var headline: String {
        "\(totals.mostHeld) connections held, \(String(format: "%.0f", totals.echoesPerSecond)) echoes/s, p50 \(Self.milliseconds(latency.p50)), p99 \(Self.milliseconds(latency.p99)), \(totals.errors) error\(totals.errors == 1 ? "" : "s")"
    }
}

/// The load run for a release ticket.
public struct LoadMarkdownReporter: Reporter {
    public var format: ReportFormat { .md }
    public var fileName: String { "load-summary.md" }
    public init() {}

    public func render(_ report: LoadReport) throws -> Data {
        let cell = MarkdownReporter.cell
        var lines = [
            "# wsconform load: \(cell(report.target))\(report.incomplete ? " (incomplete)" : "")", "",
            "Started \(report.startedAt), \(String(format: "%.1f", report.durationSeconds)) s; shards \(report.shards.joined(separator: ", ")).",
            "",
            "**\(report.headline)**", "",
            "| plan | |", "| --- | --- |",
            "| connections | \(report.plan.connections) |", "| ramp, hold | \(report.plan.rampSeconds) s, \(report.plan.holdSeconds) s |",
            "| rate per connection | \(report.plan.ratePerConnection == 0 ? "next on echo" : "\(report.plan.ratePerConnection)/s"), at most \(report.plan.inFlight) in flight |",
            "| sizes (octets: weight) | \(report.plan.sizes.map { "\($0[0]): \($0[1])" }.joined(separator: ", ")) |",
            "", "| | count | p50 | p90 | p99 | p99.9 | max |", "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        for (name, summary) in [("echo round trip", report.latency), ("opening handshake", report.handshake)] {
            lines.append(
                "| \(name) | \(summary.count) | \(LoadReport.milliseconds(summary.p50)) | \(LoadReport.milliseconds(summary.p90)) | \(LoadReport.milliseconds(summary.p99)) | \(LoadReport.milliseconds(summary.p999)) | \(LoadReport.milliseconds(summary.max)) |"
            )
        }
        let totals = report.totals
        lines += [
            "", "Sent \(totals.messagesSent) messages (\(totals.octetsSent) octets); \(totals.echoesChecked) echoes checked octet for octet; \(totals.connectionsOpened) connections opened (\(String(format: "%.1f", totals.handshakesPerSecond))/s\(report.plan.compressed ? ", \(totals.compressedConnections) with permessage-deflate" : "")), \(totals.closedCleanly) closed cleanly.",
        ]
        if !report.errors.isEmpty {
            lines += ["", "| error | count |", "| --- | ---: |"]
            for (kind, count) in report.errors.sorted(by: { $0.key < $1.key }) { lines.append("| \(cell(kind)) | \(count) |") }
            for (kind, _) in report.errors.sorted(by: { $0.key < $1.key }) {
                guard let examples = report.errorExamples?[kind], !examples.isEmpty else { continue }
                lines += ["", "\(MarkdownText.prose(kind)) errors, for example:", ""]
                lines += examples.prefix(LoadReport.examplesPerKind).map { "- \(MarkdownText.prose($0))" }
            }
        }
        if !report.verdicts.isEmpty {
            lines += ["", "| policy | limit | observed | |", "| --- | --- | --- | --- |"]
            for verdict in report.verdicts {
                lines.append("| \(verdict.name) | \(cell(verdict.limit)) | \(cell(verdict.observed)) | \(verdict.passed ? "passed" : "FAILED") |")
            }
        }
        if !report.measurements.isEmpty {
            lines += ["", "| measurement | value | status |", "| --- | ---: | --- |"]
            for measurement in report.measurements {
                lines.append("| \(cell(measurement.title)) (`\(measurement.id)`) | \(cell(measurement.formattedWithObserved)) | \(measurement.status.rawValue) |")
            }
        }
        if let launched = report.launched { lines += MarkdownReporter.launchedSection(launched) }
        return Data((lines.joined(separator: "\n") + "\n").utf8)
    }
}

/// The load run for CI test views: one testcase per policy bound (a bound not held is a
/// failure), and one for the errors.
public struct LoadJUnitReporter: Reporter {
    public var format: ReportFormat { .junit }
    public var fileName: String { "load-junit.xml" }
    public init() {}

    public func render(_ report: LoadReport) throws -> Data {
        let escape = JUnitReporter.escape
        let attribute = JUnitReporter.escapeAttribute
        let failures = report.verdicts.filter { !$0.passed }.count
        var xml = [
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
            "<testsuites name=\"wsconform load\" tests=\"\(max(1, report.verdicts.count))\" failures=\"\(failures)\" errors=\"0\" skipped=\"0\" time=\"\(String(format: "%.3f", report.durationSeconds))\">",
            "  <testsuite name=\"\(attribute("load " + report.target))\" tests=\"\(max(1, report.verdicts.count))\" failures=\"\(failures)\" errors=\"0\" skipped=\"0\" time=\"\(String(format: "%.3f", report.durationSeconds))\" timestamp=\"\(escape(report.startedAt))\">",
            "    <properties><property name=\"summary\" value=\"\(attribute(report.headline))\"/></properties>",
        ]
        if report.verdicts.isEmpty {
            xml.append("    <testcase classname=\"wsconform.load\" name=\"load ran\" time=\"\(String(format: "%.3f", report.durationSeconds))\"/>")
        }
        for verdict in report.verdicts {
            let head = "    <testcase classname=\"wsconform.load\" name=\"\(attribute("\(verdict.name) within \(verdict.limit)"))\" time=\"0\""
            if verdict.passed {
                xml.append(head + "/>")
            } else {
                xml.append(head + ">\n      <failure message=\"\(attribute("\(verdict.name): \(verdict.observed), limit \(verdict.limit)"))\" type=\"load-policy\"/>\n    </testcase>")
            }
        }
        let errors = report.errors.sorted { $0.key < $1.key }.map { kind, count in
            (["\(kind): \(count)"] + (report.errorExamples?[kind] ?? []).map { "  \($0)" }).joined(separator: "\n")
        }.joined(separator: "\n")
        xml.append("    <system-out>\(escape(report.headline + (errors.isEmpty ? "" : "\n" + errors)))</system-out>")
        xml += ["  </testsuite>", "</testsuites>"]
        return Data((xml.joined(separator: "\n") + "\n").utf8)
    }
}
