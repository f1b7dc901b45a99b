import Cases
import Foundation
import Reports

/// How a case and its transcript print on the terminal (`run --verbose --transcript`).
enum CaseLines {
    static func line(_ entry: TranscriptEntry) -> String {
        let time = String(format: "%9.3f ms", Double(entry.micros) / 1000)
        var text = "    \(time)  \(entry.kind.rawValue.padding(toLength: 14, withPad: " ", startingAt: 0)) \(entry.text)"
        if let offset = entry.offset { text += " @\(offset)" }
        if let hex = entry.hex { text += "  \(hex.prefix(48))" + (hex.count > 48 ? "…" : "") }
        if let cuts = entry.cuts {
            text += "  cut at \(cuts.prefix(8).map(String.init).joined(separator: ","))" + (cuts.count > 8 ? ",…" : "")
        }
        return text
    }

    static func line(_ testCase: TestCase, _ result: CaseResult) -> String {
        let verdict: String
        switch result.outcome {
        case .judged(let behaviour, let close): verdict = "\(behaviour.rawValue) / \(close.rawValue)"
        case .error(let text): verdict = "ERROR: \(text)"
        }
        let reason = result.reasons.first.map { " — \($0)" } ?? ""
        return "  \(testCase)  \(verdict)\(reason)"
    }
}

extension CaseLines {
    /// The pre-launch checklist on the terminal: one line per item, status first.
    static func checklist(_ items: [ChecklistItem], target: String) -> String {
        let width = items.map(\.title.count).max() ?? 0
        var lines = ["\(printable(target)): pre-launch checklist"]
        for item in items {
            let status: String
            switch item.status {
            case .ok: status = "PASS"
            case .warn: status = "WARN"
            case .fail: status = "FAIL"
            case .notMeasured: status = "----"
            }
            lines.append(
                "  \(status)  \(item.title.padding(toLength: width, withPad: " ", startingAt: 0))  \(printable(String(item.value.prefix(90))))")
            if item.status == .fail || item.status == .warn {
                lines.append("        " + String(repeating: " ", count: width) + "  → " + printable(item.advice))
            }
        }
        return lines.joined(separator: "\n")
    }

    /// Text from the target made safe for a terminal: control characters (escape sequences
    /// among them) become "?".
    static func printable(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) ? "?" : $0 }))
    }
}
