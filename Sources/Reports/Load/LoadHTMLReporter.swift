import Foundation

/// The load run for people: one self-contained page (inline style and SVG, no script) with the
/// headline, the plan, the percentiles, latency and connections over time as a plot, errors
/// and the policy. Everything from the target is escaped.
public struct LoadHTMLReporter: Reporter {
    public var format: ReportFormat { .html }
    public var fileName: String { "load-report.html" }
    public init() {}

    public func render(_ report: LoadReport) throws -> Data {
        let text: (String) -> String = { HTMLEscape.text($0) }
        var html = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        html += "<title>wsconform load: \(text(report.target))</title>\n<style>\n\(HTMLPageStyle.css)\n"
        html += ".plot { max-width: 100%; height: auto; border: 1px solid var(--line); } .plot text { font: 11px var(--mono, monospace); fill: var(--muted); }\n"
        html += "</style>\n</head>\n<body>\n<div class=\"page\">\n<header><h1>WebSocket load report</h1>"
        html += "<p class=\"sub\">\(text(report.target)) — shards \(text(report.shards.joined(separator: ", ")))</p>"
        if report.incomplete { html += "<div class=\"banner\" role=\"alert\">INCOMPLETE RUN: interrupted before its plan ended.</div>" }
        html += "<p><b>\(text(report.headline))</b></p>"
        html += "<dl class=\"run\"><dt>Started</dt><dd>\(text(report.startedAt))</dd>"
        html += "<dt>Duration</dt><dd>\(String(format: "%.1f", report.durationSeconds)) s</dd>"
        html += "<dt>Command</dt><dd class=\"mono\">\(text(report.commandLine.joined(separator: " ")))</dd>"
        let plan = report.plan
        html += "<dt>Plan</dt><dd>\(plan.connections) connections, ramp \(plan.rampSeconds) s, hold \(plan.holdSeconds) s, "
        html += plan.ratePerConnection == 0 ? "next message on each echo" : "\(plan.ratePerConnection) messages/s each"
        html += ", at most \(plan.inFlight) in flight; sizes \(text(plan.sizes.map { "\($0[0]) octets ×\($0[1])" }.joined(separator: ", ")))</dd>"
        html += "<dt>Descriptor limit</dt><dd>\(report.descriptorLimit)</dd></dl></header>\n<main>\n"
        html += "<table class=\"measurements\"><caption>Latency (\(text(report.latency.precision)))</caption><thead><tr><th></th><th>count</th>"
        html += "<th>p50</th><th>p90</th><th>p99</th><th>p99.9</th><th>max</th></tr></thead><tbody>"
        for (name, summary) in [("Echo round trip", report.latency), ("Opening handshake", report.handshake)] {
            html += "<tr><th>\(name)</th><td class=\"mono\">\(summary.count)</td>"
            for value in [summary.p50, summary.p90, summary.p99, summary.p999, summary.max] { html += "<td class=\"mono\">\(LoadReport.milliseconds(value))</td>" }
            html += "</tr>"
        }
        html += "</tbody></table>\n"
        html += Self.plot(report.seconds)
        let totals = report.totals
        html += "<p>Sent \(totals.messagesSent) messages (\(totals.octetsSent) octets); \(totals.echoesChecked) echoes checked octet for octet; "
        html += "\(totals.connectionsOpened) connections opened, \(totals.closedCleanly) closed cleanly.</p>"
        if !report.errors.isEmpty {
            html += "<table class=\"measurements\"><caption>Errors</caption><tbody>"
            for (kind, count) in report.errors.sorted(by: { $0.key < $1.key }) {
                html += "<tr class=\"m-fail\"><th>\(text(kind))</th><td class=\"mono\">\(count)"
                for example in report.errorExamples?[kind] ?? [] { html += "<br><small>\(text(example))</small>" }
                html += "</td></tr>"
            }
            html += "</tbody></table>"
        }
        if !report.verdicts.isEmpty {
            html += "<table class=\"measurements\"><caption>Policy</caption><tbody>"
            for verdict in report.verdicts {
                html += "<tr class=\"m-\(verdict.passed ? "ok" : "fail")\"><th>\(text(verdict.name))</th><td>limit \(text(verdict.limit))</td>"
                html += "<td>observed \(text(verdict.observed))</td><td><span class=\"status\">\(verdict.passed ? "PASSED" : "FAILED")</span></td></tr>"
            }
            html += "</tbody></table>"
        }
        html += HTMLMeasurements.render(report.measurements)
        if let launched = report.launched { html += HTMLTargetSummary.launched(launched) }
        return Data((html + "</main>\n</div>\n</body>\n</html>\n").utf8)
    }

    /// p50 and p99 per second (left axis, milliseconds) and connections held (right axis), as
    /// an inline SVG.
    static func plot(_ seconds: [LoadReport.Second]) -> String {
        guard !seconds.isEmpty else { return "" }
        let (width, height, left, right, top, bottom) = (720.0, 240.0, 56.0, 56.0, 16.0, 28.0)
        let span = Double(max(1, (seconds.last?.second ?? 0)))
        let p99 = seconds.map { Double($0.latency?.p99 ?? 0) / 1000 }
        let p50 = seconds.map { Double($0.latency?.p50 ?? 0) / 1000 }
        let topMs = max(0.001, p99.max() ?? 0) * 1.1
        let topHeld = Double(max(1, seconds.map(\.held).max() ?? 1)) * 1.1
        func x(_ second: Int) -> Double { left + (width - left - right) * Double(second) / span }
        func y(_ value: Double, _ top: Double) -> Double { height - bottom - (height - bottom - 16) * value / top }
        func line(_ values: [Double], _ top: Double, _ colour: String, dashed: Bool = false) -> String {
            let points = zip(seconds, values).map { String(format: "%.1f,%.1f", x($0.second), y($1, top)) }.joined(separator: " ")
            return "<polyline fill=\"none\" stroke=\"\(colour)\" stroke-width=\"1.5\"\(dashed ? " stroke-dasharray=\"4 3\"" : "") points=\"\(points)\"/>"
        }
        var svg = "<figure><svg class=\"plot\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"latency and connections over time\">"
        svg += "<line x1=\"\(left)\" y1=\"\(height - bottom)\" x2=\"\(width - right)\" y2=\"\(height - bottom)\" stroke=\"#999\"/>"
        svg += line(p99, topMs, "#c0392b") + line(p50, topMs, "#2980b9") + line(seconds.map { Double($0.held) }, topHeld, "#7f8c8d", dashed: true)
        svg += String(format: "<text x=\"4\" y=\"%.0f\">%.2f ms</text>", top + 4, topMs / 1.1)
        svg += String(format: "<text x=\"%.0f\" y=\"%.0f\">%.0f conn</text>", width - right + 4, top + 4, topHeld / 1.1)
        svg += "<text x=\"\(Int(left))\" y=\"\(Int(height - 8))\">0 s</text><text x=\"\(Int(width - right - 24))\" y=\"\(Int(height - 8))\">\(Int(span)) s</text>"
        svg += "</svg><figcaption>Per second: p99 (red) and p50 (blue) echo round trip, left axis; connections held (grey, dashed), right axis.</figcaption></figure>\n"
        return svg
    }
}
