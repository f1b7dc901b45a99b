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
        var lines = ["\(target.printable): pre-launch checklist"]
        for item in items {
            let status = item.status == .notMeasured ? "----" : Checklist.label(item.status)
            lines.append(
                "  \(status)  \(item.title.padding(toLength: width, withPad: " ", startingAt: 0))  \(String(item.value.prefix(90)).printable)")
            if item.status == .fail || item.status == .warn {
                lines.append("        " + String(repeating: " ", count: width) + "  → " + item.advice.printable)
            }
        }
        return lines.joined(separator: "\n")
    }
}
