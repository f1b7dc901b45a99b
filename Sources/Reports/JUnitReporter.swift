import Foundation

/// JUnit XML for CI test views: one testsuite per category (per target and category when a run
/// had several targets), one testcase per case; a case that did not pass is a failure carrying
/// its reason, one that could not run an error, a failure the baseline waives is skipped with
/// the waiver's reason (so the CI view agrees with the exit code). Valid against docs/junit.xsd.
public struct JUnitReporter: Reporter {
    public var format: ReportFormat { .junit }
    public var fileName: String { "junit.xml" }

    public init() {}

    public func render(_ report: RunReport) throws -> Data {
        var xml = ["<?xml version=\"1.0\" encoding=\"UTF-8\"?>"]
        let all = report.targets.flatMap(\.cases)
        let totals = Totals(all)
        let items = report.targets.flatMap { $0.checklist ?? [] }
        let checklistFailures = items.filter { $0.status == .fail }.count
        xml.append(
            "<testsuites name=\"wsconform\" tests=\"\(totals.cases + items.count)\" failures=\"\(totals.failed + checklistFailures)\" errors=\"\(totals.errors)\" skipped=\"\(totals.waived)\" time=\"\(Self.seconds(report.durationSeconds))\">"
        )
        for target in report.targets {
            if let checklist = target.checklist { xml += Self.checklistSuite(checklist, target: target, report: report) }
            for (index, (category, cases)) in target.casesByCategory.enumerated() {
                let counts = Totals(cases)
                let suite = report.targets.count > 1 ? "\(target.name) \(category)" : category
                let time = Double(cases.reduce(0) { $0 + $1.durationMilliseconds }) / 1000
                xml.append(
                    "  <testsuite name=\"\(Self.escapeAttribute(suite))\" tests=\"\(counts.cases)\" failures=\"\(counts.failed)\" errors=\"\(counts.errors)\" skipped=\"\(counts.waived)\" time=\"\(Self.seconds(time))\" timestamp=\"\(Self.escape(report.startedAt))\">"
                )
                xml.append("    <properties>" + Self.properties(target) + "</properties>")
                for item in cases {
                    let name = item.autobahn.map { "\(item.id) (\($0))" } ?? item.id
                    let time = Self.seconds(Double(item.durationMilliseconds) / 1000)
                    var line =
                        "    <testcase classname=\"wsconform.\(Self.escapeAttribute(suite))\" name=\"\(Self.escape(name))\" time=\"\(time)\""
                    // Where to look in the target's logs, for a case that did not pass.
                    let trace = item.traceId.map { "\n      <system-out>traceparent trace id: \(Self.escape($0))</system-out>" } ?? ""
                    if let error = item.error {
                        line +=
                            ">\n      <error message=\"\(Self.escapeAttribute(error))\" type=\"target-or-tool-error\"/>\(trace)\n    </testcase>"
                    } else if !item.passed, let waiver = item.waiver {
                        line += ">\n      <skipped message=\"\(Self.escapeAttribute("waived: " + waiver))\"/>\n    </testcase>"
                    } else if !item.passed {
                        let verdict = "\(item.behaviour ?? "") / \(item.close ?? "")"
                        let message = "\(verdict): \(item.reasons.first ?? "")"
                        let quoted = item.sentence.map { [$0] } ?? []
                        let body = ([item.section + " (" + item.level + "): " + item.rule] + quoted + item.reasons).joined(separator: "\n")
                        line +=
                            ">\n      <failure message=\"\(Self.escapeAttribute(message))\" type=\"\(Self.escapeAttribute(verdict))\">\(Self.escape(body))</failure>\(trace)\n    </testcase>"
                    } else {
                        line += "/>"
                    }
                    xml.append(line)
                }
                // The launched target's end and last output, once per target: in its first suite.
                if index == 0, let launched = target.launched {
                    let text = "launched: \(launched.command)\nended: \(launched.ended ?? "still running")\n\(launched.outputTail)"
                    xml.append("    <system-out>\(Self.escape(text))</system-out>")
                }
                xml.append("  </testsuite>")
            }
        }
        xml.append("</testsuites>")
        return Data((xml.joined(separator: "\n") + "\n").utf8)
    }

    /// The pre-launch checklist as a suite of its own, one testcase per item: a failed item is
    /// a failure (as it fails the run), a warning passes with its advice in system-out.
    static func checklistSuite(_ items: [ChecklistItem], target: TargetReport, report: RunReport) -> [String] {
        let suite = report.targets.count > 1 ? "\(target.name) pre-launch checklist" : "pre-launch checklist"
        let failures = items.filter { $0.status == .fail }.count
        var xml = [
            "  <testsuite name=\"\(escapeAttribute(suite))\" tests=\"\(items.count)\" failures=\"\(failures)\" errors=\"0\" skipped=\"0\" time=\"0\" timestamp=\"\(escape(report.startedAt))\">"
        ]
        for item in items {
            let head = "    <testcase classname=\"wsconform.checklist\" name=\"\(escapeAttribute(item.id + ": " + item.title))\" time=\"0\">"
            let detail = "\(item.status.rawValue): \(item.value) — \(item.advice)"
            if item.status == .fail {
                xml.append(head + "\n      <failure message=\"\(escapeAttribute(detail))\" type=\"checklist\"/>\n    </testcase>")
            } else {
                xml.append(head + "\n      <system-out>\(escape(detail))</system-out>\n    </testcase>")
            }
        }
        xml.append("  </testsuite>")
        return xml
    }

    /// A suite's properties: its target, and each of the target's measurements as
    /// `measurement.<id>` = "value (status)".
    static func properties(_ target: TargetReport) -> String {
        var properties = [("target", target.url)]
        for measurement in target.measurements {
            properties.append(("measurement.\(measurement.id)", "\(measurement.formatted) (\(measurement.status.rawValue))"))
        }
        return properties.map { "<property name=\"\(escapeAttribute($0.0))\" value=\"\(escapeAttribute($0.1))\"/>" }.joined()
    }

    /// An attribute value: `escape`, plus tab, LF and CR as character references, which
    /// attribute-value normalisation (XML 1.0 §3.3.3) would otherwise turn into spaces.
    static func escapeAttribute(_ text: String) -> String {
        escape(text).replacingOccurrences(of: "\t", with: "&#9;").replacingOccurrences(of: "\n", with: "&#10;")
            .replacingOccurrences(of: "\r", with: "&#13;")
    }

    static func seconds(_ value: Double) -> String { String(format: "%.3f", value) }

    /// XML 1.0 text: the five entities escaped, and characters XML cannot hold replaced.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                let value = scalar.value
                let allowed = (0x20...0xD7FF).contains(value) || (0xE000...0xFFFD).contains(value) || (0x10000...0x10FFFF).contains(value)
                if allowed { out.unicodeScalars.append(scalar) } else { out += "\u{FFFD}" }
            }
        }
        return out
    }
}
