import Cases

/// A target's measurements as one table: what was measured, the value with its unit, the
/// status against the policy (a text label and a colour), and the advice.
enum HTMLMeasurements {
    static func render(_ measurements: [Measurement]) -> String {
        guard !measurements.isEmpty else { return "" }
        var html = "<table class=\"measurements\"><caption>Measurements</caption><thead><tr>"
        html += "<th>Measurement</th><th>Value</th><th>Status</th><th>Policy</th><th>Advice</th></tr></thead><tbody>"
        for measurement in measurements {
            html += "<tr class=\"m-\(measurement.status.rawValue)\">"
            html += "<th>\(HTMLEscape.text(measurement.title))<small class=\"mono\">\(HTMLEscape.text(measurement.id))</small></th>"
            html += "<td class=\"mono\">\(HTMLEscape.text(measurement.formatted))"
            // What was seen, where the number alone does not say it.
            if measurement.formattedWithObserved != measurement.formatted, let observed = measurement.observed {
                html += "<small>\(HTMLEscape.text(observed))</small>"
            }
            html += "</td>"
            html += "<td><span class=\"status\">\(HTMLEscape.text(measurement.status.rawValue.uppercased()))</span></td>"
            html += "<td>\(HTMLEscape.text(policy(measurement)))</td>"
            html += "<td>\(HTMLEscape.text(measurement.advice))</td></tr>"
        }
        return html + "</tbody></table>"
    }

    /// The policy's bounds in words ("warn above 250 ms, fail above 1000 ms").
    static func policy(_ measurement: Measurement) -> String {
        guard let policy = measurement.policy else { return "none" }
        let side = policy.higherIsWorse ? "above" : "below"
        var unit = measurement
        func bound(_ value: Double) -> String {
            unit.value = value
            return unit.formatted
        }
        let parts = [policy.warn.map { "warn \(side) \(bound($0))" }, policy.fail.map { "fail \(side) \(bound($0))" }].compactMap { $0 }
        return parts.isEmpty ? "none" : parts.joined(separator: ", ")
    }
}
